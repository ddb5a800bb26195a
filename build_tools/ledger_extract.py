"""Propose rows for the numbers ledger (数说) from the report's paragraphs.

This only *proposes*: every row it prints is a draft that a person reviews by hand
before it goes into seeds/ledger.yaml (units, comparison, kind, year, and whether the
number is a quantity at all: dates, names and version numbers are not).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

from build_tools.s1_load.ledger import PRINTED

# A number as the report prints it (a range like 1-2 kept together), as the ledger links it.
NUMBER = PRINTED

# Chinese numerals are counted only before these words, where they are clearly a count.
CHINESE_COUNT = re.compile(r"[一二三四五六七八九十]+(?=个?方面)")
CHINESE_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九十")}

# Clause boundaries: the quote is the stretch of text between two of these.
CLAUSE_END = "，；。：！"
LIST_SEP = "、"

# Units are tried longest first, so 万平方米 wins over 平方米 and 亿元 over 元.
UNITS = sorted(
    [
        "%",
        "个",
        "家",
        "所",
        "人",
        "人次",
        "万人次",
        "亿元",
        "万元",
        "元/月",
        "亩",
        "万亩",
        "平方米",
        "万平方米",
        "万吨",
        "吨/日",
        "万吨/日",
        "万人",
        "件",
        "起",
        "名",
        "套",
        "宗",
        "万宗",
        "台",
        "条",
        "场",
        "期",
        "天",
        "分钟",
        "微克/立方米",
        "公里",
        "次",
        "位",
        "年",
        "周年",
    ],
    key=len,
    reverse=True,
)

# Comparison words before the number, most specific first.
BEFORE_WORDS = [
    "提高到",
    "降至",
    "控制在",
    "达到",
    "增长",
    "下降",
    "压减",
    "新增",
    "新建",
    "新改扩建",
    "完成",
    "引进",
    "累计",
    "建成",
    "开工",
    "培育",
    "整治",
    "淘汰",
    "处置",
    "盘活",
    "打造",
    "创建",
    "建设",
    "发放",
    "争取",
    "返还",
    "兑现",
    "减负",
    "办理",
    "突破",
    "最多",
    "进位",
    "列",
]
# Qualifiers after the unit.
AFTER_WORDS = ["以上", "以内", "以下", "左右"]
# "不低于" sits before the number but qualifies like a bound.
BOUND_BEFORE = ["不低于", "超"]


def year_and_kind(para: str) -> tuple[int, str]:
    """Part 1 reviews 2019 (1.0.5/1.0.6 tell of early 2020); parts 2 and 3 set 2020 targets."""
    # Early-2020 epidemic paragraphs are results, but of 2020.
    if para in ("1.0.5", "1.0.6"):
        return 2020, "result"
    if para.startswith("1"):
        return 2019, "result"
    return 2020, "target"


def clause_at(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], cut at ，；。 boundaries."""
    # Walk left and right to the nearest clause boundary.
    left = max(text.rfind(ch, 0, start) for ch in CLAUSE_END) + 1
    rights = [i for i in (text.find(ch, end) for ch in CLAUSE_END) if i != -1]
    right = min(rights) if rights else len(text)
    return text[left:right]


def narrow_list(clause: str, offset: int) -> str:
    """Cut a 、-list clause to the item holding the number, unless that item is a bare number."""
    # Find which 、-item of the clause holds the number.
    pieces, pos = clause.split(LIST_SEP), 0
    for piece in pieces:
        if pos <= offset < pos + len(piece) + 1:
            break
        pos += len(piece) + 1
    # A bare number ("8.0%、7.0%") needs the whole clause to say what it measures.
    if re.fullmatch(r"[\d.%-]+\S{0,2}", piece):
        return clause
    return piece


def unit_after(text: str, end: int) -> str | None:
    """The unit written right after the number, if any."""
    # UNITS is longest first, so the first hit is the whole unit.
    for unit in UNITS:
        if text.startswith(unit, end):
            return unit
    return None


