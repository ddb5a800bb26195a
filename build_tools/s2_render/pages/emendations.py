"""校勘记: every change to the text as received, by rule and by paragraph, and the corrections to OpenCC."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools import paths, registry
from build_tools.convert import TRADITIONAL, load_overrides
from build_tools.model import Report
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition


def _show(text: str):
    return text.replace("\n", "⏎").replace(" ", "␣")


def emendation_rows(report: Report) -> list[tuple[str, list]]:
    rows = []
    for block in report.blocks():
        if not block.emendations:
            continue
        items = []
        for e in block.emendations:
            left, right = block.source[max(0, e.start - 6) : e.start], block.source[e.end : e.end + 6]
            items.append(_Row(left + e.before + right, left + e.after + right, e.rule, e.reason))
        rows.append((block.cid, items))
    return rows


@dataclass
class _Row:
    context_before: str
    context_after: str
    rule: str
    reason: str


def emendations_page(ed: Edition) -> str:
    """校勘记: every emendation by rule and by paragraph, and the corrections to OpenCC."""
    all_ems = [e for b in ed.report.blocks() for e in b.emendations]
    counts: dict[str, int] = {}
    for e in all_ems:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    return render.render_template(
        "emendations.md.j2",
        ui=ed.ctx.ui,
        sha256=paths.SEED_SHA256,
        records=all_ems,
        rule_counts=[(r, registry.RULE_LABELS[r], n) for r, n in counts.items()],
        by_block=emendation_rows(ed.report),
        overrides=load_overrides()[0],
        traditional=TRADITIONAL,
        show=_show,
        ctx=ed.ctx,
        md="emendations.md",
    )
