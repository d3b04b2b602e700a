"""The data model: sources, citations, facts and the dates attached to them.

These are plain frozen dataclasses so that a script importing iomfacts gets typed objects and the
JSON output is a direct, stable projection of them (see ``to_dict``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None
    author: str | None
    published: str | None
    kind: str
    file: str
    url: str | None = None
    note: str | None = None

    @property
    def title_supplied(self) -> bool:
        """A title the curator supplied is written in square brackets, as citation styles expect."""
        return self.title.startswith("[") and self.title.endswith("]")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "published": self.published,
            "kind": self.kind,
            "file": self.file,
            "url": self.url,
            "note": self.note,
        }


@dataclass(frozen=True)
class Citation:
    source: str
    quote: str
    section: str | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    citations: tuple[Citation, ...]
    answer: str | None = None
    date: str | None = None
    date_label: str | None = None
    key: str | None = None
    as_of: str | None = None
    topics: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        """A fact from its mapping: as the store's YAML gives it (an answer may be a number) or as the
        index keeps it."""
        answer = d.get("answer")
        return cls(
            id=d["id"], statement=d["statement"], answer=None if answer is None else str(answer), date=d.get("date"),
            date_label=d.get("date_label"), key=d.get("key"), as_of=d.get("as_of"),
            topics=tuple(d.get("topics") or ()), entities=tuple(d.get("entities") or ()),
            aliases=tuple(d.get("aliases") or ()),
            citations=tuple(Citation(c["source"], c["quote"], c.get("section")) for c in d["citations"]),
        )

    @property
    def when(self) -> str | None:
        """The date a fact is placed at in time: the event's date, or when a series value was stated."""
        return self.date or self.as_of


@dataclass
class Answer:
    """A fact chosen for a question, with its score and, for a series, the other values over time."""

    fact: Fact
    score: float
    earlier: list[Fact] = field(default_factory=list)
    later: list[Fact] = field(default_factory=list)
