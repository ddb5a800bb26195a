"""Golden files: the Markdown of every report page (docs/index.md, docs/1/…, docs/2/…, docs/3/…),
rendered with a small fixed glossary, one note and two ledger rows.

The glossary, notes and ledger here are fixed, not read from seeds/, so that the goldens change
only when rendering changes (templates, render.py, the structure or the emendation rules), never
when a contributor edits a glossary entry: with the real glossary, one entry's edited definition
would change the tooltip on every page it occurs on. The apparatus pages (glossary, terms,
numbers, emendations), which are made of the seeds, are checked structurally in test_generate.py.

To accept a deliberate change: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest -c tests/pytest.ini
--rootdir=. tests/build_tools/s2_render/test_render.py`` rewrites tests/golden/ (and removes goldens of pages
that no longer exist); review the diff with ``git diff tests/golden/`` before committing.
"""

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.s1_load import ledger
from build_tools.s1_load.edition import load_report
from build_tools.s1_load.publishers import Publisher, Registry
from build_tools.s1_load.schema import Entry, LedgerRow, Note, ReportSource
from build_tools.s2_render import generate, render
from build_tools.s2_render.annotate import occurrences
from build_tools.s2_render.edition import Edition, block_pages
from build_tools.s2_render.render import Context
from build_tools.terms import TermMatcher

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

ENTRIES = [
    Entry(id="zuiduo-paoyici", term="最多跑一次", category="reform", level="provincial", english_source="edition", english="“Run at Most Once” reform",
          definition="浙江省推行的政务服务改革。", sources=[ReportSource(cite="2.4.1")], status="verified"),
    Entry(id="quzhou-5459", term="5459", category="formula", level="municipal", english_source="edition", english="“5459”",
          definition="衢州市的大产业创新体系<待核实>", sources=[ReportSource(cite="2.2")], status="unverified"),
    Entry(id="liangshou-zhua", term="两手抓", forms=["两手都要硬、两战都要赢"], category="formula", level="national", english_source="edition",
          english="grasp with both hands", definition="疫情防控和经济发展两手抓。", sources=[ReportSource(cite="2.0.4")], status="verified"),
]
NOTES = {"2.4.1": [Note(para="2.4.1", text="2019年为“最多90天”（见 1.1.1）。", sources=[ReportSource(cite="1.1.1")])]}
# One number with a percent sign and one without, so that the ledger links are in the goldens too.
ROWS = [
    LedgerRow(id="gdp-2019", para="1.0.1", quote="全市地区生产总值增长6.7%", indicator="地区生产总值", value=6.7, unit="%",
              comparison="增长", year=2019, kind="result"),
    LedgerRow(id="approval-days-2020", para="2.4.1", quote="实现一般企业投资项目竣工验收前审批“最多80天”",
              indicator="一般企业投资项目竣工验收前审批天数", value=80, unit="天", comparison="最多", year=2020, kind="target"),
]

# Every report page: the front page and the page of each section (taken from the structure).
REPORT_PAGES = ["index.md", *(render.page_path(p.slug) for p in load_report().pages)]


def golden_name(page: str) -> str:
    return page.replace("/", "-")


@pytest.fixture(scope="module")
def pages(report):
    """Every generated file, rendered from the real report with the fixed glossary, notes and ledger."""
    forms = {f: e.id for e in ENTRIES for f in [e.term, *e.forms]}
    texts = {b.cid: b.text for b in report.blocks()}
    matcher = TermMatcher(forms)
    placed: dict[str, list] = {}
    for p in ledger.place(ROWS, texts):
        placed.setdefault(p.row.para, []).append(p)
    ctx = Context({e.id: e for e in ENTRIES}, matcher, NOTES, block_pages(report), placed)
    return generate.render_all(Edition(report, ENTRIES, ctx, texts, occurrences(texts, matcher), ROWS))


