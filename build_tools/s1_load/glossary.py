"""Load and validate the glossary (seeds/glossary/*.yaml), the unglossed list and the notes.

Validators return DataErrors that name ``path:line``; the build stops on any of them. What every
contributed string must satisfy (no markup, no script URLs) is checked for all seed files at
once by build_tools.s1_load.contributions.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.paths import BUILD, GLOSSARY_DIR, NOTES, UNGLOSSED, store_cached
from build_tools.s1_load.schema import Entry, Note, ReportSource, UnglossedList
from build_tools.s1_load.yamlio import (
    DataError,
    LineDict,
    LineList,
    line_of,
    load,
    validate,
)

QUOTED = re.compile(r"“([^“”]+)”")


@dataclass
class Loaded:
    """A validated record with the raw data it came from, for line lookups."""

    path: Path
    data: Any
    entry: Entry

    def line(self, *loc: Any) -> int:
        return line_of(self.data, loc)

    def error(self, message: str, *loc: Any) -> DataError:
        return DataError(self.path, self.line(*loc), message)


def load_entries(directory: Path = GLOSSARY_DIR) -> tuple[list[Loaded], list[DataError]]:
    entries: list[Loaded] = []
    errors: list[DataError] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = load(path)
        except DataError as exc:
            errors.append(exc)
            continue
        entry, schema_errors = validate(Entry, data, path)
        errors.extend(schema_errors)
        if entry is None:
            continue
        loaded = Loaded(path, data, entry)
        if entry.id != path.stem:
            errors.append(loaded.error(f"id {entry.id!r} must equal the file name {path.stem!r}", "id"))
        entries.append(loaded)
    return entries, errors


def check_entries(entries: list[Loaded], texts: dict[str, str]) -> list[DataError]:
    """Cross-entry checks against the report's text (``texts`` maps citation id → text)."""
    errors: list[DataError] = []
    seen_ids: dict[str, Loaded] = {}
    claimed: dict[str, Loaded] = {}
    corpus = "\n".join(texts.values())
    for item in entries:
        e = item.entry
        if e.id in seen_ids:
            errors.append(item.error(f"duplicate id {e.id!r} (also in {seen_ids[e.id].path.name})", "id"))
        seen_ids[e.id] = item
        for i, form in enumerate([e.term, *e.forms]):
            loc = ("term",) if i == 0 else ("forms", i - 1)
            if form in claimed and claimed[form].entry.id != e.id:
                errors.append(item.error(f"surface form {form!r} is already claimed by {claimed[form].entry.id!r}", *loc))
            claimed.setdefault(form, item)
            if len(form) < 2 and not e.quoted_only:
                errors.append(item.error(f"one-character form {form!r} would match everywhere; set quoted_only: true", *loc))
            if (f"“{form}”" if e.quoted_only else form) not in corpus:
                errors.append(item.error(f"{form!r} never occurs in the report{' in quotation marks' if e.quoted_only else ''}", *loc))
        for i, source in enumerate(e.sources):
            if isinstance(source, ReportSource) and source.cite not in texts:
                errors.append(item.error(f"source cites {source.cite!r}, which is not a citation id of the report", "sources", i, "cite"))
    for item in entries:
        for i, rid in enumerate(item.entry.related):
            if rid not in seen_ids:
                errors.append(item.error(f"related entry {rid!r} does not exist", "related", i))
    return errors


def surface_forms(entries: list[Entry]) -> dict[str, str]:
    """Every surface form → entry id."""
    return {form: e.id for e in entries for form in [e.term, *e.forms]}


def quoted_only_forms(entries: list[Entry]) -> set[str]:
    return {form for e in entries if e.quoted_only for form in [e.term, *e.forms]}


def load_unglossed(path: Path = UNGLOSSED) -> tuple[list[str], Any, list[DataError]]:
    data = load(path)
    model, errors = validate(UnglossedList, data, path)
    return ([u.expr for u in model.unglossed] if model else []), data, errors


def check_coverage(texts: dict[str, str], forms: dict[str, str], unglossed: list[str], path: Path = UNGLOSSED) -> list[DataError]:
    """Every quoted expression of the report is glossed or listed as unglossed, with the paragraph."""
    errors, reported = [], set()
    for cid, text in texts.items():
        for quoted in QUOTED.findall(text):
            if quoted not in forms and quoted not in unglossed and quoted not in reported:
                reported.add(quoted)
                errors.append(DataError(path, 1, f"quoted expression “{quoted}” (in {cid}) is neither a glossary form nor in the unglossed list"))
    corpus = "\n".join(texts.values())
    for expr in unglossed:
        # The list also records reviewed unquoted names (places, schools) left unglossed on purpose.
        if expr not in corpus:
            errors.append(DataError(path, 1, f"unglossed expression {expr!r} does not occur in the report"))
        elif expr in forms:
            errors.append(DataError(path, 1, f"unglossed expression {expr!r} is a glossary form of {forms[expr]!r}"))
    return errors


