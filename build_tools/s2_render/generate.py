"""Orchestrate stages 1–5: seeds/ → model → Markdown under docs/ (only files whose content changed).

Everything here is plain functions from data to data; MkDocs is not imported, so the
generated Markdown can feed MkDocs today or Zensical later.
"""

from __future__ import annotations

import hashlib
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import paths
from build_tools.convert import load_overrides
from build_tools.model import Report
from build_tools.s1_load import (
    contributions,
    emend,
    glossary,
    ledger,
    source,
    structure,
)
from build_tools.s1_load.schema import CATEGORIES, LEVELS, Entry
from build_tools.s1_load.yamlio import DataError
from build_tools.s2_render import charts, render
from build_tools.s2_render.annotate import TermMatcher, occurrences
from build_tools.s2_render.render import Context, page_path

# Files and folders under docs/ that the build writes; everything else there is hand-written.
GENERATED = ("index.md", "1", "2", "3", "data", "assets/javascripts", "glossary.md", "terms.md", "emendations.md", "numbers.md", "contributors.md")

RULE_LABELS = {
    "page-break": "PDF 分页处断开的段落，接排",
    "spacing": "数字两侧的半角空格，删去",
    "formula": "公式标记（PM_{2.5}），改回 PM2.5",
    "punctuation": "半角标点，改为全角",
    "heading-bracket": "标题序号的半角括号，改为全角",
    "traditional-character": "简体文本中的繁体字，改为简体",
    "typo": "原文错字，改正",
    "sic": "原文如此，保留并加注",
}


