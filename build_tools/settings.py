"""The settings of one build, made once where the build starts and passed down.

Only the entry points (the CLI, and the `mkdocs serve` hook) make them; no stage reads the
environment itself, so a test builds with the settings it passes rather than with whatever the
process happens to have in ``os.environ``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import paths


@dataclass(frozen=True)
class BuildSettings:
    """What a build needs to know beyond the repository's files."""

    # The hosted site's address (canonical links, og:url, sitemaps, the 404 page's links, the
    # download of the offline zip, the zip's links to the open data left on the site); empty for a
    # local build.
    site_url: str = ""
    # The repository's web address, for the "edit" buttons; empty: no edit buttons.
    repo_url: str = ""
    # The time stamp of the zip's entries and of the pages; None: the last commit's date.
    source_date_epoch: int | None = None
    # MkDocs builds run at once (one per variant).
    jobs: int = 3
    site: Path = field(default=paths.SITE)
    dist: Path = field(default=paths.DIST)

    @property
    def root_url(self) -> str:
        """The site's address with one trailing slash, or empty."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], **given: object) -> BuildSettings:
        """Settings from the environment CI sets (SITE_URL, REPO_URL, SOURCE_DATE_EPOCH), with
        the command line's flags (``given``) taking precedence."""
        epoch = environ.get("SOURCE_DATE_EPOCH")
        values: dict[str, object] = {
            "site_url": environ.get("SITE_URL", ""),
            "repo_url": environ.get("REPO_URL", ""),
            "source_date_epoch": int(epoch) if epoch else None,
        }
        values.update({k: v for k, v in given.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
