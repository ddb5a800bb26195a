"""The headline chart (charts.py): two drawings, wide and narrow, coloured by the stylesheet only,
their text large enough on a phone by the sizes docs/assets/numbers.css gives it."""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup

from build_tools import paths
from build_tools.s2_render import charts
from build_tools.s2_render.pages.numbers import headline_pairs

NUMBERS_CSS = paths.ROOT / "docs" / "assets" / "numbers.css"
# The narrowest content column the narrow drawing is made for: a 320 px screen less Material's margins.
PHONE_COLUMN_PX = 300


@pytest.fixture(scope="module")
def svgs(edition) -> dict[str, BeautifulSoup]:
    pairs = headline_pairs(edition.ledger)
    assert len(pairs) >= 10
    html = BeautifulSoup(charts.headline_chart(pairs, edition.ctx.ui), "html.parser")
    return {layout: html.select_one(f"svg.ledger-chart--{layout}") for layout in ("wide", "narrow")}


def css_font_sizes() -> dict[str, float]:
    """The font size numbers.css gives each class of the chart's text (`text` for all of them)."""
    css = NUMBERS_CSS.read_text(encoding="utf-8")
    sizes = {}
    for selector, size in re.findall(r"\.ledger-chart (text|\.\w+) \{[^}]*font-size: (\d+(?:\.\d+)?)px", css):
        sizes[selector.lstrip(".")] = float(size)
    return sizes


def text_width(text: str, size: float) -> float:
    """A generous estimate of a line's width: a wide (CJK) character 1 em, any other 0.62 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.62 * size for c in text)


def test_two_drawings_each_with_its_own_title_description_and_pattern(svgs):
    for layout, svg in svgs.items():
        assert svg is not None, layout
        title, desc = svg.find("title"), svg.find("desc")
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
        assert svg["role"] == "img" and title.get_text() and desc.get_text()
        assert svg.find("pattern")["id"] == f"hatch-{layout}"
        targets = svg.select("rect.bar-target")
        assert targets and all(r["fill"] == f"url(#hatch-{layout})" for r in targets)
    assert svgs["wide"].find("desc").get_text() == svgs["narrow"].find("desc").get_text()
    # The phone's drawing is the same chart: only the wide one goes into the search index.
    assert svgs["narrow"].has_attr("data-search-exclude") and not svgs["wide"].has_attr("data-search-exclude")


def test_colours_come_from_the_stylesheet(svgs):
    """No colour in the markup (so both palettes and print can set it): classes and the hatch only."""
    for svg in svgs.values():
        for el in svg.find_all(True):
            assert not {"stroke", "style", "color"} & set(el.attrs), el
            assert el.get("fill", "url(#").startswith("url(#"), el


def test_every_text_has_a_class_the_stylesheet_sizes(svgs):
    sizes = css_font_sizes()
    assert "text" in sizes
    for svg in svgs.values():
        for t in svg.find_all("text"):
            assert t.get("class") and t["class"][0] in {"label", "value", "key"}, t


def test_the_narrow_drawing_is_legible_on_a_phone_and_fits(svgs):
    """At a 300 px column each text renders at 12 px or more, and no text runs off the drawing."""
    sizes = css_font_sizes()
    svg = svgs["narrow"]
    _, _, width, _ = (float(v) for v in svg["viewbox"].split())  # html.parser lowercases names
    scale = PHONE_COLUMN_PX / width
    too_small, too_long = [], []
    for t in svg.find_all("text"):
        size = sizes.get(t["class"][0], sizes["text"])
        if size * scale < 12:
            too_small.append((t.get_text(), size * scale))
        x = float(t["x"]) + sum(float(v) for v in re.findall(r"translate\(([\d.]+)", t.parent.get("transform", "")))
        if x + text_width(t.get_text(), size) > width:
            too_long.append(t.get_text())
    assert too_small == [] and too_long == []
