"""Who publishes at each host a source cites (seeds/publishers.yaml), and the rules it serves.

- Every document source's host is registered; a spam mirror is never cited.
- Every document source's ``publisher`` is the registered publisher of its host; a reprint says
  whose article it carries in ``reprint_of``.
- A glossary entry is ``verified`` only when a source on a government or state-media host carries
  a verbatim ``quote``; for an entry about Quzhou itself (level ``municipal``) that quote must
  name Quzhou or one of its counties, or come from a Quzhou publisher (one whose registered name
  does, such as 衢州市档案馆 or 衢州新闻网).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from build_tools.paths import PUBLISHERS
from build_tools.s1_load.schema import DocumentSource, Entry
from build_tools.s1_load.yamlio import DataError, line_of, load, validate

# What kind of publisher a host is; the label is the badge a reader sees beside a source.
CLASSES = {
    "government": "政府网站",
    "state-media": "党政媒体",
    "institution": "机构网站",
    "reprint": "转载或聚合网站",
    "spam": "垃圾镜像站",
}
AUTHORITATIVE = frozenset({"government", "state-media"})
# Quzhou and its six county-level divisions: a quote about Quzhou names one of them.
QUZHOU = re.compile("衢州|柯城|衢江|龙游|江山|常山|开化")


class Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)
    host: str = Field(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
    name: str = Field(min_length=2)
    kind: Literal[tuple(CLASSES)] = Field(alias="class")  # type: ignore[valid-type]
    note: str | None = None


class Publishers(BaseModel):
    model_config = ConfigDict(extra="forbid")
    publishers: list[Publisher]


@dataclass(frozen=True)
class Registry:
    """The registered publishers by host; a URL's publisher is that of its longest matching host."""

    by_host: dict[str, Publisher]

    def lookup(self, url: str) -> Publisher | None:
        host = (urlsplit(url).hostname or "").lower()
        if _is_ip(host):
            return self.by_host.get(host)
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self.by_host.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def kind(self, url: str) -> str | None:
        found = self.lookup(url)
        return found.kind if found else None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def load_publishers(path: Path = PUBLISHERS) -> tuple[Registry, list[DataError]]:
    """The registry, and every problem in its file as a located DataError (a host given twice too)."""
    try:
        data = load(path)
    except DataError as exc:
        return Registry({}), [exc]
    model, errors = validate(Publishers, data, path)
    if model is None:
        return Registry({}), errors
    by_host: dict[str, Publisher] = {}
    for i, publisher in enumerate(model.publishers):
        if publisher.host in by_host:
            errors.append(DataError(path, line_of(data, ("publishers", i, "host")), f"publishers.{i}.host: {publisher.host!r} is registered twice"))
        by_host.setdefault(publisher.host, publisher)
    return Registry(by_host), errors


def source_errors(sources: list[Any], data: Any, loc: tuple, path: Path, registry: Registry) -> Iterator[DataError]:
    """Document sources whose host is unregistered or a spam mirror, or whose publisher is not
    the one registered for their host."""
    for i, source in enumerate(sources):
        yield from one_source_errors(source, data, (*loc, i), path, registry)


def one_source_errors(source: Any, data: Any, loc: tuple, path: Path, registry: Registry) -> Iterator[DataError]:
    """The same for one source, at ``loc`` in the loaded data."""
    if not isinstance(source, DocumentSource):
        return
    where = ".".join(map(str, loc))
    host = urlsplit(source.url).hostname or ""
    publisher = registry.lookup(source.url)
    if publisher is None:
        yield DataError(path, line_of(data, (*loc, "url")), f"{where}.url: host {host!r} is not in seeds/publishers.yaml; register it with its class")
    elif publisher.kind == "spam":
        yield DataError(path, line_of(data, (*loc, "url")), f"{where}.url: {host} is a spam mirror and is never cited; find the original")
    elif source.publisher != publisher.name:
        yield DataError(
            path,
            line_of(data, (*loc, "publisher")),
            f"{where}.publisher: {source.publisher!r} does not publish at {host} ({publisher.name!r} does); name the host's publisher, and the original in reprint_of",
        )


def english_errors(entry: Entry, data: Any, path: Path, registry: Registry) -> Iterator[DataError]:
    """An English rendering said to be official: its source is a government or state-media page
    whose quote prints the rendering (letter case and quotation marks aside)."""
    source = entry.english_source
    if not isinstance(source, DocumentSource):
        return
    line = line_of(data, ("english_source",))
    yield from one_source_errors(source, data, ("english_source",), path, registry)
    if registry.kind(source.url) not in AUTHORITATIVE:
        yield DataError(
            path, line, "english_source: an official rendering comes from a government or state-media page; otherwise write english_source: edition"
        )
    elif not source.quote or _plain_english(entry.english) not in _plain_english(source.quote):
        yield DataError(path, line, f"english_source.quote: must print the rendering {entry.english!r}")


def _plain_english(text: str) -> str:
    return re.sub(r"[\"“”‘’']", "", text).casefold()


def verification_errors(entry: Entry, data: Any, path: Path, registry: Registry) -> Iterator[DataError]:
    """A ``verified`` entry without a quoted government or state-media source (naming Quzhou, for
    an entry about Quzhou itself)."""
    if entry.status != "verified":
        return
    quoted = [(s.quote, registry.lookup(s.url)) for s in entry.sources if isinstance(s, DocumentSource) and s.quote and registry.kind(s.url) in AUTHORITATIVE]
    line = line_of(data, ("status",))
    if not quoted:
        yield DataError(
            path, line, "status: verified needs a source on a government or state-media host with a verbatim quote; otherwise it is unverified (待核实)"
        )
    elif entry.level == "municipal" and not any(QUZHOU.search(q) or (p and QUZHOU.search(p.name)) for q, p in quoted):
        yield DataError(
            path,
            line,
            "status: verified, but no government or state-media quote names Quzhou (衢州 or a county of it); a Quzhou entry's source must support the Quzhou link",
        )
