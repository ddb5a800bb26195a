"""The publisher registry: who publishes at a host, and the rules it enforces on sources."""

from __future__ import annotations

from pathlib import Path

from build_tools.s1_load import publishers
from build_tools.s1_load.publishers import Publisher, Registry, load_publishers, source_errors, verification_errors
from build_tools.s1_load.schema import DocumentSource, Entry, ReportSource
from build_tools.s1_load.yamlio import load

REGISTRY = Registry({
    "people.com.cn": Publisher(host="people.com.cn", name="人民网", kind="state-media"),
    "zjol.com.cn": Publisher(host="zjol.com.cn", name="浙江在线", kind="state-media"),
    "zjrb.zjol.com.cn": Publisher(host="zjrb.zjol.com.cn", name="浙江日报", kind="state-media"),
    "qz.gov.cn": Publisher(host="qz.gov.cn", name="衢州市人民政府", kind="government"),
    "sina.com.cn": Publisher(host="sina.com.cn", name="新浪", kind="reprint"),
    "spam.example": Publisher(host="spam.example", name="spam.example", kind="spam"),
    "49.213.0.198": Publisher(host="49.213.0.198", name="49.213.0.198", kind="spam"),
})


def doc(url: str, publisher: str, quote: str | None = "原话") -> DocumentSource:
    return DocumentSource(title="某文", publisher=publisher, date="2020", url=url, quote=quote)


def entry(status: str, level: str, *sources) -> Entry:
    return Entry(id="x", term="某", category="place", level=level, english="X", english_source="edition", definition="某某某某。", sources=list(sources), status=status)


def test_the_longest_registered_host_wins_and_ip_addresses_match_only_themselves():
    assert REGISTRY.lookup("http://zjrb.zjol.com.cn/html/a.htm").name == "浙江日报"
    assert REGISTRY.lookup("https://cs.zjol.com.cn/x").name == "浙江在线"
    assert REGISTRY.lookup("http://www.people.com.cn/").name == "人民网"
    assert REGISTRY.lookup("http://notpeople.com.cn/") is None
    assert REGISTRY.kind("http://49.213.0.198/x") == "spam"
    assert REGISTRY.lookup("http://49.213.0.19/x") is None


def test_sources_must_name_their_host_and_never_a_spam_mirror():
    sources = [
        ReportSource(cite="1.1.1"),
        doc("http://www.people.com.cn/a", "人民网"),
        doc("http://www.people.com.cn/b", "新华社"),
        doc("http://spam.example/c", "新华社"),
        doc("http://nobody.example/d", "某网站"),
    ]
    got = [e.message for e in source_errors(sources, {}, ("sources",), Path("e.yaml"), REGISTRY)]
    assert got == [
        "sources.2.publisher: '新华社' does not publish at www.people.com.cn ('人民网' does); name the host's publisher, and the original in reprint_of",
        "sources.3.url: spam.example is a spam mirror and is never cited; find the original",
        "sources.4.url: host 'nobody.example' is not in seeds/publishers.yaml; register it with its class",
    ]


def test_verified_needs_a_quoted_government_or_state_media_source():
    rule = "status: verified needs a source on a government or state-media host with a verbatim quote; otherwise it is unverified (待核实)"
    cases = [
        (entry("verified", "national", ReportSource(cite="1.1.1")), [rule]),
        (entry("verified", "national", doc("http://finance.sina.com.cn/a", "新浪")), [rule]),
        (entry("verified", "national", doc("http://www.people.com.cn/a", "人民网", quote=None)), [rule]),
        (entry("verified", "national", doc("http://www.people.com.cn/a", "人民网")), []),
        (entry("unverified", "national", ReportSource(cite="1.1.1")), []),
    ]
    for e, expected in cases:
        assert [x.message for x in verification_errors(e, {}, Path("e.yaml"), REGISTRY)] == expected


def test_a_quzhou_entry_needs_its_quote_to_name_quzhou_or_a_quzhou_publisher():
    assert [x.message for x in verification_errors(entry("verified", "municipal", doc("http://www.people.com.cn/a", "人民网", "宁波与某地合作")), {}, Path("e"), REGISTRY)] == [
        "status: verified, but no government or state-media quote names Quzhou (衢州 or a county of it); a Quzhou entry's source must support the Quzhou link"
    ]
    assert list(verification_errors(entry("verified", "municipal", doc("http://www.people.com.cn/a", "人民网", "宁波与衢州合作")), {}, Path("e"), REGISTRY)) == []
    assert list(verification_errors(entry("verified", "municipal", doc("http://www.people.com.cn/a", "人民网", "开化县的做法")), {}, Path("e"), REGISTRY)) == []
    # A source published in Quzhou itself supports the link though its words need not say so.
    local = Registry({**REGISTRY.by_host, "daj.qz.gov.cn": Publisher(host="daj.qz.gov.cn", name="衢州市档案馆", kind="government")})
    assert list(verification_errors(entry("verified", "municipal", doc("http://daj.qz.gov.cn/a", "衢州市档案馆", "位于浙江省西部")), {}, Path("e"), local)) == []


def test_a_host_registered_twice_is_refused_with_its_line(tmp_path):
    path = tmp_path / "publishers.yaml"
    path.write_text("publishers:\n  - {host: a.cn, name: 甲网, class: reprint}\n  - {host: a.cn, name: 乙网, class: spam}\n", encoding="utf-8")
    registry, errors = load_publishers(path)
    assert [(e.line, e.message) for e in errors] == [(3, "publishers.1.host: 'a.cn' is registered twice")]
    assert registry.lookup("http://a.cn/").name == "甲网"


def test_the_real_registry_classifies_every_host_the_seeds_cite():
    registry, errors = load_publishers()
    assert errors == []
    assert set(publishers.CLASSES) == {"government", "state-media", "institution", "reprint", "spam"}
    assert registry.kind("http://www.news.cn/") == "state-media"
    assert load(publishers.PUBLISHERS)["publishers"]


def test_the_readme_states_the_glossary_counts_as_they_are(edition):
    """The README's table of verified and 待核实 entries and of sources by class is the seeds' own."""
    import re

    from build_tools import paths
    from build_tools.s1_load.schema import DocumentSource

    registry, _ = load_publishers()
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    entries = re.search(r"^\| (\d+) \| (\d+) \| (\d+) \|$", readme, re.M)
    assert entries, "the README has no glossary counts"
    verified = sum(e.status == "verified" for e in edition.entries)
    assert tuple(map(int, entries.groups())) == (len(edition.entries), verified, len(edition.entries) - verified)
    sources = [s for e in edition.entries for s in e.sources] + [s for notes in edition.ctx.notes.values() for n in notes for s in n.sources]
    kinds = [registry.kind(s.url) for s in sources if isinstance(s, DocumentSource)]
    row = re.search(r"^\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", readme, re.M)
    assert row, "the README has no source counts"
    assert tuple(map(int, row.groups())) == (len(kinds), *(kinds.count(k) for k in ("government", "state-media", "institution", "reprint", "spam")))
