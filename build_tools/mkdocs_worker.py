"""A `mkdocs build` process started before its input exists.

It loads MkDocs, Material's plugins, Markdown and jieba, then waits for its command line on
stdin. `site.build` starts one per variant before it generates the pages, so these imports run
on the core that page generation leaves idle instead of after it. An empty line (or a closed
stdin) means the build was called off: the process exits at once.
"""

from __future__ import annotations

import sys

# What every build of the edition loads; importing it ahead is this module's whole purpose.
import jieba  # noqa: F401
import markdown  # noqa: F401
import material.plugins.offline.plugin  # noqa: F401
import material.plugins.search.plugin  # noqa: F401
import mkdocs.commands.build  # noqa: F401
from mkdocs.__main__ import cli


def main() -> None:
    line = sys.stdin.readline().rstrip("\n")
    if line:
        # Exactly the `mkdocs` command line, tab-separated; click exits with its status.
        cli.main(args=line.split("\t"), prog_name="mkdocs")


if __name__ == "__main__":
    main()
