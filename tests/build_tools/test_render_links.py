"""The words inside the report's links: each ledger link holds its row's number, each term link a form of its entry.

render.inline_html opens and closes the ``a.num`` and ``a.term`` links by character offsets; an
offset off by one still yields valid HTML with links to the right rows, so only reading the text
inside each link, and where it stands in its paragraph, catches it. Expectations come from the
seed files (``yaml.safe_load``), independently of build_tools.s1_load.ledger.place and the term matcher.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from build_tools import paths
from build_tools.convert import VARIANTS, convert_text, variant_configs

pytestmark = pytest.mark.slow

SEEDS = paths.ROOT / "seeds"
LEDGER = {r["id"]: r for r in yaml.safe_load((SEEDS / "ledger.yaml").read_text(encoding="utf-8"))["rows"]}
ENTRIES = {e["id"]: e for e in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((SEEDS / "glossary").glob("*.yaml")))}

# A number as the report writes it: digits with an optional decimal part, a range ("1-2") whole,
# not part of a longer number.
PRINTED = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?![\d])")


def expected_number(row: dict) -> tuple[int, str] | None:
    """Where, in the row's quote, the row's number is written, and the text its link holds.

    The number is one whose value (a range's lower bound) is the row's; of several, the one the
    row's unit follows ("10亿企业10家" with unit 家: the second 10). The link holds it as printed
    ("8.0", "1-2"), with the percent sign for a row whose unit is % ("6.7%"), the digits alone for
    any other unit. None when the quote writes the number in Chinese numerals.
    """
    quote, unit = row["quote"], row.get("unit", "")
    found = [m for m in PRINTED.finditer(quote) if float(m.group().split("-")[0]) == float(row["value"])]
    followed = [m for m in found if unit and unit != "%" and quote.startswith(unit, m.end())]
    for m in followed or found:
        percent = unit == "%"
        assert (quote[m.end() : m.end() + 1] == "%") == percent, f"{row['id']}: unit and quote disagree about %"
        return m.start(), m.group() + ("%" if percent else "")
    return None


def variant_root(site: Path, code: str) -> Path:
    return site / next(v.prefix for v in VARIANTS if v.code == code)


def report_pages(root: Path) -> list[Path]:
    return [root / "index.html", *sorted(p for part in ("1", "2", "3") for p in (root / part).glob("*.html"))]


def paragraphs(root: Path):
    """Each [data-para] element of the report pages, with its editorial parts removed."""
    for page in report_pages(root):
        for el in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("[data-para]"):
            for editorial in el.select("[data-editorial]"):
                editorial.decompose()
            yield el


def offsets(el: Tag, selector: str) -> list[tuple[Tag, int]]:
    """The elements matching ``selector`` inside ``el``, each with its character offset in el's text."""
    wanted = set(map(id, el.select(selector)))
    out, pos = [], 0
    for node in el.descendants:
        if isinstance(node, NavigableString):
            pos += len(node)
        elif id(node) in wanted:
            out.append((node, pos))
    return out


@pytest.fixture(scope="module")
def simplified(built) -> list[Tag]:
    return list(paragraphs(variant_root(built["site"], "zh-Hans")))


def test_every_ledger_link_holds_its_rows_number_at_the_quotes_place(simplified):
    """a.num[data-ledger=ID] holds exactly the number row ID states, where the row's quote puts it."""
    wrong, count = [], 0
    for el in simplified:
        text = el.get_text()
        for a, pos in offsets(el, "a.num[data-ledger]"):
            count += 1
            row = LEDGER[a["data-ledger"]]
            where = expected_number(row)
            starts = [m.start() + where[0] for m in re.finditer(re.escape(row["quote"]), text)] if where else []
            if where is None or a.get_text() != where[1] or pos not in starts or row["para"] != el["data-para"]:
                wrong.append((row["id"], el["data-para"], a.get_text(), where and where[1], pos, starts))
    assert wrong == []
    assert count >= 150


@pytest.mark.parametrize("code", ["zh-TW", "zh-HK"])
def test_ledger_links_hold_the_same_number_in_the_traditional_variants(built, code):
    """Digits are not converted: each variant's ledger link holds the same text as the simplified one."""
    wrong = []
    for el in paragraphs(variant_root(built["site"], code)):
        for a in el.select("a.num[data-ledger]"):
            where = expected_number(LEDGER[a["data-ledger"]])
            if where is None or a.get_text() != where[1]:
                wrong.append((a["data-ledger"], a.get_text()))
    assert wrong == []


def test_every_ledger_number_written_in_digits_is_linked_or_accounted_for(simplified):
    """A row's number is linked unless a glossary link already covers it ("最多90天"), another row
    shares the very same digits ("各8000亩"), or it straddles the edge of a bold lead sentence."""
    links, terms, leads = {}, {}, {}
    for el in simplified:
        cid = el["data-para"]
        links.update({(cid, pos): (a["data-ledger"], a.get_text()) for a, pos in offsets(el, "a.num[data-ledger]")})
        terms[cid] = [(pos, pos + len(a.get_text())) for a, pos in offsets(el, "a.term")]
        leads[cid] = [(pos, pos + len(s.get_text())) for s, pos in offsets(el, "strong.lead")]
    texts = {el["data-para"]: el.get_text() for el in simplified}
    unexplained = []
    for row in LEDGER.values():
        where = expected_number(row)
        if where is None:
            continue
        start = texts[row["para"]].index(row["quote"]) + where[0]
        end = start + len(where[1])
        linked = links.get((row["para"], start))
        if linked and linked[1] == where[1]:
            continue  # this row's link, or the first of two rows stating the same number
        if any(s <= start and end <= e for s, e in terms[row["para"]]):
            continue
        if any(s < end and start < e and not (s <= start and end <= e) for s, e in leads[row["para"]]):
            continue
        unexplained.append((row["id"], row["para"], where[1]))
    assert unexplained == []


@pytest.fixture(scope="module")
def converters():
    return variant_configs()


@pytest.mark.parametrize("code", [v.code for v in VARIANTS])
def test_every_term_link_holds_a_surface_form_of_its_entry(built, converters, code):
    """a.term[data-term=ID] holds the entry's term or one of its forms (converted, in a traditional variant)."""
    cc = converters[code]
    forms = {i: {convert_text(f, cc) for f in [e["term"], *e.get("forms", [])]} for i, e in ENTRIES.items()}
    wrong, count = [], 0
    for el in paragraphs(variant_root(built["site"], code)):
        for a in el.select("a.term[data-term]"):
            count += 1
            if a.get_text() not in forms.get(a["data-term"], ()):
                wrong.append((el["data-para"], a["data-term"], a.get_text()))
    assert wrong == []
    assert count > 400
