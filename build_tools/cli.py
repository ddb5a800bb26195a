"""One command line for the edition: build, check, generate, serve.

The only place besides the serve hook that reads the environment: a build's settings are made
here, from the flags and the variables CI sets, and passed down.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from build_tools import paths
from build_tools.s1_load.yamlio import BuildError, DataError
from build_tools.s2_render.edition import load_edition
from build_tools.s4_bundle import buildlock
from build_tools.s4_bundle.prepare import prepare
from build_tools.settings import BuildSettings

app = typer.Typer(add_completion=False, help="Build and check the annotated edition of the 2020 Quzhou government work report.")


def _fail(errors: list) -> None:
    # Sorted by file and line, as a linter prints them; a problem two checks found is one line.
    unique = {str(e): e for e in errors}.values()
    for e in sorted(unique, key=lambda e: (getattr(e, "path", ""), getattr(e, "line", 0))):
        typer.echo(_relative(str(e)), err=True)
    typer.echo(f"{len(unique)} problem(s); nothing was written.", err=True)
    raise typer.Exit(1)


def _relative(line: str) -> str:
    # Paths under the working folder are shown from it, as an editor would type them.
    here = str(Path.cwd()) + os.sep
    return line.removeprefix(here)


@app.command()
def build(
    jobs: int = typer.Option(3, help="MkDocs builds run at once"),
    site_url: str = typer.Option(None, help="the hosted site's address (default: $SITE_URL)"),
    repo_url: str = typer.Option(None, help="the repository's address, for edit buttons (default: $REPO_URL)"),
) -> None:
    """Build every variant into site/ and the offline bundle into dist/."""
    from build_tools.s4_bundle import csp, site

    settings = BuildSettings.from_environment(os.environ, jobs=jobs, site_url=site_url, repo_url=repo_url)
    try:
        site.build(settings)
    except BuildError as exc:
        _fail(exc.errors)
    except csp.GateFailed as exc:
        _fail(exc.problems)
    except (DataError, site.MkDocsFailed) as exc:
        _fail([exc])
    typer.echo(f"built {settings.site} and {settings.dist}")


@app.command()
def docs() -> None:
    """Generate the Markdown pages under docs/ from seeds/ (what `mkdocs serve` does on start)."""
    try:
        with buildlock.exclusive():
            prepare(BuildSettings.from_environment(os.environ))
    except BuildError as exc:
        _fail(exc.errors)


@app.command()
def check(
    seeds: Path = typer.Option(paths.SEEDS, help="seeds folder to check (tests use a broken fixture)"),
    root: Path = typer.Option(paths.ROOT, help="repository whose seeds/, docs/ and overrides/ are checked (tests use hostile copies)"),
) -> None:
    """Validate everything a pull request can change and report every problem as path:line: message."""
    whole = root != paths.ROOT and seeds == paths.SEEDS
    files = paths.SeedFiles(root / "seeds", fallback=False) if whole else paths.SeedFiles(seeds)
    _edition, errors = load_edition(files, root)
    if errors:
        _fail(errors)
    typer.echo("seeds OK")


@app.command()
def serve() -> None:
    """Preview with live reload (mkdocs serve; the hook regenerates pages from seeds/)."""
    raise typer.Exit(subprocess.call([sys.executable, "-m", "mkdocs", "serve"], cwd=paths.ROOT))
