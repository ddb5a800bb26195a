"""The whole edition loaded and cross-checked: every seed, every problem listed at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import paths
from build_tools.model import Report
from build_tools.s1_load import (
    contributions,
    emend,
    glossary,
    house_style,
    ledger,
    publishers,
    source,
    structure,
    translations,
)
from build_tools.s1_load.interface import load_interface
from build_tools.s1_load.overrides import load_overrides
from build_tools.s1_load.schema import Entry, LedgerRow, Note, Translations
from build_tools.s1_load.yamlio import BuildError, DataError


@dataclass
class Loaded:
    """Every seed loaded and cross-checked against the report's text."""

    report: Report
    entries: list[Entry]
    notes: list[Note]
    ledger: list[LedgerRow]
    texts: dict[str, str]  # citation id → the edition's text of that block
    seed_sha256: str
    publishers: publishers.Registry
    # The interface's messages and the house style, by variant code (empty while either has errors).
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    styles: dict[str, house_style.VariantStyle] = field(default_factory=dict)
    # The edition's English translation (seeds/translations/en.yaml); None while it has errors.
    english: Translations | None = None


def load_report(seeds: paths.SeedFiles = paths.SeedFiles()) -> Report:
    raw = source.read_seed(seeds.text, seeds.sha256)
    joined = emend.repair(raw, emend.load_corrections(seeds.corrections), seeds.corrections)
    return structure.parse(joined, structure.load_structure(seeds.structure), seeds.structure)


def load_edition(seeds: paths.SeedFiles = paths.SeedFiles(), root: Path | None = paths.ROOT) -> tuple[Loaded | None, list[DataError]]:
    """Load and cross-check every seed; return all errors at once rather than the first.

    The contribution checks (links under ``root``'s contributed folders, stray glossary files,
    every seed file's loading and text) come first and are listed with the rest, once each.
    """
    edition, errors = _load_edition(seeds, contributions.errors(seeds, root))
    # The script variants' data: the corrections to OpenCC, the interface's messages, the house style.
    messages, message_errors = load_interface(seeds.interface)
    styles, style_errors = house_style.load_house_style(seeds.house_style)
    errors += load_overrides(seeds.overrides)[1] + message_errors + style_errors
    if edition is not None:
        edition.messages, edition.styles = messages, styles
    # A file that cannot load is found by the contribution check and again by its loader.
    unique: dict[str, DataError] = {}
    for e in errors:
        unique.setdefault(str(e), e)
    return edition, list(unique.values())


def _load_edition(seeds: paths.SeedFiles, errors: list[DataError]) -> tuple[Loaded | None, list[DataError]]:
    try:
        report = load_report(seeds)
    except DataError as exc:
        return None, [*errors, exc, *_schema_errors(seeds)]
    except BuildError as exc:
        return None, [*errors, *exc.errors, *_schema_errors(seeds)]
    texts = {b.cid: b.text for b in report.blocks()}
    loaded, entry_errors = glossary.load_entries(seeds.glossary)
    errors += entry_errors + glossary.check_entries(loaded, texts)
    registry, registry_errors = publishers.load_publishers(seeds.publishers)
    errors += registry_errors
    for item in loaded:
        errors += publishers.source_errors(item.entry.sources, item.data, ("sources",), item.path, registry)
        errors += publishers.verification_errors(item.entry, item.data, item.path, registry)
        errors += publishers.english_errors(item.entry, item.data, item.path, registry)
    entries = [item.entry for item in loaded]
    forms = glossary.surface_forms(entries)
    _unglossed, _, unglossed_errors = _guarded(glossary.load_unglossed, seeds.unglossed, lambda u, _: glossary.check_coverage(texts, forms, u, seeds.unglossed))
    notes, notes_data, note_errors = _guarded(glossary.load_notes, seeds.notes, lambda n, d: glossary.check_notes(n, d, texts, seeds.notes))
    for i, note in notes or []:
        note_errors += publishers.source_errors(note.sources, notes_data, ("notes", i, "sources"), seeds.notes, registry)
    rows, _, ledger_errors = _guarded(ledger.load_ledger, seeds.ledger, lambda r, d: ledger.check(r, d, texts, seeds.ledger))
    nonq, _, nonq_errors = _guarded(ledger.load_nonquantities, seeds.nonquantities)
    errors += unglossed_errors + note_errors + ledger_errors + nonq_errors
    # Every glossary term and form has its reviewed form in each traditional variant.
    names, name_errors = house_style.load_names(seeds.names)
    errors += name_errors + (
        [] if name_errors else list(house_style.glossary_name_errors(names, entries, {p.stem for p in seeds.glossary.glob("*.yaml")}, seeds.names))
    )
    if nonq is not None and rows is not None:
        errors += [
            DataError(seeds.nonquantities, 1, f"number {n!r} in {cid} is neither in the ledger nor listed as a non-quantity")
            for cid, n in ledger.uncovered_numbers(rows, nonq, texts)
        ]
    # The English translation: every block, its numbers and its marked terms.
    translation, _, tr_errors = _guarded(
        translations.load_translation, seeds.translation_en, lambda t, d: translations.check(t, d, texts, entries, seeds.translation_en) if t else []
    )
    errors += tr_errors
    # The report as received is pinned (and was checked on reading); a fixture's own is hashed here.
    sha = seeds.sha256 or hashlib.sha256(seeds.text.read_bytes()).hexdigest()
    edition = Loaded(report, entries, [note for _, note in notes or []], rows or [], texts, sha, registry)
    edition.english = translation
    return edition, errors


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
    for loader, path in (
        (glossary.load_unglossed, seeds.unglossed),
        (glossary.load_notes, seeds.notes),
        (ledger.load_ledger, seeds.ledger),
        (ledger.load_nonquantities, seeds.nonquantities),
        (translations.load_translation, seeds.translation_en),
    ):
        errors += _guarded(loader, path)[-1]
    return errors
