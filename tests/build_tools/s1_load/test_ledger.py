"""The numbers ledger against the report's text."""

import pytest

from build_tools.s1_load import ledger

# A sample read off the report by hand: (row id, paragraph, value as written there).
SAMPLE = [
    ("gdp-2019", "1.0.1", "6.7%"),
    ("gdp-2020", "2.0.9", "7%"),
    ("pm25-2019", "1.3.1", "33"),
    ("pm25-2020", "2.8.2", "35"),
    ("hightech-firms-2019", "1.1.1", "98"),
    ("hightech-firms-2020", "2.2.3", "80"),
    ("cultivated-land-2020", "2.3.3", "2.5"),
]


@pytest.fixture(scope="module")
def loaded(report):
    texts = {b.cid: b.text for b in report.blocks()}
    rows, data, errors = ledger.load_ledger()
    assert errors == []
    return texts, rows, data


@pytest.mark.parametrize("row_id,para,written", SAMPLE)
def test_sample_rows_match_the_text(loaded, row_id, para, written):
    texts, rows, _ = loaded
    row = next(r for r in rows if r.id == row_id)
    assert row.para == para and written in row.quote and row.quote in texts[para]
    assert row.value == float(written.rstrip("%"))


def test_every_quote_stands_in_its_paragraph_and_pairs_point_back(loaded):
    texts, rows, data = loaded
    assert len(rows) >= 150
    assert ledger.check(rows, data, texts) == []


def test_no_number_of_the_report_is_missing(loaded):
    texts, rows, _ = loaded
    nonq, _, errors = ledger.load_nonquantities()
    assert errors == []
    assert ledger.uncovered_numbers(rows, nonq, texts) == []


def test_a_missing_number_is_found(loaded):
    texts, rows, _ = loaded
    nonq, _, _ = ledger.load_nonquantities()
    without_gdp = [r for r in rows if r.id != "gdp-2019"]
    assert ("1.0.1", "6.7%") in ledger.uncovered_numbers(without_gdp, nonq, texts)


def test_headline_pairs_are_results_with_targets(loaded):
    _, rows, _ = loaded
    by_id = {r.id: r for r in rows}
    heads = [r for r in rows if r.headline and r.kind == "result"]
    assert len(heads) >= 8
    assert all(by_id[r.counterpart].kind == "target" and by_id[r.counterpart].year == 2020 for r in heads)


def test_the_draft_generator_proposes_the_rows_reviewers_start_from(report):
    from build_tools.ledger_extract import candidates

    drafts = candidates({b.cid: b.text for b in report.blocks()})
    gdp = [d for d in drafts if d["para"] == "1.0.1" and "6.7%" in d["quote"]]
    assert gdp and gdp[0]["year"] == 2019 and gdp[0]["kind"] == "result"
    assert any(d["para"] == "2.0.9" and d["kind"] == "target" for d in drafts)


def _row(quote: str, value: float, unit: str):
    from build_tools.s1_load.schema import LedgerRow

    return LedgerRow(id="r", para="1.1.1", quote=quote, indicator="某指标", value=value, unit=unit, comparison="达到", year=2020, kind="target")


def test_the_printed_form_of_a_number_is_kept():
    """8.0 stays 8.0, a range stays a range: the page, chart, table, JSON and CSV print it so."""
    from build_tools.s1_load.ledger import printed

    assert printed(_row("分别增长8.0%、7.0%", 8.0, "%")) == "8.0"
    assert printed(_row("分别增长8.0%、7.0%", 7.0, "%")) == "7.0"
    assert printed(_row("主板上市企业1-2家", 1, "家")) == "1-2"
    assert printed(_row("增长6.7%", 6.7, "%")) == "6.7"


def test_the_link_marks_the_number_its_row_describes():
    """Of two equal numbers, the one the unit follows; a range whole; a percentage with its sign."""
    from build_tools.s1_load.ledger import _number_in_quote

    def marked(quote: str, value: float, unit: str) -> str:
        start, end = _number_in_quote(_row(quote, value, unit))
        return quote[:start] + "[" + quote[start:end] + "]" + quote[end:]

    assert marked("10亿企业10家以上", 10, "家") == "10亿企业[10]家以上"
    assert marked("主板上市企业1-2家", 1, "家") == "主板上市企业[1-2]家"
    assert marked("增长6.7%", 6.7, "%") == "增长[6.7%]"
