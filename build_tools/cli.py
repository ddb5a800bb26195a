"""One command line for the edition: build, check, generate, serve."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from . import generate, navconfig, paths
from .prepare import BuildError, prepare
from .yamlio import DataError

app = typer.Typer(add_completion=False, help="Build and check the annotated edition of the 2020 Quzhou government work report.")


def _fail(errors: list) -> None:
    # Sorted by file and line, as a linter prints them.
    for e in sorted(errors, key=lambda e: (getattr(e, "path", ""), getattr(e, "line", 0))):
        typer.echo(str(e), err=True)
    typer.echo(f"{len(errors)} problem(s); nothing was written.", err=True)
    raise typer.Exit(1)


@app.command()
def build(jobs: int = typer.Option(3, help="MkDocs builds run at once")) -> None:
    """Build every variant into site/ and the offline bundle into dist/."""
    from . import csp, site

    try:
        site.build(jobs=jobs)
    except BuildError as exc:
        _fail(exc.errors)
    except csp.GateFailed as exc:
        _fail(exc.problems)
    except (DataError, site.MkDocsFailed) as exc:
        _fail([exc])
    except ExceptionGroup as group:
        _fail(list(group.exceptions))
    typer.echo(f"built {paths.SITE} and {paths.DIST}")


@app.command()
def docs() -> None:
    """Generate the Markdown pages under docs/ from seeds/ (what `mkdocs serve` does on start)."""
    try:
        prepare()
    except BuildError as exc:
        _fail(exc.errors)


@app.command()
def check(seeds: Path = typer.Option(paths.SEEDS, help="seeds folder to check (tests use a broken fixture)")) -> None:
    """Validate everything in seeds/ and report every problem as path:line: message."""
    files = paths.SeedFiles(seeds)
    edition, errors = generate.load_edition(files)
    if edition is not None and seeds == paths.SEEDS:
        config = paths.ROOT / "mkdocs.yml"
        if navconfig.updated(config.read_text(encoding="utf-8"), generate.nav(edition.report)) != config.read_text(encoding="utf-8"):
            errors.append(DataError(config, 1, "the generated nav is stale; run `python -m build_tools docs`"))
    try:
        from .convert import load_overrides

        load_overrides(files.overrides)
    except DataError as exc:
        errors.append(exc)
    except ExceptionGroup as group:
        errors.extend(group.exceptions)
    if errors:
        _fail(errors)
    typer.echo("seeds OK")


@app.command()
def serve() -> None:
    """Preview with live reload (mkdocs serve; the hook regenerates pages from seeds/)."""
    raise typer.Exit(subprocess.call([sys.executable, "-m", "mkdocs", "serve"], cwd=paths.ROOT))
