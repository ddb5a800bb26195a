"""`make bench`: the edition's costs as ratios against a plain Material build, all measured in one run,
on a copy of the repository (the working tree is never edited).

Figures printed: full build time (every variant, strict, plus the zip) against a plain Material
build of the raw report as a single page; the `mkdocs serve` rebuild after editing one glossary
entry; a section page's weight (HTML, CSS, JS, fonts) against the plain page's; and the search
index size of each variant.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_tools import paths
from build_tools.registry import VARIANTS

ENTRY = paths.GLOSSARY_DIR / "zuiduo-paoyici.yaml"
SECTION_PAGE = "2/4.html"
RUNS = 5


# Both builds run with the same environment, with bytecode caching allowed (as the build does).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def plain_site(folder: Path) -> Path:
    """The raw report as one Markdown page under stock Material, the baseline."""
    (folder / "docs").mkdir(parents=True)
    text = paths.SEED_TEXT.read_text(encoding="utf-8")
    (folder / "docs" / "index.md").write_text("\n\n".join(p for p in text.split("\n") if p.strip()), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: 衢州市2020年政府工作报告\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\n", encoding="utf-8"
    )
    return folder


def page_weight(site: Path, page: str) -> int:
    """Bytes of a page and the CSS, JS and fonts it references from the site."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#?]+\.(?:js|css|woff2?|ttf))"', html):
        asset = (html_path.parent / ref).resolve()
        if asset.exists():
            total += asset.stat().st_size
            if asset.suffix == ".css":
                for font in re.findall(r'url\(["\']?([^"\')]+\.(?:woff2?|ttf))', asset.read_text(encoding="utf-8")):
                    fpath = (asset.parent / font).resolve()
                    total += fpath.stat().st_size if fpath.exists() else 0
    return total


# Run in the copy, by its own interpreter: the copy's hooks must import the copy's build_tools.
SERVE_REBUILD = """
import sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
entry, out = Path(sys.argv[1]), sys.argv[2]
first = load_config("mkdocs.yml", site_dir=out)
first.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` does, once
build(first)  # the first, warm build
entry.write_text(entry.read_text(encoding="utf-8").replace("definition: >-\\n  ", "definition: >-\\n  （试改）", 1), encoding="utf-8")
start = time.perf_counter()
build(load_config("mkdocs.yml", site_dir=out))
print(time.perf_counter() - start)
"""


def serve_rebuild(copy: Path) -> float:
    """Seconds for the rebuild `mkdocs serve` does after one glossary entry changes (in ``copy``)."""
    entry = copy / "seeds" / "glossary" / ENTRY.name
    original = entry.read_text(encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run([sys.executable, "-c", SERVE_REBUILD, str(entry), out], cwd=copy, check=True, capture_output=True, text=True, env=ENV)
        return float(proc.stdout.strip().splitlines()[-1])
    finally:
        entry.write_text(original, encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        base = plain_site(tmp / "plain")
        copy = paths.tracked_copy(tmp / "edition", caches=True)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
        full_build = [sys.executable, "-m", "build_tools", "build"]
        timed(mkdocs, base)  # warm caches (jieba, bytecode) for a fair comparison
        timed(full_build, copy)
        # Interleaved runs, so that a passing load on the machine weighs on both sides alike;
        # the medians are compared and the spread printed with them.
        plains, fulls = [], []
        for _ in range(RUNS):
            plains.append(timed(mkdocs, base))
            fulls.append(timed(full_build, copy))
        plain_weight = page_weight(base / "site", "index.html")
        rebuilds = [serve_rebuild(copy) for _ in range(RUNS)]
        weight = page_weight(copy / "site", SECTION_PAGE)
        index_sizes = {v.code: (copy / "site" / v.prefix / "search" / "search_index.json").stat().st_size for v in VARIANTS}
    plain, full, rebuild = (statistics.median(x) for x in (plains, fulls, rebuilds))
    print(f"median of {RUNS} runs each (range in brackets)")
    print(f"plain Material build of the raw report: {plain:.2f} s [{min(plains):.2f}–{max(plains):.2f}]")
    print(f"full build (3 variants, strict, zip):   {full:.2f} s [{min(fulls):.2f}–{max(fulls):.2f}] = {full / plain:.2f}x plain (target <= 3x)")
    print(f"serve rebuild after one glossary edit:  {rebuild:.2f} s [{min(rebuilds):.2f}–{max(rebuilds):.2f}] (target < 1.5 s)")
    print(
        f"section page {SECTION_PAGE} weight:           {weight / 1024:.0f} KiB = {weight / plain_weight:.2f}x the plain page's {plain_weight / 1024:.0f} KiB (target <= 1.15x)"
    )
    for code, size in index_sizes.items():
        print(f"search index {code:8}                  {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
