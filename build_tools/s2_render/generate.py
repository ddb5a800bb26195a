"""Orchestrate stages 1–5: seeds/ → model → Markdown under docs/ (only files whose content changed).

Everything here is plain functions from data to data; MkDocs is not imported, so the
generated Markdown can feed MkDocs today or Zensical later.
"""

from __future__ import annotations

import posixpath
import subprocess
import unicodedata
from dataclasses import dataclass

from build_tools import paths, registry
from build_tools.convert import TRADITIONAL, load_overrides
from build_tools.model import Report
from build_tools.s1_load import glossary, ledger
from build_tools.s1_load.schema import CATEGORIES, LEVELS
from build_tools.s2_render import charts, render
from build_tools.s2_render.edition import Edition
from build_tools.s2_render.render import page_path


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


def render_all(ed: Edition) -> dict[str, str]:
    """Every generated file under docs/, keyed by relative path."""
    report, ctx = ed.report, ed.ctx
    files = render.pages_markdown(report, ctx)
    parts = []
    for part_block in report.parts:
        number = int(part_block.cid)
        pages = [{"title": p.title, "md": page_path(p.slug), "editorial": p.editorial_title} for p in report.pages if p.part == number]
        parts.append({"heading": part_block, "number": number, "pages": pages})
    all_ems = [e for b in report.blocks() for e in b.emendations]
    files["index.md"] = render.render_template(
        "index.md.j2",
        title="衢州市2020年政府工作报告（注释版）",
        front=report.front,
        parts=parts,
        ctx=ctx,
        md="index.md",
        heading_html=render.heading_html,
        block_html=render.block_html,
        emendation_count=len(all_ems),
        appendix=registry.APPENDIX,
    )
    counts: dict[str, int] = {}
    for e in all_ems:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    files["emendations.md"] = render.render_template(
        "emendations.md.j2",
        sha256=paths.SEED_SHA256,
        records=all_ems,
        rule_counts=[(r, registry.RULE_LABELS[r], n) for r, n in counts.items()],
        by_block=emendation_rows(report),
        overrides=load_overrides()[0],
        traditional=TRADITIONAL,
        show=_show,
        ctx=ctx,
        md="emendations.md",
    )
    files["glossary.md"], files["terms.md"] = glossary_pages(ed)
    files["numbers.md"] = numbers_page(ed)
    files["contributors.md"] = render.render_template("contributors.md.j2", people=contributors())
    appendix = [p for p in registry.APPENDIX if p.path != APPENDIX_HOME]
    files[APPENDIX_HOME] = render.render_template(
        "appendix.md.j2",
        pages=[{"nav_title": p.nav_title, "summary": p.summary, "link": posixpath.relpath(p.path, posixpath.dirname(APPENDIX_HOME))} for p in appendix],
        emendation_count=len(all_ems),
    )
    return files


APPENDIX_HOME = registry.APPENDIX[0].path


def contributors() -> list[tuple[str, int]]:
    """Everyone who has committed to the edition (names as display_name gives them), with their number of commits (from git)."""
    try:
        out = subprocess.run(["git", "log", "--format=%aN"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    counts: dict[str, int] = {}
    for name in filter(None, map(display_name, out.splitlines())):
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# Bidirectional embeddings, overrides and isolates: they could reorder the text around a name.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def display_name(name: str) -> str:
    """A git author name as shown on the page: control and bidi-override characters dropped, trimmed."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS).strip()


def numbers_page(ed: Edition) -> str:
    rows = ed.ledger
    by_id = {r.id: r for r in rows}
    pairs = [(r, by_id[r.counterpart]) for r in rows if r.headline and r.kind == "result" and r.counterpart in by_id]
    return render.render_template(
        "numbers.md.j2",
        rows=rows,
        chart=charts.headline_chart(pairs),
        pairs=pairs,
        by_id=by_id,
        cite=lambda cid: ed.ctx.cite_link("numbers.md", cid),
        results=sum(1 for r in rows if r.kind == "result"),
        printed=ledger.printed,
        targets=sum(1 for r in rows if r.kind == "target"),
    )


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
    glossary_md = render.render_template("glossary.md.j2", categories=categories, total=len(views), unverified=sum(v["status"] == "unverified" for v in views))
    letters: dict[str, list] = {}
    for v in views:
        # Terms that open with a number ("5459", "351国道") sort before A, under their own heading.
        letters.setdefault(glossary.initial(ed.ctx.entries[v["id"]]), []).append(v)
    terms_md = render.render_template(
        "terms.md.j2", letters=sorted(letters.items()), total=len(views), in_search=next(p.search for p in registry.APPENDIX if p.path == "terms.md")
    )
    glossary.READINGS.save()
    return glossary_md, terms_md


def nav(report: Report) -> list:
    """The site navigation: report pages by part, then the apparatus."""
    out: list = [{"首页": registry.HOME}]
    for part_block in report.parts:
        number = int(part_block.cid)
        items = [{p.title: page_path(p.slug)} for p in report.pages if p.part == number]
        out.append({part_block.text: items})
    out.append({registry.APPENDIX_TITLE: [{page.nav_title: page.path} for page in registry.APPENDIX]})
    return out
