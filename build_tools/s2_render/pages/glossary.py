"""The glossary: a landing page (the intro and every term by category), one page per category
with its entries in full, and the index of terms by pinyin.

One page of 317 entries was ~930 KB of HTML; a category's page is a fraction of that. Which page
holds an entry is said once, by render.glossary_page (Context.entry_page, entry_link).
"""

from __future__ import annotations

import posixpath

from build_tools import registry
from build_tools.s1_load import glossary
from build_tools.s1_load.schema import CATEGORIES, LEVELS, Entry
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition


def categories_of(entries: list[Entry]) -> list[tuple[str, str, str]]:
    """The categories that have entries, in the schema's order: (category, label, page path)."""
    present = {e.category for e in entries}
    return [(c, label, render.glossary_page(c)) for c, label in CATEGORIES.items() if c in present]


def filter_keys(e: Entry) -> str:
    """What the glossary's filter box matches an entry by, besides the term as the page shows it
    (docs/assets/glossary.js): its simplified form and other forms, pinyin and English. An
    attribute, so that the variants' conversion leaves the simplified form as it is."""
    return " ".join([e.term, *e.forms, glossary.pinyin_of(e), e.english, *e.english_variants])


def entry_view(ed: Edition, e: Entry, md: str) -> dict:
    """What the templates show of an entry, its links relative to the page ``md`` it is shown on."""
    ctx = ed.ctx
    return {
        "id": e.id,
        "term": e.term,
        "forms": e.forms,
        "category": e.category,
        "pinyin": glossary.pinyin_of(e),
        "english": e.english,
        "english_source": e.english_source,
        "level_name": LEVELS[e.level],
        "status": e.status,
        "definition": e.definition,
        "explanation": e.explanation,
        "filter": filter_keys(e),
        "href": ctx.entry_link(md, e.id),
        "explanation_html": render.markdown_html(e.explanation.strip(), md, ctx),
        "sources_html": render.sources_html(e.sources, md, ctx),
        "related": [{"id": r, "term": ctx.entries[r].term, "href": ctx.entry_link(md, r)} for r in e.related if r in ctx.entries],
        "occurrences": [(cid, ctx.cite_link(md, cid)) for cid in ed.occurrences.get(e.id, [])],
    }


def brief_view(ed: Edition, e: Entry, md: str) -> dict:
    """An entry as a line of a list (the landing page, the index of terms): term, link, pinyin, English."""
    return {
        "id": e.id,
        "term": e.term,
        "pinyin": glossary.pinyin_of(e),
        "english": e.english,
        "status": e.status,
        "filter": filter_keys(e),
        "href": ed.ctx.entry_link(md, e.id),
    }


def glossary_pages(ed: Edition) -> dict[str, str]:
    """The landing page, each category's page and the index of terms, by Markdown path."""
    ui = ed.ctx.ui
    entries = sorted(ed.entries, key=glossary.sort_key)
    categories = categories_of(entries)
    landing = registry.GLOSSARY.path
    files: dict[str, str] = {}
    # The bar of every category page: the landing page, then each category with its count.
    counts = {c: sum(e.category == c for e in entries) for c, _, _ in categories}
    for c, label, md in categories:
        bar = [{"label": ui("glossary_overview"), "href": render.rel(md, landing), "count": None, "current": False}]
        bar += [{"label": other, "href": render.rel(md, page), "count": counts[o], "current": o == c} for o, other, page in categories]
        files[md] = render.render_template(
            "glossary_category.md.j2",
            ui=ui,
            category=c,
            label=label,
            bar=bar,
            entries=[entry_view(ed, e, md) for e in entries if e.category == c],
            landing_md=posixpath.relpath(landing, posixpath.dirname(md)),
        )
    files[landing] = render.render_template(
        "glossary.md.j2",
        ui=ui,
        categories=[
            {"id": c, "label": label, "href": render.rel(landing, md), "entries": [brief_view(ed, e, landing) for e in entries if e.category == c]}
            for c, label, md in categories
        ],
        total=len(entries),
        unverified=sum(e.status == "unverified" for e in entries),
    )
    letters: dict[str, list] = {}
    for e in entries:
        # Terms that open with a number ("5459", "351国道") sort before A, under their own heading.
        letters.setdefault(glossary.initial(e), []).append(brief_view(ed, e, "terms.md"))
    files["terms.md"] = render.render_template(
        "terms.md.j2",
        ui=ui,
        letters=sorted(letters.items()),
        total=len(entries),
        in_search=next(p.search for p in registry.APPENDIX if p.path == "terms.md"),
    )
    glossary.READINGS.save()
    return files
