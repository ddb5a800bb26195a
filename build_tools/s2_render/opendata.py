"""Open data: the report, glossary, notes and ledger as JSON (with a JSON Schema each) and CSV.

The export models below are the documentation: their field descriptions become the schemas
published beside the data, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from build_tools import registry
from build_tools.convert import VARIANTS, convert_plain, convert_text
from build_tools.s1_load import glossary as glossary_mod
from build_tools.s1_load import ledger as ledger_mod
from build_tools.s1_load.schema import DocumentSource, LedgerRow, Source
from build_tools.s2_render.edition import Edition
from build_tools.s2_render.render import page_url

SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmendationData(Strict):
    rule: str = Field(description=f"rule that made the change: {', '.join(r.name for r in registry.RULES)}")
    before: str = Field(description="the seed text that was changed (a page break is a newline)")
    after: str = Field(description="what the edition prints instead; equal to `before` for a sic record")
    start: int = Field(description="offset of `before` in the block's `source`")
    reason: str


class BlockData(Strict):
    cid: str = Field(description="citation id: P (part heading), P.S (section heading) or P.S.N (paragraph); part 0 is the title block")
    kind: str = Field(description="title, occasion, speaker, salutation, part, section, paragraph or item")
    page: str = Field(description="path of the page that shows the block, relative to a variant's root")
    anchor: str = Field(description="fragment id of the block on that page")
    seed_line: int = Field(description="line of the seed file where the block starts")
    source: str = Field(description="the block's text exactly as in the seed file")
    en: str | None = Field(
        None, description="the edition's English translation of the block (unofficial; seeds/translations/en.yaml), the same in every variant's data"
    )
    en_status: Literal["draft", "reviewed"] | None = Field(None, description="draft, or reviewed once checked against the Chinese sentence by sentence")
    text: dict[str, str] = Field(description=f"the edition's text by variant: {', '.join(v.code for v in registry.VARIANTS)}")
    emendations: list[EmendationData]


class ReportData(Strict):
    title: str
    occasion: str
    speaker: str
    seed_sha256: str = Field(description="SHA-256 of the seed file the text comes from")
    blocks: list[BlockData] = Field(description="every heading and paragraph in reading order")


class EntryData(Strict):
    id: str
    term: str
    simplified: str = Field(
        description="the term in simplified characters, as the report prints it (in every variant's data; `term` is in the variant's script)"
    )
    forms: list[str]
    category: str
    level: str
    pinyin: str
    english: str
    english_source: DocumentSource | Literal["edition"] | None = Field(
        description="where the English comes from: an official English source, or 'edition' for the edition's own rendering"
    )
    definition: str
    explanation: str
    status: str = Field(description="verified, or unverified (待核实) when part of what the entry says could not be sourced (the explanation says which)")
    sources: list[Source]
    related: list[str]
    occurrences: list[str] = Field(description="citation ids of every occurrence, in reading order, one per occurrence")
    page: str = Field(
        description="path of the glossary page that shows the entry (its category's), relative to a variant's root; its fragment id is the entry's id"
    )


class GlossaryData(Strict):
    entries: list[EntryData]


class NoteData(Strict):
    para: str = Field(description="citation id of the paragraph the note sits beside")
    text: str = Field(description="the note, in Markdown")
    sources: list[Source]


class NotesData(Strict):
    notes: list[NoteData]


class LedgerRowData(LedgerRow):
    printed: str = Field(description="the number as the report prints it (8.0, 1-2), its unit apart; `value` is its value (a range's lower bound)")


class LedgerData(Strict):
    rows: list[LedgerRowData]


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(…) can
# exfiltrate data or run commands); such a text cell is written with a leading apostrophe, which
# spreadsheets show as text. Numbers such as -1.5 are left as they are.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?(e[+-]?\d+)?%?")


def inert_cell(cell: object) -> object:
    """A CSV cell that no spreadsheet will evaluate (OWASP's CSV-injection advice)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([inert_cell(c) for c in row] for row in rows)
    return out.getvalue()


def _json(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def _schema(model: type[BaseModel], name: str) -> str:
    schema = {"$schema": SCHEMA_BASE, "$id": f"{name}.schema.json", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def export(ed: Edition, configs: dict[str, str | None]) -> dict[str, str]:
    """Every open-data file, keyed by path under docs/ (data/…)."""
    report = ed.report
    blocks = []
    for b in report.blocks():
        md = ed.ctx.block_page[b.cid]
        blocks.append(
            BlockData(
                cid=b.cid,
                kind=b.kind,
                page=page_url(md),
                anchor=f"p-{b.cid}",
                seed_line=b.line,
                source=b.source,
                en=ed.ctx.english[b.cid].en if b.cid in ed.ctx.english else None,
                en_status=ed.ctx.english[b.cid].status if b.cid in ed.ctx.english else None,
                text={code: convert_text(b.text, cc) for code, cc in configs.items()},
                emendations=[EmendationData(rule=e.rule, before=e.before, after=e.after, start=e.start, reason=e.reason) for e in b.emendations],
            )
        )
    front = {b.kind: b.text for b in report.front}
    report_data = ReportData(title=front["title"], occasion=front["occasion"], speaker=front["speaker"], seed_sha256=ed.seed_sha256, blocks=blocks)
    entries = [
        EntryData(
            id=e.id,
            term=e.term,
            simplified=e.term,
            forms=e.forms,
            category=e.category,
            level=e.level,
            pinyin=glossary_mod.pinyin_of(e),
            english=e.english,
            english_source=e.english_source,
            definition=e.definition,
            explanation=e.explanation,
            status=e.status,
            sources=e.sources,
            related=e.related,
            occurrences=ed.occurrences.get(e.id, []),
            page=page_url(ed.ctx.entry_page(e.id)),
        )
        for e in sorted(ed.entries, key=lambda e: e.id)
    ]
    notes = [NoteData(para=n.para, text=n.text, sources=n.sources) for cid in ed.ctx.notes for n in ed.ctx.notes[cid]]
    codes = [v.code for v in VARIANTS]
    files = {
        "data/report.json": _json(report_data),
        "data/report.schema.json": _schema(ReportData, "report"),
        "data/report.csv": _csv(
            ["cid", "kind", "page", *[f"text_{c}" for c in codes], "en", "en_status"],
            [[b.cid, b.kind, b.page, *[b.text[c] for c in codes], b.en or "", b.en_status or ""] for b in blocks],
        ),
        "data/emendations.csv": _csv(
            ["cid", "rule", "before", "after", "reason"], [[b.cid, e.rule, e.before, e.after, e.reason] for b in blocks for e in b.emendations]
        ),
        "data/glossary.json": _json(GlossaryData(entries=entries)),
        "data/glossary.schema.json": _schema(GlossaryData, "glossary"),
        "data/glossary.csv": _csv(
            ["id", "term", "simplified", "forms", "category", "level", "pinyin", "english", "definition", "status", "occurrences"],
            [
                [e.id, e.term, e.simplified, "|".join(e.forms), e.category, e.level, e.pinyin, e.english, e.definition, e.status, " ".join(e.occurrences)]
                for e in entries
            ],
        ),
        "data/notes.json": _json(NotesData(notes=notes)),
        "data/notes.schema.json": _schema(NotesData, "notes"),
        "data/ledger.json": _json(LedgerData(rows=[LedgerRowData(**r.model_dump(), printed=ledger_mod.printed(r)) for r in ed.ledger])),
        "data/ledger.schema.json": _schema(LedgerData, "ledger"),
        "data/ledger.csv": _csv(
            ["id", "para", "indicator", "value", "printed", "unit", "comparison", "year", "kind", "counterpart", "headline", "quote", "note"],
            [
                [
                    r.id,
                    r.para,
                    r.indicator,
                    f"{r.value:g}",
                    ledger_mod.printed(r),
                    r.unit,
                    r.comparison,
                    r.year,
                    r.kind,
                    r.counterpart or "",
                    "true" if r.headline else "",
                    r.quote,
                    r.note or "",
                ]
                for r in ed.ledger
            ],
        ),
    }
    return files


# Each data file: its name (its label on the data page is the message data_<name>), JSON, CSV.
DATA_FILES = [
    ("report", True, True),
    ("emendations", False, True),
    ("glossary", True, True),
    ("notes", True, False),
    ("ledger", True, True),
]


# What stays as it is in a traditional variant's data: ids and addresses, pinyin and English, the
# text as received with the emendations that index into it, the simplified term, and the text of
# each variant (under its code). Every other string with Han characters in it is converted.
KEPT_FIELDS = frozenset(
    {
        "id",
        "cid",
        "para",
        "url",
        "page",
        "anchor",
        "pinyin",
        "english",
        "source",
        "before",
        "after",
        "simplified",
        "seed_sha256",
        "en",
        "en_status",
        "$id",
        "$schema",
    }
    | {v.code for v in VARIANTS}
    | {f"text_{v.code}" for v in VARIANTS}
)
HAN = re.compile("[\u3400-\u9fff]")


def variant_data(files: dict[str, str], config: str) -> dict[str, str]:
    """The data files (data/*.json, *.csv) in a traditional variant's script: keys, structure and
    layout as in the simplified files, string values converted but for KEPT_FIELDS."""
    out = {}
    for path, text in files.items():
        if path.endswith(".json"):
            out[path] = _convert_json(text, config)
        elif path.endswith(".csv"):
            out[path] = _convert_csv(text, config)
    return out


# Where a string stands: its container (a JSON object or array, a CSV row) and its key in it.
Slot = tuple[dict | list, str | int]


def _convert_json(text: str, config: str) -> str:
    data = json.loads(text)
    slots: list[Slot] = []

    def walk(node: object) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if key in KEPT_FIELDS:
                continue
            if isinstance(value, str) and HAN.search(value):
                slots.append((node, key))  # type: ignore[arg-type]
            else:
                walk(value)

    walk(data)
    _convert_slots(slots, config)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _convert_csv(text: str, config: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    slots: list[Slot] = [(row, c) for row in rows[1:] for c, cell in enumerate(row) if header[c] not in KEPT_FIELDS and HAN.search(cell)]
    _convert_slots(slots, config)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _convert_slots(slots: list[Slot], config: str) -> None:
    """The string at each slot converted where it stands, all of them in one call to OpenCC."""
    for (node, key), value in zip(slots, convert_plain([node[key] for node, key in slots], config), strict=True):  # type: ignore[index]
        node[key] = value  # type: ignore[index]
