"""Thin MkDocs hooks for `mkdocs serve`: generate the pages from seeds/ and watch the sources.

The real build is `python -m build_tools build`, which needs no hook; Zensical, which runs no
hooks, can therefore build the same Markdown. Here the generated pages are handed to MkDocs in
memory rather than written to docs/, so a rebuild never triggers another one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import (
    mkdocs_build_hooks,
    paths,
    registry,
)
from build_tools.mkdocs_build_hooks import (  # noqa: F401  (same as the build)
    on_env,
    on_page_content,
    on_page_context,
    on_post_build,
    on_startup,
)
from build_tools.s2_render import generate
from build_tools.s4_bundle import buildlock
from build_tools.s4_bundle.prepare import prepare
from build_tools.s4_bundle.variants import edition_extra
from build_tools.settings import BuildSettings

_generated: dict[str, str] = {}


# Run before the search plugin's on_config, which loads the generated jieba dictionary.
@event_priority(100)
def on_config(config):
    # prepare() rewrites build/jieba/, which a running build's MkDocs processes read: wait for
    # that build rather than change it under them. A preview is a local build: no site address.
    with buildlock.exclusive():
        edition, files = prepare(BuildSettings(), docs=None)
    _generated.clear()
    _generated.update(files)
    # What the build writes into each variant's config, for the 简体 preview: the navigation and
    # what the templates read about the variants (mkdocs.yml itself holds neither).
    config["nav"] = generate.nav(edition.report, edition.ctx.ui, edition.entries)
    config.extra["edition"] = {**edition_extra(registry.SOURCE), "repo": ""}
    return mkdocs_build_hooks.on_config(config)


def on_files(files, config):
    # Generated pages replace any stale copy on disk from an earlier `make site`.
    for src_uri, content in _generated.items():
        old = files.get_file_from_path(src_uri)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_serve(server, config, builder):
    # Editors change seeds and templates, not the generated Markdown.
    for path in (paths.SEEDS, paths.TEMPLATES):
        server.watch(str(path))
    return server
