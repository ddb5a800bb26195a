"""数说 (numbers.html) as built, in every variant: what the phone's card layout and the chart's two
drawings rely on (docs/assets/numbers.css)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from build_tools import registry
from build_tools.convert import unmark

pytestmark = pytest.mark.slow

CELL_CLASSES = [
    "ledger__indicator",
    "ledger__value",
    "ledger__unit",
    "ledger__comparison",
    "ledger__year",
    "ledger__kind",
    "ledger__quote",
    "ledger__cid",
    "ledger__counterpart",
]


def page(built, variant) -> BeautifulSoup:
    folder = built["site"] if variant is registry.SOURCE else built["site"] / variant.code
    return BeautifulSoup((folder / "numbers.html").read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module", params=registry.VARIANTS, ids=lambda v: v.code)
def numbers(request, built) -> BeautifulSoup:
    return page(built, request.param)


def test_every_cell_is_labelled_with_its_column_header(numbers):
    """On a phone each cell's line is labelled from data-label: its column's header, in that variant."""
    table = numbers.select_one("table#ledger-table")
    headers = [th.get_text() for th in table.select("thead th")]
    assert len(headers) == len(CELL_CLASSES) and all(headers)
    rows = table.select("tbody tr")
    assert len(rows) > 100
    wrong = []
    for tr in rows:
        cells = tr.find_all("td")
        got = [(td.get("data-label"), td.get("class")) for td in cells]
        if got != [(h, [c]) for h, c in zip(headers, CELL_CLASSES, strict=True)]:
            wrong.append((tr["id"], got))
    assert wrong == []
    assert not any(unmark(h) != h for h in headers)


def test_the_table_keeps_its_roles_when_laid_out_as_cards(numbers):
    table = numbers.select_one("table#ledger-table")
    assert table["role"] == "table"
    assert [g["role"] for g in table.find_all(["thead", "tbody"])] == ["rowgroup", "rowgroup"]
    assert all(tr["role"] == "row" for tr in table.find_all("tr"))
    assert all(th["role"] == "columnheader" and th["scope"] == "col" for th in table.find_all("th"))
    assert all(td["role"] == "cell" for td in table.find_all("td"))


def test_the_page_has_both_drawings_and_loads_numbers_css_after_edition_css(numbers, built):
    figure = numbers.select_one("figure.ledger-figure")
    assert [svg["class"] for svg in figure.find_all("svg")] == [
        ["ledger-chart", "ledger-chart--wide"],
        ["ledger-chart", "ledger-chart--narrow"],
    ]
    sheets = [link["href"].rsplit("/", 1)[-1] for link in numbers.select('link[rel="stylesheet"]')]
    assert "numbers.css" in sheets and sheets.index("numbers.css") > sheets.index("edition.css")
    assert (built["site"] / "assets" / "numbers.css").is_file()
