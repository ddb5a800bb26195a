"""The build lock: a second holder waits for the first and says for whom; a killed holder frees it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from build_tools.s4_bundle import buildlock

ROOT = Path(__file__).resolve().parents[3]


def test_a_second_holder_waits_for_the_first_and_says_so(tmp_path, capsys):
    order: list[str] = []
    held, release = threading.Event(), threading.Event()

    def first() -> None:
        with buildlock.exclusive(tmp_path):
            order.append("first in")
            held.set()
            release.wait(30)
            order.append("first out")

    def second() -> None:
        with buildlock.exclusive(tmp_path):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert held.wait(30)
    threads[1].start()
    # The second announces that it waits, and for whom (here the same process, from another thread).
    err = ""
    deadline = time.monotonic() + 30
    while "waiting" not in err and time.monotonic() < deadline:
        time.sleep(0.05)
        err += capsys.readouterr().err
    assert err == f"waiting for another build (pid {os.getpid()}) …\n"
    assert order == ["first in"]
    release.set()
    for t in threads:
        t.join(30)
    assert order == ["first in", "first out", "second in"]
    assert (tmp_path / buildlock.LOCK_NAME).read_text(encoding="utf-8") == ""


def test_a_killed_holder_leaves_no_stale_lock(tmp_path, capsys):
    code = "import sys, time; from pathlib import Path; from build_tools.s4_bundle import buildlock\n" \
           "with buildlock.exclusive(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        assert (tmp_path / buildlock.LOCK_NAME).read_text(encoding="utf-8") == f"{holder.pid}\n"
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with buildlock.exclusive(tmp_path):
        pass
    assert capsys.readouterr().err == ""
