"""The query engine: answers a question with the facts that match it, or with nothing.

A question is read into index terms (see ``text.py``); words the store has never seen are corrected
with rapidfuzz against the store's vocabulary, and words that stay unknown still count against every
fact, which is what makes out-of-scope questions go unanswered.

Each candidate fact gets a score in 0-1:

* **coverage**: the share of the question's weight that the fact contains. A word weighs its inverse
  document frequency (BM25's idf), so "IOM" or "Belgium" weigh little and "Melsbroek" a lot; an
  unknown word weighs as much as the rarest one. Matches in a fact's quotes count 0.6, in its tags 0.8.
* **closeness**: the best weighted overlap (Jaccard) between the question and one of the fact's own
  phrasings (statement, short answer, aliases), so the fact worded most like the question wins.

``score = (0.65 * coverage + 0.35 * closeness) * fit``, where ``fit`` is 1 when the fact can answer
the kind of question asked ("when" wants a date, "how many" a number, "who"/"where" a name), 0.8 when
it cannot, and 0.8 again when the fact lacks the question's single most specific word. ``ask`` returns
nothing below ``min_score`` (default 0.5): an honest "no answer" beats the least-bad fact.
"""
from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import text
from .dates import DateInfo
from .errors import UsageError
from .index import Index, FactRow
from .model import Answer, Fact

DEFAULT_MIN_SCORE = 0.5
DEFAULT_LIMIT = 3
CANDIDATES = 400  # facts scored in full per question
RERANK = 60  # of those, compared phrase by phrase
COMMON_SHARE = 0.2  # in a large store, terms in more than this share of facts do not retrieve (they still score)

