"""One writer at a time per checkout: an exclusive flock on build/build.lock.

Held by `python -m build_tools build` for the whole build and by `python -m build_tools docs`,
which write docs/, build/ and the nav block of mkdocs.yml; and by the `mkdocs serve` hook around
its prepare(), which writes build/jieba/ and the nav that a running build's MkDocs processes read.
A second holder waits and says so on stderr. The kernel releases the lock when its holder exits,
however it exits (SIGKILL included), so there is never a stale lock to clear by hand.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from build_tools import paths

LOCK_NAME = "build.lock"


@contextmanager
def exclusive(build: Path = paths.BUILD) -> Iterator[None]:
    """Hold the build lock for the block, waiting (and saying so on stderr) while another holds it.

    Not re-entrant: a second `exclusive()` in the same process, even in the same thread, waits
    for the first, as a second process would.
    """
    build.mkdir(parents=True, exist_ok=True)
    # "a+" creates the file without emptying it: the holder's pid stays readable for a waiter.
    with open(build / LOCK_NAME, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build (pid {holder(handle)}) …", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            # Emptied before closing (which releases the lock), so no later waiter names a dead pid.
            handle.truncate(0)


def holder(handle: IO[str]) -> str:
    """The pid the lock's holder wrote, or "?" if it has not written it yet."""
    handle.seek(0)
    return handle.read().strip() or "?"
