"""Where each entry occurs: per paragraph, in reading order, once per occurrence."""

from build_tools.s2_render.annotate import occurrences
from build_tools.terms import TermMatcher

FORMS = {"最多跑一次": "zuiduo", "最多跑一次改革": "zuiduo-gaige", "改革": "gaige"}


def test_occurrences_are_listed_per_paragraph_in_reading_order():
    matcher = TermMatcher(FORMS)
    blocks = {"1.1.1": "改革，改革", "2.4.1": "最多跑一次", "2.4.2": "无"}
    assert occurrences(blocks, matcher) == {"gaige": ["1.1.1", "1.1.1"], "zuiduo": ["2.4.1"]}


def test_every_glossary_occurrence_is_in_its_paragraph(edition):
    # On the real edition: each listed occurrence's paragraph contains one of the entry's forms.
    forms = {e.id: [e.term, *e.forms] for e in edition.entries}
    for entry_id, cids in edition.occurrences.items():
        for cid in cids:
            assert any(f in edition.texts[cid] for f in forms[entry_id]), (entry_id, cid)
