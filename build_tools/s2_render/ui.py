"""The edition's own words (headings, labels, how-to text) in one variant, from the message catalog.

The report and the apparatus are converted from simplified by OpenCC; the interface is written by
hand for each variant (seeds/interface.yaml). A generated page of a traditional variant is rendered
with that variant's messages, each literal part marked (convert.keep) so that the conversion of the
page leaves it as written; the values put into a message (a count, an indicator's name) are the
page's own text and are converted with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from build_tools import registry
from build_tools.convert import keep
from build_tools.s1_load.interface import load_interface
from build_tools.s1_load.yamlio import BuildError

# A value's place in a message: {name}.
FIELD = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class UI:
    """One variant's messages; ``keep`` for a variant the page will be converted to."""

    messages: Mapping[str, str]
    keep: bool = False

    def __call__(self, key: str, **values: object) -> Markup:
        """The message as HTML-safe text, with ``values`` (escaped unless Markup) in its fields."""
        parts = FIELD.split(self.messages[key])
        out = []
        for i, part in enumerate(parts):
            if i % 2:
                out.append(escape(values[part]))
            elif part:
                out.append(escape(keep(part) if self.keep else part))
        return Markup("".join(out))

    def text(self, key: str, **values: object) -> str:
        """The message as plain text (for a value that is escaped later, such as an attribute)."""
        return str(self(key, **values).unescape())


@cache
def source_ui() -> UI:
    """The source variant's messages from the edition's own catalog: what a page is rendered with
    when no variant is asked for (a test's hand-made Context, say)."""
    messages, errors = load_interface()
    if errors:
        raise BuildError(errors)
    return UI(messages[registry.SOURCE.code])
