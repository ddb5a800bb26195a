"""The repair rules, each on a small synthetic input."""

from pathlib import Path

import pytest

from build_tools.model import RawBlock, apply_emendations
from build_tools.s1_load.emend import Correction, load_corrections, repair
from build_tools.s1_load.yamlio import BuildError

TITLE = [RawBlock(1, "报告"), RawBlock(2, "——2020年4月24日在会议上"), RawBlock(3, "市长 某某"), RawBlock(4, "各位代表：")]


def fixed(*lines: str, corrections=()):
    raw = TITLE + [RawBlock(10 + i, t) for i, t in enumerate(lines)]
    return repair(raw, list(corrections), Path("corrections.yaml"))


def texts(joined):
    return [apply_emendations(j.source, j.emendations) for j in joined]


def test_page_break_mid_word_is_joined():
    out = fixed("全市新引进亿元以上项", "目 80 个，实际到位市外资金 141.6 亿元。")
    assert texts(out)[-1] == "全市新引进亿元以上项目80个，实际到位市外资金141.6亿元。"
    rules = [e.rule for e in out[-1].emendations]
    assert rules.count("page-break") == 1 and rules.count("spacing") == 4


def test_page_break_after_a_comma_is_joined():
    out = fixed("深化社会治安防控体系建设，", "严厉打击电信网络诈骗。")
    assert texts(out)[-1] == "深化社会治安防控体系建设，严厉打击电信网络诈骗。"


def test_a_finished_paragraph_is_not_joined():
    out = fixed("一年来成绩显著。", "同时也要看到问题。")
    assert texts(out)[-2:] == ["一年来成绩显著。", "同时也要看到问题。"]


def test_title_block_and_headings_are_never_joined():
    out = fixed("一、2019年工作回顾", "(一) 统筹推进疫情防控", "正文。")
    assert texts(out) == ["报告", "——2020年4月24日在会议上", "市长 某某", "各位代表：", "一、2019年工作回顾", "（一）统筹推进疫情防控", "正文。"]


def test_spaces_around_numbers_go_but_the_byline_space_stays():
    out = fixed("竞得 2022 年亚洲拔河锦标赛承办权，增长 13.8%，会议 35%。")
    assert texts(out)[2] == "市长 某某"
    assert texts(out)[-1] == "竞得2022年亚洲拔河锦标赛承办权，增长13.8%，会议35%。"


def test_formula_artifact_and_traditional_characters():
    out = fixed("全面贯彻落實精神，PM_{2.5}浓度均值33微克/立方米。各位代表!")
    assert texts(out)[-1] == "全面贯彻落实精神，PM2.5浓度均值33微克/立方米。各位代表！"
    assert {e.rule for e in out[-1].emendations} == {"traditional-character", "formula", "punctuation"}


def test_heading_brackets_become_full_width():
    assert texts(fixed("(二)协调发展的势头不断提升。城市功能加快完善。"))[-1].startswith("（二）协调")


def test_hand_correction_sic_keeps_text_and_is_recorded():
    sic = Correction(line=10, rule="sic", before="省省委", after="省省委", reason="原文如此")
    out = fixed("牢牢把握中央和省省委省政府决策部署。", corrections=[(7, sic)])
    assert texts(out)[-1] == "牢牢把握中央和省省委省政府决策部署。"
    assert [e.rule for e in out[-1].emendations] == ["sic"]


def test_hand_correction_that_does_not_fit_names_file_and_line():
    bad = Correction(line=10, rule="typo", before="不存在", after="存在", reason="仅供试验之用")
    with pytest.raises(BuildError) as info:
        fixed("正文。", corrections=[(12, bad)])
    (error,) = info.value.errors
    assert str(error).startswith("corrections.yaml:12: 'before' text '不存在' occurs 0 times")


def test_corrections_file_with_unknown_key_is_refused(tmp_path):
    path = tmp_path / "emendations.yaml"
    path.write_text("corrections:\n  - line: 3\n    rule: typo\n    befor: 甲\n    reason: 说明理由\n"
                    "  - line: x\n    rule: typo\n    before: 乙\n    after: 丙\n    reason: 说明理由\n", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        load_corrections(path)
    # Every problem at once, each with its line.
    assert [str(e) for e in info.value.errors] == [
        f"{path}:4: corrections.0.befor: Extra inputs are not permitted",
        f"{path}:6: corrections.1.line: Input should be a valid integer, unable to parse string as an integer",
    ]
