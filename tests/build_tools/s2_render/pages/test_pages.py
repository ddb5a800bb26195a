"""The apparatus pages (s2_render/pages/) (术语表, 术语索引, 数说, 校勘记), read back from the built HTML.

Every expectation comes from the seed files themselves (``yaml.safe_load``), never from the code
under test, so a template or generator that drops a field, a row or an entry fails here. The
simplified variant is read; the traditional ones are the same pages converted (see test_site.py).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from pypinyin import Style, pinyin

from build_tools import paths

pytestmark = pytest.mark.slow

SEEDS = paths.ROOT / "seeds"


def seed(name: str):
    return yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))


def glossary_seeds() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((SEEDS / "glossary").glob("*.yaml"))]


ENTRIES = glossary_seeds()
LEDGER = seed("ledger.yaml")["rows"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def flat(text: str) -> str:
    """Whitespace normalised: runs collapsed to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def report_pages(site: Path) -> list[Path]:
    """The simplified variant's report pages (the index and the numbered folders)."""
    return [site / "index.html", *sorted(p for part in ("1", "2", "3") for p in (site / part).glob("*.html"))]


def resolve(page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` leads to."""
    parts = urlsplit(href)
    return Path(posixpath.normpath(page.parent / unquote(parts.path))), unquote(parts.fragment)


CATEGORIES = list(dict.fromkeys(e["category"] for e in sorted(ENTRIES, key=lambda e: e["category"])))


@pytest.fixture(scope="module")
def category_pages(built) -> dict[str, BeautifulSoup]:
    """Each category's glossary page (glossary/<category>.html), by category."""
    return {c: soup(built["site"] / "glossary" / f"{c}.html") for c in CATEGORIES}


@pytest.fixture(scope="module")
def term_links(built) -> dict[str, Counter]:
    """Entry id → citation ids of its term links in the report's text (one per link; the English's
    links to the same entries, in [data-para-en], are not occurrences)."""
    out: dict[str, Counter] = {}
    for page in report_pages(built["site"]):
        for a in soup(page).select("a.term[data-term]"):
            if (para := a.find_parent(attrs={"data-para": True})) is not None:
                out.setdefault(a["data-term"], Counter())[para["data-para"]] += 1
    return out


def sections_of(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    """Each entry's part of the glossary page: its heading and everything up to the next heading."""
    out = {}
    for heading in page.select(".glossary-entry"):
        parts = [str(heading)]
        for sib in heading.next_siblings:
            if isinstance(sib, Tag) and sib.name in ("h2", "h3"):
                break
            parts.append(str(sib))
        out[heading["id"]] = BeautifulSoup("".join(parts), "lxml")
    return out


@pytest.fixture(scope="module")
def sections(category_pages) -> dict[str, BeautifulSoup]:
    return {entry_id: sec for page in category_pages.values() for entry_id, sec in sections_of(page).items()}


# ---------------------------------------------------------------- 术语表 glossary.html, glossary/<category>.html


def test_each_category_page_has_one_section_per_seed_entry_of_its_category(built, category_pages):
    """Every file of seeds/glossary/ is a section of its category's page, and there is no other;
    no other page of the glossary folder."""
    for c, page in category_pages.items():
        ids = [h["id"] for h in page.select(".glossary-entry")]
        assert sorted(ids) == sorted(e["id"] for e in ENTRIES if e["category"] == c), c
    assert sorted(p.stem for p in (built["site"] / "glossary").glob("*.html")) == sorted(CATEGORIES)


def test_glossary_landing_lists_every_category_with_its_count_and_every_term(built):
    """The landing page (glossary.html): each category linking to its page with its count, and
    under it each of its terms linking to the entry."""
    page = soup(built["site"] / "glossary.html")
    listed = {a["href"]: flat(li.get_text()) for li in page.select("ul.glossary-categories li") for a in li.select("a")}
    counts = Counter(e["category"] for e in ENTRIES)
    assert listed == {f"glossary/{c}.html": f"{resolve_label(built, c)} {n} 条" for c, n in counts.items()}
    links = {li["data-entry"]: li.a["href"] for li in page.select("ul.glossary-terms li")}
    assert links == {e["id"]: f"glossary/{e['category']}.html#{e['id']}" for e in ENTRIES}


def resolve_label(built, category: str) -> str:
    """A category's name, as the h1 of its page."""
    return soup(built["site"] / "glossary" / f"{category}.html").find("h1").get_text()


def test_category_pages_bar_links_every_category_and_marks_the_current_one(category_pages):
    for c, page in category_pages.items():
        bar = page.select_one(".glossary-tools .glossary-bar[role=navigation]")
        hrefs = [a["href"] for a in bar.select("a")]
        assert hrefs == ["../glossary.html", *[f"{o}.html" for o in hrefs_order(category_pages)]]
        assert [a["href"] for a in bar.select("a[aria-current=page]")] == [f"{c}.html"]


def hrefs_order(category_pages) -> list[str]:
    """The categories in the order the landing page lists them (the schema's)."""
    first = next(iter(category_pages.values()))
    return [a["href"].removesuffix(".html") for a in first.select(".glossary-bar a")[1:]]


def test_related_entries_link_to_the_related_entry_on_its_page(sections):
    by_id = {e["id"]: e for e in ENTRIES}
    wrong = []
    for e in ENTRIES:
        box = sections[e["id"]].select_one("p.entry-related")
        got = [(a["href"], a.get_text()) for a in box.select("a")] if box else []
        # From one category's page to another's, or to the same page: both glossary/<category>.html.
        want = [(f"{by_id[r]['category']}.html#{r}", by_id[r]["term"]) for r in e.get("related", [])]
        if got != want:
            wrong.append((e["id"], got, want))
    assert wrong == []


@pytest.mark.parametrize("field", ["term", "pinyin", "english", "definition"])
def test_glossary_entry_heading_and_meta_are_the_seed_values(sections, field):
    """The heading is the term; pinyin, English (lang=en) and the definition are printed exactly."""
    wrong = []
    for e in ENTRIES:
        sec = sections.get(e["id"])
        if sec is None:
            wrong.append((e["id"], "no section"))
            continue
        if field == "term":
            got, want = sec.select_one(".glossary-entry").get_text(), e["term"]
        elif field == "english":
            spans = sec.select('.entry-meta [lang="en"]')
            got, want = [s.get_text() for s in spans], [e["english"]]
        elif field == "definition":
            got, want = sec.select_one("p.entry-definition").get_text(), e["definition"]
        else:
            got = sec.select_one('.entry-meta [lang="zh-Latn-pinyin"]').get_text()
            if e.get("pinyin"):
                want = e["pinyin"]
            else:
                # pypinyin's reading of the Han characters, in order; digits and Latin letters
                # ("G60", "PPP") and punctuation may stand between them as written.
                want = [s[0] for s in pinyin(e["term"], style=Style.TONE, errors="ignore")]
                got = [t for t in got.split() if re.fullmatch(r"[a-zü\u0300-\u036f\u00e0-\u01dc]+", t)]
        if got != want:
            wrong.append((e["id"], got, want))
    assert wrong == []


def markdown_text(source: str) -> str:
    """The text a reader sees of contributed Markdown (rendered here with the markdown package)."""
    return flat(BeautifulSoup(markdown.markdown(html.escape(source.strip(), quote=False)), "lxml").get_text())


def test_glossary_explanations_are_rendered_in_full(sections):
    """Each explanation's text (its Markdown rendered) is on the page; an entry without one shows none."""
    wrong = []
    for e in ENTRIES:
        div = sections[e["id"]].select_one("div.entry-explanation")
        want = markdown_text(e.get("explanation") or "")
        got = flat(div.get_text()) if div is not None else ""
        if got != want:
            wrong.append((e["id"], got[:80], want[:80]))
    assert wrong == []


def unmarked(text: str) -> str:
    """The text with its quotation marks taken out, to compare the words alone."""
    return text.translate(str.maketrans("", "", "“”‘’「」『』"))


def test_glossary_lists_every_document_source_with_title_url_and_quote(sections):
    """Each document source is a link with its title to its URL, followed by the passage relied on."""
    missing = []
    for e in ENTRIES:
        box = sections[e["id"]].select_one("div.entry-sources")
        links = {(a["href"], a.get_text()) for a in box.find_all("a")}
        text = flat(box.get_text())
        for s in e["sources"]:
            if "url" in s:
                if (s["url"], s["title"]) not in links:
                    missing.append((e["id"], s["title"]))
                # The words verbatim; the quote's own quotation marks go one level in (test_quotes checks how).
                if s.get("quote") and unmarked(f"“{flat(s['quote'])}”") not in unmarked(text):
                    missing.append((e["id"], s["quote"][:40]))
            elif not any(href.endswith(f"#p-{s['cite']}") and t == s["cite"] for href, t in links):
                missing.append((e["id"], s["cite"]))
    assert missing == []


def test_glossary_occurrences_are_the_term_links_of_the_report(sections, term_links):
    """'出现于（N 处）' lists one link per term link in the report pages, to the right paragraphs."""
    wrong = []
    for e in ENTRIES:
        occ = sections[e["id"]].select_one("p.entry-occurrences")
        cids = [a.get_text() for a in occ.find_all("a")]
        hrefs_ok = all(a["href"].endswith(f"#p-{a.get_text()}") for a in occ.find_all("a"))
        want = term_links.get(e["id"], Counter())
        if Counter(cids) != want or not occ.get_text().startswith(f"出现于（{sum(want.values())} 处）") or not hrefs_ok:
            wrong.append((e["id"], cids, dict(want)))
    assert wrong == []
    assert sum(map(sum, (c.values() for c in term_links.values()))) > 400  # the comparison has teeth


# ---------------------------------------------------------------- 术语索引 terms.html


def test_terms_index_lists_every_entry_once_with_link_and_english(built):
    """One item per entry: the term linking to glossary/<category>.html#id, and the English beside it."""
    items = soup(built["site"] / "terms.html").select("ul.terms-index li")
    got = Counter()
    wrong = []
    by_id = {e["id"]: e for e in ENTRIES}
    for li in items:
        a = li.find("a")
        entry_id = a["href"].partition("#")[2]
        got[entry_id] += 1
        e = by_id.get(entry_id)
        english = [s.get_text() for s in li.select('[lang="en"]')]
        if e is None or a["href"] != f"glossary/{e['category']}.html#{entry_id}" or a.get_text() != e["term"] or english != [e["english"]]:
            wrong.append((a["href"], a.get_text(), english))
    assert wrong == []
    assert got == Counter(by_id.keys())


# ---------------------------------------------------------------- 数说 numbers.html


@pytest.fixture(scope="module")
def ledger_rows(built) -> dict[str, Tag]:
    rows = soup(built["site"] / "numbers.html").select("#ledger-table tbody tr")
    return {tr["id"]: tr for tr in rows}


def test_numbers_table_has_one_row_per_ledger_row_in_order(built):
    """The table's rows are the ledger's, id n-<id>, in the order of seeds/ledger.yaml."""
    rows = soup(built["site"] / "numbers.html").select("#ledger-table tbody tr")
    assert [tr["id"] for tr in rows] == [f"n-{r['id']}" for r in LEDGER]


def test_numbers_rows_show_value_unit_indicator_and_quote(ledger_rows):
    """Each row prints the seed's indicator, the value as the quote prints it (8.0 stays 8.0, a range
    stays a range; its lower bound is the value), unit, comparison, year, kind and quote."""
    wrong = []
    for r in LEDGER:
        cells = [td.get_text() for td in ledger_rows[f"n-{r['id']}"].find_all("td")]
        indicator, value, unit, comparison, year, kind, quote = cells[:7]
        ok = (
            indicator == r["indicator"]
            and float(value.split("-")[0]) == float(r["value"])
            and (value in r["quote"] or not any(ch.isdigit() for ch in r["quote"]))
            and unit == r.get("unit", "")
            and comparison == r["comparison"]
            and year == str(r["year"])
            and kind == {"result": "实绩", "target": "目标"}[r["kind"]]
            and unmarked(quote) == unmarked(f"“{r['quote']}”" + (r.get("note") or ""))
            and quote.startswith("“") and "“" not in quote[1:].split("”")[0]
        )
        if not ok:
            wrong.append((r["id"], cells[:7]))
    assert wrong == []


def test_numbers_rows_link_to_their_paragraph(built, ledger_rows):
    """The 段落 cell links, by relative URL, to the page and anchor where the quoted paragraph stands."""
    numbers = built["site"] / "numbers.html"
    parsed: dict[Path, BeautifulSoup] = {}
    wrong = []
    for r in LEDGER:
        a = ledger_rows[f"n-{r['id']}"].find_all("td")[7].find("a")
        target, fragment = resolve(numbers, a["href"])
        if target.exists() and target not in parsed:
            parsed[target] = soup(target)
        para = parsed[target].find(id=fragment) if target.exists() else None
        if a.get_text() != r["para"] or para is None or para.get("data-para") != r["para"] or r["quote"] not in para.get_text():
            wrong.append((r["id"], a["href"]))
    assert wrong == []


# ---------------------------------------------------------------- 校勘记 emendations.html


@pytest.fixture(scope="module")
def emendation_page(built) -> BeautifulSoup:
    return soup(built["site"] / "emendations.html")


def published_emendations(built) -> list[tuple[str, dict]]:
    report = json.loads((built["site"] / "data" / "report.json").read_text(encoding="utf-8"))
    return [(b["cid"], e) for b in report["blocks"] for e in b["emendations"]]


def test_emendations_table_has_one_row_per_record_with_rule_and_reason(built, emendation_page):
    """Every record of the published data is one row, in order, with its place, rule and reason."""
    rows = emendation_page.select("table.emendations tbody tr")
    got = [(tr.find_all("td")[0].get_text(), tr.find("code").get_text(), tr.find_all("td")[4].get_text()) for tr in rows]
    want = [(cid, e["rule"], e["reason"]) for cid, e in published_emendations(built)]
    assert got == want and len(want) > 50


def test_every_hand_kept_correction_is_on_the_emendations_page(emendation_page):
    """Each record of seeds/emendations.yaml is a row with its rule, reason and (typo, sic) its text."""
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in emendation_page.select("table.emendations tbody tr")]
    missing = []
    for c in seed("emendations.yaml")["corrections"]:
        found = [r for r in rows if r[3] == c["rule"] and r[4] == c["reason"]]
        if c["rule"] != "page-break":
            found = [r for r in found if c["before"] in r[1] and c["after"] in r[2]]
        if len(found) != 1:
            missing.append((c["line"], c["rule"]))
    assert missing == []


def test_rule_counts_add_up_to_the_records(built, emendation_page):
    """The 按规则统计 table counts each rule's records."""
    table = emendation_page.find(id="by-rule").find_next("table")
    got = {tr.find("code").get_text(): int(tr.find_all("td")[2].get_text()) for tr in table.select("tbody tr")}
    assert got == Counter(e["rule"] for _, e in published_emendations(built))


def test_conversion_overrides_table_lists_every_override(emendation_page):
    """Each entry of seeds/opencc-overrides.yaml is a row: simplified, zh-TW, zh-HK and reason, in order."""
    rows = emendation_page.select("table.conversion-overrides tbody tr")
    got = [[td.get_text() for td in tr.find_all("td")] for tr in rows]
    want = [[o["simplified"], o["zh-TW"], o["zh-HK"], o["reason"]] for o in seed("opencc-overrides.yaml")["overrides"]]
    assert got == want


def test_the_numbers_page_keeps_the_printed_precision(ledger_rows):
    """The report prints 8.0% and 7.0%; the table prints them so, not 8 and 7."""
    fiscal = [r for r in LEDGER if r["quote"].startswith("财政总收入和一般公共预算收入分别增长8.0%")]
    assert sorted(ledger_rows[f"n-{r['id']}"].find_all("td")[1].get_text() for r in fiscal) == ["7.0", "8.0"]
