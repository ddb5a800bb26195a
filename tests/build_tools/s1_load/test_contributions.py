"""Hostile contributions: each case in tests/fixtures/hostile/ is refused by `check` with exactly
the located errors in its expected.txt, quickly, whatever it tries (markup, script URLs, alias
bombs, links out of the repository, bytes that are not text, stray files)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from build_tools import cli, paths
from build_tools.s1_load import contributions
from build_tools.s1_load.yamlio import (
    DataError,
    load,
    read_text,
    text_errors,
    text_problem,
)

HOSTILE = Path(__file__).resolve().parents[2] / "fixtures" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "case.yaml").exists())


def apply_case(case: Path, root: Path) -> None:
    """Lay a hostile case over a copy of the repository's contributed folders."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for edit in spec.get("edits", []):
        path = root / edit["path"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["find"]) == 1, f"{case.name}: {edit['find']!r} must occur once in {edit['path']}"
        path.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")
    for name, content in spec.get("files", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, encoding="utf-8")
    # Bytes that YAML cannot carry as text: each character of the string is one byte.
    for name, content in spec.get("raw", {}).items():
        (root / name).write_bytes(content.encode("latin-1"))
    # Grown with a comment to exactly this many bytes, whatever the file held.
    for name, size in spec.get("pad", {}).items():
        path = root / name
        text = path.read_text(encoding="utf-8") + "#"
        path.write_text(text + "#" * (size - len(text.encode("utf-8")) - 1) + "\n", encoding="utf-8")
    for name in spec.get("delete", []):
        (root / name).unlink()
    for name, target in spec.get("symlinks", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)


# Cases whose regression could hang or exhaust the test process run in a process of their own.
ISOLATED = {"alias-bomb", "oversized-file"}


def run_check(root: Path, isolated: bool = True) -> tuple[int, list[str], float]:
    """`check --root` on a hostile copy: exit code and printed lines (paths relative to the copy)."""
    start = time.perf_counter()
    if isolated:
        # A hang guard, not a speed test: a regressed alias bomb would otherwise never return.
        proc = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(root)], cwd=paths.ROOT,
                              capture_output=True, text=True, timeout=60)
        code, stderr = proc.returncode, proc.stderr
    else:
        result = CliRunner().invoke(cli.app, ["check", "--root", str(root)])
        code, stderr = result.exit_code, result.stderr
    lines = [line.replace(f"{root}/", "") for line in stderr.splitlines()]
    return code, lines, time.perf_counter() - start


# Each case checks a copy of the repository's seeds (0.2–0.6 s): a few kinds run in the fast tier,
# every case in `make test`.
FAST_CASES = {"key-markup", "link-scheme-split", "override-script", "symlink-glossary", "translation-script"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=() if n in FAST_CASES else pytest.mark.slow) for n in CASES])
def test_hostile_case_is_refused_with_exactly_its_located_errors(name, tmp_path):
    root = paths.tracked_copy(tmp_path / "repo", "seeds", "docs", "overrides")
    apply_case(HOSTILE / name, root)
    code, lines, _ = run_check(root, isolated=name in ISOLATED)
    expected = (HOSTILE / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} problem(s); nothing was written."


def test_every_case_names_its_attack_and_has_an_expectation():
    for name in CASES:
        spec = yaml.safe_load((HOSTILE / name / "case.yaml").read_text(encoding="utf-8"))
        assert spec["attack"], name
        assert (HOSTILE / name / "expected.txt").read_text(encoding="utf-8").strip(), name


def test_an_untouched_copy_passes(tmp_path):
    code, lines, _ = run_check(paths.tracked_copy(tmp_path / "repo", "seeds", "docs", "overrides"), isolated=False)
    assert (code, lines) == (0, [])


@pytest.mark.parametrize(("text", "problem"), [
    ("见 [x](java\nscript:alert(1))", "URL scheme 'javascript' is not allowed; only http and https"),
    ("见 [x](JaVaScRiPt:alert(1))", "URL scheme 'javascript' is not allowed; only http and https"),
    ("见 [x](&#x6A;avascript:alert(1))", "URL scheme 'javascript' is not allowed; only http and https"),
    ("见 [x](vbscript:msgbox(1))", "URL scheme 'vbscript' is not allowed; only http and https"),
    ("见 [x](data:text/html,hi)", "URL scheme 'data' is not allowed; only http and https"),
    ("见 <https://example.org>", "HTML or other markup is not allowed in contributed text"),
    ("a <!-- b --> c", "HTML or other markup is not allowed in contributed text"),
    ("![alt](pic.png)", "images are not allowed in contributed text"),
    ("见 [x](//evil.example)", "link target '//evil.example' has no scheme; write https://"),
    ("零宽\u200b空格", "character U+200B is not allowed"),
    ("a\x1bb", "character U+001B is not allowed"),
    ("见 [政府网](https://www.gov.cn/) 与 1.1.1；比例 3:2，时间 10:30。Note: fine", None),
])
def test_text_problem(text, problem):
    assert text_problem(text) == problem


def test_text_errors_locate_every_string_keys_included(tmp_path):
    path = tmp_path / "e.yaml"
    path.write_text('term: 甲\nsources:\n  - title: "<img src=x onerror=alert(1)>"\n  - url: "javascript:alert(1)"\n"<b>": 1\n', encoding="utf-8")
    assert [(e.line, e.message) for e in text_errors(load(path), path)] == [
        (3, "sources.0.title: HTML or other markup is not allowed in contributed text"),
        (4, "sources.1.url: URL scheme 'javascript' is not allowed; only http and https"),
        (5, "key '<b>': HTML or other markup is not allowed in contributed text"),
    ]


@pytest.mark.parametrize(("content", "line", "message"), [
    (b"a: 1\nb: \xff\n", 2, "not UTF-8: byte 0xff cannot be decoded"),
    (b"a: 1\n\nb: x\x00y\n", 3, "character NUL is not allowed"),
    (b"a: \xe2\x80\xae\n", 1, "character U+202E is not allowed"),
])
def test_read_text_refuses_bytes_that_are_not_plain_text(tmp_path, content, line, message):
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        read_text(path)
    assert (err.value.line, err.value.message) == (line, message)


def test_read_text_refuses_links_missing_and_oversized_files(tmp_path):
    (tmp_path / "big.yaml").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("/etc/hostname")
    for name, max_bytes, message in [("big.yaml", 100, "file is 101 bytes; the limit is 100"),
                                     ("link.yaml", 100, "is a symbolic link; contributed files must be regular files in the repository"),
                                     ("gone.yaml", 100, "missing file")]:
        with pytest.raises(DataError) as err:
            read_text(tmp_path / name, max_bytes)
        assert err.value.message == message


def test_aliases_are_refused_at_the_anchor_before_anything_expands(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text("ok: 1\na: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(path)
    assert (err.value.line, err.value.message) == (2, "YAML anchors and aliases (& and *) are not allowed; write the value out")


def test_symlinks_are_found_in_every_contributed_folder_but_not_elsewhere(tmp_path):
    for name in ("seeds/glossary/a.yaml", "docs/assets/b.txt", "overrides/c.html", "tests/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).symlink_to("/etc/hostname")
    found = [Path(e.path).relative_to(tmp_path).as_posix() for e in contributions.symlink_errors(tmp_path)]
    assert found == ["seeds/glossary/a.yaml", "docs/assets/b.txt", "overrides/c.html"]
