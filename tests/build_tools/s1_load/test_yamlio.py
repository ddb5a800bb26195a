"""YAML with line numbers: every problem is reported as path:line."""

import pytest

from build_tools.s1_load.schema import Entry
from build_tools.s1_load.yamlio import DataError, line_of, load, validate

ENTRY = """\
id: demo
term: 示例
category: reform
level: national
english: demo
english_source: edition
definition: 一个示例条目。
sources:
  - cite: "2.4.1"
  - title: 某文件
    publisher: 某机构
    date: "2020-13"
    url: https://www.gov.cn/a b
status: verified
"""


def test_each_schema_error_names_the_line_of_its_field(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    data = load(path)
    model, errors = validate(Entry, data, path)
    assert model is None
    assert [str(e).removeprefix(f"{path}:") for e in errors] == [
        "12: sources.1.date: not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real one), or n.d.",
        "13: sources.1.url: not an http(s) URL, or has a character that must be percent-encoded (space < > \" { } | \\ ^ `)",
    ]
    assert line_of(data, ("sources", 0)) == 9


def test_syntax_errors_and_duplicate_keys_are_located(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: a\nterm: [\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(bad)
    assert (info.value.path, info.value.line) == (str(bad), 3) and "YAML syntax" in info.value.message
    twice = tmp_path / "twice.yaml"
    twice.write_text("id: a\nterm: 甲\nid: b\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(twice)
    assert str(info.value) == f"{twice}:3: duplicate key 'id'"


def test_an_edited_file_is_read_again(tmp_path):
    # `mkdocs serve` keeps parsed files by mtime and size; an edit must not be served stale.
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load(path) == {"a": 1}
    path.write_text("a: 22\n", encoding="utf-8")
    assert load(path) == {"a": 22}


def test_editorial_text_may_not_nest_quotation_marks_in_their_own_kind(tmp_path):
    from build_tools.s1_load.yamlio import nested_quote, text_errors

    assert nested_quote("推进“最多跑一次”改革") is None
    assert nested_quote("报告称“推进‘最多跑一次’改革”") is None
    assert nested_quote("報告稱「推進『最多跑一次』改革」") is None
    assert "write ‘…’ inside “…”" in nested_quote("报告称“推进“最多跑一次”改革”")
    assert "write 『…』 inside 「…」" in nested_quote("報告稱「推進「最多跑一次」改革」")
    path = tmp_path / "x.yaml"
    path.write_text('definition: 报告称“推进“最多跑一次”改革”\nquote: 原文“甲“乙”丙”照录\n', encoding="utf-8")
    # Editorial text is refused at its line; a verbatim quote stays as its document printed it.
    assert [(e.line, e.message.split(":")[0]) for e in text_errors(load(path), path)] == [(1, "definition")]
