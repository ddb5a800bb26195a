"""Stage 1: read the seed file into non-blank lines, checking it is the report as received."""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools.model import RawBlock
from build_tools.paths import SEED_SHA256, SEED_TEXT
from build_tools.s1_load.yamlio import DataError, read_text


class SeedChanged(DataError):
    """The pinned report was edited: corrections are recorded emendations, never edits."""


def read_seed(path: Path = SEED_TEXT, sha256: str | None = SEED_SHA256) -> list[RawBlock]:
    """The report's non-blank lines; a DataError for a missing, linked, oversized or undecodable
    file, SeedChanged when the pinned report was edited."""
    text = read_text(path)
    # The seed is the report as received: corrections go to emendations, never into this file.
    if sha256 is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise SeedChanged(path, 1, "the seed file differs from the report as received (SHA-256 mismatch); record changes as emendations")
    return [RawBlock(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
