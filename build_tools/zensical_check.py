"""Is the edition ready for Zensical? Build the 简体 pages with it and compare the report text.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml but runs no MkDocs hooks or
plugins. This module derives a config it can build from mkdocs.yml (under build/zensical/, never
touching mkdocs.yml), builds the generated pages with the Zensical installed in .venv-zensical/
(`make .venv-zensical/.deps`), and compares every block of report text with the Material build:
for each page, the text of each `[data-para]` element minus its `[data-editorial]` descendants,
keyed by the citation id. `python -m build_tools.zensical_check` (`make zensical-check`) prints a
summary and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from build_tools import paths, registry
from build_tools.s2_render import generate
from build_tools.s2_render.edition import load_edition
from build_tools.settings import BuildSettings

VENV = paths.ROOT / ".venv-zensical"
STAMP = VENV / ".deps"
ZENSICAL = VENV / "bin" / "zensical"
WORK = paths.BUILD / "zensical"
# The search options Zensical implements; it drops the others (lang, jieba_dict_user) unread.
SEARCH_OPTIONS = ("enabled", "separator")
# Page folders of the traditional variants in the Material site; Zensical builds only 简体.
VARIANT_FOLDERS = tuple(v.code for v in registry.VARIANTS if v.prefix)


class ZensicalUnavailable(Exception):
    """Zensical could not be installed or could not build the pages; carries the reason."""


@dataclass(frozen=True)
class Difference:
    """One block (or page) whose report text is not the same in both builds; None = absent."""

    page: str
    cid: str | None
    material: str | None
    zensical: str | None

    def describe(self) -> str:
        where = f"{self.page} [{self.cid}]" if self.cid else self.page
        if self.material is None:
            return f"{where}: only in the Zensical build"
        if self.zensical is None:
            return f"{where}: missing from the Zensical build"
        at = next((i for i, (a, b) in enumerate(zip(self.material, self.zensical, strict=False)) if a != b), min(len(self.material), len(self.zensical)))
        return f"{where}: differs at character {at}: Material {self.material[at : at + 20]!r} / Zensical {self.zensical[at : at + 20]!r}"


@dataclass
class Comparison:
    """What was compared, and every difference found."""

    pages: int = 0
    blocks: int = 0
    differences: list[Difference] = field(default_factory=list)


def report_blocks(html: str) -> dict[str, str]:
    """The text of each ``[data-para]`` element without its ``[data-editorial]`` parts, by id.

    A block nested in another counts in its own right and in its parent's text, as a reader
    sees it; an id that occurs twice on one page is an error of the page, not of the engine.
    """
    soup = BeautifulSoup(html, "lxml")
    for editorial in soup.select("[data-editorial]"):
        editorial.decompose()
    blocks: dict[str, str] = {}
    for element in soup.select("[data-para]"):
        cid = str(element["data-para"])
        if cid in blocks:
            raise ValueError(f"data-para={cid!r} occurs twice on one page")
        blocks[cid] = element.get_text()
    return blocks


def compare_pages(page: str, material_html: str, zensical_html: str) -> tuple[int, list[Difference]]:
    """The blocks of one page in both builds: how many ids were compared, and the differences."""
    material, zensical = report_blocks(material_html), report_blocks(zensical_html)
    differences = [
        Difference(page, cid, material.get(cid), zensical.get(cid))
        for cid in sorted(material.keys() | zensical.keys())
        if material.get(cid) != zensical.get(cid)
    ]
    return len(material.keys() | zensical.keys()), differences


def html_pages(site: Path) -> set[str]:
    """The HTML pages of the 简体 site, as paths relative to its root."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in VARIANT_FOLDERS}


def compare_sites(material: Path, zensical: Path) -> Comparison:
    """Every page of both builds: a page that only one build has is a difference too."""
    result = Comparison()
    material_pages, zensical_pages = html_pages(material), html_pages(zensical)
    for page in sorted(material_pages | zensical_pages):
        if page not in zensical_pages or page not in material_pages:
            # The whole page is absent from one build ("" marks the side that has it).
            result.differences.append(Difference(page, None, "" if page in material_pages else None, "" if page in zensical_pages else None))
            continue
        blocks, differences = compare_pages(page, (material / page).read_text(encoding="utf-8"), (zensical / page).read_text(encoding="utf-8"))
        result.pages += 1
        result.blocks += blocks
        result.differences.extend(differences)
    return result


