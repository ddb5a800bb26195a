"""Shared fixtures: the loaded edition and one full build of the site, made once per session."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from build_tools import generate, site


@pytest.fixture(scope="session")
def report():
    """The report model alone: text, structure and emendations, without glossary or notes."""
    return generate.load_report()


@pytest.fixture(scope="session")
def edition():
    ed, errors = generate.load_edition()
    assert errors == [], "\n".join(map(str, errors))
    return ed


# The hosted build knows its address and repository (CI takes them from GitHub); so do the tests.
HOSTED = {"SITE_URL": "https://quzhou-edition.example/report/", "REPO_URL": "https://github.com/example/quzhou-edition"}


@pytest.fixture(scope="session")
def hosted_env() -> dict[str, str]:
    return dict(HOSTED)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The real build, into a temporary site/ and dist/ (the working tree's are left alone)."""
    out = tmp_path_factory.mktemp("build")
    saved = {k: os.environ.get(k) for k in HOSTED}
    os.environ.update(HOSTED)
    try:
        site.build(site=out / "site", dist=out / "dist")
        yield {"site": out / "site", "dist": out / "dist", "zip": out / "dist" / f"{site.BUNDLE_NAME}.zip"}
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def bundle(built, tmp_path_factory) -> Path:
    """The offline zip unpacked somewhere else, as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built["zip"]) as zf:
        zf.extractall(target)
    return target / site.BUNDLE_NAME
