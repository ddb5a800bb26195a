"""The offline bundle, unzipped and opened from file:// with the network blocked, works."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def url(bundle, path: str) -> str:
    path, _, fragment = path.partition("#")
    return (bundle / path).as_uri() + (f"#{fragment}" if fragment else "")


def search(w, query: str) -> list[str]:
    page = w.page
    page.locator(".md-search__input").click()
    # The worker loads the inlined index first; a query typed before that is not run. (A function,
    # not an expression: Playwright polls an expression with eval, which the pages' CSP forbids.)
    page.wait_for_function(
        "() => { const t = document.querySelector('.md-search-result__meta').textContent.trim();"
        " return t.length > 0 && !t.includes('初始化'); }",
        timeout=15000,
    )
    page.keyboard.type(query)
    # Chromium types CJK as one insertText with no key events; Material runs the query on keyup,
    # which a real IME's commit key gives, so give one too.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    # The list is drawn as the worker answers; read it once it has stopped changing.
    page.wait_for_function(
        "() => { const n = document.querySelectorAll('.md-search-result__item').length;"
        " const same = window.__resultCount === n; window.__resultCount = n; return same; }",
        polling=250,
        timeout=15000,
    )
    return page.locator(".md-search-result__item").all_inner_texts()


def clean(text: str) -> str:
    return text.replace("\u200b", "")


def glossary_hit(result: str, glossary: str, term: str) -> bool:
    """A search result that is a glossary entry: its page "术语表 · <category>", then the term."""
    lines = result.splitlines()
    return len(lines) >= 2 and lines[0].startswith(f"{glossary} · ") and lines[1] == term


@pytest.mark.parametrize("query", ["最多跑一次", "5459", "两山"])
def test_search_finds_the_entry_and_the_paragraphs(watched, bundle, query):
    watched.page.goto(url(bundle, "index.html"))
    results = [clean(r) for r in search(watched, query)]
    # The glossary entry (its own section of the glossary page) and pages of the report using the term.
    assert any(glossary_hit(r, "术语表", query) for r in results), [r.splitlines()[:2] for r in results]
    assert any(not r.startswith(("术语表", "术语索引")) for r in results)
    watched.assert_clean()


@pytest.mark.parametrize("variant,query", [("zh-TW", "八八戰略"), ("zh-HK", "兩山")])
def test_search_in_a_traditional_variant_with_a_traditional_query(watched, bundle, variant, query):
    watched.page.goto(url(bundle, f"{variant}/index.html"))
    results = [clean(r) for r in search(watched, query)]
    assert any(query in r for r in results)
    assert any(glossary_hit(r, "術語表", query) for r in results)
    watched.assert_clean()


def test_term_link_leads_to_the_glossary_entry(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    page.locator('a.term[data-term="zuiduo-paoyici"]').first.click()
    page.wait_for_url("**/glossary/reform.html#zuiduo-paoyici")
    assert page.locator("#zuiduo-paoyici").is_visible()
    watched.assert_clean()


def test_switching_variant_stays_on_the_same_page_and_paragraph(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html#p-2.4.2"))
    page.locator(".edition-switcher .md-header__button").hover()
    page.locator('.edition-switcher a[data-variant="zh-HK"]').click()
    page.wait_for_url("**/zh-HK/2/4.html#p-2.4.2")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    assert "「最多跑一次」" in page.locator('[data-para="2.4.1"]').inner_text()
    # The choice is remembered, but an address that names a page opens as named (test_readers_desk).
    assert page.evaluate("localStorage.getItem('quzhou-edition.variant')") == "zh-HK"
    watched.assert_clean()


def copy_citation(page, page_url: str, cid: str) -> str:
    """Press a paragraph's copy button on a page and return what reached the clipboard."""
    page.goto(page_url)
    block = page.locator(f'[data-para="{cid}"]')
    block.hover()
    block.locator(".cite-copy").click()
    page.wait_for_function(f"() => document.querySelector('[data-para=\"{cid}\"] .cite-copy').classList.contains('copied')")
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_citation_copies_text_id_and_url(watched, bundle, edition):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copied = copy_citation(watched.page, url(bundle, "2/4.html"), "2.4.2")
    # The paragraph's own quotation marks (“亲”“清”) go one level in inside the citation's.
    inner = edition.texts["2.4.2"].translate(str.maketrans("“”‘’", "‘’“”"))
    assert copied.startswith(f"“{inner}”\n") and "‘亲’" in copied
    assert "第 2.4.2 段" in copied and copied.endswith("2/4.html#p-2.4.2")
    # A traditional page quotes with its own marks, nested 「『』」, never mixed with “”.
    copied = copy_citation(watched.page, url(bundle, "zh-TW/2/4.html"), "2.4.2")
    assert copied.startswith("「") and "『親』" in copied and not any(c in copied for c in "“”‘’")
    assert "第 2.4.2 段，載《" in copied and "file:" not in copied
    watched.assert_clean()


def test_ledger_table_filters_and_sorts_offline(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "numbers.html"))
    rows = page.locator("#ledger-table tbody tr")
    total = rows.count()
    page.fill(".ledger-filter", "耕地")
    visible = page.locator("#ledger-table tbody tr:not([hidden])")
    assert 1 <= visible.count() < total
    assert all("耕地" in t for t in visible.all_inner_texts())
    page.fill(".ledger-filter", "")
    page.locator("#ledger-table thead th", has_text="数值").locator("button").click()
    values = [float(v) for v in page.locator("#ledger-table tbody tr td:nth-child(2)").evaluate_all("els => els.map(e => e.dataset.value)")]
    assert values == sorted(values)
    watched.assert_clean()


def test_hosted_site_search_and_switch(watched, hosted):
    # The same files served over HTTP, as GitHub Pages serves them.
    page = watched.page
    page.goto(hosted + "3/2.html")
    results = [clean(r) for r in search(watched, "浙政钉")]
    assert any(glossary_hit(r, "术语表", "浙政钉") for r in results)
    page.keyboard.press("Escape")
    page.locator(".edition-switcher .md-header__button").hover()
    page.locator('.edition-switcher a[data-variant="zh-TW"]').click()
    page.wait_for_url(hosted + "zh-TW/3/2.html*")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    watched.assert_clean()


def test_print_keeps_text_ids_and_notes_without_chrome(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".cite-copy"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator('[data-para="2.4.1"] .para-link').evaluate("e => getComputedStyle(e).opacity") == "1"
    assert page.locator("aside.notes").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    watched.assert_clean()
