"""Term matching: longest form first, no overlaps, quoted-only forms only inside quotation marks."""

from build_tools.s2_render.annotate import TermMatcher, occurrences

FORMS = {"最多跑一次": "zuiduo", "最多跑一次改革": "zuiduo-gaige", "改革": "gaige", "三年": "sannian"}


def test_the_longest_form_wins_and_matches_do_not_overlap():
    matcher = TermMatcher(FORMS)
    found = matcher.find("深化最多跑一次改革，推进改革")
    assert [(m.form, m.entry_id) for m in found] == [("最多跑一次改革", "zuiduo-gaige"), ("改革", "gaige")]
    assert [(m.start, m.end) for m in found] == [(2, 9), (12, 14)]


def test_a_quoted_only_form_needs_its_quotation_marks():
    matcher = TermMatcher(FORMS, quoted_only={"三年"})
    assert [m.start for m in matcher.find("三年行动与“三年”攻坚")] == [6]


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
