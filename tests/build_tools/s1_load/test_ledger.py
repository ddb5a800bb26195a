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
