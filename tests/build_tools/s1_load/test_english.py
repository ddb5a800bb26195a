"""English with provenance: every entry says where its English comes from."""

from __future__ import annotations

from pathlib import Path

from build_tools.s1_load.publishers import Publisher, Registry, english_errors
from build_tools.s1_load.schema import DocumentSource, Entry, ReportSource


def test_every_entry_says_where_its_english_comes_from(edition):
    """An official English source that prints the rendering, or the edition's own rendering."""
    missing = [e.id for e in edition.entries if e.english_source is None]
    assert missing == []
    official = [e for e in edition.entries if isinstance(e.english_source, DocumentSource)]
    assert official, "no entry cites an official English source"


def test_six_stabilities_follows_the_current_official_rendering(edition):
    """The issue's example: 六稳 is rendered on the "six fronts", as official English pages now
    print it, not as "Six Stabilities"; and the source printing it is cited."""
    liuwen = next(e for e in edition.entries if e.term == "六稳")
    assert "six fronts" in liuwen.english.casefold() and "stabilities" not in liuwen.english.casefold()
    assert isinstance(liuwen.english_source, DocumentSource)


REGISTRY = Registry({
    "news.cn": Publisher(host="news.cn", name="新华网", kind="state-media"),
    "sina.com.cn": Publisher(host="sina.com.cn", name="新浪", kind="reprint"),
})


def entry(english: str, source) -> Entry:
    return Entry(id="x", term="某", category="formula", level="national", english=english, english_source=source,
                 definition="某某某某。", sources=[ReportSource(cite="1.1.1")], status="unverified")


def test_an_official_rendering_must_be_printed_by_an_official_page():
    def doc(url: str, publisher: str, quote: str) -> DocumentSource:
        return DocumentSource(title="某文", publisher=publisher, date="2020", url=url, quote=quote)

    ok = entry("stability on six fronts", doc("http://www.news.cn/english/a", "新华网", "ensure Stability on Six Fronts and security"))
    assert list(english_errors(ok, {}, Path("e.yaml"), REGISTRY)) == []
    wrong_words = entry("Six Stabilities", doc("http://www.news.cn/english/a", "新华网", "stability on six fronts"))
    assert [e.message for e in english_errors(wrong_words, {}, Path("e.yaml"), REGISTRY)] == ["english_source.quote: must print the rendering 'Six Stabilities'"]
    reprint = entry("stability on six fronts", doc("http://finance.sina.com.cn/a", "新浪", "stability on six fronts"))
    assert [e.message for e in english_errors(reprint, {}, Path("e.yaml"), REGISTRY)] == [
        "english_source: an official rendering comes from a government or state-media page; otherwise write english_source: edition"
    ]
    assert list(english_errors(entry("Some rendering", "edition"), {}, Path("e.yaml"), REGISTRY)) == []
