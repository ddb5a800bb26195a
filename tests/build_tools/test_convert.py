"""Script conversion: the tricky words of this report come out right in each variant."""

import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import opencc
import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.convert import (
    HUMAN_ATTRIBUTES,
    VARIANTS,
    convert_text,
    variant_configs,
)
from build_tools.s1_load.interface import load_interface
from build_tools.s1_load.overrides import HAN, load_overrides, seed_text
from build_tools.s1_load.yamlio import DataError
from build_tools.s4_bundle import variants
from build_tools.settings import BuildSettings

ROOT = Path(__file__).resolve().parents[2]

WORDS = yaml.safe_load((Path(__file__).parent / "tricky-words.yaml").read_text(encoding="utf-8"))["words"]
TRADITIONAL = [v for v in VARIANTS if v.opencc]


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("opencc")
    return variant_configs(folder)


@pytest.mark.parametrize("variant", [v.code for v in TRADITIONAL])
@pytest.mark.parametrize("word", WORDS, ids=[w["simplified"] for w in WORDS])
def test_tricky_word_in_context(report, apparatus, configs, variant, word):
    """Each word, in every paragraph of the report or string of the apparatus (where: apparatus)
    that has it, converts to the form an editor of that place prints."""
    if word.get("where") == "apparatus":
        texts = [t for t in apparatus if word["simplified"] in t]
    else:
        texts = [b.text for b in report.blocks() if word["simplified"] in b.text]
    assert texts, f"{word['simplified']} does not occur where the entry says"
    for text in texts:
        converted = convert_text(text, configs[variant])
        assert len(converted) == len(text)
        for m in re.finditer(re.escape(word["simplified"]), text):
            assert converted[m.start() : m.end()] == word[variant], word["why"]


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


# --- Overrides are Han text converted character for character, nothing else -------------------

HOSTILE_OVERRIDES = """\
overrides:
  - simplified: 把握发展
    zh-TW: 把握發展
    zh-HK: 把握發展
    reason: 一条正确的更正，作对照
  - simplified: <script src=https://evil.example/x.js></script>
    zh-TW: 發展
    zh-HK: 發展
    reason: markup smuggled into every traditional page
  - simplified: abc
    zh-TW: abc
    zh-HK: abc
    reason: ASCII is not Han text
  - simplified: 发展
    zh-TW: 發展了
    zh-HK: 發展
    reason: a rewrite, not a conversion
  - simplified: 从未出现的词
    zh-TW: 從未出現的詞
    zh-HK: 從未出現的詞
    reason: converts nothing
  - simplified: 把握发展
    zh-TW: 把握發展
    zh-HK: 把握發展
    reason: given twice
"""
# (line, start of the message) of every problem above, in line order; line 2's override is sound.
HOSTILE_ERRORS = [
    (6, "overrides.1.simplified: only Han characters"),
    (7, "overrides.1.zh-TW: '發展' has 2 characters"),
    (8, "overrides.1.zh-HK: '發展' has 2 characters"),
    (10, "overrides.2.simplified: only Han characters"),
    (11, "overrides.2.zh-TW: only Han characters"),
    (12, "overrides.2.zh-HK: only Han characters"),
    (15, "overrides.3.zh-TW: '發展了' has 3 characters and '发展' 2"),
    (18, "overrides.4.simplified: '从未出现的词' occurs nowhere"),
    (22, "overrides.5.simplified: override for '把握发展' given twice"),
]


def test_hostile_overrides_are_refused_each_with_its_line(tmp_path):
    path = tmp_path / "opencc-overrides.yaml"
    path.write_text(HOSTILE_OVERRIDES, encoding="utf-8")
    overrides, errors = load_overrides(path)
    got = [(e.line, e.message) for e in errors]
    assert overrides == [] and all(isinstance(e, DataError) and e.path == str(path) for e in errors)
    assert [line for line, _ in got] == [line for line, _ in HOSTILE_ERRORS]
    for (_, message), (_, start) in zip(got, HOSTILE_ERRORS, strict=True):
        assert message.startswith(start), message


