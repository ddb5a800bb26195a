"""Interface messages of the template overrides, written by hand in each variant.

The templates in overrides/ are never converted by OpenCC (conversion would touch their Jinja
and markup); the few words they show come from seeds/interface.yaml through each variant's
MkDocs config (extra.edition.messages).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from build_tools.paths import INTERFACE
from build_tools.s1_load.yamlio import load, validate

# Characters of markup or of a Jinja expression: a message is plain text.
NOT_PLAIN = re.compile(r"[<>&{}`\"]")


class Message(BaseModel):
    """One message in every variant (the codes of convert.VARIANTS)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    zh_Hans: str = Field(alias="zh-Hans", min_length=1)
    zh_TW: str = Field(alias="zh-TW", min_length=1)
    zh_HK: str = Field(alias="zh-HK", min_length=1)

    @field_validator("zh_Hans", "zh_TW", "zh_HK")
    @classmethod
    def plain(cls, value: str) -> str:
        """Plain text: no markup, no Jinja."""
        if bad := NOT_PLAIN.search(value):
            raise ValueError(f"a message is plain text; {bad.group()!r} is not allowed")
        return value


class Interface(BaseModel):
    model_config = ConfigDict(extra="forbid")
    messages: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Message]


def load_interface(path: Path = INTERFACE) -> dict[str, dict[str, str]]:
    """Each variant's messages by variant code, e.g. {"zh-TW": {"not_found_title": "找不到這個頁面", …}, …}.

    Raises an ExceptionGroup of located DataErrors, or a DataError when the file is not YAML.
    """
    model, errors = validate(Interface, load(path), path)
    if errors:
        raise ExceptionGroup("bad interface messages", errors)
    forms = {key: message.model_dump(by_alias=True) for key, message in model.messages.items()}
    codes = [field.alias for field in Message.model_fields.values()]
    return {code: {key: by_code[code] for key, by_code in forms.items()} for code in codes}
