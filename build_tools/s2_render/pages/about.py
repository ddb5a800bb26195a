"""关于本版: sources, the three texts and each traditional variant's house style, licence, citing."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from build_tools import registry
from build_tools.s1_load.house_style import VariantStyle
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition


def about_page(ed: Edition) -> str:
    """The about page: its words from the interface's messages, the house style from seeds/house-style.yaml."""
    styles = [{"code": v.code, "lang": v.lang, "label": v.label, "style": ed.styles[v.code]} for v in registry.TRADITIONAL if v.code in ed.styles]
    return render.render_template("about.md.j2", ui=ed.ctx.ui, styles=styles, mentions=mentions)


def mentions(text: str, style: VariantStyle) -> Markup:
    """``text`` with each stock form its rules replace marked as cited, not used (translate="no"):
    the house style names the forms it does not print."""
    forms = sorted({r.opencc for r in style.rules}, key=len, reverse=True)
    if not forms:
        return escape(text)
    parts = re.split(f"({'|'.join(map(re.escape, forms))})", text)
    return Markup("").join(Markup('<span class="house-opencc" translate="no">{}</span>').format(p) if i % 2 else escape(p) for i, p in enumerate(parts))
