"""数说 (numbers.html) on a phone-sized touch screen and on a desk, light and dark, from the offline
bundle with the network blocked: no sideways scrolling, the ledger as cards whose citation ids never
break, the chart's text at 12 px or more, the hatched target bars visible in both palettes."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Watched, watch
from tests.browser.test_offline_bundle import url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESK = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


def open_numbers(browser, bundle, scheme: str, screen: dict, path: str = "numbers.html") -> Watched:
    w = watch(browser.new_context(**screen, color_scheme=scheme, locale="zh-CN"), ("file://",))
    w.page.goto(url(bundle, path))
    return w


@pytest.fixture
def phone(browser, bundle, scheme):
    w = open_numbers(browser, bundle, scheme, PHONE)
    yield w
    w.context.close()


def rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(rgb(a)), luminance(rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Each citation id's cell: its height against its line box, and how many boxes its link makes.
CID_LINES = """() => [...document.querySelectorAll('table.ledger td.ledger__cid')].map(td => {
  const a = td.querySelector('a');
  return {id: a.textContent, height: td.getBoundingClientRect().height, boxes: a.getClientRects().length,
          line: parseFloat(getComputedStyle(td).lineHeight)};
})"""

# Each shown text of the chart: its font size on screen, from its bounding box on screen against its
# box in the drawing's own units (getBBox) times its font size in those units.
CHART_TEXT = """() => [...document.querySelectorAll('svg.ledger-chart text')]
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => {
    const screen = t.getBoundingClientRect(), own = t.getBBox();
    return {text: t.textContent, cls: t.getAttribute('class'), height: screen.height,
            px: parseFloat(getComputedStyle(t).fontSize) * screen.width / own.width};
  })"""

TARGET_COLOURS = """() => {
  const svg = [...document.querySelectorAll('svg.ledger-chart')].find(s => s.getBoundingClientRect().width > 0);
  const bar = svg.querySelector('rect.bar-target'), line = svg.querySelector('.bar-target-line');
  return {outline: getComputedStyle(bar).stroke, hatch: getComputedStyle(line).stroke,
          fill: getComputedStyle(bar).fill, page: getComputedStyle(document.body).backgroundColor,
          result: getComputedStyle(svg.querySelector('rect.bar-result')).fill};
}"""


def test_no_sideways_scrolling_and_the_ledger_is_cards(phone):
    page = phone.page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # Each row a card, the indicator its heading above labelled lines: every cell as wide as its row.
    first = page.locator("#ledger-table tbody tr").first
    row, indicator, quote = first.bounding_box(), first.locator("td.ledger__indicator").bounding_box(), first.locator("td.ledger__quote").bounding_box()
    assert indicator["y"] < quote["y"] and quote["width"] > 0.8 * row["width"]
    label = page.evaluate("() => getComputedStyle(document.querySelector('#ledger-table td.ledger__quote'), '::before').content")
    assert "原文" in label
    phone.assert_clean()


@pytest.mark.parametrize("screen", [PHONE, DESK], ids=["phone", "desk"])
def test_citation_ids_are_never_broken(browser, bundle, screen):
    w = open_numbers(browser, bundle, "light", screen)
    cells = w.page.evaluate(CID_LINES)
    assert len(cells) > 100
    # One box for the link; on a phone (a card's line) the cell is one line box high too. On a desk
    # the cell is as high as its row, so the link's single box is the measure.
    broken = [c for c in cells if c["boxes"] != 1 or (screen is PHONE and c["height"] > c["line"] + 0.5)]
    assert broken == []
    w.context.close()


def test_the_chart_text_is_12px_or_more(phone):
    texts = phone.page.evaluate(CHART_TEXT)
    # One drawing is shown: the narrow one, each indicator's label and two values, and the legend.
    assert len(texts) >= 30
    small = [t for t in texts if t["px"] < 12 or t["height"] < 12]
    assert small == []
    assert {t["cls"] for t in texts} == {"label", "value", "key"}


def test_the_target_bars_stand_out_from_the_page(phone):
    colours = phone.page.evaluate(TARGET_COLOURS)
    assert colours["fill"].startswith("url(")
    for part in ("outline", "hatch", "result"):
        assert contrast(colours[part], colours["page"]) >= 3, (part, colours)


def test_the_filter_the_kind_select_and_sorting_work_on_the_cards(phone):
    page = phone.page
    rows = page.locator("#ledger-table tbody tr")
    total = rows.count()
    page.locator(".ledger-filter").fill("耕地")
    shown = page.locator("#ledger-table tbody tr:visible")
    assert 1 <= shown.count() < total and all("耕地" in t for t in shown.all_inner_texts())
    page.locator(".ledger-filter").fill("")
    page.locator("select.ledger-kind").select_option("target")
    assert 1 <= shown.count() < total
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"target"}
    assert page.locator("#ledger-table tbody tr[hidden]").first.bounding_box() is None
    # The header row is a bar of sort buttons above the cards.
    page.locator("#ledger-table thead th", has_text="数值").locator("button").tap()
    values = [float(v) for v in shown.evaluate_all("els => els.map(e => e.querySelector('td[data-value]').dataset.value)")]
    assert values == sorted(values) and len(values) > 1
    phone.assert_clean()


def test_the_cards_are_still_a_table_to_assistive_technology(phone):
    """Chromium's accessibility tree still has the table, its column headers, rows and cells."""
    cdp = phone.context.new_cdp_session(phone.page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    # Every cell shown (an empty one is not: no counterpart, no unit) is a cell to it.
    shown = phone.page.evaluate("() => [...document.querySelectorAll('#ledger-table td')].filter(td => td.getClientRects().length).length")
    assert "table" in roles and roles.count("row") >= 176
    assert roles.count("columnheader") >= 9 and roles.count("cell") >= shown > 1000
