"""关于本版: sources, the three texts and each traditional variant's house style, licence, citing."""

from __future__ import annotations

from build_tools import registry
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition


def about_page(ed: Edition) -> str:
    """The about page: its words from the interface's messages, the house style from seeds/house-style.yaml."""
    styles = [{"code": v.code, "lang": v.lang, "label": v.label, "style": ed.styles[v.code]} for v in registry.TRADITIONAL if v.code in ed.styles]
    return render.render_template("about.md.j2", ui=ed.ctx.ui, styles=styles)