def comparison_in(quote: str, number_pos: int, tail: str) -> str | None:
    """The comparison word nearest before the number, or the qualifier after it."""
    # A qualifier after the number ("以上") says more about a target than the verb does.
    for word in AFTER_WORDS:
        if tail.startswith(word):
            return word
    before = quote[:number_pos]
    for word in BOUND_BEFORE:
        if before.endswith(word):
            return word
    # Otherwise the verb closest to the number.
    best, best_pos = None, -1
    for word in BEFORE_WORDS:
        pos = before.rfind(word)
        if pos > best_pos:
            best, best_pos = word, pos
    return best


def to_value(raw: str) -> float | int:
    """A number from its written form; for a range, the low end."""
    # The ledger stores the low end of a range and keeps the range itself in a note.
    low = raw.rstrip("%").split("-")[0]
    return float(low) if "." in low else int(low)


def chinese_value(raw: str) -> int:
    """十 → 10, 九 → 9, 十二 → 12 (enough for the counts this report writes in words)."""
    # Only tens and ones occur in the report, so two cases suffice.
    if raw.startswith("十"):
        return 10 + (CHINESE_VALUE[raw[1]] if len(raw) > 1 else 0)
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        return CHINESE_VALUE[tens] * 10 + (CHINESE_VALUE[ones] if ones else 0)
    return CHINESE_VALUE[raw]


def row_for(para: str, text: str, start: int, end: int, value: float | int, unit: str | None) -> dict:
    """One proposed ledger row for the number at text[start:end]."""
    # The quote is the narrowest clause that still says what the number measures.
    clause = clause_at(text, start, end)
    clause_start = text.index(clause, max(0, start - len(clause)))
    quote = narrow_list(clause, start - clause_start)
    quote_start = text.index(quote, max(0, start - len(quote)))
    # A % is already part of the matched number; other units follow it.
    after = end if text[start:end].endswith("%") else end + len(unit or "")
    year, kind = year_and_kind(para)
    return {
        "para": para,
        "quote": quote,
        "number": text[start:end],
        "value": value,
        "unit": unit,
        "comparison": comparison_in(quote, start - quote_start, text[after : after + 2]),
        "year": year,
        "kind": kind,
    }


def candidates(blocks: dict[str, str]) -> list[dict]:
    """Every number of every block, each proposed as a draft ledger row."""
    rows: list[dict] = []
    for para, text in blocks.items():
        # Arabic numbers: the bulk of the ledger.
        for match in NUMBER.finditer(text):
            raw = match.group()
            unit = "%" if raw.endswith("%") else unit_after(text, match.end())
            rows.append(row_for(para, text, match.start(), match.end(), to_value(raw), unit))
        # Chinese counts such as 十方面民生实事.
        for match in CHINESE_COUNT.finditer(text):
            rows.append(row_for(para, text, match.start(), match.end(), chinese_value(match.group()), "方面"))
    return rows


def read_blocks(path: Path) -> dict[str, str]:
    """citation id → text, from a paragraph table (id, kind, text; tab-separated)."""
    # Columns are id, kind, text; title rows are included since they hold numbers too.
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[0]: row[2] for row in csv.reader(handle, delimiter="\t") if len(row) >= 3}


if __name__ == "__main__":
    # Print the drafts as YAML for a person to review into seeds/ledger.yaml.
    # From a paragraph table given on the command line, or else from the report itself.
    if len(sys.argv) > 1:
        blocks = read_blocks(Path(sys.argv[1]))
    else:
        from build_tools.s1_load.edition import load_report

        blocks = {b.cid: b.text for b in load_report().blocks()}
    drafts = candidates(blocks)
    yaml.safe_dump({"rows": drafts}, sys.stdout, allow_unicode=True, sort_keys=False, width=200)
