"""Keep the generated navigation block of mkdocs.yml in step with seeds/structure.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

BEGIN = "# BEGIN generated nav"
END = "# END generated nav"
BLOCK = re.compile(rf"^{re.escape(BEGIN)}[^\n]*\n.*?^{re.escape(END)}[^\n]*$", re.MULTILINE | re.DOTALL)


def render_nav(nav: list) -> str:
    body = yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False, width=1000)
    return f"{BEGIN} (build_tools writes this block from seeds/structure.yaml; `make check` fails when stale)\n{body}{END}"


def updated(config_text: str, nav: list) -> str:
    if not BLOCK.search(config_text):
        raise ValueError("mkdocs.yml has no generated nav block")
    return BLOCK.sub(lambda _: render_nav(nav), config_text, count=1)


def write_nav(config_path: Path, nav: list) -> bool:
    """Rewrite the nav block if it changed; True when the file was written."""
    text = config_path.read_text(encoding="utf-8")
    new = updated(text, nav)
    if new != text:
        config_path.write_text(new, encoding="utf-8")
        return True
    return False
