"""Find glossary terms in a text: longest form first, no overlaps, a quoted-only form only
between quotation marks.

Chinese has no word boundaries, so Python-Markdown's ``abbr`` cannot do this; the build matches
surface forms itself, on the edition's text, inside quotation marks too. It serves two stages,
so that both see the same occurrences: the load stage's check of the translation
(s1_load.translations: every marked term rendered in the English) and the render stage's marks
(s2_render: the terms a page links, their cards and English, where each entry occurs).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry_id: str
    form: str


class TermMatcher:
    def __init__(self, forms: dict[str, str], quoted_only: AbstractSet[str] = frozenset()):
        # Index forms by first character, longest first, so each position tries the longest form.
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for form, entry_id in sorted(forms.items(), key=lambda kv: -len(kv[0])):
            self._by_first.setdefault(form[0], []).append((form, entry_id))
        self._quoted_only = quoted_only

    def _fits(self, text: str, i: int, form: str) -> bool:
        if not text.startswith(form, i):
            return False
        if form in self._quoted_only:
            return text[i - 1 : i] == "“" and text[i + len(form) : i + len(form) + 1] == "”"
        return True

    def find(self, text: str) -> list[Match]:
        found, i = [], 0
        while i < len(text):
            for form, entry_id in self._by_first.get(text[i], ()):
                if self._fits(text, i, form):
                    found.append(Match(i, i + len(form), entry_id, form))
                    i += len(form)
                    break
            else:
                i += 1
        return found
