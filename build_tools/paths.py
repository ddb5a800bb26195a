"""Where things live. Every stage takes paths from here so tests can point them elsewhere."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_TEXT = SEEDS / "quzhou-2020-government-work-report.txt"
# The SHA-256 of the report as received; the seed must never be edited by hand.
SEED_SHA256 = "9c1ca61727329e02c440f37253d6001d6168ca6128717d4f7f5fa60ca940c655"
CORRECTIONS = SEEDS / "emendations.yaml"
STRUCTURE = SEEDS / "structure.yaml"
GLOSSARY_DIR = SEEDS / "glossary"
UNGLOSSED = SEEDS / "unglossed.yaml"
NOTES = SEEDS / "notes.yaml"
OPENCC_OVERRIDES = SEEDS / "opencc-overrides.yaml"
INTERFACE = SEEDS / "interface.yaml"
HOUSE_STYLE = SEEDS / "house-style.yaml"
NAMES = SEEDS / "names.yaml"
PUBLISHERS = SEEDS / "publishers.yaml"
LEDGER = SEEDS / "ledger.yaml"
NONQUANTITIES = SEEDS / "ledger-nonquantities.yaml"
# The edition's own English translation of every block, keyed by citation id.
TRANSLATION_EN = SEEDS / "translations" / "en.yaml"
TEMPLATES = Path(__file__).resolve().parent / "s2_render" / "templates"
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
SITE = ROOT / "site"
DIST = ROOT / "dist"
# The offline bundle: dist/<name>.zip, unpacking to one folder <name>/.
BUNDLE_NAME = "quzhou-2020-report-edition"


def store_cached(target: Path, text: str, family: str | None = None) -> Path:
    """Write a cache file under build/; with ``family`` (a glob), older files of it go first.

    Written aside and renamed, so a build or check running at the same time never reads half a
    file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for old in target.parent.glob(family) if family else ():
        if old != target:
            old.unlink(missing_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


class _SeedFile:
    """A file of the seeds folder, or the real one where a fixture folder has none of its own."""

    def __init__(self, real: Path):
        # The path inside the seeds folder (translations/en.yaml sits in a folder of its own).
        self.name = real.relative_to(SEEDS).as_posix()

    def __get__(self, seeds: "SeedFiles", owner=None) -> Path:
        own = seeds.root / self.name
        return own if own.exists() or own.is_symlink() or not seeds.fallback else SEEDS / self.name


@dataclass(frozen=True)
class SeedFiles:
    """The contributed data files of one seeds folder (the real one, or a test fixture)."""

    root: Path = SEEDS
    # A whole repository's seeds (a pull request's) must have every file; only a test fixture of
    # a few broken files borrows the rest from the real folder.
    fallback: bool = True

    # A fixture folder may omit the report (it then checks its data against the real one) or any
    # data file it does not mean to break.
    text = _SeedFile(SEED_TEXT)
    corrections = _SeedFile(CORRECTIONS)
    structure = _SeedFile(STRUCTURE)
    unglossed = _SeedFile(UNGLOSSED)
    notes = _SeedFile(NOTES)
    ledger = _SeedFile(LEDGER)
    nonquantities = _SeedFile(NONQUANTITIES)
    overrides = _SeedFile(OPENCC_OVERRIDES)
    interface = _SeedFile(INTERFACE)
    house_style = _SeedFile(HOUSE_STYLE)
    names = _SeedFile(NAMES)
    publishers = _SeedFile(PUBLISHERS)
    translation_en = _SeedFile(TRANSLATION_EN)

    @property
    def sha256(self) -> str | None:
        # The report as received is pinned, in a whole repository too; a fixture's own small
        # report is not.
        return SEED_SHA256 if self.text == SEED_TEXT or not self.fallback else None

    @property
    def glossary(self) -> Path:
        return self.root / GLOSSARY_DIR.name

    def yaml_files(self) -> list[Path]:
        """Every YAML file of this seeds folder that the build reads, glossary entries included."""
        own = [
            self.corrections,
            self.structure,
            self.unglossed,
            self.notes,
            self.ledger,
            self.nonquantities,
            self.overrides,
            self.interface,
            self.house_style,
            self.names,
            self.publishers,
            self.translation_en,
        ]
        entries = sorted(p for p in self.glossary.glob("*.yaml") if not p.is_dir()) if self.glossary.is_dir() else []
        return own + entries


def tracked_copy(target: Path, *folders: str, caches: bool = False) -> Path:
    """A copy of the files git tracks (in ``folders``, or all), as a pull request's checkout has
    them; with ``caches``, jieba's converted dictionaries too, which take seconds to make and
    depend on no contributed file. For the benchmarks and the tests that build or check a copy."""
    names = subprocess.run(["git", "ls-files", "-z", *folders], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, names.split("\0")):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target / name)
    for cached in (BUILD / "jieba").glob("full-*.txt") if caches else ():
        (target / "build" / "jieba").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target / "build" / "jieba" / cached.name)
    return target
