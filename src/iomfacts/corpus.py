"""Checking quotes against the source texts: every quote must occur in its source's file.

White space and line breaks are folded; everything else must match exactly. For a quote that does
not occur, the closest passage of the file is found with rapidfuzz so the curator can fix it.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .store import Locator, ParsedStore

_WS = re.compile(r"\s+")


def fold_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def closest_passage(haystack: str, quote: str) -> str:
    """The passage of a text most like a quote, for a curator to compare."""
    from rapidfuzz import fuzz

    if not haystack:
        return ""
    align = fuzz.partial_ratio_alignment(quote, haystack)
    return haystack[align.dest_start:align.dest_end].strip()


def check_quotes(parsed: ParsedStore, texts: list[str], corpus: Path) -> list[Problem]:
    """A problem for each source file missing from the corpus and for each quote not found in its source."""
    problems: list[Problem] = []
    folded: dict[str, str | None] = {}
    where = {s.id: s for s in parsed.sources}
    for s in parsed.sources:
        path = corpus / s.file
        try:
            folded[s.id] = fold_space(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            folded[s.id] = None
            problems.append(Problem(str(path), None, f"source '{s.id}': cannot read its file ({exc.__class__.__name__})",
                                    "check the file name in the store and the --corpus folder"))
    index = 0
    spans = _fact_spans(parsed, texts)
    locator = Locator(texts)
    for fact in parsed.facts:
        file_i, pos = spans[index]
        index += 1
        for i, c in enumerate(fact.citations):
            hay = folded.get(c.source)
            if hay is None:
                continue
            quote = fold_space(c.quote)
            if quote in hay:
                continue
            near = closest_passage(hay, quote)
            line = locator.line(file_i, ("facts", pos, "citations", i, "quote"))
            problems.append(Problem(str(parsed.files[file_i]), line,
                                    f"fact '{fact.id}': quote not found in {where[c.source].file}",
                                    f"closest passage: \"{near[:300]}\""))
    return problems


def _fact_spans(parsed: ParsedStore, texts: list[str]) -> list[tuple[int, int]]:
    """For each fact in order, the file it comes from and its position in that file's list."""
    import yaml

    spans: list[tuple[int, int]] = []
    for fi, t in enumerate(texts):
        doc = yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        n = len(doc.get("facts") or []) if isinstance(doc, dict) else 0
        spans.extend((fi, i) for i in range(n))
    return spans
