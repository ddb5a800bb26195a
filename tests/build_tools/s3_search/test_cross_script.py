"""Queries in either script: the table each variant's worker puts a query's characters through."""

from build_tools.s3_search.cross_script import char_map, query_script, tables


def test_the_table_takes_each_characters_commoner_form_in_the_edition():
    pairs = [("发展头发", "發展頭髮"), ("发展", "發展"), ("国家", "國家"), ("长度不同", "長度")]
    # 发 is 發 twice and 髮 once: 發.
    assert char_map(pairs) == {"发": "發", "国": "國", "头": "頭"}
    # A text whose conversion is not character for character is left out, not misaligned.
    assert "长" not in char_map(pairs)


def test_each_variant_gets_the_table_into_its_own_script():
    texts = {"zh-Hans": ["数字经济", "说"], "zh-TW": ["數字經濟", "說"], "zh-HK": ["數字經濟", "說"]}
    out = tables(texts, "zh-Hans")
    assert out["zh-TW"] == {"数": "數", "济": "濟", "经": "經", "说": "說"}
    assert out["zh-Hans"] == {"數": "数", "濟": "济", "經": "经", "說": "说"}


def test_the_listener_is_plain_ascii_javascript_and_takes_the_table_the_index_names():
    code = query_script({"zh-TW": {"数": "數"}})
    assert code.isascii() and "d.type===2" in code and '"zh-TW":{"\\u6570":"\\u6578"}' in code
    assert "t[c.edition_variant]" in code
