"""Staging and swapping: each run builds in a folder of its own, and site/ and dist/ are replaced together at the end."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from build_tools import paths


def swap_in(pairs: dict[Path, Path], aside: Path) -> None:
    """Put each staged folder (value) in place of its final one (key), all of them or none.

    POSIX renames one directory atomically, but no call swaps two, so site/ and dist/ cannot
    change in one atomic step. What this gives instead: both new trees are complete before the
    first rename; the renames (old site/ into ``aside``, new one in, then the same for dist/) run
    back to back; if any fails, or Ctrl-C interrupts them, those already made are undone in
    reverse and the old pair is back. ``aside`` is a folder under build/ (which git ignores; never
    next to site/), removed at the end; if a rename back fails too, it is kept, and the error says
    where the old copy is. It must be on the filesystem of the final folders, or the first rename
    fails and nothing changes.

    A reader of site/ sees either the whole old tree or the whole new one, never a mix of their
    files; but between two adjacent renames site/ briefly does not exist, and for the time of two
    renames the new site/ stands beside the old dist/. A process killed outright (SIGKILL, power
    loss) in that window can leave site/ or dist/ missing, never half-written; the next build
    makes it again and removes the copy left in ``aside``.
    """
    aside.mkdir(parents=True, exist_ok=True)
    moves: list[tuple[Path, Path]] = []
    for i, (final, staged) in enumerate(pairs.items()):
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists() or final.is_symlink():
            moves.append((final, aside / f"{i}-{final.name}"))
        moves.append((staged, final))
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            source.rename(target)
            done.append((source, target))
    # BaseException: a Ctrl-C between two renames must not leave the pair half swapped either.
    except BaseException as exc:
        if undo_renames(done, exc):
            shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def undo_renames(done: list[tuple[Path, Path]], exc: BaseException) -> bool:
    """Move each renamed folder back, last first; False (with a note on ``exc``) if one would not go."""
    undone = True
    for source, target in reversed(done):
        try:
            target.rename(source)
        except OSError as undo:
            exc.add_note(f"could not move {target} back to {source} ({undo}); it is kept there until the next build")
            undone = False
    return undone


@contextlib.contextmanager
def run_staging(build_dir: Path = paths.BUILD) -> Iterator[Path]:
    """A staging folder of this run's own under build/, removed however the run ends.

    Called with the build lock held, so any other staging folder there was left by a build that
    was killed (its cleanup never ran) and is removed first. (A build killed outright can leave
    its MkDocs processes running for some seconds, writing into its own staging folder only; a
    later build removes what they write.)
    """
    for abandoned in build_dir.glob("staging*"):
        shutil.rmtree(abandoned, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=build_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
