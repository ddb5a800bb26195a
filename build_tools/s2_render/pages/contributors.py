"""The contributors page, from the git history; names reach it as text."""

from __future__ import annotations

import subprocess
import unicodedata

from build_tools import paths
from build_tools.s2_render import render
from build_tools.s2_render.ui import UI


def contributors_page(ui: UI) -> str:
    return render.render_template("contributors.md.j2", people=contributors(), ui=ui)


def contributors() -> list[tuple[str, int]]:
    """Everyone who has committed to the edition (names as display_name gives them), with their number of commits (from git)."""
    try:
        out = subprocess.run(["git", "log", "--format=%aN"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    counts: dict[str, int] = {}
    for name in filter(None, map(display_name, out.splitlines())):
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# Bidirectional embeddings, overrides and isolates: they could reorder the text around a name.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def display_name(name: str) -> str:
    """A git author name as shown on the page: control and bidi-override characters dropped, trimmed."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS).strip()
