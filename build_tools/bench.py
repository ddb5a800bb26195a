"""`make bench`: the edition's costs as ratios against a plain Material build, all measured in one run,
on a copy of the repository (the working tree is never edited).

Figures printed: full build time (every variant, strict, plus the zip) against a plain Material
build of the raw report as a single page; the `mkdocs serve` rebuild after editing one glossary
entry; a section page's weight (HTML, CSS, JS, fonts) against the plain page's; and the search
index size of each variant; search on the section page (bytes loaded before any search, and
milliseconds from opening the search to the first results, first and second query) against the
plain page's; then Lighthouse (12.2.3, pinned in `build_tools/lighthouse/`, installed
with `npm ci` into `build/lighthouse/` on first use; mobile preset, simulated throttling) on the
home, section, glossary, terms and numbers pages, served gzipped over loopback as GitHub Pages
serves them. `python -m build_tools.bench --lighthouse-only` builds once and runs Lighthouse alone.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools import paths

if TYPE_CHECKING:
    from playwright.sync_api import Request
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


# Lighthouse: the pages a reader lands on, as a phone on a slow network would load them.
LIGHTHOUSE_PAGES = {"home": "index.html", "section": SECTION_PAGE, "glossary": "glossary.html", "terms": "terms.html", "numbers": "numbers.html"}
LIGHTHOUSE_RUNS = 3
LIGHTHOUSE_DIR = paths.ROOT / "build_tools" / "lighthouse"  # package.json and its lock, tracked
LIGHTHOUSE_INSTALL = paths.BUILD / "lighthouse"  # where `npm ci` installs them, ignored
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# GitHub Pages compresses these; images and fonts are sent as they are.
GZIP_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml", "text/plain", "application/xml")
TARGETS = {"performance": 95, "accessibility": 100}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a folder as GitHub Pages does: text gzipped when the client accepts it, `.html`
    resolved for a folder's index, the site's 404 page for a missing file."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        gzipped = ctype.split(";")[0] in GZIP_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = _gzip(path, path.stat().st_mtime_ns)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") and "charset" not in ctype else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def _gzip(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site over loopback, gzipped; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Search as a reader meets it: a page loaded, the search opened, a query typed (a paste: one
# insertText, then a key), until the first result is drawn; then a second query.
SEARCH_QUERIES = ("营商环境", "数字经济")


def search_latency(site: Path, page: str, runs: int = RUNS) -> dict[str, float]:
    """Medians over ``runs`` fresh browser contexts, ``site`` served gzipped over loopback: the
    bytes ``page`` loads before any search (``load``), and the milliseconds from typing a query
    into the opened search to its first result drawn: the first query (``first``, which includes
    loading the index where that waits for the search's first use) and a second (``second``)."""
    from playwright.sync_api import sync_playwright

    got: dict[str, list[float]] = {"load": [], "first": [], "second": []}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page_ = context.new_page()
            sizes: list[int] = []
            page_.on("requestfinished", functools.partial(_add_size, sizes))
            page_.goto(base + page, wait_until="load")
            page_.wait_for_timeout(1500)
            got["load"].append(sum(sizes))
            field = page_.locator(".md-search__input")
            for key, query in zip(("first", "second"), SEARCH_QUERIES, strict=True):
                # The list of the query before is emptied first (Material empties it for an empty
                # query), so that the first item drawn is this query's.
                field.click()
                field.fill("")
                page_.wait_for_selector(".md-search-result__item", state="detached", timeout=30000)
                start = time.perf_counter()
                page_.keyboard.insert_text(query)
                page_.keyboard.press("End")
                page_.wait_for_selector(".md-search-result__item", timeout=30000)
                got[key].append((time.perf_counter() - start) * 1000)
                page_.keyboard.press("Escape")
            context.close()
        browser.close()
    return {k: statistics.median(v) for k, v in got.items()}


def _add_size(sizes: list[int], request: Request) -> None:
    sizes.append(request.sizes()["responseBodySize"])


def print_search(name: str, own: dict[str, float], plain: dict[str, float] | None = None) -> None:
    def ratio(k: str) -> str:
        return f" = {own[k] / plain[k]:.2f}x plain" if plain else ""

    print(
        f"search on {name}: {own['load'] / 1024:.0f} KiB loaded before any search{ratio('load')}; "
        f"first results {own['first']:.0f} ms{ratio('first')}, second query {own['second']:.0f} ms{ratio('second')}"
    )


def lighthouse_cli() -> Path:
    """Lighthouse's CLI, installed from the pinned lock (`npm ci`) when missing or out of date."""
    cli = LIGHTHOUSE_INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
    lock, installed_lock = LIGHTHOUSE_DIR / "package-lock.json", LIGHTHOUSE_INSTALL / "package-lock.json"
    if cli.exists() and installed_lock.exists() and filecmp.cmp(lock, installed_lock, shallow=False):
        return cli
    if not shutil.which("npm"):
        sys.exit("bench: Lighthouse needs Node.js (>= 18.20) and npm; or pass --no-lighthouse")
    LIGHTHOUSE_INSTALL.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(LIGHTHOUSE_DIR / name, LIGHTHOUSE_INSTALL / name)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_INSTALL, check=True)
    return cli


def lighthouse_once(cli: Path, url: str, out: Path) -> dict:
    subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROME},
    )
    return json.loads(out.read_text(encoding="utf-8"))


