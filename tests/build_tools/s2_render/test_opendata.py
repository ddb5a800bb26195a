"""Open-data writers: spreadsheet formulas in contributed text stay inert in every CSV."""

import csv
import io

from build_tools.s2_render.opendata import _csv, inert_cell


def test_formula_like_text_cells_are_written_as_text_and_numbers_are_not():
    rows = [["=HYPERLINK(\"https://evil.example\",\"点\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "-1.5", "+3", "12%", "增长"]]
    read = next(csv.reader(io.StringIO(_csv(list("abcdefghi"), rows).split("\n", 1)[1])))
    assert read == ["'=HYPERLINK(\"https://evil.example\",\"点\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tx", "-1.5", "+3", "12%", "增长"]


def test_non_text_cells_pass_unchanged():
    assert inert_cell(-3) == -3
    assert inert_cell(None) is None
