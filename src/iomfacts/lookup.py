"""Looking things up by name, with the closest valid names when a name is wrong."""
from __future__ import annotations

from collections.abc import Sequence

from .errors import NotFoundError, UsageError
from .model import Fact


def closest(name: str, choices: Sequence[str], n: int = 5) -> list[str]:
    """The choices nearest to a name, closest first (for 'did you mean' messages)."""
    if not choices:
        return []
    from rapidfuzz import fuzz, process

    name = name[:200]  # names are short: a 100,000-character one costs seconds to compare, and suggests nothing
    hits = process.extract(name.casefold(), list(choices), scorer=fuzz.WRatio, limit=n, processor=str.casefold)
    return [h[0] for h in hits if h[1] >= 50]


def fact_or_suggest(store: object, fact_id: str) -> Fact:
    fact = store.get(fact_id)  # type: ignore[attr-defined]
    if fact is None:
        raise NotFoundError(f"no fact with id '{fact_id}'", closest(fact_id, store.ids(), 3))  # type: ignore[attr-defined]
    return fact


def check_filters(store: object, **given: str | None) -> None:
    """Raise a usage error (exit 2) for a topic, entity or source the store does not have, listing valid ones."""
    facets = store.facets()  # type: ignore[attr-defined]
    if given.get("source") is not None:
        facets = dict(facets)
        facets["source"] = sorted(set(facets.get("source", [])) | set(store.sources))  # type: ignore[attr-defined]
    for kind, value in given.items():
        if value is None:
            continue
        valid = facets.get(kind, [])
        if value in valid:
            continue
        match = [v for v in valid if v.casefold() == value.casefold()]
        if match:
            raise UsageError(f"unknown {kind} '{value}': did you mean '{match[0]}'? (names are exact)")
        plural = "entities" if kind == "entity" else f"{kind}s"
        near = closest(value, valid, 5)
        rest = [v for v in valid if v not in near]
        listing = ", ".join(near + rest[: max(0, 25 - len(near))]) + (", …" if len(valid) > 25 else "")
        raise UsageError(f"unknown {kind} '{value}'; valid {plural} (closest first): {listing}")
