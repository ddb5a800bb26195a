"""The stages run in order, and a stage never imports a later one (ARCHITECTURE.md): s1_load knows
nothing of rendering, s2_render nothing of search or the bundle, s3_search nothing of the bundle;
and nothing before s4_bundle imports MkDocs, so the generated Markdown can feed another renderer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from build_tools import paths

STAGES = ["s1_load", "s2_render", "s3_search", "s4_bundle"]


def imported(module: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("stage", STAGES[:-1])
def test_a_stage_imports_no_later_stage_and_not_mkdocs(stage):
    later = tuple(f"build_tools.{s}" for s in STAGES[STAGES.index(stage) + 1 :])
    found = {
        f"{path.relative_to(paths.ROOT)} imports {name}"
        for path in sorted((paths.ROOT / "build_tools" / stage).rglob("*.py"))
        for name in imported(path)
        if name.startswith(later) or name.split(".")[0] == "mkdocs"
    }
    assert found == set()


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from build_tools.s2_render.annotate import occurrences\n    import mkdocs.config\n", encoding="utf-8")
    assert {"build_tools.s2_render.annotate", "mkdocs.config"} <= imported(module)
