"""Script conversion: the tricky words of this report come out right in each variant."""

from pathlib import Path

import opencc
import pytest
import yaml

from build_tools.convert import VARIANTS, convert_text, variant_configs

WORDS = yaml.safe_load((Path(__file__).parent / "tricky-words.yaml").read_text(encoding="utf-8"))["words"]
TRADITIONAL = [v for v in VARIANTS if v.opencc]


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("opencc")
    return variant_configs(folder)


@pytest.mark.parametrize("variant", [v.code for v in TRADITIONAL])
@pytest.mark.parametrize("word", WORDS, ids=[w["simplified"] for w in WORDS])
def test_tricky_word_in_context(report, configs, variant, word):
    paragraphs = [b.text for b in report.blocks() if word["simplified"] in b.text]
    assert paragraphs, f"{word['simplified']} does not occur in the report"
    for text in paragraphs:
        converted = convert_text(text, configs[variant])
        assert len(converted) == len(text)
        start = text.index(word["simplified"])
        assert converted[start : start + len(word["simplified"])] == word[variant], word["why"]


def test_phrase_configs_are_never_used(configs):
    # s2twp would turn 项目 into 專案, misquoting the report; the edition converts characters only.
    assert {v.opencc for v in TRADITIONAL} == {"s2tw", "s2hk"}
    assert convert_text("重点项目", configs["zh-TW"]) == "重點項目"
    assert opencc.OpenCC("s2twp").convert("重点项目") == "重點專案"


def test_overrides_go_through_opencc_config(configs):
    # Without the project dictionary OpenCC splits 把/握发/展; with it, 發展 as it should be.
    assert opencc.OpenCC("s2tw").convert("把握发展") == "把握髮展"
    assert convert_text("把握发展", configs["zh-TW"]) == "把握發展"


def test_corner_quotes_and_kept_spans(configs):
    text = '“最多跑一次”改革<span lang="zh-Hans">最多跑一次</span>‘两山’<span class="english" lang="en">“Run at Most Once” reform</span>'
    assert convert_text(text, configs["zh-HK"]) == '「最多跑一次」改革<span lang="zh-Hans">最多跑一次</span>『兩山』<span class="english" lang="en">“Run at Most Once” reform</span>'
