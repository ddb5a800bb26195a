"""YAML loading that remembers line numbers, so every data error can name ``path:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError


class DataError(Exception):
    """A problem in a contributed data file, located by path and 1-based line."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    line: int = 0


def _plain(node: yaml.Node) -> Any:
    # Build plain Python data while keeping each node's line: yaml's own constructor forgets it.
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _plain(key_node)
            if key in out:
                raise DataError("", key_node.start_mark.line + 1, f"duplicate key {key!r}")
            out[key] = _plain(value_node)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList(_plain(v) for v in node.value)
        seq.line = node.start_mark.line + 1
        return seq
    # Scalars go through YAML's safe constructor so that ints, bools and dates resolve as usual.
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


# libyaml's parser where the wheel has it: the glossary is hundreds of files.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Parsed files by (path, mtime, size): `mkdocs serve` re-reads only the file an editor changed.
_CACHE: dict[str, tuple[tuple[int, int], Any]] = {}


def load(path: Path) -> Any:
    """Load one YAML document, raising DataError with the file and line on bad syntax."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    data = _load(path)
    _CACHE[str(path)] = (key, data)
    return data


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(path, (mark.line + 1) if mark else 1, f"YAML syntax: {exc.problem}") from None
    if node is None:
        return None
    try:
        return _plain(node)
    except DataError as exc:
        raise DataError(path, exc.line, exc.message) from None


def line_of(data: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest element of ``loc`` that the loaded data knows."""
    line = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
    return line


def validate(model: type[BaseModel], data: Any, path: Path) -> tuple[BaseModel | None, list[DataError]]:
    """Validate ``data`` against ``model``; every schema error becomes a located DataError."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            # Drop union tags ("report"/"document") from the location: readers know fields, not tags.
            loc = tuple(p for p in err["loc"] if p not in ("report", "document"))
            where = ".".join(str(p) for p in loc)
            # A validator's own message reads better without pydantic's "Value error, " prefix.
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(DataError(path, line_of(data, loc), f"{where}: {msg}" if where else msg))
        return None, errors
