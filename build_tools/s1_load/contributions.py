"""What a pull request can change, checked before anything reads it.

Everything in seeds/, docs/ and overrides/ is untrusted input. This module holds the checks
that apply to every contributed file whatever its kind: no symbolic links anywhere in those
folders, no file in the glossary folder that the loader would silently pass over, and every
seed YAML file loadable (size, encoding, no aliases; see yamlio.read_text) with every string
in it free of markup, controls, images and non-http(s) URL schemes (yamlio.text_problem).
Each problem is a located DataError; callers list them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from build_tools import paths
from build_tools.s1_load.yamlio import DataError, load, text_errors

# The folders a pull request may change whose files the build reads or publishes.
CONTRIBUTED = ("seeds", "docs", "overrides")
# Generated under docs/ by the build itself (never from a contribution), so not walked.
SKIP = {"docs/assets/javascripts"}


def symlink_errors(root: Path = paths.ROOT) -> list[DataError]:
    """Every symbolic link under the contributed folders: each could publish a file from outside."""
    return [DataError(link, 1, "is a symbolic link; contributed files must be regular files in the repository") for link in _links(root)]


def _links(root: Path) -> Iterator[Path]:
    for name in CONTRIBUTED:
        top = root / name
        if top.is_symlink():
            yield top
            continue
        for path in sorted(top.rglob("*")) if top.is_dir() else ():
            # rglob does not descend into linked folders, but it does list the links themselves.
            if path.is_symlink() and path.relative_to(root).as_posix() not in SKIP:
                yield path


def glossary_folder_errors(folder: Path) -> list[DataError]:
    """Files in the glossary folder that the loader would pass over (it reads ``<id>.yaml`` only)."""
    errors = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.is_dir() and not path.is_symlink():
            errors.append(DataError(path, 1, "a folder in seeds/glossary/ is not read; put each entry directly in seeds/glossary/<id>.yaml"))
        elif path.suffix != ".yaml":
            errors.append(DataError(path, 1, f"would be ignored: glossary entries are files named <id>.yaml (this one ends in {path.suffix or 'nothing'!r})"))
    return errors


def seed_file_errors(seeds: paths.SeedFiles) -> list[DataError]:
    """Every seed YAML file loaded on its own and every string in it checked, all problems listed."""
    errors: list[DataError] = []
    for path in seeds.yaml_files():
        try:
            data = load(path)
        except DataError as exc:
            errors.append(exc)
            continue
        errors += text_errors(data, path)
    return errors


def errors(seeds: paths.SeedFiles, root: Path | None = paths.ROOT) -> list[DataError]:
    """All contribution-level problems: links in the tree (when ``root`` is given), the glossary
    folder's stray files, and every seed file's loading and text problems."""
    found = symlink_errors(root) if root is not None else []
    return found + glossary_folder_errors(seeds.glossary) + seed_file_errors(seeds)
