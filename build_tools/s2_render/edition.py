"""The loaded edition annotated for rendering: where each block lives, its terms, notes and numbers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import paths, registry
from build_tools.model import Report
from build_tools.s1_load import edition as s1_edition
from build_tools.s1_load import glossary, ledger
from build_tools.s1_load.edition import Loaded
from build_tools.s1_load.schema import Entry, Note
from build_tools.s1_load.yamlio import DataError
from build_tools.s2_render.annotate import occurrences
from build_tools.s2_render.render import Context, page_path
from build_tools.s2_render.ui import UI
from build_tools.terms import TermMatcher


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
    messages: dict[str, dict[str, str]] = field(default_factory=dict)  # the interface's, by variant code
    styles: dict = field(default_factory=dict)  # each traditional variant's house style, by code
    english_note: str = ""  # who made the English translation and how (shown above it)

    def for_variant(self, code: str) -> Edition:
        """This edition as a variant's pages are rendered: its own interface messages, each marked
        to be kept as written when the page is converted (the source variant's are not marked)."""
        ui = UI(self.messages[code], keep=code != registry.SOURCE.code)
        return dataclasses.replace(self, ctx=dataclasses.replace(self.ctx, ui=ui))


def annotate(loaded: Loaded) -> Edition:
    """The loaded edition with what rendering needs: term matches, notes and numbers by paragraph,
    and the page of every block."""
    matcher = TermMatcher(glossary.surface_forms(loaded.entries), glossary.quoted_only_forms(loaded.entries))
    by_para: dict[str, list[Note]] = {}
    for note in loaded.notes:
        by_para.setdefault(note.para, []).append(note)
    placed: dict[str, list[ledger.Placed]] = {}
    for p in ledger.place(loaded.ledger, loaded.texts):
        placed.setdefault(p.row.para, []).append(p)
    ui = UI(loaded.messages.get(registry.SOURCE.code, {}))
    english = {t.id: t for t in loaded.english.paragraphs} if loaded.english else {}
    ctx = Context({e.id: e for e in loaded.entries}, matcher, by_para, block_pages(loaded.report), placed, loaded.publishers, ui, english)
    return Edition(
        loaded.report,
        loaded.entries,
        ctx,
        loaded.texts,
        occurrences(loaded.texts, matcher),
        loaded.ledger,
        loaded.seed_sha256,
        loaded.messages,
        loaded.styles,
        english_note(loaded),
    )


def load_edition(seeds: paths.SeedFiles = paths.SeedFiles(), root: Path | None = paths.ROOT) -> tuple[Edition | None, list[DataError]]:
    """Stage 1 (load and check every seed, all problems listed) and the annotation for rendering."""
    loaded, errors = s1_edition.load_edition(seeds, root)
    return (annotate(loaded) if loaded is not None else None), errors


def english_note(loaded: Loaded) -> str:
    """The translation's own account of itself, shown with it: translator and note, from its file."""
    return f"{loaded.english.translator}. {loaded.english.note}" if loaded.english else ""


def block_pages(report: Report) -> dict[str, str]:
    out = {b.cid: "index.md" for b in report.front}
    for page in report.pages:
        md = page_path(page.slug)
        for b in [page.part_heading, page.heading, *page.blocks]:
            if b is not None:
                out[b.cid] = md
    return out