@pytest.mark.parametrize("page", REPORT_PAGES)
def test_page_markdown_matches_golden(pages, page):
    """The page's Markdown is byte for byte the reviewed golden (UPDATE_GOLDEN=1 to accept a change)."""
    golden = GOLDEN / golden_name(page)
    if UPDATE:
        golden.write_text(pages[page], encoding="utf-8")
    assert golden.exists(), f"no golden for {page}; run with UPDATE_GOLDEN=1 and review it"
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_golden_is_a_report_page():
    """No golden outlives its page: tests/golden/ holds exactly one file per report page."""
    expected = {golden_name(p) for p in REPORT_PAGES}
    if UPDATE:
        for stale in GOLDEN.glob("*.md"):
            if stale.name not in expected:
                stale.unlink()
    assert {p.name for p in GOLDEN.glob("*.md")} == expected


def test_goldens_hold_term_note_and_ledger_links(pages):
    """The fixed context is exercised: the goldens contain term links, a note and both ledger links."""
    text = "".join(pages[p] for p in REPORT_PAGES)
    assert 'class="term"' in text and 'class="note-ref"' in text
    assert 'data-ledger="gdp-2019"' in text and 'data-ledger="approval-days-2020"' in text


def test_definition_is_escaped_in_the_tooltip(pages):
    # The tooltip carries contributed text; it must reach the page as text, never as markup.
    soup = BeautifulSoup(pages["2/4.md"], "html.parser")
    assert soup.find("script") is None
    assert "<待核实>" not in pages["1/1.md"] and "&lt;待核实&gt;" in pages["1/1.md"]


def test_contributed_markdown_cannot_inject_html():
    html = render.markdown_html("正文<script>alert(1)</script>与[链接](https://www.gov.cn/)")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://www.gov.cn/">链接</a>' in html


@pytest.mark.parametrize("text", [
    "[x](java\nscript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))", "[x](javascript&#58;alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)", "[x](vbscript:msgbox(1))", "[x](//evil.example/a)",
    "![p](https://evil.example/p.png)", "![p](//evil.example/p.png)", "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', '<a href="//evil.example">x</a>', "[x](https://www.gov.cn/ 'a\" onmouseover=\"alert(1)')",
])
def test_contributed_markdown_cannot_plant_script_remote_images_or_bad_links(text):
    soup = BeautifulSoup(render.markdown_html(text), "html.parser")
    assert not soup.find_all(["script", "img"])
    assert not [k for el in soup.find_all(True) for k in el.attrs if k.startswith("on")]
    assert all(render.sanitize.is_allowed_link(a["href"]) for a in soup.find_all("a", href=True))
    assert not [a for a in soup.find_all("a", href=True) if a["href"].startswith("//")]


def test_contributed_markdown_keeps_text_tags_and_good_links():
    html = render.markdown_html("*a* **b** `c` [f](../2/4.html#p-2.4.1)\n\n- [d](https://www.gov.cn/)\n- [e](mailto:ed@example.org)")
    assert html == ('<p><em>a</em> <strong>b</strong> <code>c</code> <a href="../2/4.html#p-2.4.1">f</a></p>\n<ul>\n'
                    '<li><a href="https://www.gov.cn/">d</a></li>\n<li><a href="mailto:ed@example.org">e</a></li>\n</ul>')


def test_sic_marker_is_editorial(pages):
    soup = BeautifulSoup(pages["2/index.md"], "html.parser")
    item = soup.find(attrs={"data-para": "2.0.4"})
    assert item.name == "li" and item.find(class_="sic").has_attr("data-editorial")


def test_one_document_cited_for_several_passages_is_listed_once(report):
    from build_tools.s1_load.schema import DocumentSource

    doc = dict(title="某文件", publisher="某网站", date="n.d.", url="https://example.com/a")
    sources = [ReportSource(cite="2.4.1"), DocumentSource(**doc, quote="第一句"), ReportSource(cite="2.4.1"),
               DocumentSource(**doc, quote="第二句<b>")]
    registry = Registry({"example.com": Publisher(host="example.com", name="某网站", kind="reprint")})
    ctx = Context({}, TermMatcher({}), {}, block_pages(report), publishers=registry)
    out = render.sources_html(sources, "glossary.md", ctx)
    assert len(out) == 2
    assert out[1].endswith("：“第一句”；“第二句&lt;b&gt;”")
    # The publisher's class, from the registry, as a badge.
    assert '<span class="source-class source-reprint" title="商业门户、聚合或转载网站：请参照原始出处">转载或聚合网站</span>' in out[1]
