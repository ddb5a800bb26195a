"""Every generated page's Markdown (the report's pages from render, the others from their own
module in pages/), and the navigation.

Plain functions from data to data; MkDocs is not imported, so the generated Markdown can feed
MkDocs today or Zensical later.
"""

from __future__ import annotations

from build_tools import registry
from build_tools.model import Report
from build_tools.s1_load.schema import Entry
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition
from build_tools.s2_render.pages.about import about_page
from build_tools.s2_render.pages.appendix import APPENDIX_HOME, appendix_page
from build_tools.s2_render.pages.contributors import contributors_page
from build_tools.s2_render.pages.emendations import emendations_page
from build_tools.s2_render.pages.glossary import categories_of, glossary_pages
from build_tools.s2_render.pages.home import home_page
from build_tools.s2_render.pages.numbers import numbers_page
from build_tools.s2_render.render import page_path
from build_tools.s2_render.ui import UI


def render_all(ed: Edition) -> dict[str, str]:
    """Every generated file under docs/, keyed by relative path: the report's pages, then each
    page of the registry, from its own view builder; the interface in ``ed``'s variant
    (Edition.for_variant), the rest in simplified, for OpenCC to convert."""
    files = render.pages_markdown(ed.report, ed.ctx, ed.english_note)
    files["index.md"] = home_page(ed)
    files["emendations.md"] = emendations_page(ed)
    files.update(glossary_pages(ed))
    files["numbers.md"] = numbers_page(ed)
    files["contributors.md"] = contributors_page(ed.ctx.ui)
    files["about.md"] = about_page(ed)
    files[APPENDIX_HOME] = appendix_page(ed)
    return files


def nav(report: Report, ui: UI, entries: list[Entry]) -> list:
    """The site navigation: report pages by part, then the apparatus, whose titles are messages;
    the glossary a section of its own: its landing page, then one page per category."""
    out: list = [{ui.text("home"): registry.HOME}]
    for part_block in report.parts:
        number = int(part_block.cid)
        items = [{p.title: page_path(p.slug)} for p in report.pages if p.part == number]
        out.append({part_block.text: items})
    appendix: list = []
    for page in registry.APPENDIX:
        if page is registry.GLOSSARY:
            section = [{ui.text("glossary_overview"): page.path}, *({label: md} for _, label, md in categories_of(entries))]
            appendix.append({ui.text(page.key): section})
        else:
            appendix.append({ui.text(page.key): page.path})
    out.append({ui.text(registry.APPENDIX_KEY): appendix})
    return out
