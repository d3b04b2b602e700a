"""Series: which value of a quantity over time answers a question.

Facts that share a ``key`` are the values of one quantity over time (who is Director General, how
many people have returned so far), each with its ``as_of``. A date (``--as-of``, a year in the
question) picks the value valid then, and a count only the value stated for that time; "before" or
"after" a value the question names picks its neighbour ("Who succeeded Swing?"); "current" or no
cue at all picks the newest, unless the question matches an older value's own context clearly
better.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import text
from .answers import answer_name
from .index import Index
from .model import Fact
from .question import TAKE_OVER, TOOK_OVER_VERB, Question, _Lazy

if TYPE_CHECKING:
    from .dates import DateInfo

YEAR_GRACE = 3  # years before its document that a fact stated without a year may still be true of
_FIRST_SAID = re.compile(r"\b(?:first|original|originally|initial|initially|founded|founding|born|created|established)\b")
SERIES_MARGIN = 0.08  # how much better an older value must match to be the one the question means


_STEP_WORDS = rf"(?:before|after|preceded|succeed|succeeds|succeeded|replaced|prior to|earlier than|previous to|next to|{TAKE_OVER})"
# "Who succeeded X?" asks for the next holder of a post: only a series of its holders tells it
SUCCESSION = re.compile(rf"\b(?:succeed|succeeds|succeeded|successor|replaced|replace|replaces|{TAKE_OVER})\b")


def is_named(value: Fact, folded_question: str) -> bool:
    """Whether the question asks for the neighbour of this value: it names it just after a word
    such as 'before' ('before William Lacy Swing'), just before 'predecessor' ('Swing's successor')
    or as the one who took over ('Who did Vitorino succeed?')."""
    pattern = _name_pattern(value.answer or "")
    if pattern is None:
        return False
    return re.search(rf"\b{_STEP_WORDS}(?:\W+\w+){{0,3}}?\W+{pattern}\b|\b{pattern}(?:'s|s)?\W+(?:\w+\W+)?(?:predecessor|successor)"
                     rf"|\b{pattern}\W+{TOOK_OVER_VERB}\b", folded_question) is not None


# a question on how a value changed ("When did PICMME become IOM?") asks about the later one
_CHANGE: Any = _Lazy(r"\b(?:become|became|becomes|becoming|rename|renamed|renaming|turned into|changed|change|later|replaced|next|new)\b")


def _mentions(value: Fact, folded_question: str) -> bool:
    """Whether the question names this value itself ('What was PICMME?', 'When did Swing take office?')."""
    pattern = _name_pattern(value.answer or "")
    if pattern is None:
        return False
    full = text.fold(answer_name(value.answer or "")).strip()
    return re.search(rf"\b{pattern}\b", folded_question) is not None or (" " in full and full in folded_question)


_ACRONYM_IN = re.compile(r"\(([A-Z]{2,})\)")


def _name_pattern(answer: str) -> str | None:
    """How a question names a value: the acronym it gives in brackets ('(PICMME)'), the initials of
    a name of four words or more, three of them capitalised ('Intergovernmental Committee for European Migration':
    ICEM), else the last word of its name ('Pascal Reyntjens, Chief of Mission': 'Reyntjens')."""
    head = answer_name(answer)
    names = [a.lower() for a in _ACRONYM_IN.findall(answer)]
    capitals = [w[0] for w in head.split() if w[:1].isupper()]
    if len(capitals) >= 3 and len(head.split()) >= 4:  # (the last word of a long name, 'Migration', names nothing)
        names.append("".join(capitals).lower())
    else:
        words = [w for w in text.words(head) if len(w) > 3 and not w.isdigit()]
        names += words[-1:]
    return f"(?:{'|'.join(map(re.escape, dict.fromkeys(names)))})" if names else None


def _role(value: Fact) -> str:
    """The post a value's answer gives after the name ('Pascal Reyntjens, Chief of Mission')."""
    return text.fold((value.answer or "").partition(",")[2]).strip()


def _this_year() -> int:
    import datetime

    return datetime.date.today().year


def _said(fact: Fact) -> str:
    return " ".join([fact.statement, fact.answer or "", fact.date or "", *fact.aliases])


def _as_of_year(value: Fact) -> int:
    from .dates import parse

    return int(parse(value.as_of or "").start[:4])


def _counted_in(value: Fact, years: tuple[int, int]) -> bool:
    """Whether a series value was stated about the years a question asks for: a count holds for its
    own time (the count of 2015 does not tell 2021), though one stated a little earlier (YEAR_GRACE)
    may stand for a year asked, as the time of a document does."""
    return years[0] - YEAR_GRACE <= _as_of_year(value) <= years[1]


def _years_within(values: list[Fact], i: int, decade: int) -> int:
    """How many years of a decade value i of a series held (from its as_of to the next value's)."""
    start = _as_of_year(values[i])
    end = _as_of_year(values[i + 1]) if i + 1 < len(values) else decade + 10
    return max(0, min(end, decade + 10) - max(start, decade))


def pick(index: Index, fact: Fact, q: Question, as_of: DateInfo | None,
         member_scores: dict[str, float]) -> tuple[Fact | None, list[Fact], list[Fact]]:
    """The value of a series the question means, with the values before and after it.

    A date (``--as-of`` or a year in the question) picks the value valid then; "before"/"after" a
    value the question names picks its neighbour (none when the store has no such value); "current",
    "now" and the like pick the newest; otherwise the newest, unless the question matches an older
    value's own context clearly better ("the DG who signed the 2015 report's foreword").
    """
    values = index.series(fact.key or "")
    if not values:
        return fact, [], []
    if as_of is None and q.year and int(q.year) > _this_year() and not any(q.year in _said(v) for v in values):
        return None, [], values  # "Who will lead IOM in 2040?": no document can tell yet
    if as_of is None and not q.current and q.years and q.years[0] > _this_year() and q.years[1] == 9999:
        return None, [], values  # "…after 2028?": only years to come are asked of
    folded = text.fold(q.text[: text.MAX_QUERY_CHARS])
    limit = as_of.end if as_of else (f"{q.until}-12-31" if q.until and not q.current else None)
    named = [i for i, v in enumerate(values) if is_named(v, folded)]
    if limit is not None:
        from .dates import parse

        valid = [i for i, v in enumerate(values) if parse(v.as_of or "").start <= limit]
        if not valid:
            return None, [], values
        chosen = valid[-1]
        if as_of is None and q.decade is not None:  # "in the 1980s": the value of most of the decade
            chosen = max(valid, key=lambda i: (_years_within(values, i, q.decade), i))
        if as_of is None and q.kind == "quantity" and q.years and not _counted_in(values[chosen], q.years):
            return None, [], values  # "How many returned in 2021?" is not told by the count of 2015
        if (as_of is None or q.dated_by_event) and chosen == len(values) - 1 \
                and int(limit[:4]) > _as_of_year(values[chosen]) + YEAR_GRACE:
            return None, [], values  # "Who headed IOM Belgium in 2025?": a head named in 2021 may have left
    elif q.step and (named or (q.step < 0 and q.current)):
        # the value next to the one named, or before the newest ("What was IOM called before its present name?")
        anchor = (named[0] if q.step < 0 else named[-1]) if named else len(values) - 1
        chosen = anchor + q.step
        while 0 <= chosen < len(values) and values[chosen].answer == values[anchor].answer:
            chosen += q.step
        if not 0 <= chosen < len(values):
            return None, [], values
        if SUCCESSION.search(folded) and _role(values[chosen]) != _role(values[anchor]):
            return None, [], values  # an Officer in Charge after a Chief of Mission did not replace him as such
    elif q.first:
        # "Who was IOM's first Director General?": the oldest value the store has is the first only
        # where it says so ("IOM's first name, PICMME"); else the store does not know the first
        if not _FIRST_SAID.search(text.fold(_said(values[0]))):
            return None, [], values
        chosen = 0
    else:
        chosen = len(values) - 1
        mentioned = [i for i, v in enumerate(values) if _mentions(v, folded)] if not q.current and not _CHANGE.search(folded) else []
        if len(mentioned) == 1 and chosen not in mentioned:
            chosen = mentioned[0]  # "What is PICMME?" asks about that name, not the one that replaced it
        elif not q.current:
            scores = dict(member_scores)
            if any(v.id not in scores for v in values):  # values below the threshold are compared too
                from .engine import score_question  # (the engine imports this module)

                for s in score_question(index, q, restrict=set(index.series_rowids(fact.key or "")), full=True):
                    scores.setdefault(s.row.id, s.score)
            best = max(range(len(values)), key=lambda i: (scores.get(values[i].id, 0.0), i))
            if scores.get(values[best].id, 0.0) >= scores.get(values[chosen].id, 0.0) + SERIES_MARGIN:
                chosen = best
    return values[chosen], list(reversed(values[:chosen])), values[chosen + 1:]
