"""Stage 2: repair the PDF's scars by explicit rules plus the hand-kept list, recording every change.

Each change is an Emendation on the block's seed text, so the edition's text is always
``source + emendations`` and the seed can be rebuilt by undoing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import opencc
from pydantic import BaseModel, ConfigDict, Field

from build_tools import registry
from build_tools.model import Emendation, RawBlock
from build_tools.paths import CORRECTIONS
from build_tools.s1_load.yamlio import BuildError, DataError, LineList, load, validate

# A block that ends in none of these was cut by a page break and continues in the next block.
TERMINAL = "。！？：；”!?:;"
PART_HEADING = re.compile(r"^[一二三四五六七八九十]、")
SECTION_HEADING = re.compile(r"^[(（][一二三四五六七八九十][)）]")
SECTION_BRACKET = re.compile(r"^\(([一二三四五六七八九十])\)\s*|^（([一二三四五六七八九十])）\s+")
# Only spaces that touch a digit are PDF artifacts: the byline "市长 汤飞帆" keeps its space.
CJK = r"\u3400-\u9fff"
SPACE_AT_NUMBER = re.compile(rf"(?<=[{CJK}0-9%])\u0020+(?=[0-9])|(?<=[0-9%])\u0020+(?=[{CJK}])")
FORMULA_ARTIFACT = re.compile(r"PM_\{2\.5\}")
HALF_WIDTH_BANG = re.compile(rf"(?<=[{CJK}])!")

_T2S = opencc.OpenCC("t2s")


class Correction(BaseModel):
    """One hand-kept correction in seeds/emendations.yaml."""

    model_config = ConfigDict(extra="forbid")
    line: int = Field(ge=1, description="seed line where the text to correct stands")
    rule: Literal[registry.HAND_KEPT_RULES]  # type: ignore[valid-type]
    before: str | None = None
    after: str | None = None
    reason: str = Field(min_length=4)


class Corrections(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corrections: list[Correction]


@dataclass
class Joined:
    """Seed lines joined into one block, before the structure stage splits headings off."""

    line: int
    lines: list[int]
    source: str
    emendations: list[Emendation]


def load_corrections(path: Path = CORRECTIONS) -> list[tuple[int, Correction]]:
    """The hand-kept corrections with the YAML line of each; every schema error at once."""
    data = load(path)
    model, errors = validate(Corrections, data, path)
    if errors or model is None:
        raise BuildError(errors)
    items = data["corrections"] if isinstance(data["corrections"], LineList) else []
    return [(getattr(items[i], "line", 1), c) for i, c in enumerate(model.corrections)]


def is_heading(text: str) -> bool:
    return bool(PART_HEADING.match(text) or (SECTION_HEADING.match(text) and "。" not in text))


def _joins(raw: list[RawBlock], hand: set[int]) -> list[list[RawBlock]]:
    # A block joins the next when it stops mid-sentence (rule) or when the editors say so (hand list).
    groups: list[list[RawBlock]] = []
    for i, block in enumerate(raw):
        cut_before = i >= 4 and not is_heading(raw[i - 1].text) and not is_heading(block.text) and (raw[i - 1].text[-1] not in TERMINAL or block.line in hand)
        if cut_before and groups:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _rule_emendations(source: str) -> list[Emendation]:
    found: list[Emendation] = []

    def add(m: re.Match, after: str, rule: str, reason: str) -> None:
        found.append(Emendation(m.start(), m.end(), m.group(), after, rule, reason))

    for m in SPACE_AT_NUMBER.finditer(source):
        add(m, "", "spacing", "PDF 提取时在数字两侧插入的半角空格")
    for m in FORMULA_ARTIFACT.finditer(source):
        add(m, "PM2.5", "formula", "PDF 提取产生的公式标记，原文为 PM2.5（同文另处即作“PM2.5”）")
    for m in HALF_WIDTH_BANG.finditer(source):
        add(m, "！", "punctuation", "中文文本中的半角感叹号，统一为全角（同文另处即作“各位代表！”）")
    bracket = SECTION_BRACKET.match(source)
    if bracket:
        number = bracket.group(1) or bracket.group(2)
        add(bracket, f"（{number}）", "heading-bracket", "标题序号括号统一为全角，并去掉其后的空格")
    # Traditional characters inside simplified text: OpenCC t2s tells them apart character by character.
    simplified = _T2S.convert(source)
    if len(simplified) == len(source):
        for i, (a, b) in enumerate(zip(source, simplified, strict=False)):
            if a != b:
                found.append(Emendation(i, i + 1, a, b, "traditional-character", f"简体文本中混入的繁体字“{a}”，改为“{b}”"))
    return found


def repair(raw: list[RawBlock], corrections: list[tuple[int, Correction]], path: Path = CORRECTIONS) -> list[Joined]:
    """Join page-broken blocks and apply every rule and hand correction as recorded emendations."""
    hand_joins = {c.line for _, c in corrections if c.rule == "page-break"}
    joined: list[Joined] = []
    for group in _joins(raw, hand_joins):
        source, ems, lines = group[0].text, [], [group[0].line]
        for block in group[1:]:
            hand = block.line in hand_joins
            reason = "分页处被断开的段落，接排" if not hand else next(c.reason for _, c in corrections if c.line == block.line and c.rule == "page-break")
            ems.append(Emendation(len(source), len(source) + 1, "\n", "", "page-break", reason))
            source += "\n" + block.text
            lines.append(block.line)
        joined.append(Joined(group[0].line, lines, source, ems + _rule_emendations(source)))
    errors = []
    for yaml_line, c in corrections:
        if c.rule == "page-break":
            if not any(c.line in j.lines[1:] for j in joined):
                errors.append(DataError(path, yaml_line, f"line {c.line} is not the start of a seed block that can be joined"))
            continue
        target = next((j for j in joined if c.line in j.lines), None)
        if target is None or c.before is None or c.after is None:
            errors.append(DataError(path, yaml_line, f"line {c.line}: no seed text there, or before/after missing"))
            continue
        starts = [m.start() for m in re.finditer(re.escape(c.before), target.source)]
        if len(starts) != 1:
            errors.append(DataError(path, yaml_line, f"'before' text {c.before!r} occurs {len(starts)} times near line {c.line}; it must occur exactly once"))
            continue
        if c.rule == "sic" and c.after != c.before:
            errors.append(DataError(path, yaml_line, "a 'sic' record keeps the text: 'after' must equal 'before'"))
            continue
        start = starts[0]
        new = Emendation(start, start + len(c.before), c.before, c.after, c.rule, c.reason)
        if any(e.start < new.end and new.start < e.end for e in target.emendations):
            errors.append(DataError(path, yaml_line, f"correction overlaps a rule-based emendation at line {c.line}"))
            continue
        target.emendations.append(new)
    if errors:
        raise BuildError(errors)
    for j in joined:
        j.emendations.sort(key=lambda e: e.start)
    return joined
