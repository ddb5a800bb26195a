"""数说: every quantitative statement of the report, the headline chart and the table."""

from __future__ import annotations

from build_tools.s1_load import ledger
from build_tools.s2_render import charts, render
from build_tools.s2_render.edition import Edition


def headline_pairs(rows) -> list:
    """Each headline result with its target, in the ledger's order: what the chart draws."""
    by_id = {r.id: r for r in rows}
    return [(r, by_id[r.counterpart]) for r in rows if r.headline and r.kind == "result" and r.counterpart in by_id]


def numbers_page(ed: Edition) -> str:
    rows = ed.ledger
    by_id = {r.id: r for r in rows}
    pairs = headline_pairs(rows)
    return render.render_template(
        "numbers.md.j2",
        ui=ed.ctx.ui,
        rows=rows,
        chart=charts.headline_chart(pairs, ed.ctx.ui),
        pairs=pairs,
        by_id=by_id,
        cite=lambda cid: ed.ctx.cite_link("numbers.md", cid),
        results=sum(1 for r in rows if r.kind == "result"),
        printed=ledger.printed,
        quoted=render.quoted,
        targets=sum(1 for r in rows if r.kind == "target"),
    )
