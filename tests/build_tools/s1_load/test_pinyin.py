"""Reviewed glossary readings: the edition prints the reading a dictionary gives, not pypinyin's guess.

pinyin-reviewed.yaml lists every entry whose pypinyin reading was corrected (``pinyin:`` set in the
entry) and the polyphone and neutral-tone traps that were checked and found right.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools.s1_load.glossary import load_entries, pinyin_of

REVIEWED = yaml.safe_load((Path(__file__).parent / "pinyin-reviewed.yaml").read_text(encoding="utf-8"))["entries"]
HAN = re.compile(r"[\u3400-\u9fff]")
SYLLABLE = re.compile(r"[a-zü\u0300-\u036f\u00e0-\u01dc]+")


@pytest.fixture(scope="module")
def entries():
    loaded, errors = load_entries()
    assert errors == [], "\n".join(map(str, errors))
    return {item.entry.id: item.entry for item in loaded}


def test_the_review_lists_each_entry_once():
    ids = [r["id"] for r in REVIEWED]
    assert len(ids) == len(set(ids)) and len(ids) >= 40


@pytest.mark.parametrize("row", REVIEWED, ids=[r["id"] for r in REVIEWED])
def test_reviewed_reading_is_the_one_printed(entries, row):
    entry = entries.get(row["id"])
    assert entry is not None, f"no glossary entry {row['id']!r}"
    assert entry.term == row["term"]
    assert pinyin_of(entry) == row["pinyin"], row["why"]


@pytest.mark.parametrize("row", REVIEWED, ids=[r["id"] for r in REVIEWED])
def test_reviewed_reading_has_one_syllable_per_han_character(row):
    """House format: tone-marked syllables separated by single spaces, non-Han characters kept."""
    assert row["pinyin"] == " ".join(row["pinyin"].split())
    syllables = [t for t in row["pinyin"].split() if SYLLABLE.fullmatch(t)]
    assert len(syllables) == len(HAN.findall(row["term"]))
