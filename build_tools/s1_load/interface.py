"""Interface messages of the template overrides, written by hand in each variant.

The templates in overrides/ are never converted by OpenCC (conversion would touch their Jinja
and markup); the few words they show come from seeds/interface.yaml through each variant's
MkDocs config (extra.edition.messages).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from build_tools import registry
from build_tools.paths import INTERFACE
from build_tools.s1_load.yamlio import DataError, line_of, load, validate

# Characters of markup or of a Jinja expression: a message is plain text. A brace is allowed only
# around a field's name (FIELDS), where the template puts a value: {count}.
NOT_PLAIN = re.compile(r"[<>&{}`\"]")
FIELDS = re.compile(r"\{([a-z_]+)\}")


class Interface(BaseModel):
    """Each message by key (checked for every variant and as plain text by ``message_errors``)."""

    model_config = ConfigDict(extra="forbid")
    messages: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], dict[str, str]]


def message_errors(model: Interface, data: object, path: Path) -> Iterator[DataError]:
    """Every message written in exactly the registry's variants, each as plain text."""
    codes = [v.code for v in registry.VARIANTS]
    for key, forms in model.messages.items():
        where = f"messages.{key}"
        for code in codes:
            if code not in forms:
                yield DataError(path, line_of(data, ("messages", key)), f"{where}.{code}: Field required")
        for code, text in forms.items():
            line = line_of(data, ("messages", key, code))
            if code not in codes:
                yield DataError(path, line, f"{where}.{code}: not a variant of the edition ({', '.join(codes)})")
            # A message is plain text: no markup, no Jinja.
            elif bad := NOT_PLAIN.search(FIELDS.sub("", text)):
                yield DataError(path, line, f"{where}.{code}: a message is plain text; {bad.group()!r} is not allowed")
            # Every variant takes the same values: a field missing from one would drop a value.
            elif codes[0] in forms and set(FIELDS.findall(text)) != set(FIELDS.findall(forms[codes[0]])):
                yield DataError(
                    path,
                    line,
                    f"{where}.{code}: fields {sorted(set(FIELDS.findall(text)))} differ from {codes[0]}'s {sorted(set(FIELDS.findall(forms[codes[0]])))}",
                )


def load_interface(path: Path = INTERFACE) -> tuple[dict[str, dict[str, str]], list[DataError]]:
    """Each variant's messages by variant code, e.g. {"zh-TW": {"not_found_title": "找不到這個頁面", …}, …},
    and every problem as a located DataError (no messages while there is any)."""
    try:
        data = load(path)
        model, errors = validate(Interface, data, path)
    except DataError as exc:
        return {}, [exc]
    errors += [] if model is None else list(message_errors(model, data, path))
    if errors or model is None:
        return {}, errors
    return {v.code: {key: forms[v.code] for key, forms in model.messages.items()} for v in registry.VARIANTS}, []
