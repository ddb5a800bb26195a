"""Shared fixtures: the loaded edition and one full build of the site, made once per session."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from build_tools.s1_load.edition import load_report
from build_tools.s2_render.edition import load_edition
from build_tools.s4_bundle import site
from build_tools.settings import BuildSettings


@pytest.fixture(scope="session")
def report():
    """The report model alone: text, structure and emendations, without glossary or notes."""
    return load_report()


@pytest.fixture(scope="session")
def edition():
    ed, errors = load_edition()
    assert errors == [], "\n".join(map(str, errors))
    return ed


# The hosted build knows its address and repository (CI takes them from GitHub); so do the tests.
HOSTED = {"SITE_URL": "https://quzhou-edition.example/report/", "REPO_URL": "https://github.com/example/quzhou-edition"}


@pytest.fixture(scope="session")
def hosted_env() -> dict[str, str]:
    return dict(HOSTED)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The real build, as hosted (settings passed, the environment untouched), into a temporary
    site/ and dist/ (the working tree's are left alone)."""
    out = tmp_path_factory.mktemp("build")
    site.build(BuildSettings(site_url=HOSTED["SITE_URL"], repo_url=HOSTED["REPO_URL"], site=out / "site", dist=out / "dist"))
    return {"site": out / "site", "dist": out / "dist", "zip": out / "dist" / f"{site.BUNDLE_NAME}.zip"}


@pytest.fixture(scope="session")
def bundle(built, tmp_path_factory) -> Path:
    """The offline zip unpacked somewhere else, as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built["zip"]) as zf:
        zf.extractall(target)
    return target / site.BUNDLE_NAME


# Payloads that `check` lets through because they are text, not markup, and must reach the
# built pages inert: escaped where they are printed, sanitized where Markdown renders them.
HOSTILE_AUTHOR = "[点我](javascript:alert(document.cookie)) \u202e\"onmouseover=\"alert(document.domain)"
HOSTILE_EDITS = [
    # A page title with quotes: nav, <title>, og:title.
    ("seeds/structure.yaml", "title: 致谢,", "title: '致谢\" onmouseover=\"alert(document.domain)',"),
    # An emendation whose text breaks out of the description meta tags.
    ("seeds/emendations.yaml", "corrections:\n", "corrections:\n  - line: 35\n    rule: typo\n    before: 成绩来之不易\n"
     "    after: '成绩来之不易\" autofocus onfocus=\"alert(document.domain)'\n    reason: hostile fixture\n"),
    # A spreadsheet formula in a ledger cell.
    ("seeds/ledger.yaml", 'indicator: "地区生产总值"\n    value: 6.7', 'indicator: "=HYPERLINK(\\"https://evil.example\\",\\"点\\")"\n    value: 6.7'),
]
# Raw HTML and hostile links in a hand-written page (docs/ is contributed too).
HOSTILE_ABOUT = """# 手写页

## 测试 { #hostile }

<script>alert(document.domain)</script>
<img src="x" onerror="alert(document.domain)">
<iframe src="https://evil.example/"></iframe>

[点我](javascript:alert(document.domain)) [数据](data:text/html,hi) ![](https://evil.example/t.png)
<a href="java&#10;script:alert(document.domain)">拆开的</a>
"""


def make_hostile_tree(target: Path) -> Path:
    """A git checkout of the repository with the hostile payloads above, committed by a hostile author."""
    import subprocess

    from build_tools import paths

    paths.tracked_copy(target, caches=True)
    for rel_path, find, replace in HOSTILE_EDITS:
        text = (target / rel_path).read_text(encoding="utf-8")
        assert text.count(find) >= 1, (rel_path, find)
        (target / rel_path).write_text(text.replace(find, replace, 1), encoding="utf-8")
    # A page of its own: docs/ holds the generated pages and hand-written assets and pages.
    (target / "docs" / "hostile.md").write_text(HOSTILE_ABOUT, encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME=HOSTILE_AUTHOR, GIT_AUTHOR_EMAIL="x@example.org",
               GIT_COMMITTER_NAME="ci", GIT_COMMITTER_EMAIL="ci@example.org")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "hostile"]):
        subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)
    return target


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile tree built with the real command; its site/ for the tests to read."""
    import subprocess
    import sys

    root = make_hostile_tree(tmp_path_factory.mktemp("hostile") / "repo")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=root, capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k not in HOSTED})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def apparatus() -> list[str]:
    """Every string of the apparatus (glossary, notes, ledger, emendations, structure), as the pages
    and data carry it converted; not ids, addresses, pinyin or English."""
    import yaml

    from build_tools import paths

    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in ("url", "id", "pinyin", "english", "english_source"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    files = [*sorted(paths.GLOSSARY_DIR.glob("*.yaml")), *(paths.SEEDS / n for n in ("notes.yaml", "ledger.yaml", "emendations.yaml", "structure.yaml"))]
    for path in files:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found
