"""Where things live. Every stage takes paths from here so tests can point them elsewhere."""

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
TEMPLATES = Path(__file__).resolve().parent / "templates"
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
SITE = ROOT / "site"
DIST = ROOT / "dist"