def lighthouse_pages(site: Path) -> dict[str, str]:
    """The pages measured; a glossary split into category pages (glossary.html a landing page,
    glossary/<category>.html) adds its largest category page."""
    categories = sorted((p for p in (site / "glossary").glob("*.html") if p.name != "index.html"), key=lambda p: (-p.stat().st_size, p.name))
    pages = {}
    for name, page in LIGHTHOUSE_PAGES.items():
        pages[name] = page
        if name == "glossary" and categories:
            pages["category"] = f"glossary/{categories[0].name}"
    return pages


def run_lighthouse(site: Path, runs: int = LIGHTHOUSE_RUNS) -> list[dict]:
    """One summary per page: the run with the median performance score of ``runs``."""
    cli = lighthouse_cli()
    summaries = []
    with serve(site) as base, tempfile.TemporaryDirectory() as out:
        for name, page in lighthouse_pages(site).items():
            results = [measured(cli, base + page, Path(out) / f"{name}-{i}.json", name, page) for i in range(runs)]
            results.sort(key=lambda r: r["performance"])
            summaries.append(results[len(results) // 2] | {"range": (results[0]["performance"], results[-1]["performance"])})
    return summaries


def measured(cli: Path, url: str, out: Path, name: str, page: str, tries: int = 3) -> dict:
    """One run's summary; a run that Lighthouse could not score (NO_FCP, which a loaded machine
    causes now and then) is run again, up to ``tries`` times."""
    for _ in range(tries):
        lhr = lighthouse_once(cli, url, out)
        if all(lhr["categories"][c]["score"] is not None for c in TARGETS):
            return summarize(name, page, lhr)
        print(f"bench: Lighthouse could not score {page} ({lhr['audits']['first-contentful-paint'].get('errorMessage', '?')[:60]}…), again", file=sys.stderr)
    sys.exit(f"bench: Lighthouse could not score {page} in {tries} tries")


def summarize(name: str, page: str, lhr: dict) -> dict:
    audits, categories = lhr["audits"], lhr["categories"]

    def failed(category: str) -> list[str]:
        refs = categories[category]["auditRefs"]
        return [
            ref["id"]
            for ref in refs
            if audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["score"] < (1 if category == "accessibility" else 0.9)
        ]

    return {
        "name": name,
        "page": page,
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failed_accessibility": failed("accessibility"),
        "failed_performance": failed("performance"),
    }


def print_lighthouse(reports: list[dict]) -> None:
    version = json.loads((LIGHTHOUSE_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["lighthouse"]
    print(f"Lighthouse {version}, mobile (simulated throttling), served gzipped over loopback; median of the runs by performance")
    print(f"{'page':9} {'file':30} {'perf':>4} {'(range)':>9} {'a11y':>4} {'FCP':>7} {'LCP':>7} {'TBT':>6} {'CLS':>6} {'bytes':>9}")
    for r in reports:
        low, high = r["range"]
        print(
            f"{r['name']:9} {r['page']:30} {r['performance']:>4} {f'({low}–{high})':>9} {r['accessibility']:>4} "
            f"{r['fcp'] / 1000:>6.2f}s {r['lcp'] / 1000:>6.2f}s {r['tbt']:>4.0f}ms {r['cls']:>6.3f} {r['bytes'] / 1024:>6.0f} KiB"
        )
    for r in reports:
        if r["failed_accessibility"] or r["failed_performance"]:
            print(
                f"{r['name']}: accessibility failed: {', '.join(r['failed_accessibility']) or '—'}; performance below 0.9: {', '.join(r['failed_performance']) or '—'}"
            )
    missed = [f"{r['name']} {cat} {r[cat]} < {target}" for r in reports for cat, target in TARGETS.items() if r[cat] < target]
    print("targets (performance >= 95, accessibility 100): " + ("met on every page" if not missed else "missed: " + "; ".join(missed)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m build_tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse-only", action="store_true", help="build once and run Lighthouse alone")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS, help=f"Lighthouse runs per page, the median kept (default {LIGHTHOUSE_RUNS})")
    parser.add_argument("--no-lighthouse", action="store_true", help="the build figures alone (no Node.js needed)")
    parser.add_argument("--site", type=Path, help="with --lighthouse-only or --search-only: an already built site to measure instead")
    parser.add_argument("--search-only", action="store_true", help="with --site: the search figures alone")
    args = parser.parse_args(argv)
    if args.search_only and args.site:
        print_search(f"{args.site}/{SECTION_PAGE}", search_latency(args.site, SECTION_PAGE))
        return
    if args.lighthouse_only and args.site:
        print_lighthouse(run_lighthouse(args.site, args.lighthouse_runs))
        return
    if args.lighthouse_only:
        with tempfile.TemporaryDirectory() as scratch:
            copy = paths.tracked_copy(Path(scratch) / "edition", caches=True)
            subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=copy, check=True, capture_output=True, env=ENV)
            print_lighthouse(run_lighthouse(copy / "site", args.lighthouse_runs))
        return
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
        plain_search, own_search = search_latency(base / "site", "index.html"), search_latency(copy / "site", SECTION_PAGE)
        reports = [] if args.no_lighthouse else run_lighthouse(copy / "site", args.lighthouse_runs)
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
    print_search(SECTION_PAGE, own_search, plain_search)
    if reports:
        print()
        print_lighthouse(reports)


if __name__ == "__main__":
    main()
