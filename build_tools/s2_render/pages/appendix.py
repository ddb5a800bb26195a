"""The appendix section's own page."""

from __future__ import annotations

import posixpath

from build_tools import registry
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition
from build_tools.s2_render.pages.home import emendation_count


def appendix_page(ed: Edition) -> str:
    """The appendix section's own page: every other appendix page with its line."""
    appendix = [p for p in registry.APPENDIX if p.path != APPENDIX_HOME]
    return render.render_template(
        "appendix.md.j2",
        pages=[
            {"key": p.key, "summary_key": p.summary_key, "listed": p.listed, "link": posixpath.relpath(p.path, posixpath.dirname(APPENDIX_HOME))}
            for p in appendix
        ],
        ui=ed.ctx.ui,
        emendation_count=emendation_count(ed),
    )


APPENDIX_HOME = registry.APPENDIX[0].path
