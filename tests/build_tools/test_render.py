"""Golden files: the Markdown of a few pages, rendered with a small fixed glossary and one note.

The glossary here is fixed so that the goldens change only when rendering changes. To accept a
deliberate change, run with UPDATE_GOLDEN=1 and review the diff.
"""

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools import render
from build_tools.annotate import TermMatcher
from build_tools.generate import block_pages
from build_tools.render import Context
from build_tools.schema import Entry, Note, ReportSource

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

ENTRIES = [
    Entry(id="zuiduo-paoyici", term="最多跑一次", category="reform", level="provincial", english="“Run at Most Once” reform",
          definition="浙江省推行的政务服务改革。", sources=[ReportSource(cite="2.4.1")], status="verified"),
    Entry(id="quzhou-5459", term="5459", category="formula", level="municipal", english="“5459”",
          definition="衢州市的大产业创新体系<待核实>", sources=[ReportSource(cite="2.2")], status="unverified"),
    Entry(id="liangshou-zhua", term="两手抓", forms=["两手都要硬、两战都要赢"], category="formula", level="national",
          english="grasp with both hands", definition="疫情防控和经济发展两手抓。", sources=[ReportSource(cite="2.0.4")], status="verified"),
]
NOTES = {"2.4.1": [Note(para="2.4.1", text="2019年为“最多90天”（见 1.1.1）。", sources=[ReportSource(cite="1.1.1")])]}


@pytest.fixture(scope="module")
def pages(report):
    forms = {f: e.id for e in ENTRIES for f in [e.term, *e.forms]}
    ctx = Context({e.id: e for e in ENTRIES}, TermMatcher(forms), NOTES, block_pages(report))
    return render.pages_markdown(report, ctx)


@pytest.mark.parametrize("page", ["1/1.md", "2/index.md", "2/4.md", "3/closing.md"])
def test_page_markdown_matches_golden(pages, page):
    golden = GOLDEN / page.replace("/", "-")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


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
    from build_tools.schema import DocumentSource

    doc = dict(title="某文件", publisher="某网站", date="n.d.", url="https://example.com/a")
    sources = [ReportSource(cite="2.4.1"), DocumentSource(**doc, quote="第一句"), ReportSource(cite="2.4.1"),
               DocumentSource(**doc, quote="第二句<b>")]
    ctx = Context({}, TermMatcher({}), {}, block_pages(report))
    out = render.sources_html(sources, "glossary.md", ctx)
    assert len(out) == 2
    assert out[1].endswith("：“第一句”；“第二句&lt;b&gt;”")
    assert "非官方网站" in out[1]