def zensical_config(base: dict, nav: list) -> tuple[dict, list[str]]:
    """A config Zensical can build, from mkdocs.yml and the edition's navigation (which the build
    writes into each variant's config, not into mkdocs.yml); and what was left out, with the reason.

    Paths are those of the build folder (Zensical requires docs_dir and site_dir inside the
    folder of its config). The overrides stay out: Zensical's template engine (minijinja)
    cannot render them (``base_url.endswith``: "string has no method named endswith").
    """
    config = {k: v for k, v in base.items() if k != "hooks"}
    removed = ["hooks: Zensical runs no MkDocs hooks"] if "hooks" in base else []
    config["docs_dir"], config["site_dir"], config["nav"] = "docs", "site", nav
    config["theme"] = {k: v for k, v in base["theme"].items() if k != "custom_dir"}
    if "custom_dir" in base["theme"]:
        removed.append("theme.custom_dir (overrides/): minijinja cannot render them (str.endswith)")
    if base.get("extra", {}).get("alternate") is True:
        # Our switcher needs it truthy; without the switcher, Zensical's own partial iterates it.
        config["extra"] = {k: v for k, v in base["extra"].items() if k != "alternate"}
        removed.append("extra.alternate: true (for the switcher in overrides/; Zensical iterates it: 'bool is not iterable')")
    config["plugins"], dropped = zensical_plugins(base.get("plugins", []))
    removed.extend(dropped)
    return config, removed


def zensical_plugins(plugins: list) -> tuple[list, list[str]]:
    """The plugin list with the search options Zensical ignores taken out, and what was dropped."""
    kept: list = []
    dropped: list[str] = []
    for item in plugins:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name == "search":
            ignored = sorted(k for k in options if k not in SEARCH_OPTIONS)
            dropped.extend(f"search.{k}: not implemented by Zensical" for k in ignored)
            options = {k: v for k, v in options.items() if k in SEARCH_OPTIONS}
        kept.append({name: options} if options else name)
    return kept, dropped


def ensure_zensical() -> Path:
    """Zensical's command, installing .venv-zensical/ through its make target when needed."""
    proc = subprocess.run(
        ["make", "--no-print-directory", "-C", str(paths.ROOT), str(STAMP.relative_to(paths.ROOT))], check=False, capture_output=True, text=True
    )
    if proc.returncode != 0 or not ZENSICAL.exists():
        raise ZensicalUnavailable(f"could not install Zensical from requirements-zensical.txt:\n{proc.stdout}{proc.stderr}")
    return ZENSICAL


def build_with_zensical(docs: Path = paths.DOCS, work: Path = WORK, base: Path = paths.ROOT / "mkdocs.yml") -> tuple[Path, str, list[str]]:
    """Build ``docs`` with Zensical in ``work``: the site, Zensical's output, what the config left out."""
    command = ensure_zensical()
    edition, errors = load_edition()
    if edition is None or errors:
        raise ZensicalUnavailable("the seeds do not pass the check: " + "; ".join(map(str, errors)))
    config, removed = zensical_config(yaml.safe_load(base.read_text(encoding="utf-8")), generate.nav(edition.report, edition.ctx.ui, edition.entries))
    for stale in (work / "docs", work / "site"):
        shutil.rmtree(stale, ignore_errors=True)
    shutil.copytree(docs, work / "docs")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([str(command), "build", "--clean", "-f", "mkdocs.yml"], cwd=work, check=False, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise ZensicalUnavailable(f"zensical build failed in {work}:\n{output}")
    return work / "site", output, removed


def build_with_material(target: Path = WORK / "material") -> Path:
    """The real build (every variant, as `make site`) into ``target``; its 简体 site."""
    from build_tools.s4_bundle import site

    target.mkdir(parents=True, exist_ok=True)
    site.build(BuildSettings(site=target / "site", dist=target / "dist"))
    return target / "site"


def summary(result: Comparison, shown: int = 20) -> str:
    """A few lines for a person: the counts, then the first differences."""
    lines = [f"zensical-check: {result.pages} pages, {result.blocks} blocks compared, {len(result.differences)} differences"]
    lines += [f"  {d.describe()}" for d in result.differences[:shown]]
    if len(result.differences) > shown:
        lines.append(f"  … and {len(result.differences) - shown} more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate the pages, build them with Material and Zensical, compare.

    0 when every block is identical; 1 on any difference (or when no block was found at all);
    2 when Zensical could not be installed or could not build.
    """
    parser = argparse.ArgumentParser(prog="python -m build_tools.zensical_check", description=__doc__.splitlines()[0])
    parser.add_argument("--material", type=Path, help="an existing Material build (site/) to compare with, instead of building one")
    args = parser.parse_args(argv)
    from build_tools.s4_bundle.prepare import prepare

    prepare(BuildSettings())
    started = time.perf_counter()
    material = args.material or build_with_material()
    material_seconds = time.perf_counter() - started
    started = time.perf_counter()
    try:
        zensical, output, removed = build_with_zensical()
    except ZensicalUnavailable as exc:
        print(f"zensical-check: {exc}", file=sys.stderr)
        return 2
    zensical_seconds = time.perf_counter() - started
    print("Left out of the Zensical config:\n" + "\n".join(f"  {r}" for r in removed))
    print("Zensical said:\n" + "\n".join(f"  {line}" for line in output.strip().splitlines()))
    if not args.material:
        print(f"Material build {material_seconds:.1f} s; ", end="")
    print(f"Zensical build {zensical_seconds:.1f} s (into {os.path.relpath(zensical, paths.ROOT)})")
    result = compare_sites(material, zensical)
    print(summary(result))
    return 1 if result.differences or not result.blocks else 0


if __name__ == "__main__":
    sys.exit(main())
