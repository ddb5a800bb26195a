"""The built 繁體·臺灣 and 繁體·香港 sites, page by page and data file by data file: in their own
script (no simplified-only character outside lang="zh-Hans" and the fields that hold simplified by
design), in their own house style, with their own interface words, and with the 校勘记's account of
the conversion readable."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from build_tools import registry
from build_tools.s1_load.house_style import load_house_style
from build_tools.s1_load.interface import load_interface
from build_tools.s1_load.overrides import load_overrides
from build_tools.s2_render.opendata import KEPT_FIELDS

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "simplified-only.txt"
SIMPLIFIED_ONLY = frozenset("".join(line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")))
TRADITIONAL = registry.TRADITIONAL
# Elements whose text is code, or is said to be in another language or script on purpose.
NOT_THE_PAGE_TEXT = ["script", "style", "code", "pre", "[lang]:not(html)", "[translate=no]"]
READER_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "content")


def page_text(path: Path, keep_lang: str) -> str:
    """What a reader of the page reads in its own script: the text and the human attributes,
    without code, and without elements marked as another language or script, except those marked
    as ``keep_lang`` (the variant's own tag, which the scans should see)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for el in soup.select(", ".join(NOT_THE_PAGE_TEXT)):
        # An element inside one removed already is gone with it.
        if not el.decomposed and el.get("lang") != keep_lang:
            el.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    attrs = [v for el in soup.find_all(True) for k, v in el.attrs.items() if k in READER_ATTRIBUTES and isinstance(v, str)]
    return soup.get_text(" ") + " " + " ".join(attrs)


def data_text(path: Path) -> str:
    """A data file's strings but those that hold simplified by design (KEPT_FIELDS)."""
    out: list[str] = []
    if path.suffix == ".json":

        def walk(node):
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, value in items:
                if key in KEPT_FIELDS:
                    continue
                out.append(value) if isinstance(value, str) else walk(value)

        walk(json.loads(path.read_text(encoding="utf-8")))
    else:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        out += [cell for row in rows[1:] for key, cell in zip(rows[0], row, strict=True) if key not in KEPT_FIELDS]
    return "\n".join(out)


def texts(site: Path, variant) -> dict[str, str]:
    """Every page of the variant and every data file its data page links (its own, or the root's
    copy of a file with nothing to convert)."""
    root = site / variant.prefix
    found = {p.relative_to(site).as_posix(): page_text(p, variant.lang) for p in root.rglob("*.html")}
    data_page = BeautifulSoup((root / "data" / "index.html").read_text(encoding="utf-8"), "lxml")
    for a in data_page.select('article a[href$=".json"], article a[href$=".csv"]'):
        path = (root / "data" / a["href"]).resolve()
        found[path.relative_to(site.resolve()).as_posix()] = data_text(path)
    return found


@pytest.fixture(scope="module")
def read(built) -> dict[str, dict[str, str]]:
    return {v.code: texts(built["site"], v) for v in TRADITIONAL}


@pytest.mark.parametrize("variant", TRADITIONAL, ids=lambda v: v.code)
def test_no_simplified_only_character_outside_what_is_marked_simplified(read, variant):
    found = {}
    for name, text in read[variant.code].items():
        hits = [text[max(0, m.start() - 6) : m.end() + 6] for m in re.finditer(f"[{''.join(sorted(SIMPLIFIED_ONLY))}]", text)]
        if hits:
            found[name] = hits[:3]
    # Every page and every data file was read.
    assert sum(n.endswith(".html") for n in read[variant.code]) > 30 and sum(n.endswith((".json", ".csv")) for n in read[variant.code]) >= 11
    assert found == {}


@pytest.mark.parametrize("variant", TRADITIONAL, ids=lambda v: v.code)
def test_one_form_for_each_word_no_form_the_house_style_replaces(read, variant):
    styles, _ = load_house_style()
    found = {r.opencc: [n for n, t in read[variant.code].items() if r.opencc in t] for r in styles[variant.code].rules}
    assert {k: v for k, v in found.items() if v} == {}
    # The house forms are what the pages print instead.
    everything = "".join(read[variant.code].values())
    assert all(r.house in everything for r in styles[variant.code].rules)


def test_the_data_files_are_in_the_variants_script_and_keep_the_simplified_term(built):
    site = built["site"]
    for v in TRADITIONAL:
        entries = json.loads((site / v.prefix / "data" / "glossary.json").read_text(encoding="utf-8"))["entries"]
        hk = next(e for e in entries if e["id"] == "qunzhongti-daibiaoding")
        assert hk["simplified"] == "群众提、代表定、政府办" and hk["term"] == "群眾提、代表定、政府辦"
        assert hk["pinyin"] and not re.search("[\u4e00-\u9fff]", hk["english"])
    # The simplified data is not touched.
    entries = json.loads((site / "data" / "glossary.json").read_text(encoding="utf-8"))["entries"]
    assert next(e for e in entries if e["id"] == "qunzhongti-daibiaoding")["term"] == "群众提、代表定、政府办"


def test_the_emendations_page_shows_both_sides_of_each_override(built):
    overrides, _ = load_overrides()
    for v in registry.VARIANTS:
        page = BeautifulSoup((built["site"] / v.prefix / "emendations.html").read_text(encoding="utf-8"), "lxml")
        rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("table.conversion-overrides tbody tr")]
        assert [r[: 1 + len(TRADITIONAL)] for r in rows] == [[o.simplified, *(o.form(t.code) for t in TRADITIONAL)] for o in overrides]


