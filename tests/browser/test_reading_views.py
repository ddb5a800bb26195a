"""The reading views (中文 / 中英对照 / English) in Chromium, from the offline bundle with the network
blocked, on a desktop and on a phone-sized touch screen, in every script variant; and English
search."""

from __future__ import annotations

import pytest

from build_tools import registry
from tests.browser.test_offline_bundle import clean, search, url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def choose(page, view: str) -> None:
    page.locator(f'.view-switch button[data-view="{view}"]').click()
    assert page.locator("html").get_attribute("data-view") == view
    assert page.locator(f'.view-switch button[data-view="{view}"]').get_attribute("aria-pressed") == "true"


def box(page, selector: str) -> dict:
    b = page.locator(selector).first.bounding_box()
    assert b is not None, f"{selector} is not shown"
    return b


@pytest.mark.parametrize("variant", registry.VARIANTS, ids=lambda v: v.code)
def test_three_views_side_by_side_on_a_desk(watched, bundle, variant):
    page = watched.page
    page.goto(url(bundle, f"{variant.prefix}2/4.html"))
    # 中文: the report only.
    assert page.locator('[data-para-en="2.4.1"]').is_hidden() and page.locator('[data-para="2.4.1"]').is_visible()
    # 中英对照: each paragraph beside its English.
    choose(page, "bi")
    zh, en = box(page, '[data-para="2.4.1"]'), box(page, '[data-para-en="2.4.1"]')
    assert en["x"] > zh["x"] + zh["width"] - 1 and abs(en["y"] - zh["y"]) < 4
    assert page.locator('[data-para-en="2.4.1"]').get_attribute("lang") == "en"
    # English: the translation only, its terms linked to the same glossary entries.
    choose(page, "en")
    assert page.locator('[data-para="2.4.1"]').is_hidden() and page.locator('[data-para-en="2.4.1"]').is_visible()
    term = page.locator('[data-para-en="2.4.1"] a.term[data-term="zuiduo-paoyici"]').first
    assert term.inner_text() == "“At Most One Visit” reform"
    assert term.get_attribute("href").endswith("glossary/reform.html#zuiduo-paoyici")
    watched.assert_clean()


def test_on_a_phone_the_english_follows_each_paragraph(browser, bundle):
    context = browser.new_context(**PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    page.goto(url(bundle, "2/4.html"))
    page.locator('.view-switch button[data-view="bi"]').tap()
    zh, en = box(page, '[data-para="2.4.1"]'), box(page, '[data-para-en="2.4.1"]')
    assert en["y"] >= zh["y"] + zh["height"] - 1 and abs(en["x"] - zh["x"]) < 4
    assert en["width"] <= 390
    context.close()


def test_the_view_is_kept_across_pages_and_variants_and_keeps_the_place(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    choose(page, "en")
    english = page.locator('[data-para-en="2.4.2"]').inner_text()
    # The English is the same in every variant; the choice holds on the next page and script.
    page.goto(url(bundle, "zh-HK/2/4.html"))
    assert page.locator("html").get_attribute("data-view") == "en"
    assert page.locator('[data-para-en="2.4.2"]').inner_text() == english
    # Switching view keeps the paragraph at the top of the screen where it was.
    page.goto(url(bundle, "2/index.html"))
    page.evaluate("() => document.querySelector('[data-para-en=\"2.0.5\"]').scrollIntoView({block: 'start'})")
    choose(page, "bi")
    assert 0 <= box(page, '[data-para="2.0.5"]')["y"] < 160
    choose(page, "zh")
    assert 0 <= box(page, '[data-para="2.0.5"]')["y"] < 160
    watched.assert_clean()


def test_reviewed_english_says_so_and_draft_does_not(watched, bundle, edition):
    reviewed = [cid for cid, t in edition.ctx.english.items() if t.status == "reviewed"]
    page = watched.page
    page.goto(url(bundle, "2/index.html"))
    choose(page, "en")
    marks = page.locator("[data-para-en] .en-status")
    assert sorted(page.locator("[data-para-en][data-en-status=reviewed]").evaluate_all("els => els.map(e => e.dataset.paraEn)")) == sorted(
        c for c in reviewed if edition.ctx.block_page[c] == "2/index.md"
    )
    assert marks.count() == page.locator("[data-para-en][data-en-status=reviewed]").count()
    # The translation says what it is above its text.
    assert "unofficial" in page.locator(".en-note").inner_text().lower()
    watched.assert_clean()


def test_english_search_finds_the_english_paragraph(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "index.html"))
    results = [clean(r) for r in search(watched, "At Most One Visit")]
    assert any("At Most One Visit" in r for r in results)
    assert page.locator(".md-search-result__item a").first.get_attribute("href")
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any("2/4.html" in h for h in hrefs)
    watched.assert_clean()


def test_print_carries_the_chosen_view(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    choose(page, "en")
    page.emulate_media(media="print")
    assert page.locator('[data-para-en="2.4.1"]').is_visible() and page.locator('[data-para="2.4.1"]').is_hidden()
    assert page.locator(".view-switch").is_hidden()
    watched.assert_clean()
