"""Quotation marks nest as Chinese typesetting nests: a quoted passage with quotes of its own
reads “…‘…’…” (「…『…』…」 in the traditional variants), never “…“…”…”."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.registry import VARIANTS
from build_tools.s2_render.render import quoted

pytestmark = pytest.mark.slow

MARKS = {"zh-Hans": ("“”", "‘’"), "zh-TW": ("「」", "『』"), "zh-HK": ("「」", "『』")}


def test_quoted_moves_the_marks_of_a_passage_one_level_in():
    assert quoted("推进“最多跑一次”改革") == "推进‘最多跑一次’改革"
    # A source that already used single marks at its first level keeps them; a second level is double.
    assert quoted("建设的‘大花园’，是‘花园式“环境”’") == "建设的‘大花园’，是‘花园式“环境”’"
    assert quoted("“负责‘米袋子’就是”") == "‘负责“米袋子”就是’"
    # A passage quoted from a traditional-script page nests the same way.
    assert quoted("加快推進「互聯網+政務服務」") == "加快推進‘互聯網+政務服務’"


def nested_openings(text: str, double: str, single: str) -> int:
    """How many times a quotation mark opens directly inside one of the same kind (“ inside “,
    rather than “ inside ‘ inside “, which is how a third level nests)."""
    opening = {double[0]: double[1], single[0]: single[1]}
    stack: list[str] = []
    count = 0
    for ch in text:
        if ch in opening:
            count += bool(stack) and stack[-1] == ch
            stack.append(ch)
        elif stack and ch == opening[stack[-1]]:
            stack.pop()
    return count


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.code for v in VARIANTS])
def test_no_page_opens_a_quotation_mark_inside_one_of_the_same_kind(built, variant):
    """On every page of every variant (the report's own text as printed, the apparatus quoting it)."""
    site: Path = built["site"]
    others = [v.prefix for v in VARIANTS if v.prefix and v.prefix != variant.prefix]
    double, single = MARKS[variant.code]
    found = []
    for path in sorted((site / variant.prefix).rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if any(rel.startswith(o) for o in others):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("article")
        for el in article.find_all(["p", "li", "td", "th", "h1", "h2", "h3", "h4", "figcaption"]) if article else []:
            if n := nested_openings(el.get_text(), double, single):
                found.append(f"{rel}: {n} × {el.get_text()[:60]!r}")
    assert found == []