def load_notes(path: Path = NOTES) -> tuple[list[tuple[int, Note]], Any, list[DataError]]:
    """The notes, each validated on its own so that one bad note hides no other problem."""
    data = load(path)
    if not isinstance(data, LineDict) or set(data) != {"notes"} or not isinstance(data["notes"], LineList):
        return [], data, [DataError(path, getattr(data, "line", 1), "the file must hold one key, 'notes', with a list")]
    notes, errors = [], []
    for i, item in enumerate(data["notes"]):
        note, item_errors = validate(Note, item, path)
        errors += [DataError(path, e.line, f"notes.{i}.{e.message}") for e in item_errors]
        if note is not None:
            notes.append((i, note))
    return notes, data, errors


def check_notes(notes: list[tuple[int, Note]], data: Any, texts: dict[str, str], path: Path = NOTES) -> list[DataError]:
    errors = []
    for i, note in notes:
        if note.para not in texts:
            errors.append(DataError(path, line_of(data, ("notes", i, "para")), f"note on {note.para!r}: no such citation id"))
        for j, s in enumerate(note.sources):
            if isinstance(s, ReportSource) and s.cite not in texts:
                errors.append(DataError(path, line_of(data, ("notes", i, "sources", j)), f"source cites {s.cite!r}, which is not a citation id"))
    return errors


class PinyinCache:
    """Readings of glossary terms from pypinyin, kept on disk by term.

    pypinyin loads a phrase dictionary of its own (a sixth of a second) on import; a build whose
    terms are all known does not need it. The cache is keyed by pypinyin's version.
    """

    def __init__(self, path: Path = BUILD / "pinyin-cache.json"):
        self.path = path
        self.version = importlib.metadata.version("pypinyin")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # No cache yet, or one cut short: pypinyin recomputes what is missing.
            data = {}
        self.readings: dict[str, dict] = data.get("readings", {}) if data.get("version") == self.version else {}
        self.dirty = False

    def __call__(self, term: str) -> dict:
        if term not in self.readings:
            from pypinyin import Style, lazy_pinyin, pinyin

            marked = [s[0] for s in pinyin(term, style=Style.TONE, errors=lambda x: [x])]  # type: ignore[arg-type,return-value]  # pypinyin accepts a list; its hints say str
            self.readings[term] = {
                "tone": " ".join(s for s in marked if s.strip("、·“”+ ")),
                "tone3": lazy_pinyin(term, style=Style.TONE3),
                "plain": lazy_pinyin(term),
            }
            self.dirty = True
        return self.readings[term]

    def save(self) -> None:
        if self.dirty:
            store_cached(self.path, json.dumps({"version": self.version, "readings": self.readings}, ensure_ascii=False, sort_keys=True))
            self.dirty = False


READINGS = PinyinCache()


def pinyin_of(entry: Entry) -> str:
    """Tone-marked pinyin, from the override or pypinyin; non-Han characters kept as they are."""
    return entry.pinyin or READINGS(entry.term)["tone"]


TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def tone3(marked: str) -> list[str]:
    """Tone-marked syllables as letters and tone numbers ("cháng sān" → ["chang2", "san1"])."""
    out = []
    for syllable in marked.split():
        letters = unicodedata.normalize("NFD", syllable)
        tone = next((TONE_MARKS[c] for c in letters if c in TONE_MARKS), "")
        out.append("".join(c for c in letters if not unicodedata.combining(c)) + tone)
    return out


def sort_key(entry: Entry) -> tuple:
    """Pinyin order, by the entry's reviewed reading where it has one (长三角 under C, not Z)."""
    return (tuple(tone3(entry.pinyin) if entry.pinyin else READINGS(entry.term)["tone3"]), entry.term)


def initial(entry: Entry) -> str:
    """The index letter of an entry: its reading's first letter, or 0–9 for a term that opens with a number."""
    first = (tone3(entry.pinyin)[0] if entry.pinyin else READINGS(entry.term)["plain"][0])[:1].upper()
    return first if first.isalpha() else "0–9"
