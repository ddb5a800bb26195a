"""Hooks for the standalone build's MkDocs runs (not for `mkdocs serve`).

Each variant is a separate `mkdocs build` process, and each would compile Material's templates
afresh; a bytecode cache on disk lets the second and later builds skip that.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE = Path(__file__).resolve().parent.parent / "build" / "jinja-cache"


def on_env(env, config, files):
    CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(CACHE))
    return env
