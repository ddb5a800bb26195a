"""Charts drawn at build time as inline SVG: no script, no network, printable, convertible text."""

from __future__ import annotations

from html import escape

from build_tools.s1_load.ledger import printed
from build_tools.s2_render.ui import UI

# The wide layout (a screen of 45em and more): the indicator left of its two bars.
ROW = 54
LABEL_W = 190
BAR_W = 330
WIDTH = LABEL_W + BAR_W + 150

# The narrow layout (a phone): the indicator above its two bars, drawn 320 units wide so that the
# 13–14 unit text of docs/assets/numbers.css renders at 12 px or more on a content column of 300 px.
NARROW_WIDTH = 320
NARROW_ROW = 70
NARROW_BAR_W = 190


def _figure(row) -> str:
    return f"{printed(row)}{row.unit}"


def _value(row) -> str:
    return escape(row.comparison + _figure(row))


def _head(layout: str, width: int, height: int, pairs, ui: UI) -> list[str]:
    """The svg element, its title and description (each chart's own ids) and its hatch pattern.

    Colours are left to the stylesheets (classes only), so that both palettes and print can set
    them: the hatch's lines and the target bar's outline take the bar colour of the scheme.
    """
    title, desc = f"chart-title-{layout}", f"chart-desc-{layout}"
    return [
        f'<svg class="ledger-chart ledger-chart--{layout}" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{title} {desc}" xmlns="http://www.w3.org/2000/svg"'
        + (" data-search-exclude" if layout == "narrow" else "")
        + ">",
        f'<title id="{title}">{ui("chart_title")}</title>',
        f'<desc id="{desc}">'
        + "；".join(f"{escape(r.indicator)}：{ui('result_2019')}{_value(r)}，{ui('target_2020')}{_value(t)}" for r, t in pairs)
        + "</desc>",
        f'<defs><pattern id="hatch-{layout}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="bar-target-bg"/><line x1="0" y1="0" x2="0" y2="6" class="bar-target-line" stroke-width="3"/></pattern></defs>',
    ]


def _legend(layout: str, x: int, ui: UI) -> str:
    return (
        f'<g class="legend" transform="translate({x},14)"><rect width="14" height="10" class="bar-result"/><text x="20" y="10" class="key">{ui("result_2019")}</text>'
        f'<rect x="110" width="14" height="10" fill="url(#hatch-{layout})" class="bar-target"/><text x="130" y="10" class="key">{ui("target_2020")}</text></g>'
    )


def _bars(layout: str, result, target, x: int, y: int, width: int, height: int, gap: int) -> list[str]:
    """A result's bar and its target's, one above the other, each followed by its value."""
    top = max(result.value, target.value) or 1
    parts = []
    for j, (row, cls) in enumerate(((result, "bar-result"), (target, "bar-target"))):
        w = max(2, width * row.value / top)
        fill = f' fill="url(#hatch-{layout})"' if cls == "bar-target" else ""
        by = y + j * (height + gap)
        parts.append(f'<rect x="{x}" y="{by}" width="{w:.1f}" height="{height}" class="{cls}"{fill}/>')
        parts.append(f'<text x="{x + w + 6:.1f}" y="{by + height - 3}" class="value">{_value(row)}</text>')
    return parts


def headline_chart(pairs, ui: UI) -> str:
    """2019 result against 2020 target for each headline indicator, each pair on its own scale.

    Units differ (%, 万人, 家, 亩), so each indicator gets its own scale; the bars compare a
    result with its target, never one indicator with another. Solid = result, hatched = target,
    so the chart reads in black and white too.

    Two drawings of the same chart: a wide one (the indicator left of its bars) and a narrow one
    for a phone (the indicator above its bars, so that the text can be large); numbers.css shows
    one of them by the width of the screen. Only the wide one is indexed for search; the text
    version of both is the table under the figure.
    """
    height = ROW * len(pairs) + 40
    wide = [*_head("wide", WIDTH, height, pairs, ui), _legend("wide", LABEL_W, ui)]
    for i, (result, target) in enumerate(pairs):
        y = 36 + i * ROW
        wide.append(f'<text x="0" y="{y + 20}" class="label">{escape(result.indicator)}</text>')
        wide += _bars("wide", result, target, LABEL_W, y + 4, BAR_W, 16, 4)
    wide.append("</svg>")

    height = NARROW_ROW * len(pairs) + 30
    narrow = [*_head("narrow", NARROW_WIDTH, height, pairs, ui), _legend("narrow", 0, ui)]
    for i, (result, target) in enumerate(pairs):
        y = 34 + i * NARROW_ROW
        narrow.append(f'<text x="0" y="{y + 14}" class="label">{escape(result.indicator)}</text>')
        narrow += _bars("narrow", result, target, 0, y + 21, NARROW_BAR_W, 16, 4)
    narrow.append("</svg>")
    return "".join(wide) + "\n" + "".join(narrow)
