"""The timeline: every dated fact of a store in order, from the 1951 conference onwards.

An event is a fact placed in time by its ``date`` (when the event happened) or, for a value of a
series, by its ``as_of`` (when the figure was stated; such an event is marked ``series``). Events are
ordered by the earliest day their date can mean, then by precision (a day before the month, year,
decade or interval that starts on it), then by their order in the store. A date is never shown with
more precision than the store gives it (see ``dates.display``).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import dates
from .dates import DateInfo
from .errors import UsageError
from .model import Fact


@dataclass(frozen=True)
class Event:
    """One dated fact on the timeline."""

    fact: Fact
    date: DateInfo
    display: str  # as a person writes it: '26 Nov – 5 Dec 1951', '2021 (uncertain)', 'early 1970s'
    decade: str  # '1950s', from the earliest day the date can mean
    series: bool  # a series value placed at its as_of: a figure as stated then, not an event

    @property
    def edtf(self) -> str:
        return self.date.edtf


def _range(value: str | DateInfo | None, option: str) -> DateInfo | None:
    if value is None or isinstance(value, DateInfo):
        return value
    return dates.parse_option(value, option)


def decade_of(info: DateInfo) -> str:
    return f"{info.start[:3]}0s"


def event_of(fact: Fact) -> Event | None:
    """The timeline event of a fact, or None for an undated fact."""
    when = fact.date or fact.as_of
    if not when:
        return None
    info = dates.parse(when)
    series = fact.date is None
    display = dates.display(when, fact.date_label if fact.date else None)
    return Event(fact, info, display, decade_of(info), series)


def timeline(store: object, *, start: str | DateInfo | None = None, end: str | DateInfo | None = None,
             topic: str | None = None, entity: str | None = None, source: str | None = None) -> list[Event]:
    """Every dated fact that passes the filters, oldest first.

    ``start``/``end`` (a year, month or day, as text or a parsed date) keep each event whose span
    overlaps the range: ``start="2010"`` keeps an interval 2009/2015 but drops 2008. The filters
    combine. An unknown topic, entity or source raises UsageError listing the valid ones, closest first.
    """
    from .lookup import check_filters

    lo, hi = _range(start, "--from"), _range(end, "--to")
    if lo and hi and lo.start > hi.end:
        raise UsageError(f"--from {lo.edtf} is after --to {hi.edtf}: nothing can fall in that range")
    check_filters(store, topic=topic, entity=entity, source=source)
    events: list[Event] = []
    for fact in store.index.dated_facts():  # type: ignore[attr-defined]
        if topic and topic not in fact.topics:
            continue
        if entity and entity not in fact.entities:
            continue
        if source and source not in {c.source for c in fact.citations}:
            continue
        ev = event_of(fact)
        if ev is None:
            continue
        if lo and ev.date.end < lo.start:
            continue
        if hi and ev.date.start > hi.end:
            continue
        events.append(ev)
    # dated_facts() comes in store order within each start day, and sorting is stable, so equal
    # dates keep the store's order.
    events.sort(key=lambda e: e.date.sort_key)
    return events
