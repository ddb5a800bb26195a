"""The interface's message catalog: every message in every variant, plain text with the same
fields, and each variant in its own place's words."""

from __future__ import annotations

import pytest

from build_tools import registry
from build_tools.s1_load.interface import load_interface

# Mainland interface words that a Taiwan or Hong Kong reader would not expect (the variant's own
# word in brackets), in the variant's script as OpenCC would leave them.
MAINLAND_WORDS = {
    "zh-TW": ["數據", "鏈接", "鼠標", "搜索", "信息", "軟件", "默認", "打印", "視頻", "界面", "用戶", "下劃線", "導出", "單元格", "電子表格"],
    "zh-HK": ["鏈接", "鼠標", "搜索", "信息", "默認", "打印", "視頻", "界面", "下劃線", "導出", "單元格", "電子表格"],
}


@pytest.fixture(scope="module")
def messages():
    found, errors = load_interface()
    assert errors == []
    return found


@pytest.mark.parametrize("code", list(MAINLAND_WORDS))
def test_each_traditional_variant_is_written_in_its_own_places_words(messages, code):
    found = {key: word for key, text in messages[code].items() for word in MAINLAND_WORDS[code] if word in text}
    assert found == {}


def test_the_two_places_differ_where_their_usage_does(messages):
    assert (messages["zh-TW"]["data"], messages["zh-HK"]["data"]) == ("開放資料", "開放數據")
    assert "點選" in messages["zh-TW"]["terms_intro"] and "點擊" in messages["zh-HK"]["terms_intro"]


def test_every_variant_has_every_message(messages):
    assert set(messages) == {v.code for v in registry.VARIANTS}
    assert len({frozenset(m) for m in messages.values()}) == 1 and len(messages["zh-Hans"]) > 150


def test_a_message_with_markup_or_another_field_is_refused_at_its_line(tmp_path):
    path = tmp_path / "interface.yaml"
    path.write_text(
        "messages:\n"
        "  count:\n"
        "    zh-Hans: 共 {count} 条\n"
        "    zh-TW: 共 {total} 條\n"
        "    zh-HK: 共 <b>{count}</b> 條\n",
        encoding="utf-8",
    )
    messages, errors = load_interface(path)
    assert messages == {}
    assert [(e.line, e.message) for e in errors] == [
        (4, "messages.count.zh-TW: fields ['total'] differ from zh-Hans's ['count']"),
        (5, "messages.count.zh-HK: a message is plain text; '<' is not allowed"),
    ]
