"""Charts drawn at build time as inline SVG: no script, no network, printable, convertible text."""

from __future__ import annotations

from html import escape

from build_tools.s1_load.ledger import printed
from build_tools.s2_render.ui import UI

ROW = 54
LABEL_W = 190
BAR_W = 330
WIDTH = LABEL_W + BAR_W + 150


def _figure(row) -> str:
    return f"{printed(row)}{row.unit}"


def headline_chart(pairs, ui: UI) -> str:
    """2019 result against 2020 target for each headline indicator, each pair on its own scale.

    Units differ (%, 万人, 家, 亩), so each indicator gets its own scale; the bars compare a
    result with its target, never one indicator with another. Solid = result, hatched = target,
    so the chart reads in black and white too.
    """
    height = ROW * len(pairs) + 40
    parts = [
        f'<svg class="ledger-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{ui("chart_title")}</title>',
        '<desc id="chart-desc">'
        + "；".join(
            f"{escape(r.indicator)}：{ui('result_2019')}{escape(r.comparison + _figure(r))}，{ui('target_2020')}{escape(t.comparison + _figure(t))}"
            for r, t in pairs
        )
        + "</desc>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="bar-target-bg"/><line x1="0" y1="0" x2="0" y2="6" class="bar-target-line" stroke-width="3"/></pattern></defs>',
        f'<g class="legend" transform="translate({LABEL_W},14)"><rect width="14" height="10" class="bar-result"/><text x="20" y="10">{ui("result_2019")}</text>'
        f'<rect x="110" width="14" height="10" fill="url(#hatch)" class="bar-target"/><text x="130" y="10">{ui("target_2020")}</text></g>',
    ]
    for i, (result, target) in enumerate(pairs):
        y = 36 + i * ROW
        top = max(result.value, target.value) or 1
        parts.append(f'<text x="0" y="{y + 20}" class="label">{escape(result.indicator)}</text>')
        for j, (row, cls) in enumerate(((result, "bar-result"), (target, "bar-target"))):
            w = max(2, BAR_W * row.value / top)
            fill = ' fill="url(#hatch)"' if cls == "bar-target" else ""
            by = y + 4 + j * 20
            parts.append(f'<rect x="{LABEL_W}" y="{by}" width="{w:.1f}" height="16" class="{cls}"{fill}/>')
            parts.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{by + 13}" class="value">{escape(row.comparison + _figure(row))}</text>')
    parts.append("</svg>")
    return "".join(parts)
