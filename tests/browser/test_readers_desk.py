"""The reader's desk (issue #15): copying that respects the text, visible citation ids and the touch
screen's action bar, print that stands alone, the skip link and the variant a shared URL names.

Every test opens the offline bundle from file:// (network blocked) at a desktop size and, where the
behaviour differs, at a 390×844 touch viewport. The bundle is built with the hosted SITE_URL, so a
citation copied from disk must still name the published page.
"""

from __future__ import annotations

import pytest

from tests.conftest import HOSTED

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE = HOSTED["SITE_URL"]
CITATION = {
    "zh-Hans": "汤飞帆：《衢州市2020年政府工作报告》（2020年4月24日），第 {ids} 段，载《衢州市2020年政府工作报告（注释版）》，{url}",
    "zh-TW": "湯飛帆：《衢州市2020年政府工作報告》（2020年4月24日），第 {ids} 段，載《衢州市2020年政府工作報告（註釋版）》，{url}",
    "zh-HK": "湯飛帆：《衢州市2020年政府工作報告》（2020年4月24日），第 {ids} 段，載《衢州市2020年政府工作報告（註釋版）》，{url}",
}
PREFIX = {"zh-Hans": "", "zh-TW": "zh-TW/", "zh-HK": "zh-HK/"}


def url(bundle, path: str) -> str:
    path, _, fragment = path.partition("#")
    return (bundle / path).as_uri() + (f"#{fragment}" if fragment else "")


def citation(variant: str, ids: str, page: str, first: str) -> str:
    return CITATION[variant].format(ids=ids, url=f"{SITE}{PREFIX[variant]}{page}#p-{first}")


@pytest.fixture
def touch(browser):
    """A phone: 390×844, touch, no hover; the network blocked, the clipboard allowed."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="zh-CN")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def select_across(page, first: str, start: int, last: str, end: int) -> None:
    """Select from a character of one block's first text node to one of another's."""
    page.evaluate(
        """([first, start, last, end]) => {
            const text = id => document.querySelector(`[data-para="${id}"]`);
            const walk = el => document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
            const range = document.createRange();
            range.setStart(walk(text(first)), start);
            const tail = text(last).querySelector('strong.lead') ? text(last).querySelector('strong.lead').nextSibling : walk(text(last));
            range.setEnd(tail, end);
            const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
        }""",
        [first, start, last, end],
    )


def copied_selection(page) -> str:
    page.keyboard.press("Control+c")
    return page.evaluate("navigator.clipboard.readText()")


# 1. Copying that respects the text


def test_copy_button_gives_the_paragraph_quoted_and_one_citation(watched, bundle, edition):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    block = page.locator('[data-para="2.4.2"]')
    block.hover()
    block.locator(".cite-copy").click()
    page.wait_for_function("() => document.querySelector('[data-para=\"2.4.2\"] .cite-copy').classList.contains('copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    # The paragraph's own quotation marks (“亲”“清”) go one level in inside the citation's.
    inner = edition.texts["2.4.2"].translate(str.maketrans("“”‘’", "‘’“”"))
    # From file://, the address is still the published page's.
    assert copied == f"“{inner}”\n" + citation("zh-Hans", "2.4.2", "2/4.html", "2.4.2")
    assert "file:" not in copied
    watched.assert_clean()


@pytest.mark.parametrize("variant", ["zh-Hans", "zh-TW", "zh-HK"])
def test_copying_a_selection_across_paragraphs_leaves_the_markers_and_cites_first_to_last(watched, bundle, variant):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = watched.page
    page.goto(url(bundle, f"{PREFIX[variant]}2/4.html"))
    # From inside 2.4.1 (its note ref 注1, its id and copy button, its notes aside follow) to inside 2.4.2.
    select_across(page, "2.4.1", 2, "2.4.2", 4)
    selected = page.evaluate("getSelection().toString()")
    copied = copied_selection(page)
    words, _, cited = copied.rpartition("\n")
    assert cited == citation(variant, "2.4.1—2.4.2", "2/4.html", "2.4.1")
    open_, close = ("“", "”") if variant == "zh-Hans" else ("「", "」")
    assert words.startswith(open_) and words.endswith(close)
    # Nothing editorial: no note ref, no id, no note text, no 校.
    for marker in ("注1", "2.4.1", "2019年本报告称", "2019年本報告稱", "校"):
        assert marker not in words, marker
    # The words are the selected ones, the paragraph break kept.
    first_words = page.evaluate("document.querySelector('[data-para=\"2.4.1\"]').textContent.slice(2, 12)")
    assert words[1:11] == first_words.translate(str.maketrans("“”‘’「」『』", "‘’“”『』「」"))
    assert "\n" in words and len(words) < len(selected)
    watched.assert_clean()


def test_copying_inside_one_paragraph_cites_that_paragraph(watched, bundle):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    select_across(page, "2.4.2", 0, "2.4.2", 3)
    copied = copied_selection(page)
    assert copied.endswith("\n" + citation("zh-Hans", "2.4.2", "2/4.html", "2.4.2"))
    assert copied.startswith("“") and "\n" not in copied.split("\n")[0][:-1]
    watched.assert_clean()


def test_copying_outside_the_report_is_left_alone(watched, bundle):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = watched.page
    page.goto(url(bundle, "about.html"))
    page.evaluate("() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('#source + p')); getSelection().removeAllRanges(); getSelection().addRange(r); }")
    copied = copied_selection(page)
    assert copied.startswith("本版所据为") and "第 " not in copied and "汤飞帆：《" not in copied
    watched.assert_clean()


def test_markers_in_the_text_cannot_be_selected(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    styles = page.locator('[data-para="2.4.1"] [data-editorial]').evaluate_all("els => els.map(e => getComputedStyle(e).userSelect)")
    assert styles and set(styles) == {"none"}
    # The report's words are selectable.
    assert page.locator('[data-para="2.4.1"]').evaluate("e => getComputedStyle(e).userSelect") != "none"
    watched.assert_clean()