class BuildError(Exception):
    """Bad input: carries every located error so the CLI can print them all."""

    def __init__(self, errors: list[DataError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Edition:
    """Everything the renderer and the checks need, loaded and validated."""

    report: Report
    entries: list[Entry]
    ctx: Context
    texts: dict[str, str]
    occurrences: dict[str, list[str]]
    ledger: list = field(default_factory=list)
    seed_sha256: str = ""


def load_report(seeds: paths.SeedFiles = paths.SeedFiles()) -> Report:
    raw = source.read_seed(seeds.text, seeds.sha256)
    joined = emend.repair(raw, emend.load_corrections(seeds.corrections), seeds.corrections)
    return structure.parse(joined, structure.load_structure(seeds.structure), seeds.structure)


def load_edition(seeds: paths.SeedFiles = paths.SeedFiles(), root: Path | None = paths.ROOT) -> tuple[Edition | None, list[DataError]]:
    """Load and cross-check every seed; return all errors at once rather than the first.

    The contribution checks (links under ``root``'s contributed folders, stray glossary files,
    every seed file's loading and text) come first and are listed with the rest, once each.
    """
    edition, errors = _load_edition(seeds, contributions.errors(seeds, root))
    # A file that cannot load is found by the contribution check and again by its loader.
    unique: dict[str, DataError] = {}
    for e in errors:
        unique.setdefault(str(e), e)
    return edition, list(unique.values())


def _load_edition(seeds: paths.SeedFiles, errors: list[DataError]) -> tuple[Edition | None, list[DataError]]:
    try:
        report = load_report(seeds)
    except (DataError, source.SeedChanged) as exc:
        return None, [*errors, exc, *_schema_errors(seeds)]
    except ExceptionGroup as group:
        return None, [*errors, *group.exceptions, *_schema_errors(seeds)]
    texts = {b.cid: b.text for b in report.blocks()}
    loaded, entry_errors = glossary.load_entries(seeds.glossary)
    errors += entry_errors + glossary.check_entries(loaded, texts)
    entries = [item.entry for item in loaded]
    forms = glossary.surface_forms(entries)
    unglossed, _, unglossed_errors = _guarded(glossary.load_unglossed, seeds.unglossed,
                                              lambda u, _: glossary.check_coverage(texts, forms, u, seeds.unglossed))
    notes, _, note_errors = _guarded(glossary.load_notes, seeds.notes, lambda n, d: glossary.check_notes(n, d, texts, seeds.notes))
    rows, _, ledger_errors = _guarded(ledger.load_ledger, seeds.ledger, lambda r, d: ledger.check(r, d, texts, seeds.ledger))
    nonq, _, nonq_errors = _guarded(ledger.load_nonquantities, seeds.nonquantities)
    errors += unglossed_errors + note_errors + ledger_errors + nonq_errors
    if nonq is not None and rows is not None:
        errors += [DataError(seeds.nonquantities, 1, f"number {n!r} in {cid} is neither in the ledger nor listed as a non-quantity") for cid, n in ledger.uncovered_numbers(rows, nonq, texts)]
    notes, rows = notes or [], rows or []
    matcher = TermMatcher(forms, glossary.quoted_only_forms(entries))
    by_para: dict[str, list] = {}
    for _, note in notes:
        by_para.setdefault(note.para, []).append(note)
    placed: dict[str, list] = {}
    for p in ledger.place(rows, texts):
        placed.setdefault(p.row.para, []).append(p)
    ctx = Context({e.id: e for e in entries}, matcher, by_para, block_pages(report), placed)
    # The report as received is pinned (and was checked on reading); a fixture's own is hashed here.
    sha = seeds.sha256 or hashlib.sha256(seeds.text.read_bytes()).hexdigest()
    return Edition(report, entries, ctx, texts, occurrences(texts, matcher), rows, sha), errors


def _guarded(loader, path, check=None):
    # A YAML syntax error is one more problem to list, not the end of the check: the loaded value
    # is then None and the cross-check (check(value, data)) that needs it is skipped.
    try:
        value, data, errors = loader(path)
    except DataError as exc:
        return None, None, [exc]
    return value, data, errors + (check(value, data) if check else [])


def _schema_errors(seeds: paths.SeedFiles) -> list[DataError]:
    # Without the report nothing can be cross-checked, but each file can still be checked on its
    # own, so an editor sees every problem in one run rather than one file at a time.
    errors = glossary.load_entries(seeds.glossary)[1]
    for loader, path in ((glossary.load_unglossed, seeds.unglossed), (glossary.load_notes, seeds.notes),
                         (ledger.load_ledger, seeds.ledger), (ledger.load_nonquantities, seeds.nonquantities)):
        errors += _guarded(loader, path)[-1]
    return errors


def block_pages(report: Report) -> dict[str, str]:
    out = {b.cid: "index.md" for b in report.front}
    for page in report.pages:
        md = page_path(page.slug)
        for b in [page.part_heading, page.heading, *page.blocks]:
            if b is not None:
                out[b.cid] = md
    return out


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
        pages = [
            {"title": p.title, "md": page_path(p.slug), "editorial": p.editorial_title}
            for p in report.pages
            if p.part == number
        ]
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
    )
    counts = {}
    for e in all_ems:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    files["emendations.md"] = render.render_template(
        "emendations.md.j2",
        sha256=paths.SEED_SHA256,
        records=all_ems,
        rule_counts=[(r, RULE_LABELS[r], n) for r, n in counts.items()],
        by_block=emendation_rows(report),
        overrides=load_overrides(),
        show=_show,
        ctx=ctx,
        md="emendations.md",
    )
    files["glossary.md"], files["terms.md"] = glossary_pages(ed)
    files["numbers.md"] = numbers_page(ed)
    files["contributors.md"] = render.render_template("contributors.md.j2", people=contributors())
    return files


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
    glossary_md = render.render_template("glossary.md.j2", categories=categories, total=len(views),
                                         unverified=sum(v["status"] == "unverified" for v in views))
    letters: dict[str, list] = {}
    for v in views:
        # Terms that open with a number ("5459", "351国道") sort before A, under their own heading.
        letters.setdefault(glossary.initial(v["term"]), []).append(v)
    terms_md = render.render_template("terms.md.j2", letters=sorted(letters.items()), total=len(views))
    glossary.READINGS.save()
    return glossary_md, terms_md


def write_changed(root: Path, files: dict[str, str], manifest: Path) -> list[Path]:
    """Write files whose content changed and delete stale generated ones; return what changed.

    Writing only on change keeps `mkdocs serve` from rebuilding in a loop. A file in a generated
    folder that is not to be written is deleted only if it is known to be generated (see
    ``is_generated``); any other file there stops the run with a located error naming it, before
    anything is written or deleted. ``manifest`` (under build/) lists what was written.
    """
    # A link on the way would make a write land elsewhere (in seeds/, say): refused, not followed.
    links = sorted({link for rel_path in [*GENERATED, *files] if (link := link_on_path(root, rel_path))})
    if links:
        raise BuildError([DataError(shown(p), 1, LINKED_PATH) for p in links])
    known = read_manifest(manifest)
    stale = [p for p in generated_folder_files(root) if p.relative_to(root).as_posix() not in files]
    foreign = [p for p in stale if not is_generated(p, root, known)]
    if foreign:
        raise BuildError([DataError(shown(p), 1, FOREIGN_FILE) for p in foreign])
    # Recorded before writing, so a run killed half-way still knows every file it may have left.
    write_manifest(manifest, known | set(files))
    changed = []
    for rel_path, content in files.items():
        target = root / rel_path
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        changed.append(target)
    for path in stale:
        path.unlink()
        changed.append(path)
    write_manifest(manifest, set(files))
    return changed


FOREIGN_FILE = "not a generated file; generated folders are rewritten by the build — move it out"
LINKED_PATH = "a symbolic link where the build writes generated files — remove it"
# The comment every generated Markdown page opens with, after its front matter.
GENERATED_MARKER = "<!-- Generated by build_tools"


def generated_folder_files(root: Path) -> list[Path]:
    """Every file now under the generated folders of ``root`` (not the single generated pages)."""
    return sorted(p for name in GENERATED if (root / name).is_dir() for p in (root / name).rglob("*") if p.is_file() or p.is_symlink())


def link_on_path(root: Path, rel_path: str) -> Path | None:
    """The first symbolic link on the way from ``root`` to ``root / rel_path``, if there is one."""
    path = root
    for part in Path(rel_path).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def is_generated(path: Path, root: Path, known: set[str]) -> bool:
    """Whether a file in a generated folder was made by the build, so may be deleted.

    It was if the last run recorded it in the manifest, or if it is Markdown that opens with the
    generated marker: that second test covers a checkout from before the manifest, or one whose
    build/ was removed, where only the data and script files cannot be told from a user's.
    """
    return path.relative_to(root).as_posix() in known or opens_with_marker(path)


def opens_with_marker(path: Path) -> bool:
    """Whether a file is Markdown whose first line after the front matter is the generated marker."""
    if path.suffix != ".md" or path.is_symlink():
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        text = text[end + 5 :] if end >= 0 else ""
    return text.lstrip().startswith(GENERATED_MARKER)


def read_manifest(manifest: Path) -> set[str]:
    """The paths (relative to docs/) the last run wrote; none on a fresh clone or without build/."""
    try:
        return set(manifest.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return set()


def write_manifest(manifest: Path, rel_paths: set[str]) -> None:
    paths.store_cached(manifest, "".join(f"{p}\n" for p in sorted(rel_paths)))


def shown(path: Path) -> str:
    """A path as an error shows it: relative to the checkout when inside it."""
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else str(path)


def nav(report: Report) -> list:
    """The site navigation: report pages by part, then the apparatus."""
    out: list = [{"首页": "index.md"}]
    for part_block in report.parts:
        number = int(part_block.cid)
        items = [{p.title: page_path(p.slug)} for p in report.pages if p.part == number]
        out.append({part_block.text: items})
    out.append({"附录": [{"数说": "numbers.md"}, {"术语表": "glossary.md"}, {"术语索引": "terms.md"}, {"校勘记": "emendations.md"}, {"开放数据": "data/index.md"}, {"关于本版": "about.md"}, {"贡献者": "contributors.md"}]})
    return out
