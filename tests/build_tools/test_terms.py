"""Term matching: longest form first, no overlaps, quoted-only forms only inside quotation marks."""

from build_tools.terms import TermMatcher

FORMS = {"最多跑一次": "zuiduo", "最多跑一次改革": "zuiduo-gaige", "改革": "gaige", "三年": "sannian"}


def test_the_longest_form_wins_and_matches_do_not_overlap():
    matcher = TermMatcher(FORMS)
    found = matcher.find("深化最多跑一次改革，推进改革")
    assert [(m.form, m.entry_id) for m in found] == [("最多跑一次改革", "zuiduo-gaige"), ("改革", "gaige")]
    assert [(m.start, m.end) for m in found] == [(2, 9), (12, 14)]


def test_a_quoted_only_form_needs_its_quotation_marks():
    matcher = TermMatcher(FORMS, quoted_only={"三年"})
    assert [m.start for m in matcher.find("三年行动与“三年”攻坚")] == [6]
