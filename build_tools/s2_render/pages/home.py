"""The home page: title block, how to read the edition, and the contents."""

from __future__ import annotations

from build_tools import registry
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition
from build_tools.s2_render.render import page_path


def emendation_count(ed: Edition) -> int:
    return sum(len(b.emendations) for b in ed.report.blocks())


def home_page(ed: Edition) -> str:
    """The title block, the how-to, and the contents: the report's parts and pages, the appendix."""
    report, ctx = ed.report, ed.ctx
    parts = []
    for part_block in report.parts:
        number = int(part_block.cid)
        pages = [{"title": p.title, "md": page_path(p.slug), "editorial": p.editorial_title} for p in report.pages if p.part == number]
        parts.append({"heading": part_block, "number": number, "pages": pages})
    return render.render_template(
        "index.md.j2",
        title=ed.ctx.ui("edition_title"),
        ui=ed.ctx.ui,
        front=report.front,
        parts=parts,
        ctx=ctx,
        md="index.md",
        heading_html=render.heading_html,
        block_html=render.block_html,
        emendation_count=emendation_count(ed),
        appendix=registry.APPENDIX,
        cards=render.cards_html(list(report.front), ctx, "index.md"),
    )
