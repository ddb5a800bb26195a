"""Each traditional variant's house style and the reviewed names: loaded and checked, and in force
wherever the text stands (report and apparatus alike)."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from build_tools import registry
from build_tools.convert import convert_plain, convert_text, variant_configs
from build_tools.paths import HOUSE_STYLE, NAMES
from build_tools.s1_load import house_style
from build_tools.s1_load.house_style import load_house_style, load_names

TRADITIONAL = [v.code for v in registry.TRADITIONAL]
STOCK = {v.code: v.opencc for v in registry.TRADITIONAL}


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    return variant_configs(tmp_path_factory.mktemp("opencc"))


@pytest.fixture(scope="module")
def seed_texts(report, apparatus) -> list[str]:
    """Everything the edition converts: the report's blocks and every string of the apparatus."""
    return [b.text for b in report.blocks()] + apparatus


def test_the_seeds_load_without_problems():
    styles, errors = load_house_style()
    assert errors == [] and set(styles) == set(TRADITIONAL)
    names, errors = load_names()
    assert errors == [] and len(names) > 300


@pytest.mark.parametrize("code", TRADITIONAL)
def test_each_rule_replaces_what_the_stock_configuration_prints(configs, code):
    """A rule is alive: for each example (written in the house form) the stock s2tw/s2hk prints the
    stock form, and the edition's configuration prints the house form."""
    styles, _ = load_house_style()
    back = opencc.OpenCC("t2s")
    stock = opencc.OpenCC(STOCK[code])
    for rule in styles[code].rules:
        for example in rule.examples:
            simplified = back.convert(example)
            assert rule.opencc in stock.convert(simplified), (code, rule.opencc, example)
            assert convert_text(simplified, configs[code]) == example, (code, example)


@pytest.mark.parametrize("code", TRADITIONAL)
def test_no_stock_form_of_a_rule_is_left_in_the_converted_seeds(configs, seed_texts, code):
    """One form per word: once converted, nothing the edition says prints a form its house style replaces."""
    styles, _ = load_house_style()
    converted = convert_text("\n".join(seed_texts), configs[code])
    left = {r.opencc: converted.count(r.opencc) for r in styles[code].rules if r.opencc in converted}
    assert left == {}


@pytest.mark.parametrize("code", TRADITIONAL)
def test_every_name_converts_to_its_reviewed_form_wherever_it_stands(configs, seed_texts, code):
    """Each name of seeds/names.yaml, converted in every sentence where the report or the apparatus
    has it, reads as reviewed: 余杭 stays 余杭 in 杭州余杭, 江干區 in 原江干区, 占旭剛 in 开化占旭刚."""
    names, _ = load_names()
    sentences = sorted({s for text in seed_texts for s in re.split("[。；\n]", text) if s})
    # One OpenCC call for every sentence: each converts as it does on the page, within its sentence.
    converted = dict(zip(sentences, convert_plain(sentences, configs[code]), strict=True))
    wrong, seen = [], 0
    for name in names:
        for sentence in (s for s in sentences if name.simplified in s):
            out = converted[sentence]
            assert len(out) == len(sentence)
            for m in re.finditer(re.escape(name.simplified), sentence):
                seen += 1
                if (got := out[m.start() : m.end()]) != name.form(code):
                    wrong.append((name.simplified, got, name.form(code), sentence[:30]))
    assert wrong == [] and seen > 1000


def test_a_name_that_stock_opencc_breaks_is_among_the_reviewed(configs):
    """The corrections the review found are pinned: without the project dictionary OpenCC breaks them."""
    for simplified, tw in {"原江干区": "原江干區", "杭州余杭": "杭州余杭", "开化占旭刚": "開化占旭剛", "刘士余": "劉士余"}.items():
        assert opencc.OpenCC("s2tw").convert(simplified) != tw
        assert convert_text(simplified, configs["zh-TW"]) == tw
    assert opencc.OpenCC("s2hk").convert("石梁溪") == "石樑溪"
    assert convert_text("石梁溪", configs["zh-HK"]) == "石梁溪"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_rule_is_refused_at_its_line(tmp_path):
    text = HOUSE_STYLE.read_text(encoding="utf-8")
    # The first rule of the second variant: its house form made longer, then given a Latin letter.
    first_hk = text.index("opencc: 説")
    broken = text[:first_hk] + text[first_hk:].replace("house: 說", "house: 說明", 1)
    _, errors = load_house_style(write(tmp_path / "house-style.yaml", broken))
    line = broken[: broken.index("house: 說明")].count("\n") + 1
    assert [(e.line, e.message) for e in errors] == [(line, "zh-HK rule 0: '說明' is not as long as '説': a rule replaces characters")]
    _, errors = load_house_style(write(tmp_path / "house-style.yaml", text.replace("house: 說", "house: X", 1)))
    assert [e.message for e in errors] == ["zh-HK rule 0: house 'X' must be Han characters only", "zh-HK rule 0: example '說明' does not show 'X'"]


def test_a_bad_name_is_refused_at_its_line(tmp_path):
    text = NAMES.read_text(encoding="utf-8")
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if "simplified: \"余杭\"" in line)
    lines[i] = lines[i].replace('zh-TW: "余杭"', 'zh-TW: "余杭<b>"')
    _, errors = load_names(write(tmp_path / "names.yaml", "\n".join(lines) + "\n"))
    assert [e.line for e in errors] == [i + 1, i + 1]
    assert "'<' is not allowed" in errors[0].message and "is not as long as" in errors[1].message


def test_every_glossary_term_needs_a_reviewed_name(edition, tmp_path):
    names, _ = load_names()
    kept = [n for n in names if n.simplified != "最多跑一次"]
    errors = list(house_style.glossary_name_errors(kept, edition.entries, {e.id for e in edition.entries}))
    assert [e.message for e in errors] == ["names: the glossary's '最多跑一次' (zuiduo-paoyici) has no reviewed form in each variant; add it"]