def test_the_interface_is_each_variants_own_words_not_a_conversion(built):
    """Where a variant's message differs from what OpenCC would make of the simplified one (資料, not
    數據, in Taiwan), the page shows the message as written."""
    messages, _ = load_interface()
    site = built["site"]
    for v in registry.VARIANTS:
        m = messages[v.code]
        data = BeautifulSoup((site / v.prefix / "data" / "index.html").read_text(encoding="utf-8"), "lxml")
        assert data.select_one("article h1").get_text(strip=True) == m["data"]
        nav = [a.get_text(" ", strip=True) for a in data.select("nav.md-nav a")]
        assert m["data"] in nav and m["about"] in nav
        about = BeautifulSoup((site / v.prefix / "about.html").read_text(encoding="utf-8"), "lxml")
        assert m["house_style_intro"] in about.select_one("article").get_text()
    assert messages["zh-TW"]["data"] == "開放資料" and messages["zh-HK"]["data"] == "開放數據"


def test_the_about_page_states_each_variants_house_style_with_its_sources(built):
    styles, _ = load_house_style()
    for v in registry.VARIANTS:
        about = BeautifulSoup((built["site"] / v.prefix / "about.html").read_text(encoding="utf-8"), "lxml")
        for t in TRADITIONAL:
            section = about.select_one(f"#house-style-{t.code.lower()}")
            assert section is not None and section.find_next("p")["lang"] == t.lang
            table = section.find_next("table")
            urls = [a["href"] for a in table.select("a")]
            assert urls == [s.url for r in styles[t.code].rules for s in r.sources]
            assert [tr.select("td")[1].get_text() for tr in table.select("tbody tr")] == [r.house for r in styles[t.code].rules]


def test_japanese_and_english_pass_through_unchanged(built, read):
    """A source quoted in Japanese or English is marked with its language and left as written: no
    Chinese form in Japanese (計画 stays 計画), no corner mark inside English (Zhejiang’s, the
    “Eight-Eight Strategy”)."""
    japanese = "計画範囲は広東省の広州、深セン、珠海、佛山、江門、東莞、中山、恵州、肇慶市を中心とし"
    for v in TRADITIONAL:
        glossary = next(t for p in sorted((built["site"] / v.prefix / "glossary").glob("*.html")) if japanese in (t := p.read_text(encoding="utf-8")))
        span = BeautifulSoup(glossary, "lxml").find("span", string=re.compile("^計画範囲"))
        assert span["lang"] == "ja"
        everything = "\n".join(page_text(p, "en") for p in (built["site"] / v.prefix).rglob("*.html"))
        assert re.findall("[A-Za-z]』[A-Za-z]", everything) == []
        assert re.findall("[A-Za-z,] [「『][A-Za-z][^」』]{0,40}[」』]", everything) == []
