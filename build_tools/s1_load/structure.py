"""Stage 3: parse the repaired blocks into parts, pages and citable blocks.

Citation ids follow the report's own numbering only: ``P`` for a part heading,
``P.S`` for a numbered section heading, ``P.S.N`` for the N-th paragraph of that
section, where ``S`` is 0 for paragraphs outside any numbered section and ``P`` is 0
for the title block. Editorial page titles never enter an id, so ids stay put when
the editors regroup pages, notes or glossary.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from build_tools.model import Block, Page, Report, apply_emendations
from build_tools.paths import STRUCTURE
from build_tools.s1_load.emend import PART_HEADING, SECTION_HEADING, Joined
from build_tools.s1_load.yamlio import BuildError, DataError, load, validate

CHINESE_NUMBERS = "一二三四五六七八九十"
TITLE_BLOCK_KINDS = ("title", "occasion", "speaker")


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=r"^[0-9]+(/[a-z0-9-]+)?$")
    part: int = Field(ge=1, le=3)
    title: str = Field(min_length=1)
    starts: str = Field(min_length=4)


class Structure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[Group]
    leads: list[str]


def load_structure(path: Path = STRUCTURE) -> Structure:
    data = load(path)
    model, errors = validate(Structure, data, path)
    if errors or model is None:
        raise BuildError(errors)
    return model


def _split(block: Joined, at: int) -> tuple[Joined, Joined]:
    """Split a joined block at a source offset, sharing its emendations between the halves."""
    head = [e for e in block.emendations if e.end <= at]
    tail = [replace(e, start=e.start - at, end=e.end - at) for e in block.emendations if e.start >= at]
    return (
        Joined(block.line, block.lines, block.source[:at], head),
        Joined(block.line, block.lines, block.source[at:], tail),
    )


def _block(cid: str, kind: str, joined: Joined, leads: list[str]) -> Block:
    ems = tuple(replace(e, cid=cid) for e in joined.emendations)
    text = apply_emendations(joined.source, ems)
    return Block(cid, kind, joined.source, joined.line, ems, tuple(lead for lead in leads if lead in text))


def parse(joined: list[Joined], structure: Structure, path: Path = STRUCTURE) -> Report:
    """Build the Report model; a group or lead that does not fit the text is a DataError."""
    front: list[Block] = []
    parts: list[Block] = []
    pages: list[Page] = []
    part, section = 0, 0
    counters: dict[tuple[int, int], int] = {}
    pending_part: Block | None = None
    groups = {g.starts: g for g in structure.groups}
    used_groups: set[str] = set()

    def next_cid() -> str:
        counters[(part, section)] = counters.get((part, section), 0) + 1
        return f"{part}.{section}.{counters[(part, section)]}"

    for j in joined:
        text = apply_emendations(j.source, j.emendations)
        if PART_HEADING.match(text):
            part, section = CHINESE_NUMBERS.index(text[0]) + 1, 0
            pending_part = _block(str(part), "part", j, [])
            parts.append(pending_part)
            continue
        if SECTION_HEADING.match(text):
            section = CHINESE_NUMBERS.index(text[1]) + 1
            # An inline heading ends at its first full stop; the paragraph goes on after it.
            stop = j.source.find("。")
            heading_j, rest = (j, None) if stop < 0 else _split(j, stop + 1)
            heading = _block(f"{part}.{section}", "section", heading_j, [])
            title = re.sub(r"^（.）", "", heading.text).rstrip("。")
            pages.append(Page(f"{part}/{section}", part, title, False, heading=heading, part_heading=pending_part))
            pending_part = None
            if rest is None:
                continue
            j, text = rest, apply_emendations(rest.source, rest.emendations)
        if part == 0:
            kind = TITLE_BLOCK_KINDS[len(front)] if len(front) < 3 else ("salutation" if text.endswith("：") else "paragraph")
            front.append(_block(f"0.0.{len(front) + 1}", kind, j, []))
            continue
        group = next((g for s, g in groups.items() if text.startswith(s)), None)
        if group is not None:
            if group.part != part:
                raise DataError(path, 1, f"group {group.slug!r} starts in part {part}, not {group.part}")
            section = 0
            used_groups.add(group.starts)
            pages.append(Page(group.slug, part, group.title, True, part_heading=pending_part))
            pending_part = None
        if not pages or pending_part is not None:
            raise DataError(path, 1, f"seed line {j.line}: paragraph outside any page; add a group that starts with {text[:12]!r}")
        kind = "item" if text.startswith("——") else "paragraph"
        pages[-1].blocks.append(_block(next_cid(), kind, j, structure.leads))

    errors = [DataError(path, 1, f"group {g.slug!r}: no paragraph starts with {g.starts!r}") for g in structure.groups if g.starts not in used_groups]
    report = Report(front, parts, pages)
    all_text = [b.text for b in report.blocks()]
    for lead in structure.leads:
        count = sum(t.count(lead) for t in all_text)
        if count != 1:
            errors.append(DataError(path, 1, f"lead sentence {lead!r} occurs {count} times; it must occur exactly once"))
    if errors:
        raise BuildError(errors)
    return report