_WHEN = re.compile(r"\b(when|what year|which year|what date|which date|since when|how long ago|in what year|what day|which day|what month|date of|dates? (?:of|did)|year of)\b")
_QUANTITY = re.compile(r"\b(how many|how much|number of|what percentage|what share|how large|how big|what amount|how long|what proportion|how often|count of|amount of|what size)\b")
_WHO = re.compile(r"\b(who|whom|whose|which person|which official|what person|which minister)\b")
_WHERE = re.compile(r"\b(where|which country|which countries|what country|which city|what city|which place|which region|which district|which districts|what location|which airport)\b")
_CURRENT = re.compile(r"\b(current|currently|now|today|present|presently|latest|newest|nowadays|at the moment|these days|still)\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


@dataclass
class Question:
    """A question read into weighted terms."""

    text: str
    terms: dict[str, float] = field(default_factory=dict)  # term -> match strength (1 exact, <1 corrected)
    unknown: list[str] = field(default_factory=list)  # words the store does not know, even corrected
    kind: str | None = None  # when | quantity | who | where
    year: str | None = None
    current: bool = False


def _kind(folded: str) -> str | None:
    for name, pattern in (("when", _WHEN), ("quantity", _QUANTITY), ("who", _WHO), ("where", _WHERE)):
        if pattern.search(folded):
            return name
    return None


def _correct(index: Index, word: str) -> tuple[str | None, float]:
    """The store word (or function word) closest to a misspelt word: ('when', 0.86), or (None, 0)."""
    if word.isdigit() or len(word) < 3:
        return None, 0.0
    from rapidfuzz import fuzz, process  # only questions with unknown words pay for this import

    cutoff = 80 if len(word) >= 5 else 84
    choices = text.STOPWORDS if len(word) < 4 else [*text.STOPWORDS, *index.vocabulary()]
    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if hit is None:
        return None, 0.0
    return hit[0], hit[1] / 100.0


def _plausible(index: Index, word: str, term: str) -> bool:
    """Whether an unseen word really is a form of the store's term ('foundations' of 'found'), not a
    misspelling that happens to stem like another word ('fonded' like the French 'fonds')."""
    from rapidfuzz import fuzz

    return any(fuzz.ratio(word, w) >= 75 for w in index.words_of(term))


def read_question(index: Index, question: str) -> Question:
    """Terms, kind, year and time cues of a question."""
    if not isinstance(question, str) or not question.strip():
        raise UsageError("the question is empty: ask something, e.g. iomfacts ask \"When was IOM founded?\"")
    folded = text.fold(question[: text.MAX_QUERY_CHARS])
    q = Question(text=question, kind=_kind(folded), current=bool(_CURRENT.search(folded)))
    years = _YEAR.findall(folded)
    q.year = years[-1] if years else None
    ws = list(dict.fromkeys(text.words(question)))[:64]  # a question of more words is cut: time stays bounded
    known = index.words(ws)
    pending: dict[str, str] = {}
    for w in ws:
        if w in known:
            t = known[w]
            if t is not None:
                q.terms.setdefault(t, 1.0)
        elif w in text.STOPWORDS:
            continue
        else:
            t = text.term_of(w)
            if t is not None:
                pending[w] = t
    if pending:
        present = index.doc_freqs(list(set(pending.values())))
        for w, t in pending.items():
            if t in present and _plausible(index, w, t):
                q.terms.setdefault(t, 1.0)
                continue
            hit, sim = _correct(index, w)
            if hit is None:
                q.unknown.append(w)
            elif hit in text.STOPWORDS:
                continue
            else:
                ht = index.words([hit]).get(hit)
                if ht is not None and q.terms.get(ht, 0.0) < sim:
                    q.terms[ht] = sim
    return q


def _idf(n: int, df: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


@dataclass
class Scored:
    row: FactRow
    score: float
    coverage: float


def _fits(kind: str | None, flags: int) -> bool:
    need = {"when": 1, "quantity": 2, "who": 4, "where": 4}.get(kind or "", 0)
    return not need or bool(flags & need)


def score_question(index: Index, q: Question, restrict: set[int] | None = None) -> list[Scored]:
    """Every candidate fact with its score, best first."""
    n = max(index.size, 1)
    postings = index.postings(list(q.terms))
    weights: dict[str, float] = {t: _idf(n, postings[t][0]) for t in q.terms if t in postings}
    unknown_weight = _idf(n, 0) * len(q.unknown) + sum(_idf(n, 0) for t in q.terms if t not in postings)
    total = sum(weights.values()) + unknown_weight
    if not weights or total <= 0:
        return []
    partial: dict[int, float] = {}
    big = n > 2000
    for t, (df, ids) in postings.items():
        if big and df > n * COMMON_SHARE and len(postings) > 1:
            continue
        w = weights[t] * q.terms[t]
        for rowid in ids:
            partial[rowid] = partial.get(rowid, 0.0) + w
    if restrict is not None:
        partial = {r: s for r, s in partial.items() if r in restrict}
    top = heapq.nlargest(CANDIDATES, partial.items(), key=lambda kv: kv[1])
    rows = index.rows([r for r, _ in top])
    strongest = max(list(weights.items()) + [(w, _idf(n, 0)) for w in q.unknown], key=lambda kv: kv[1])[0]
    first: list[tuple[float, FactRow]] = []
    for row in rows:
        got = sum(weights[t] * q.terms[t] * row.term_weights.get(t, 0) / 10.0 for t in weights)
        first.append((got / total, row))
    first.sort(key=lambda x: -x[0])
    phrase_terms = {t for _, row in first[:RERANK] for p in row.phrases for t in p}
    dfs = index.doc_freqs([t for t in phrase_terms if t not in weights])
    tw = dict(weights)
    tw.update((t, _idf(n, df)) for t, df in dfs.items())
    out: list[Scored] = []
    for coverage, row in first[:RERANK]:
        closeness = 0.0
        for p in row.phrases:
            inter = sum(tw[t] * q.terms[t] for t in p if t in q.terms and t in tw)
            union = total + sum(tw.get(t, 0.0) for t in p if t not in q.terms)
            closeness = max(closeness, inter / union if union else 0.0)
        fit = 1.0 if _fits(q.kind, row.kind) else 0.8
        if strongest not in row.term_weights:
            fit *= 0.8
        out.append(Scored(row, min(1.0, (0.65 * coverage + 0.35 * closeness) * fit), coverage))
    out.extend(Scored(row, coverage * 0.65, coverage) for coverage, row in first[RERANK:])
    out.sort(key=lambda s: (-s.score, s.row.rowid))
    return out


def _pick_series(index: Index, fact: Fact, as_of: DateInfo | None, year: str | None) -> tuple[Fact | None, list[Fact], list[Fact]]:
    """The value of a series valid at the time asked (newest by default), with the values before and after it."""
    values = index.series(fact.key or "")
    if not values:
        return fact, [], []
    limit = as_of.end if as_of else (f"{year}-12-31" if year else None)
    if limit is None:
        chosen = len(values) - 1
    else:
        from .dates import parse

        valid = [i for i, v in enumerate(values) if parse(v.as_of or "").start <= limit]
        if not valid:
            return None, [], values
        chosen = valid[-1]
    return values[chosen], list(reversed(values[:chosen])), values[chosen + 1:]


def ask(store_or_index: object, question: str, *, limit: int = DEFAULT_LIMIT, min_score: float = DEFAULT_MIN_SCORE,
        as_of: DateInfo | None = None) -> list[Answer]:
    """Answer a question: the facts that match it well enough, best first; [] when none does.

    Accepts a ``Store`` (from ``load_store``) or its ``Index``. For a series (facts sharing a
    ``key``) the value valid at ``as_of`` (or at a year named in the question; else the newest)
    answers, and the others are attached as ``earlier``/``later``.
    """
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    if not 0.0 <= min_score <= 1.0:
        raise UsageError(f"--min-score must be between 0 and 1, not {min_score}")
    index: Index = getattr(store_or_index, "index", store_or_index)  # type: ignore[assignment]
    q = read_question(index, question)
    scored = [s for s in score_question(index, q) if s.score >= min_score]
    return _answers(index, scored, q, limit, as_of)


def _answers(index: Index, scored: list[Scored], q: Question, limit: int, as_of: DateInfo | None) -> list[Answer]:
    facts = index.facts_by_rowid([s.row.rowid for s in scored[: limit * 4]])
    out: list[Answer] = []
    seen_series: set[str] = set()
    for s in scored[: limit * 4]:
        fact = facts[s.row.rowid]
        if fact.key:
            if fact.key in seen_series:
                continue
            seen_series.add(fact.key)
            year = None if q.current else q.year
            chosen, earlier, later = _pick_series(index, fact, as_of, year)
            if chosen is None:
                continue
            out.append(Answer(chosen, round(s.score, 3), earlier, later))
        else:
            out.append(Answer(fact, round(s.score, 3)))
        if len(out) >= limit:
            break
    return out


def search(store_or_index: object, terms: str = "", *, topic: str | None = None, entity: str | None = None,
           source: str | None = None, limit: int | None = None) -> list[Answer]:
    """Every fact that matches the words (and the filters), ranked; no abstention. Empty words list all."""
    index: Index = getattr(store_or_index, "index", store_or_index)  # type: ignore[assignment]
    restrict = index.filter_rowids(topic, entity, source)
    if not terms.strip():
        rowids = sorted(restrict) if restrict is not None else list(range(index.size))
        rowids = rowids[:limit] if limit else rowids
        facts = index.facts_by_rowid(rowids)
        return [Answer(facts[r], 1.0) for r in rowids if r in facts]
    q = read_question(index, terms)
    scored = [s for s in score_question(index, q, restrict) if s.coverage > 0]
    scored = scored[:limit] if limit else scored
    facts = index.facts_by_rowid([s.row.rowid for s in scored])
    return [Answer(facts[s.row.rowid], round(s.score, 3)) for s in scored]


def iter_scores(index: Index, questions: Iterable[str]) -> Iterable[list[Scored]]:
    """Scores for many questions (for evaluation scripts)."""
    for question in questions:
        yield score_question(index, read_question(index, question))
