"""Search by paragraph, in Chromium, from the offline bundle with the network blocked: a hit is a
paragraph at its citation anchor, highlighted on arrival; a citation id finds its paragraph; a
query in either script finds the same paragraphs on every variant; English finds the English."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_offline_bundle import search, url

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def hits(w, query: str) -> list[str]:
    """The result links of a query, as site paths with their anchors (the highlight parameter dropped)."""
    search(w, query)
    hrefs = w.page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"^file://.*?/(zh-TW/|zh-HK/)?(?=[^/]*(/|$))", "", re.sub(r"\?h=[^#]*", "", h)).split("/bundle/")[-1] for h in hrefs]


def paragraphs(found: list[str]) -> list[str]:
    return [h.rsplit("#", 1)[1] for h in found if "#p-" in h]


@pytest.mark.parametrize("variant,typed,printed", [("zh-TW/", "数字经济", "數字經濟"), ("zh-HK/", "营商环境", "營商環境"), ("", "數字經濟", "数字经济")])
def test_a_query_in_either_script_finds_the_same_paragraphs(watched, bundle, variant, typed, printed):
    page = watched.page
    page.goto(url(bundle, f"{variant}index.html"))
    other = paragraphs(hits(watched, typed))
    page.goto(url(bundle, f"{variant}index.html"))
    own = paragraphs(hits(watched, printed))
    assert own and other == own
    watched.assert_clean()


def test_a_hit_is_a_paragraph_ranked_by_what_it_says_and_highlighted_on_arrival(watched, bundle, edition):
    page = watched.page
    page.goto(url(bundle, "index.html"))
    found = paragraphs(hits(watched, "数字经济"))
    # The first paragraph found has the words; the report's paragraphs come before the index pages.
    first = found[0].removeprefix("p-")
    assert "数字" in edition.texts[first] and "经济" in edition.texts[first], first
    page.locator(f'.md-search-result__link[href*="#p-{first}"]').first.click()
    page.wait_for_url(re.compile(f"#p-{re.escape(first)}$"))
    marks = page.locator(f'[data-para="{first}"] mark')
    assert marks.count() > 0
    watched.assert_clean()


def test_a_citation_id_finds_its_paragraph(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "index.html"))
    assert "p-2.2.3" in paragraphs(hits(watched, "2.2.3"))[:2]
    watched.assert_clean()


def test_english_finds_the_english_and_shows_it_on_arrival(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "index.html"))
    found = hits(watched, "At Most One Visit")
    assert "p-2.4.1-en" in paragraphs(found)
    page.locator('.md-search-result__link[href*="#p-2.4.1-en"]').first.click()
    page.wait_for_url(re.compile("#p-2.4.1-en$"))
    assert page.locator("html").get_attribute("data-view") in ("bi", "en")
    assert page.locator('[data-para-en="2.4.1"]').is_visible()
    watched.assert_clean()


def test_a_pasted_query_runs_without_a_key(watched, bundle, browser):
    """Pasting into the search box (no key pressed) runs the search."""
    page = watched.page
    page.goto(url(bundle, "index.html"))
    field = page.locator(".md-search__input")
    field.click()
    page.wait_for_function(
        "() => { const t = document.querySelector('.md-search-result__meta').textContent.trim();"
        " return t.length > 0 && !t.includes('初始化'); }",
        timeout=15000,
    )
    # What a paste does: the text inserted at once (insertText, as the browser does for a paste), no keyup.
    page.keyboard.insert_text("营商环境")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    assert any("#p-2.4" in h for h in page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    watched.assert_clean()


def test_a_hit_shows_a_snippet_around_the_match(watched, bundle, edition):
    """信安分 stands near the end of 1.1.1, a paragraph of about 900 characters: its hit shows the
    words around it, with the marks, and an ellipsis where the text is cut."""
    page = watched.page
    page.goto(url(bundle, "index.html"))
    assert len(edition.texts["1.1.1"]) > 800 and edition.texts["1.1.1"].index("信安分") > 700
    search(watched, "信安分")
    snippet = page.locator('.md-search-result__link[href*="#p-1.1.1"] article p').first
    text = snippet.inner_text().replace("\u200b", "")
    # Cut before (an ellipsis), not after: the paragraph ends within the snippet's length.
    assert text.startswith("…") and edition.texts["1.1.1"].endswith(text.removeprefix("…")), text
    assert "信安分" in text and len(text) <= 100, text
    assert "信安分" in "".join(snippet.locator("mark").all_inner_texts()).replace("\u200b", "")
    watched.assert_clean()


@pytest.mark.parametrize("hosted_or_file", ["hosted", "file"])
def test_the_index_loads_when_the_search_is_first_used(watched, bundle, hosted, hosted_or_file):
    page = watched.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(hosted + "2/4.html" if hosted_or_file == "hosted" else url(bundle, "2/4.html"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    index = "search_index.json" if hosted_or_file == "hosted" else "search_index.js"
    assert not [a for a in asked if index in a], "the index was loaded before the search was used"
    results = search(watched, "营商环境")
    assert results and [a for a in asked if index in a]
    watched.assert_clean()


def test_results_with_every_term_come_first_and_no_result_misses_a_term_it_has(watched, bundle):
    """数字经济 is looked up whole and in its halves; a result is said to miss 数字 only if it does
    not have it, and the pages whose results have every term come before the others."""
    page = watched.page
    page.goto(url(bundle, "index.html"))
    search(watched, "数字经济")
    # Each drawn page of results: its results that matched (a page heading added only to group
    # them scores 0), each as (its words, the terms it is said to miss).
    groups = page.locator(".md-search-result__item").evaluate_all(
        "items => items.filter(i => i.querySelector('article')).map(i => [...i.querySelectorAll('article')]"
        ".filter(a => parseFloat(a.dataset.mdScore) > 0).map(a => {"
        " const missing = [...a.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent.replace(/[\\u200b*]/g, ''));"
        " const words = [...a.children].filter(c => !c.matches('.md-search-result__terms')).map(c => c.textContent).join(' ');"
        " return [words.replace(/\\u200b/g, ''), missing]; }))"
    )
    assert len(groups) >= 5
    for results in groups:
        for words, missing in results:
            assert not [t for t in missing if t in words], (missing, words)
    complete = [any(not missing for _, missing in results) for results in groups]
    assert complete == sorted(complete, reverse=True), complete
    watched.assert_clean()
