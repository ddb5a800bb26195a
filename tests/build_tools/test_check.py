"""`check` on a deliberately broken seeds folder prints exactly the expected problems."""

import re
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "broken-seeds"


def test_broken_fixture_gives_exactly_the_expected_errors():
    proc = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--seeds", str(FIXTURE)],
        capture_output=True, text=True, cwd=FIXTURE.parents[2],
    )
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[-1] == "39 problem(s); nothing was written."
    got = [line.replace(f"{FIXTURE.relative_to(FIXTURE.parents[2])}/", "") for line in lines[:-1]]
    assert got == (FIXTURE / "expected-errors.txt").read_text(encoding="utf-8").splitlines()


def test_real_seeds_pass_the_check():
    proc = subprocess.run([sys.executable, "-m", "build_tools", "check"], capture_output=True, text=True, cwd=FIXTURE.parents[2])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "seeds OK"


def _seeds_copy(tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "seeds"
    shutil.copytree(FIXTURE.parents[2] / "seeds", copy)
    return copy


def _check(seeds: Path) -> list[str]:
    from build_tools import paths
    from build_tools.s2_render.edition import load_edition

    _, errors = load_edition(paths.SeedFiles(seeds))
    return sorted(str(e).replace(f"{seeds}/", "") for e in errors)


def test_bad_emendations_list_every_problem_and_the_other_files_are_still_checked(tmp_path):
    seeds = _seeds_copy(tmp_path)
    (seeds / "emendations.yaml").write_text(
        "corrections:\n  - line: 3\n    rule: typo\n    befor: 甲\n    reason: 说明理由\n"
        "  - line: 4\n    rule: nonsense\n    before: 乙\n    after: 丙\n    reason: 说明理由\n", encoding="utf-8")
    (seeds / "notes.yaml").write_text("notes: [\n", encoding="utf-8")
    assert _check(seeds) == [
        "emendations.yaml:4: corrections.0.befor: Extra inputs are not permitted",
        "emendations.yaml:7: corrections.1.rule: Input should be 'page-break', 'typo' or 'sic'",
        "notes.yaml:2: YAML syntax: did not find expected node content",
    ]


def test_a_yaml_syntax_error_is_one_problem_among_others_not_a_crash(tmp_path):
    seeds = _seeds_copy(tmp_path)
    (seeds / "unglossed.yaml").write_text('unglossed:\n  - expr: "a\n', encoding="utf-8")
    (seeds / "ledger.yaml").write_text("rows:\n  - id: [\n", encoding="utf-8")
    entry = seeds / "glossary" / "hubei.yaml"  # an entry no other entry relates to
    entry.write_text(re.sub(r"(?m)^status: .*$", "status: maybe", entry.read_text(encoding="utf-8")), encoding="utf-8")
    problems = _check(seeds)
    assert [p.split(":")[0] for p in problems] == ["glossary/hubei.yaml", "ledger.yaml", "unglossed.yaml"]
    assert "YAML syntax" in problems[1] and "YAML syntax" in problems[2]
