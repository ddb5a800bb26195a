"""The glossary by category and the index of terms by pinyin."""

from __future__ import annotations

from build_tools import registry
from build_tools.s1_load import glossary
from build_tools.s1_load.schema import CATEGORIES, LEVELS
from build_tools.s2_render import render
from build_tools.s2_render.edition import Edition


def glossary_pages(ed: Edition) -> tuple[str, str]:
    ctx = ed.ctx
    md = "glossary.md"
    views = []
    for e in sorted(ed.entries, key=glossary.sort_key):
        views.append(
            {
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
                "explanation_html": render.markdown_html(e.explanation.strip(), md, ctx),
                "sources_html": render.sources_html(e.sources, md, ctx),
                "related": [{"id": r, "term": ctx.entries[r].term} for r in e.related if r in ctx.entries],
                "occurrences": [(cid, ctx.cite_link(md, cid)) for cid in ed.occurrences.get(e.id, [])],
            }
        )
    categories = [(c, label, [v for v in views if v["category"] == c]) for c, label in CATEGORIES.items()]
    categories = [c for c in categories if c[2]]
    glossary_md = render.render_template(
        "glossary.md.j2", ui=ed.ctx.ui, categories=categories, total=len(views), unverified=sum(v["status"] == "unverified" for v in views)
    )
    letters: dict[str, list] = {}
    for v in views:
        # Terms that open with a number ("5459", "351国道") sort before A, under their own heading.
        letters.setdefault(glossary.initial(ed.ctx.entries[v["id"]]), []).append(v)
    terms_md = render.render_template(
        "terms.md.j2",
        ui=ed.ctx.ui,
        letters=sorted(letters.items()),
        total=len(views),
        in_search=next(p.search for p in registry.APPENDIX if p.path == "terms.md"),
    )
    glossary.READINGS.save()
    return glossary_md, terms_md
