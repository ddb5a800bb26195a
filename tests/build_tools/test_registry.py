"""The registry is the one place that lists the variants, the appendix pages and the rules: a
variant added there (plus its content) is built everywhere, and nothing else lists them."""

from __future__ import annotations

import ast
import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools import paths, registry
from build_tools.s1_load.schema import CATEGORIES
from build_tools.s4_bundle import write_docs

ZH_MO = '    Variant("zh-MO", "zh-Hant-MO", "繁體·澳門", "s2hk", "zh-Hant", "zh_MO"),\n'


def add_macau(root: Path) -> None:
    """The one-entry change (the registry) plus its content: the zh-MO interface messages and
    override forms, here taken from zh-HK as a Macau editor might start."""
    registry_py = root / "build_tools" / "registry.py"
    text = registry_py.read_text(encoding="utf-8")
    anchor = '    Variant("zh-HK",'
    registry_py.write_text(text.replace(anchor, ZH_MO + anchor, 1), encoding="utf-8")
    for name in ("interface.yaml", "opencc-overrides.yaml"):
        path = root / "seeds" / name
        path.write_text(re.sub(r"^(\s+)zh-HK: (.*)$", r"\1zh-HK: \2\n\1zh-MO: \2", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    names = root / "seeds" / "names.yaml"
    names.write_text(re.sub(r'zh-HK: ("[^"]*")', r"zh-HK: \1, zh-MO: \1", names.read_text(encoding="utf-8")), encoding="utf-8")
    style = root / "seeds" / "house-style.yaml"
    data = yaml.safe_load(style.read_text(encoding="utf-8"))
    data["variants"]["zh-MO"] = copy.deepcopy(data["variants"]["zh-HK"])
    style.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.slow
def test_a_fourth_variant_is_built_everywhere_from_one_registry_entry(tmp_path):
    root = paths.tracked_copy(tmp_path / "repo", caches=True)
    add_macau(root)
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build", "--site-url", "https://example.org/report/"],
                          cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = root / "site"
    page = BeautifulSoup((site / "zh-MO" / "2" / "4.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "zh-Hant-MO"
    # Converted (s2hk), with its own interface words and a switcher that lists all four.
    assert "營商環境" in page.select_one("article").get_text()
    assert [a["data-variant"] for a in page.select("a[data-variant]")] == ["zh-Hans", "zh-TW", "zh-MO", "zh-HK"]
    assert page.select_one(".edition-switcher button")["aria-label"] == "切換簡繁"
    # Every other variant's switcher lists it too, and the sitemaps and the data carry it.
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "zh-MO" in [a["data-variant"] for a in home.select("a[data-variant]")]
    assert 'hreflang="zh-Hant-MO"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Its data are in its own script (its report.json's title is converted, so not the root's copy).
    report = __import__("json").loads((site / "zh-MO" / "data" / "report.json").read_text(encoding="utf-8"))
    assert "zh-MO" in report["blocks"][0]["text"] and report["title"] == "2020年浙江省衢州市人民政府工作報告"
    assert "zh-MO/2/4.html" in {info.filename.split("/", 1)[1] for info in __import__("zipfile").ZipFile(root / "dist" / f"{paths.BUNDLE_NAME}.zip").infolist()}


def test_no_other_file_lists_the_variants():
    """Outside the registry, no code or template names a variant code as a value."""
    codes = {v.code for v in registry.VARIANTS}
    found = []
    for path in sorted((paths.ROOT / "build_tools").rglob("*.py")):
        if path.name == "registry.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in codes:
                found.append(f"{path.relative_to(paths.ROOT)}:{node.lineno}: {node.value!r}")
    # Templates (Material's own translation files aside) may mark simplified text lang="zh-Hans",
    # a language tag, but list no variant.
    templates = [p for p in (paths.ROOT / "overrides").rglob("*.html") if p.parent.name != "languages"]
    for path in sorted(templates) + sorted((paths.ROOT / "build_tools").rglob("*.j2")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(rf"(?<!lang=)[\"']({'|'.join(codes)})[\"']", line):
                found.append(f"{path.relative_to(paths.ROOT)}:{n}: {line.strip()}")
    assert found == []
    base = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "nav" not in base and "edition" not in base.get("extra", {})


def test_git_ignores_every_generated_path_and_tracks_none():
    """.gitignore keeps up with the registry: every path the build writes under docs/ is ignored."""
    generated = [f"docs/{name}" + ("/x" if not name.endswith(".md") else "") for name in write_docs.GENERATED]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *generated], cwd=paths.ROOT, capture_output=True, text=True)
    assert sorted(proc.stdout.split()) == sorted(generated)
    tracked = subprocess.run(["git", "ls-files", *[g.removesuffix("/x") for g in generated]], cwd=paths.ROOT, capture_output=True, text=True).stdout
    assert tracked == ""


def test_the_appendix_pages_are_in_the_nav_and_on_the_home_page(edition):
    from build_tools.s2_render import generate

    ui = edition.ctx.ui
    appendix = generate.nav(edition.report, ui, edition.entries)[-1][ui.text(registry.APPENDIX_KEY)]
    # The glossary is a section: its landing page, then one page per category that has entries.
    categories = list(dict.fromkeys(c for c in CATEGORIES if any(e.category == c for e in edition.entries)))
    glossary_section = [{ui.text("glossary_overview"): registry.GLOSSARY.path}, *({CATEGORIES[c]: f"{registry.GLOSSARY.folder}/{c}.md"} for c in categories)]
    assert appendix == [{ui.text(p.key): glossary_section if p is registry.GLOSSARY else p.path} for p in registry.APPENDIX]
    assert len(glossary_section) == len(CATEGORIES) + 1
    home = generate.render_all(edition)["index.md"]
    assert [p.path for p in registry.APPENDIX if p.listed and f"]({p.path})" in home] == [p.path for p in registry.APPENDIX if p.listed]
