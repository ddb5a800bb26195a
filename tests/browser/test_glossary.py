"""The glossary's pages from the offline bundle (file://, network blocked): the filter box narrows
the entries as the reader types, by term, simplified form, pinyin with or without tones and
English; the bar of categories stays under the header on a phone with targets a finger can hit;
an old link to the one-page glossary still reaches its entry."""

from __future__ import annotations

import pytest

from tests.browser.conftest import watch

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "locale": "zh-CN"}


def url(bundle, path: str) -> str:
    path, _, fragment = path.partition("#")
    return (bundle / path).as_uri() + (f"#{fragment}" if fragment else "")


def shown_entries(page) -> list[str]:
    return page.locator(".glossary-entry:not([hidden])").evaluate_all("els => els.map(e => e.id)")


def shown_items(page) -> list[str]:
    return page.locator("li[data-entry]:not([hidden])").evaluate_all("els => els.map(e => e.dataset.entry)")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield watch(context, ("file://",))
    context.close()


@pytest.mark.parametrize(
    "query",
    ["最多跑一次", "zuì duō pǎo yī cì", "zuiduo", "zui4 duo1 pao3", "Most One Visit", "at most one visit"],
)
def test_filter_finds_an_entry_by_term_pinyin_or_english(watched, bundle, query):
    page = watched.page
    page.goto(url(bundle, "glossary/reform.html"))
    total = len(shown_entries(page))
    assert total > 20
    page.fill(".glossary-filter-input", query)
    shown = shown_entries(page)
    assert "zuiduo-paoyici" in shown and len(shown) < total
    # Each entry goes whole: its heading, meta, definition, sources, occurrences; the TOC follows.
    assert page.locator("#zuiduo-paoyici + .entry-meta").is_visible()
    hidden = next(i for i in page.locator(".glossary-entry").evaluate_all("els => els.map(e => e.id)") if i not in shown)
    assert page.locator(f"#{hidden} ~ .entry-definition").first.is_hidden()
    assert page.locator(f'.md-sidebar--secondary a[href="#{hidden}"]').is_hidden()
    page.fill(".glossary-filter-input", "")
    assert len(shown_entries(page)) == total
    watched.assert_clean()


def test_filter_says_when_nothing_matches(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "glossary/reform.html"))
    assert page.locator(".glossary-filter-none").is_hidden()
    page.fill(".glossary-filter-input", "没有这样的术语xyz")
    assert shown_entries(page) == []
    assert page.locator(".glossary-filter-none").inner_text() == "没有符合的条目"
    watched.assert_clean()


def test_filter_in_a_traditional_variant_takes_either_script(watched, bundle):
    """On 繁體·臺灣 the term shows in traditional characters; the simplified form finds it too."""
    page = watched.page
    page.goto(url(bundle, "zh-TW/glossary/reform.html"))
    assert page.locator(".glossary-filter-label").inner_text() == "篩選"
    assert page.locator(".glossary-filter-input").get_attribute("placeholder") == "輸入術語、拼音或英文"
    for query in ("無證明辦事之城", "无证明办事之城"):
        page.fill(".glossary-filter-input", query)
        assert shown_entries(page) == ["wuzhengming-banshi-zhicheng"], query
    watched.assert_clean()


def test_landing_page_filters_every_term_and_hides_empty_categories(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "glossary.html"))
    total = len(shown_items(page))
    assert total > 300
    page.fill(".glossary-filter-input", "5459")
    assert shown_items(page) == ["quzhou-5459"]
    assert page.locator("h2:not([hidden])").evaluate_all("els => els.map(e => e.id)") == ["cat-formula"]
    page.locator('li[data-entry="quzhou-5459"] a').click()
    page.wait_for_url("**/glossary/formula.html#quzhou-5459")
    assert page.locator("#quzhou-5459").is_visible()
    watched.assert_clean()


def test_an_old_link_to_the_one_page_glossary_reaches_the_entry(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "glossary.html#zuiduo-paoyici"))
    page.wait_for_url("**/glossary/reform.html#zuiduo-paoyici")
    assert page.locator("#zuiduo-paoyici").is_visible()
    watched.assert_clean()


def test_on_a_phone_the_bar_stays_under_the_header_and_the_filter_works(phone, bundle):
    page = phone.page
    page.goto(url(bundle, "glossary/place.html"))
    bar = page.locator(".glossary-bar")
    links = bar.locator("a")
    # Every category's link at least 44 px tall and wide; the bar scrolls sideways, the page does not.
    sizes = links.evaluate_all("els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert len(sizes) == 12 and all(w >= 44 and h >= 44 for w, h in sizes)
    assert bar.evaluate("b => b.scrollWidth > b.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # The current category is scrolled into the bar's view.
    current = bar.locator("a[aria-current=page]")
    assert current.inner_text().startswith("地名")
    box, bar_box = current.bounding_box(), bar.bounding_box()
    assert bar_box["x"] - 1 <= box["x"] and box["x"] + box["width"] <= bar_box["x"] + bar_box["width"] + 1
    # Far down the page, the bar and the filter are still right under the header.
    page.mouse.wheel(0, 6000)
    page.wait_for_function("() => window.scrollY > 3000")
    header = page.locator(".md-header").bounding_box()
    tools = page.locator(".glossary-tools").bounding_box()
    assert abs(tools["y"] - (header["y"] + header["height"])) <= 2
    # Typing there filters and brings the reader back to the first match.
    page.locator(".glossary-filter-input").tap()
    page.fill(".glossary-filter-input", "quzhou")
    shown = shown_entries(page)
    assert "quzhou" in shown and len(shown) < 10
    first = page.locator(f"#{shown[0]}").bounding_box()
    assert 0 < first["y"] < 844
    # Tapping another category in the bar goes to its page.
    bar.locator("a", has_text="人物").tap()
    page.wait_for_url("**/glossary/person.html")
    assert page.locator("h1").inner_text() == "人物"
    phone.assert_clean()
