"""Thin MkDocs hooks for `mkdocs serve`: regenerate docs/ from seeds/ and watch the sources.

The real build is `python -m build_tools build`, which needs no hook; Zensical, which runs no
hooks, can therefore build the same Markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import paths  # noqa: E402
from build_tools.prepare import prepare  # noqa: E402


# Run before the search plugin's on_config, which loads the generated jieba dictionary.
@event_priority(100)
def on_config(config):
    prepare()
    return config


def on_serve(server, config, builder):
    # Editors change seeds and templates, not the generated Markdown.
    for path in (paths.SEEDS, paths.TEMPLATES):
        server.watch(str(path))
    return server
