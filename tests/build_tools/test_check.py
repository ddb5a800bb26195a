"""`check` on a deliberately broken seeds folder prints exactly the expected problems."""

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
    assert lines[-1] == "19 problem(s); nothing was written."
    got = [line.replace(f"{FIXTURE}/", "") for line in lines[:-1]]
    assert got == (FIXTURE / "expected-errors.txt").read_text(encoding="utf-8").splitlines()


def test_real_seeds_pass_the_check():
    proc = subprocess.run([sys.executable, "-m", "build_tools", "check"], capture_output=True, text=True, cwd=FIXTURE.parents[2])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "seeds OK"