def test_check_prints_every_override_problem(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "opencc-overrides.yaml").write_text(HOSTILE_OVERRIDES, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "check", "--seeds", str(seeds)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    # The contribution check reports the markup too; these are the override rule's own lines.
    located = [line for line in proc.stderr.splitlines() if line.startswith(f"{seeds}/opencc-overrides.yaml:") and "markup" not in line]
    assert [int(line.split(":")[1]) for line in located] == [line for line, _ in HOSTILE_ERRORS]


def test_every_existing_override_is_han_of_equal_length_and_occurs():
    overrides, _ = load_overrides()
    text = seed_text(ROOT / "seeds")
    assert len(overrides) >= 7
    for o in overrides:
        assert HAN.fullmatch(o.simplified) and HAN.fullmatch(o.zh_TW) and HAN.fullmatch(o.zh_HK)
        assert len(o.simplified) == len(o.zh_TW) == len(o.zh_HK)
        assert o.simplified in text


# --- Conversion touches text, never markup or code ------------------------------------------

DOCUMENT = """\
---
title: "发展“两山”"
description: 发展说明
hide:
  - navigation
edit_sources:
  - {label: 术语, path: seeds/发展.yaml}
---
<!-- 发展 -->

# 发展 { #发展 .发展 data-term-entry="发展" }

发展见[术语表](glossary.md#发展 "发展")、`发展`、``代码 ` 发展``、[发展][发展]。

[发展]: 发展.md

<p class="发展" data-term="发展" title="“发展”" aria-label='发展'>发展<span lang="en">发展 <b>发展</b></span><span lang="zh-Hans">发展</span><span lang="zh-Latn-pinyin" title="发展">发展</span>发展&amp;发展<code title="发展">发展</code></p>
<script>var 发展 = "发展";</script><style>.发展::after { content: "发展" }</style><pre>发展</pre>
<input placeholder="发展" value="发展"><img alt="发展" src="发展.png"><br/>末尾发展
"""
CONVERTED = """\
---
title: "發展「兩山」"
description: 發展說明
hide:
  - navigation
edit_sources:
  - {label: 術語, path: seeds/发展.yaml}
---
<!-- 发展 -->

# 發展 { #发展 .发展 data-term-entry="发展" }

發展見[術語表](glossary.md#发展 "發展")、`发展`、``代码 ` 发展``、[發展][发展]。

[发展]: 发展.md

<p class="发展" data-term="发展" title="「發展」" aria-label='發展'>發展<span lang="en">发展 <b>发展</b></span><span lang="zh-Hans">发展</span><span lang="zh-Latn-pinyin" title="发展">发展</span>發展&amp;發展<code title="發展">发展</code></p>
<script>var 发展 = "发展";</script><style>.发展::after { content: "发展" }</style><pre>发展</pre>
<input placeholder="發展" value="发展"><img alt="發展" src="发展.png"><br/>末尾發展
"""


def test_only_text_and_human_attributes_are_converted(configs):
    # Front matter values, text, title/aria-label/placeholder/alt are converted; tags, ids,
    # classes, data-*, value, src, link destinations and reference labels, attribute lists,
    # code spans, comments, <code>/<pre>/<script>/<style> and lang-marked elements (nested ones
    # too) are kept byte for byte.
    assert convert_text(DOCUMENT, configs["zh-TW"]) == CONVERTED


def test_the_source_variant_is_the_text_itself():
    assert convert_text(DOCUMENT, None) == DOCUMENT


def test_a_mirror_converts_only_what_changed(tmp_path, configs, monkeypatch):
    src, dst = tmp_path / "docs", tmp_path / "variant" / "docs"
    (src / "1").mkdir(parents=True)
    (src / "1" / "page.md").write_text("发展", encoding="utf-8")
    (src / "index.md").write_text("国家", encoding="utf-8")
    (src / "data.json").write_text('{"发展": 1}', encoding="utf-8")
    seen: list[str] = []
    monkeypatch.setattr(variants, "convert_text", lambda text, cc: seen.append(text) or convert_text(text, cc))

    def mirror(code: str) -> dict[str, str]:
        seen.clear()
        variants.copy_converted(src, dst, configs[code])
        return {p.relative_to(dst).as_posix(): p.read_text(encoding="utf-8") for p in dst.rglob("*") if p.is_file()}

    assert mirror("zh-TW") == {"1/page.md": "發展", "index.md": "國家", "data.json": '{"发展": 1}'} and sorted(seen) == ["发展", "国家"]
    assert mirror("zh-TW") == {"1/page.md": "發展", "index.md": "國家", "data.json": '{"发展": 1}'} and seen == []
    (src / "index.md").write_text("说", encoding="utf-8")
    (src / "1" / "page.md").unlink()
    assert mirror("zh-TW") == {"index.md": "說", "data.json": '{"发展": 1}'} and seen == ["说"]
    # A converted file rewritten since (by an older checkout's build, say) is converted again.
    (dst / "index.md").write_text("说", encoding="utf-8")
    assert mirror("zh-TW") == {"index.md": "說", "data.json": '{"发展": 1}'} and seen == ["说"]
    # Another configuration (another variant, or changed overrides) converts everything again.
    assert mirror("zh-HK") == {"index.md": "說", "data.json": '{"发展": 1}'} and seen == ["说"]


# --- overrides/ is never converted: its words come from seeds/interface.yaml -------------------

def test_every_variant_uses_the_unconverted_overrides_and_its_own_messages(tmp_path):
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    configs = variant_configs(tmp_path / "opencc")
    messages, _ = load_interface()
    for v in VARIANTS:
        folder = tmp_path / v.code
        folder.mkdir()
        path = variants.variant_config(v, base, folder, tmp_path / "out", configs[v.code], tmp_path / "main.txt", tmp_path / "user.txt",
                                          BuildSettings(), [{"首页": "index.md"}])
        own = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (folder / own["theme"]["custom_dir"]).resolve() == ROOT / "overrides"
        assert own["extra"]["edition"]["messages"] == messages[v.code]


def test_templates_use_only_messages_every_variant_has():
    messages, _ = load_interface()
    used = {key for page in (ROOT / "overrides").rglob("*.html") for key in re.findall(r"\bm\.(\w+)", page.read_text(encoding="utf-8"))}
    assert used, "the 404 page shows messages"
    for code, own in messages.items():
        assert used <= own.keys(), code
    # Written by hand, not converted: Taiwan and Hong Kong search with 搜尋, not 搜索.
    assert "搜尋" in messages["zh-TW"]["not_found_search"] and "搜尋" in messages["zh-HK"]["not_found_search"]


@pytest.mark.parametrize("broken, line, start", [
    ("messages:\n  title:\n    zh-Hans: 标题\n    zh-TW: 標題\n", 2, "messages.title.zh-HK: Field required"),
    ("messages:\n  title:\n    zh-Hans: 标题\n    zh-TW: 標題\n    zh-HK: '{{ config }}<b>'\n", 5, "messages.title.zh-HK: a message is plain text"),
])
def test_interface_messages_are_checked(tmp_path, broken, line, start):
    path = tmp_path / "interface.yaml"
    path.write_text(broken, encoding="utf-8")
    messages, [error] = load_interface(path)
    assert messages == {}
    assert error.line == line and error.message.startswith(start), str(error)


# --- On the real build, conversion leaves every page's structure as it is ---------------------

def site_target(value: str, page: Path, site: Path) -> str:
    """A relative href/src as the file it leads to in the site, without a variant's folder: a
    variant's page leads to the root's copy of an asset or data file it shares (s4_bundle/assets.py),
    where the root's page leads to its own."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return value
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), parts.path))
    for v in TRADITIONAL:
        target = target.removeprefix(v.prefix)
    return target + (f"#{parts.fragment}" if parts.fragment else "")


def tag_sequence(page: Path, own_url: str = "", site_url: str = "", site: Path | None = None) -> list[tuple[str, tuple]]:
    """Every element's name and attributes but the human-readable ones, in document order.

    What rightly differs between variants is left out: <html lang>, <meta content> (page title and
    description as text), the variant switcher, which marks the current variant, and the
    variant's own folder in links (``own_url``, e.g. /report/zh-TW/), which stands as ``site_url`` (/report/);
    with ``site``, relative links stand as the files they lead to (``site_target``).
    """
    doc = lxml.html.parse(str(page)).getroot()
    for switcher in doc.find_class("edition-switcher"):
        switcher.drop_tree()

    def value(k: str, v: str) -> str:
        v = v.replace(own_url, site_url) if own_url else v
        return site_target(v, page, site) if site is not None and k in ("href", "src") else v

    return [
        (el.tag, tuple(sorted((k, value(k, v)) for k, v in el.attrib.items() if k not in HUMAN_ATTRIBUTES and (el.tag, k) not in {("html", "lang"), ("meta", "content")})))
        for el in doc.iter()
        if isinstance(el.tag, str)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("code", [v.code for v in TRADITIONAL])
def test_conversion_leaves_every_page_structure_unchanged(built, hosted_env, code):
    root = built["site"]
    pages = [p for p in sorted(root.rglob("*.html")) if p.relative_to(root).parts[0] not in {v.code for v in TRADITIONAL}]
    assert len(pages) > 30
    for page in pages:
        rel = page.relative_to(root)
        # Absolute links and the 404 page's root-relative ones hold the variant's own folder.
        base = urlsplit(hosted_env["SITE_URL"]).path
        got = tag_sequence(root / code / rel, f"{base}{code}/", base, site=root)
        assert got == tag_sequence(page, site=root), f"{code}/{rel}"


@pytest.mark.slow
def test_the_404_page_speaks_each_variant_by_hand(built):
    messages, _ = load_interface()
    for v in VARIANTS:
        page = BeautifulSoup((built["site"] / v.prefix / "404.html").read_text(encoding="utf-8"), "lxml")
        assert page.h1.get_text() == messages[v.code]["not_found_title"]
        assert messages[v.code]["not_found_search"] in page.get_text()


def test_corner_marks_are_for_chinese_not_for_english():
    from build_tools.convert import corner

    assert corner("报告称“推进‘最多跑一次’改革”") == "报告称「推进『最多跑一次』改革」"
    # A Chinese sentence quoting English is Chinese typesetting.
    assert corner("英文作“Three Zones and Three Lines”。") == "英文作「Three Zones and Three Lines」。"
    # English quoting English, and an apostrophe, keep their marks.
    assert corner("the “Eight-Eight Strategy” and Zhejiang’s plan, the ‘three matters’") == "the “Eight-Eight Strategy” and Zhejiang’s plan, the ‘three matters’"
    # A Chinese quotation after a number or a Latin name is still Chinese.
    assert corner("G351“台小线”") == "G351「台小线」"
    assert corner("“10+N”行动") == "「10+N」行动"
