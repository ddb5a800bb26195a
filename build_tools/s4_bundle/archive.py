"""The offline bundle: a deterministic zip of the site, time-stamped with the commit's date."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from build_tools import paths

BUNDLE_NAME = paths.BUNDLE_NAME


def source_date_epoch(given: int | None = None) -> int:
    """``given`` (the settings' SOURCE_DATE_EPOCH), else the commit date, so that two builds of
    one commit are byte-identical."""
    if given is not None:
        return given
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (subprocess.CalledProcessError, ValueError, FileNotFoundError):
        return 315532800  # 1980-01-01, the earliest date a zip can hold


def zip_folder(folder: Path, target: Path, epoch: int) -> None:
    """A deterministic zip: sorted names, fixed timestamps and permissions."""
    import time

    stamp = time.gmtime(max(epoch, 315532800))[:6]
    # Level 1: the bundle is mostly text that compresses well at any level; level 9 costs four times
    # the time for a few per cent.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=1)
