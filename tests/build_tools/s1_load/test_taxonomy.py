"""The glossary's taxonomy (CONTRIBUTING.md, “分类与层级 · Categories and levels”): the parts a
machine can check. What is a reform, a slogan or a dated campaign stays an editor's judgment."""

import re

import pytest

from build_tools.s1_load.glossary import load_entries
from build_tools.s1_load.schema import Entry

# Arabic digits, full-width digits and the Chinese numerals of a 数字概括语 (两个维护, 十条军规, 1433).
NUMERAL = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万]")
# A meeting's name: 会议, 全会, 大会, and 党的十九大 (the party congress abbreviated).
MEETING = re.compile(r"会议|全会|大会|^党的十[一二三四五六七八九]*大$")
# What an event's name says it is: a meeting, a contest, a ceremony, an outbreak, a dated campaign.
EVENT = re.compile(r"会|赛|杯|祭|马拉松|保卫战|\d{4}年|年$|疫|瘟|肺炎|调查|^党的十[一二三四五六七八九]*大$")
# A policy category belongs to one level: the level of whoever issued the policy.
POLICY_LEVEL = {"national-policy": "national", "zhejiang-policy": "provincial", "quzhou-policy": "municipal"}


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    loaded, errors = load_entries()
    assert errors == [], "\n".join(map(str, errors))
    return {item.entry.id: item.entry for item in loaded}


def test_every_formula_is_numbered(entries):
    unnumbered = [f"{e.id} ({e.term})" for e in entries.values() if e.category == "formula" and not NUMERAL.search(e.term)]
    assert unnumbered == [], "formula holds only numbered formulas (数字概括语); file these by what they are"


def test_no_formula_is_a_meeting(entries):
    meetings = [f"{e.id} ({e.term})" for e in entries.values() if e.category == "formula" and MEETING.search(e.term)]
    assert meetings == [], "a congress, plenum or meeting is an event"


def test_every_meeting_is_an_event(entries):
    misfiled = [f"{e.id} ({e.term}): {e.category}" for e in entries.values() if MEETING.search(e.term) and e.category != "event"]
    assert misfiled == []


def test_every_event_is_named_as_an_occurrence(entries):
    # A meeting, contest, ceremony, outbreak or campaign tied to a date; a standing programme is a policy.
    misfiled = [f"{e.id} ({e.term})" for e in entries.values() if e.category == "event" and not EVENT.search(e.term)]
    assert misfiled == [], "an event's name says what happened (会, 赛, 杯, 祭, …年, 保卫战, …); a programme without a date is a policy"


def test_policy_categories_match_their_level(entries):
    mismatched = [f"{e.id}: {e.category}/{e.level}" for e in entries.values() if POLICY_LEVEL.get(e.category, e.level) != e.level]
    assert mismatched == [], "national-policy is national, zhejiang-policy provincial, quzhou-policy municipal"


def test_every_cross_link_is_symmetric(entries):
    one_way = [f"{e.id} → {r}" for e in entries.values() for r in e.related if r in entries and e.id not in entries[r].related]
    assert one_way == [], "related: links go both ways; add the missing one to the other entry"


def test_no_entry_is_related_to_itself_or_twice(entries):
    bad = [e.id for e in entries.values() if e.id in e.related or len(set(e.related)) != len(e.related)]
    assert bad == []


@pytest.mark.parametrize(("one", "other"), [("quzhou-youli", "nankong-shengdi-quzhou-youli"), ("pinzibiao", "zhejiang-zhizao")])
def test_named_near_duplicates_are_linked(entries, one, other):
    assert other in entries[one].related
    assert one in entries[other].related
