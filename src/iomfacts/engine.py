"""The query engine: answers a question with the facts that match it, or with nothing.

A question is read into index terms, its kind and its cues of time and names (see ``question.py``);
words the store does not know at all still count against every fact, which is what makes
out-of-scope questions go unanswered.

A word weighs its inverse document frequency (BM25's idf), so "IOM" or "Belgium" weigh little and
"Melsbroek" a lot; everyday words ("show", "kind", "written") weigh little whatever their rarity,
and an unknown noun weighs as much as the rarest word. Candidates come from the index's postings;
each gets features (see ``score_question``): how much of the question's weight it covers, how
closely one of its own phrasings matches, whether it can answer the kind of question, and what of
the question it lacks. A logistic model (``MODEL``, fitted by bench/calibrate.py) turns them into a
score in 0-1, an estimate that the fact answers the question; a fact that covers little of the
question and lacks one of its heaviest words scores half. ``ask`` returns nothing below
``min_score`` (default 0.5): an honest "no answer" beats the least-bad fact.

For a series (facts sharing a ``key``, a value over time) the value the question means answers
(see ``series.py``), and the date of an event the question names ("when Belgium signed the 2016
agreement") is read here.
"""
from __future__ import annotations

import functools
import heapq
import math
import re
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from . import text
from .answers import ADDRESS, BODY, DAY, DAY_OF_MONTH, MONEY, NAME, PLACE, PLACE_FROM, PLACE_IN_TEXT, PLACE_TO, QUANTITY, REASON, TELLS_HOW, TELLS_WHO, TIME, TIME_IN_ANSWER
from .errors import UsageError
from .index import W_MAIN, W_QUOTE, FactRow, Index
from .model import Answer
from .question import YEAR, Question, _Lazy, read_question
from .series import SUCCESSION, YEAR_GRACE, is_named, pick

__all__ = ["DEFAULT_LIMIT", "DEFAULT_MIN_SCORE", "MODEL", "Question", "Scored", "ask", "combine", "read_question",
           "score_question", "search"]

if TYPE_CHECKING:
    from .dates import DateInfo  # dates is imported only where a date is read

DEFAULT_MIN_SCORE = 0.5
DEFAULT_LIMIT = 3
CANDIDATES = 30  # facts whose coverage is computed per question (the best by a cheap upper bound)
SORT_CANDIDATES = 5000  # (speed) up to this many facts sharing a word with the question are sorted, not heaped
RERANK = 20  # of those, compared phrase by phrase
RERANK_TIES = 25  # and up to this many, where they cover the question as well as the 20th
SMALL_COMMON_SHARE = 0.5  # in a small store, terms in most of its facts ("IOM") do not retrieve either
COMMON_SHARE = 0.2  # in a large store, terms in more than this share of facts do not retrieve (they still score)
COMMON_RANKED = 5000  # a common term in at most this many facts still ranks the facts retrieved
ECHO_FACTOR = 0.9  # a fact whose short answer only repeats the question ("fedasil reach out" -> "Fedasil")
ECHO_NAME_FACTOR = 0.75  # …and where the question asks for a name or a place
LISTED_FACTOR = 0.98  # a fact whose short answer lists a name the question gives, among others
COUNTED_FACTOR = 0.97  # a fact whose short answer does not name what "how many" counts
SPAN_FACTOR = 0.6  # …and whose number is a span of time
_SPANS = frozenset({"year", "month", "week", "day", "hour", "decad"})
# words that count people of some kind: "how many people" is answered by "1,100 participants"
_PERSONS = frozenset({"people", "attend", "migr", "refugee", "return", "child", "staff", "victim", "deleg", "seeker",
                      "student", "women", "men", "employe", "beneficiari", "entrepreneur", "resid", "worker"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_PLACES = frozenset({"country", "city", "region", "district", "provinc", "state"})
_TOLD_STARTS = frozenset({"begin", "name", "becom", "becam", "appoint", "elect"})  # words that tell of a start
ROLE_FACTOR = 0.7  # a fact without the role a who-question names
POST_FACTOR = 0.7  # a fact on another kind of post than the one asked for
TITLE_FACTOR = 0.6  # a fact with a person named like the role the question asks for
DIRECTION_FACTOR = 0.85  # a fact on the other end of a journey than the one asked for
OPPOSITE_FACTOR = 0.7  # a fact on the start of what the question asks the end of
TOOK_UP_FACTOR = 0.6  # a fact that tells of no start, where the question asks when a post or state began
PREDICATE_FACTOR = 0.85  # a fact that lacks both a predicate of the question and its heaviest word
PERSON_FACTOR = 0.6  # a fact whose short answer is a body, a place or no one, where the question asks for a person
REASON_FACTOR = 0.75  # a fact that tells no reason, where the question asks why
TELLS_WHO_FACTOR = 0.85  # a fact none of whose phrasings asks who, where the question does
TELLS_HOW_FACTOR = 0.85  # a fact none of whose phrasings asks how, where the question asks how it is done
UPCOMING_FACTOR = 0.6  # a fact on an event, where the question asks about the next one
PART_FACTOR = 0.8  # any fact, where "how many of the…" asks for a part of a whole
OUTCOME_FACTOR = 0.8  # a fact with no short answer or only a date, where "what was agreed at…" asks what came of it
THING_FACTOR = 0.95  # a fact whose short answer is only a date, where "what <thing>" is asked
ORDINAL_FACTOR = 0.7  # a fact on the eighth of a series, where the question asks about the seventh
NAMED_FACTOR = 0.6  # a fact that names no body of the kind "which companies…" asks for
HEAD_FACTOR = 0.7  # a fact that lacks what "What is the X of…" asks for
KEYWORD_HEAD_FACTOR = 0.85  # the same, for the last word of keywords ("mipex score"), a weaker sign
SWAP_FACTOR = 0.85  # a fact on another named subject than the one the question names
COMMON_IDF = 0.7  # a word this common (IOM, Belgium, migrant: in over a third of the facts) names nothing apart
WHERE_IN_TEXT_FIT = 0.5  # how well such a fact fits a where-question (1 for a short answer that is a place)
MIN_COVERAGE = 0.6  # below this, a fact lacking one of the question's heaviest words scores half
SHORT_QUESTION = 3  # a question of this many terms or fewer (with a rare one, unless the fact has them all)…
RARE_DF = 3  # (a term in at most this many facts is rare)
SHORT_MIN_CLOSENESS = 0.4  # …scores half with a fact (not a series) none of whose phrasings is at least this close
FAR_CLOSENESS = 0.22  # a fact none of whose phrasings is at least this close to the question…
FAR_FACTOR = 0.8  # …scores less: its words meet the question's only across phrasings
# BM25's idf, damped: a rare word still weighs most, but a paraphrase's one rare word that the right
# fact words otherwise ("speech" for "opened the conference") no longer outweighs all the rest
IDF_POWER = 0.8
GENERIC_WEIGHT = 1.2  # the most an everyday word (text.GENERIC) can weigh; the rarest word weighs ~ln(2N) ** IDF_POWER

_INFLECTED = re.compile(r"\w{3,}(?:ed|ing|ly)$")


def _unknown_weight(word: str, q: Question, n: int) -> float:
    """How much a word the store does not know counts against every fact.

    A noun the store never uses ("waffles", "salary") means the question is about something else and
    weighs as much as the rarest word. An everyday word, a verb or adverb form ("bankrolled",
    "mostly") or a year is more likely a paraphrase or a time the facts do not pin down: it weighs little.
    """
    if word in q.generic or YEAR.fullmatch(word):
        return GENERIC_WEIGHT
    if _INFLECTED.fullmatch(word):
        return 2 * GENERIC_WEIGHT
    return _idf(n, 0)


def _idf(n: int, df: float) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5)) ** IDF_POWER


@dataclass
class Scored:
    row: FactRow
    score: float
    coverage: float
    features: dict[str, float] = field(default_factory=dict)


def _swapped(index: Index, q: Question, row: FactRow, answer_terms: set[str]) -> bool:
    """Whether the fact is on another named subject: it lacks a name the question gives, and the
    question gives none of the fact's own rare names ("the population of Belgium" met by a fact on
    the population of the Central African Republic). The names in its short answer are what a
    question may ask for, so they do not count."""
    own = (row.term_weights.keys() & index.name_terms()) - answer_terms
    return bool(own) and own.isdisjoint(q.terms)


def _fits(q: Question, flags: int) -> bool:
    need = (ADDRESS if q.address else MONEY if q.money else DAY_OF_MONTH if q.day else DAY if q.precise else TIME | QUANTITY if q.span else
            {"when": TIME, "quantity": QUANTITY, "who": NAME, "where": NAME if q.countries else PLACE}.get(q.kind or "", 0))
    return not need or bool(flags & need)


# The score is a logistic model of these features, fitted on the project's question set by
# bench/calibrate.py: it estimates the probability that the fact answers the question.
MODEL: dict[str, float] = {
    "bias": -1.534,
    "closeness": 0.328,
    "coverage": 1.003,
    "fit": 0.658,
    "missing": -0.550,
    "missing_name": -0.75,
    "no_value": -1.0,
    "phrase_cover": 0.727,
    "predicate": -0.498,
    "quote_only": 0.253,
    "unknown": -0.731,
    "worst_missing": 0.092,
    "year_conflict": -1.0,
    "only_date": -0.05,
}


def combine(features: dict[str, float], model: dict[str, float] | None = None) -> float:
    """The score of a candidate: a probability in 0-1 from its features."""
    return _probability(_logit(features, model or MODEL))


def _logit(features: dict[str, float], m: dict[str, float]) -> float:
    return m["bias"] + sum([m[k] * v for k, v in features.items() if k in m])


def _probability(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def score_question(index: Index, q: Question, restrict: set[int] | None = None, full: bool = False,
                   floor: float | None = None) -> list[Scored]:
    """The candidate facts with their scores, best first: the RERANK best covering ones, or all with
    ``full``; with ``floor``, only those scoring at least that.

    Features of a candidate (all in 0-1): ``coverage`` (share of the question's weight it matches,
    quotes counting 0.6 and tags 0.8), ``closeness`` (best weighted overlap with one of its own
    phrasings), ``phrase_cover`` (the most of the question's weight that one phrasing matches),
    ``fit`` (it can answer the kind of question: a date for "when", a number for "how many", a
    name for "who"/"where"), ``no_value`` (1 when "when" or "how many" meets a fact with no date or
    number), ``missing`` and ``worst_missing`` (weight of the question's specific words it lacks,
    in all and the heaviest one), ``unknown`` (weight of words the store does not know at all),
    ``quote_only`` (weight matched only in its quotes), ``predicate`` (1 when it lacks what the
    question asks about its subject: founded, funded, attended, led…), ``missing_name`` (1 when
    it lacks a name the question gives), ``year_conflict`` (1 when the question names a year the
    fact's time does not include; see ``_year_conflict``) and ``only_date`` (1 when a question that
    asks no time meets a fact whose short answer is only a date).
    """
    n = max(index.size, 1)
    postings = index.postings(list(q.terms))
    term_idf = {t: _idf(n, df) for t, (df, _) in postings.items()}  # what a term weighs in a phrase
    weights: dict[str, float] = {t: term_idf[t] for t in q.terms if t in term_idf}  # in the question
    for t in q.generic & weights.keys():
        weights[t] = min(weights[t], GENERIC_WEIGHT)
    for t in q.inflected & weights.keys():  # as an unknown verb or adverb form weighs (see _unknown_weight)
        weights[t] = min(weights[t], 2 * GENERIC_WEIGHT)
    unknown_weights = {w: _unknown_weight(w, q, n) for w in q.unknown}
    unknown_weights.update((t, _idf(n, 0)) for t in q.terms if t not in postings)
    total = sum(weights.values()) + sum(unknown_weights.values())
    if not weights or total <= 0:
        return []
    partial: dict[int, float] = {}
    common_df = n * (COMMON_SHARE if n > 2000 else SMALL_COMMON_SHARE)
    retrieving = [t for t, (df, _) in postings.items() if df <= common_df] or list(postings)
    for t in retrieving:
        ids = postings[t][1]
        w = weights[t] * q.terms[t]
        for rowid in ids:
            partial[rowid] = partial.get(rowid, 0.0) + w
    if len(partial) > CANDIDATES:
        # a common term retrieves nothing, but among the facts retrieved it still ranks those that have
        # it ("when does Belgium's funding end": many facts on funding, and the ones on Belgium's first);
        # (speed) only where some are left out, and not where its list is long, as in a large store
        for t, (df, ids) in postings.items():
            if df > common_df and len(ids) <= COMMON_RANKED and t not in retrieving:
                w = weights[t] * q.terms[t]
                for rowid in ids:
                    if rowid in partial:
                        partial[rowid] += w
    if restrict is not None:
        partial = {r: s for r, s in partial.items() if r in restrict}
    if len(partial) <= SORT_CANDIDATES:
        # (speed) a stable sort in C gives what heapq.nlargest gives (ties keep their order), quicker
        top = sorted(partial.items(), key=itemgetter(1), reverse=True)[:CANDIDATES]
    else:
        top = heapq.nlargest(CANDIDATES, partial.items(), key=itemgetter(1))
    rows = index.rows([r for r, _ in top])
    all_weights = {**weights, **unknown_weights}
    heaviest = max(all_weights.values())
    specific = {t: w for t, w in all_weights.items() if t not in q.generic}
    unknown_share = sum(w for t, w in unknown_weights.items() if t not in q.generic) / total
    year_weight = all_weights.get(q.year or "", 0.0)
    step_weight = sum(all_weights.get(t, 0.0) for t in q.step_terms)
    first: list[tuple[float, float, FactRow]] = []
    asked_weight = {t: weights[t] * q.terms[t] for t in weights}
    asked = list(asked_weight.items())  # (speed: a list is read faster than a dict, for every candidate)
    for row in rows:
        row_weights = row.term_weights
        # a series answers for a year by its values, so the year is not asked of its text
        denom = total - year_weight if row.key and q.year and q.year not in row_weights else total
        if row.key and step_weight:  # nor is "successor" asked of the text of a series' values
            denom -= sum(all_weights[t] for t in q.step_terms if t not in row_weights)
        got_of = row_weights.get
        got = quote_only = 0.0
        for t, wq in asked:  # (speed) most of the question's terms are not in a given fact: skipped at once
            if g := got_of(t):
                got += wq * g / 10.0
                if g == W_QUOTE:
                    quote_only += weights[t]
        first.append((got / max(denom, 1e-9), quote_only / total, row))
    first.sort(key=lambda x: -x[0])
    # facts that cover the question as well as the last one compared are compared too: a tie in
    # coverage ("member" and "IOM", in dozens of facts) is broken by the phrasings, not by row order
    rerank = RERANK
    while rerank < min(len(first), RERANK_TIES) and first[rerank][0] >= first[RERANK - 1][0]:
        rerank += 1
    sums = _phrase_sums(index, [row for _, _, row in first[:rerank]], n)
    out: list[Scored] = []
    predicates = [t for t in q.terms if t in text.PREDICATES and t not in q.generic]
    said = q.kind == "who" and "say" in q.terms
    # (a question with a rare word, "kabo" or "jalandhar students", names what it wants: a fact with
    # all of its words is not judged so, but one lacking a word of it is)
    short = len(q.terms) <= SHORT_QUESTION
    rare_word = any(len(ids) <= RARE_DF for _, ids in postings.values())
    asked_terms = set(q.terms)
    # a term the index does not know weighs 0 in a phrase (adding 0.0 leaves an fsum unchanged)
    aw = {t: asked_weight.get(t, 0.0) for t in asked_terms}
    ai = {t: term_idf.get(t, 0.0) for t in asked_terms}
    bound_phrases = floor is not None and MODEL["closeness"] >= 0 and MODEL["phrase_cover"] >= 0
    phrase_weight = MODEL["closeness"] + MODEL["phrase_cover"]
    # the role a question asks for ("the Pope") is a person's name in the store ("Amy Pope")
    title_named = q.title is not None and any(
        row.kind & NAME and q.title in _answer_terms(row) for _, _, row in first[:rerank])
    ordinals = {t for t in q.terms if _ORDINAL.fullmatch(t)} | {t for w in q.unknown if (t := text.term_of(w)) and _ORDINAL.fullmatch(t)}
    for rank, (coverage, quote_only, row) in enumerate(first if full else first[:rerank]):
        row_weights = row.term_weights
        # "Who said…?" is answered by a fact on what someone said: it names the speaker
        fit = 1.0 if _fits(q, row.kind) or (said and "say" in row_weights) else 0.0
        if fit and q.kind == "when" and not row.kind & TIME_IN_ANSWER and row_weights.get("say") == W_MAIN and "say" not in q.terms:
            fit = 0.0  # the date of what someone said (no time in its answer) is not when they took office
        elif not fit and q.kind == "where" and not q.address and row.kind & PLACE_IN_TEXT \
                and (answer_terms := _answer_terms(row)) and answer_terms <= asked_terms:
            # "In which country has IOM been present since 1973?": a short answer that only repeats the
            # question ("since 1973") leaves the place asked to the statement, which names one
            fit = WHERE_IN_TEXT_FIT
        lacking = [w for t, w in specific.items() if t not in row_weights and not (row.key and (t == q.year or t in q.step_terms))]
        features = {
            "coverage": coverage,
            "closeness": 0.0,
            "phrase_cover": 0.0,
            "fit": fit,
            # a date or a number is what "when" and "how many" want; a name may hide in a phrase
            # (and "where" a fact that names no place at all; "where did the money come from" may ask who)
            "no_value": 0.0 if fit or (q.kind not in ("when", "quantity") and not q.address and not q.places
                                       and not (q.kind == "where" and q.direction != PLACE_FROM and not row.kind & PLACE_IN_TEXT)) else 1.0,
            "missing": sum(lacking) / total,
            "worst_missing": max(lacking) / heaviest if lacking else 0.0,
            "unknown": unknown_share,
            "quote_only": quote_only,
            "predicate": 1.0 if any(t not in row_weights for t in predicates) else 0.0,
            # "the population of Brussels" is not answered by a fact on the population of another place
            "missing_name": 1.0 if any(t not in row_weights for t in q.names) else 0.0,
            "year_conflict": _year_conflict(index, q, row),
            # "What job did Rasool find?" is not answered by the year he went home: a near tie breaks
            # against a fact whose short answer is only a date, where the question asks no time
            "only_date": 1.0 if q.kind is None and row.kind & (TIME | QUANTITY | NAME | MONEY) == TIME and not q.yes_no else 0.0,
        }
        # (speed) the phrase features are added to the rest once known, not summed again
        rest = _logit(features, MODEL)
        if bound_phrases:
            # (speed) the phrase features are at most the coverage (a phrasing's words are among the
            # fact's): a fact that could not reach the floor even so is not compared phrase by phrase
            if _probability(rest + phrase_weight * min(coverage, 1.0)) < floor:  # type: ignore[operator]
                continue
        closeness = phrase_cover = 0.0
        if rank < rerank:
            best_inter = 0.0
            for p, weight in sums[row.rowid]:
                if p.isdisjoint(asked_terms):
                    continue
                common = p & asked_terms
                # exact sums (fsum), so that ties do not depend on the order of a set; the phrase's
                # words the question lacks weigh their idf: its total less the words in common
                inter = math.fsum(map(aw.__getitem__, common))
                union = total + weight - math.fsum(map(ai.__getitem__, common))
                if union > 0 and inter / union > closeness:
                    closeness = inter / union
                if inter > best_inter:
                    best_inter = inter
            phrase_cover = best_inter / total
        features["closeness"], features["phrase_cover"] = closeness, phrase_cover
        score = _probability(rest + MODEL["closeness"] * closeness + MODEL["phrase_cover"] * phrase_cover)
        answer_terms = _answer_terms(row)
        if q.kind is None and answer_terms & q.names and not answer_terms <= asked_terms:
            score *= LISTED_FACTOR  # "What did the project in Morocco do?": not "Guinea and Morocco"
        if q.counted and answer_terms and q.counted not in answer_terms \
                and not (q.counted == "people" and not answer_terms.isdisjoint(_PERSONS)):
            # "how many participants": "1,100 participants" rather than "59 countries"; and a span of
            # time ("for over 15 years") counts no people at all
            # (people and places are counted apart: "how many staff" is not answered by "175 countries")
            apart = (q.counted in _PERSONS and not answer_terms.isdisjoint(_PLACES) and answer_terms.isdisjoint(_PERSONS)) or \
                (q.counted in _PLACES and not answer_terms.isdisjoint(_PERSONS) and answer_terms.isdisjoint(_PLACES)) or \
                (q.counted in _SPANS and not row.kind & TIME_IN_ANSWER and answer_terms.isdisjoint(_SPANS))
            score *= SPAN_FACTOR if apart or not (answer_terms.isdisjoint(_SPANS) or q.counted in _SPANS) else COUNTED_FACTOR
        # (an answer of the store's most common words, "I Am a Migrant", is no mere repeat of a question
        # that has them: "What is the #MigrantHeroes campaign being turned into?")
        if answer_terms and answer_terms <= asked_terms and not q.yes_no and not (q.step and row.key) \
                and not all(t in q.generic or term_idf.get(t, 9.0) < COMMON_IDF for t in answer_terms):
            # its short answer only repeats the question: it tells the asker nothing new, and nothing
            # at all where a name or place is asked for ("Which city in Senegal…?" -> "Senegal")
            score *= ECHO_NAME_FACTOR if q.kind in ("who", "where") else ECHO_FACTOR
        if q.direction and row.kind & ((PLACE_FROM | PLACE_TO) ^ q.direction) and not row.kind & q.direction:
            score *= DIRECTION_FACTOR  # "Where were the refugees taken?": not where they came from
        if "end" in asked_terms and "begin" in row_weights and "end" not in row_weights:
            score *= OPPOSITE_FACTOR  # "When did MAGNET II end?" is not told by when it was launched
        if q.took_up and _TOLD_STARTS.isdisjoint(row_weights):
            score *= TOOK_UP_FACTOR  # "When did Swing become Director General?" is not told by a meeting he was at
        if features["predicate"] and features["worst_missing"] >= 0.99:
            score *= PREDICATE_FACTOR  # what the question asks of its subject, and its heaviest word, is not in the fact
        if q.person and (row.kind & BODY or row.kind & (PLACE | TIME_IN_ANSWER) == PLACE or (answer_terms and not row.kind & NAME)
                         or (not answer_terms and not fit and "say" not in row_weights and not ("photo" in row_weights and "photo" in asked_terms))):
            # "Who heads the Immigration Office?" is not answered by the office, nor "Who heads the Fedasil
            # cell for unaccompanied minors?" by a short answer that names no one, nor by a fact with no
            # short answer at all (unless it gives someone's words or a photograph, which name a person)
            score *= PERSON_FACTOR
        if q.duration and not row.kind & TIME_IN_ANSWER and answer_terms.isdisjoint(_SPANS):
            score *= SPAN_FACTOR  # "How long did the course last?" is not told by how many took it
        # what a fact's own phrasings ask says what it tells (a fact without aliases is not judged so)
        if q.why and not row.kind & REASON and len(row.phrases) > 2:
            score *= REASON_FACTOR  # "Why did Belgium stop funding MIDA?" is not told by when it did
        if q.kind == "who" and not row.kind & TELLS_WHO and len(row.phrases) > 2:
            score *= TELLS_WHO_FACTOR  # the store writes "Who…?" among the ways to ask a fact that tells who
        if q.manner and not row.kind & TELLS_HOW and len(row.phrases) > 2:
            score *= TELLS_HOW_FACTOR  # and "How does…?" for one that tells how something is done
        if q.upcoming:
            score *= UPCOMING_FACTOR  # the next meeting is not one a document tells of
        if q.part:
            score *= PART_FACTOR  # "How many of the migrants rescued were women?": a breakdown, which documents seldom give
        if q.outcome and (not answer_terms or row.kind & (TIME | QUANTITY | NAME | MONEY) == TIME):
            score *= OUTCOME_FACTOR  # "What was agreed at the November 2015 consultation?": not its date
        if q.thing and features["only_date"]:
            score *= THING_FACTOR  # "What job did Rasool find?": not the year he went home
        if ordinals and not ordinals & row_weights.keys() and any(_ORDINAL.fullmatch(t) for t in row_weights):
            score *= ORDINAL_FACTOR  # "the seventh meeting" is not the eighth one a fact tells of
        if q.keyword_head is not None and q.keyword_head not in row_weights:
            score *= KEYWORD_HEAD_FACTOR  # "sammy mahdi political party": not a fact that names no party
        if q.head is not None and q.head not in row_weights:
            score *= HEAD_FACTOR  # "What is the capital of the Kurdistan Region?": not a fact on the region
        if q.named_thing and (not row.kind & NAME or q.named_thing not in row_weights):
            score *= NAMED_FACTOR  # "Which Kurdish companies hired returnees?": a fact that names none
        if q.unknown_thing:
            score *= HEAD_FACTOR  # "Which airline flew the 1953 charter?": the store names no airline
        if q.role_terms and not q.role_terms <= row_weights.keys():
            score *= ROLE_FACTOR  # "Which Belgian minister announced…?" is not answered by IOM's Director General
        if q.post_terms and not q.post_terms <= row_weights.keys():
            score *= POST_FACTOR  # "Who is Belgium's foreign minister?" is not told by a fact on its development minister
        if title_named and q.title in row_weights:
            score *= TITLE_FACTOR  # "Who is the current Pope?" asks for no fact on Amy Pope
        if features["missing_name"] and _swapped(index, q, row, answer_terms):
            score *= SWAP_FACTOR
        if features["worst_missing"] >= 0.8 and coverage < MIN_COVERAGE:
            score *= 0.5  # most of the question, or its heaviest word, is not in the fact: not its answer
        elif short and (not rare_word or lacking) and closeness < SHORT_MIN_CLOSENESS and not row.key and len(row.phrases) > 2:
            # "How many countries are in Africa?": a few words a fact has, in a sentence about something
            # else (six countries of a West African project); a short question's fact says it closely
            # in one of its phrasings (a fact given aliases; a store without them is not judged so)
            score *= 0.5
        elif closeness < FAR_CLOSENESS and rank < rerank:
            score *= FAR_FACTOR  # the question's words are scattered over the fact's phrasings: none says it
        out.append(Scored(row, score, coverage, features))
    out.sort(key=lambda s: (-s.score, s.row.rowid))
    _answers_first(out)
    return out


TIE_SPAN = 50  # how far down the ranking ties are broken by the short answer


def _answers_first(out: list[Scored]) -> None:
    """Of facts with the same score as printed (3 decimals), one that gives a short answer comes
    before one that gives none: "Which issues were discussed?" is answered by the list of issues,
    not by a fact that only says there were some."""
    i, end = 0, min(len(out), TIE_SPAN)
    while i < end:
        tied = round(out[i].score, 3)
        j = i + 1
        while j < len(out) and round(out[j].score, 3) == tied:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=lambda s: not _answer_terms(s.row))  # (stable: else by score)
        i = j


def _answer_terms(row: FactRow) -> set[str]:
    """The terms of a fact's short answer (its second phrasing), none if it has no short answer."""
    return row.phrases[1] if len(row.phrases) > 1 else set()


def _year_conflict(index: Index, q: Question, row: FactRow) -> float:
    """1 when the question names a year and the fact speaks only of other times: "projects approved
    in 2019" is not answered by the count of 2014. The fact's time is the years it names, else its
    date ("the 1950s"), else its sources' time: a document published in 2015 cannot tell what
    happened in 2019, nor, with a few years' grace, what a fact it states without a year was in 2005.
    A count asked for one year is not told by a total over the years around it, nor by a count of no
    year. A series answers for a year by its values (see ``series.pick``)."""
    if q.years is None or row.key:
        return 0.0
    first, last = q.years
    span = row.years
    one_count = q.kind == "quantity" and first == last
    if span is not None:
        if one_count and span[0] < first < span[1]:
            return 1.0  # "How many refugees were resettled in 2014?": not the total of 2009 to 2015
        return 0.0 if span[0] <= last and span[1] >= first else 1.0
    fact = index.facts_by_rowid([row.rowid]).get(row.rowid)
    if fact is None:
        return 0.0
    if fact.date:
        from .dates import parse

        when = parse(fact.date)
        if when.start[:4].isdigit() and when.end[:4].isdigit():
            return 0.0 if int(when.start[:4]) <= last and int(when.end[:4]) >= first else 1.0
    if one_count:
        return 1.0
    published = _published_years(index)
    known = [published[c.source] for c in fact.citations if c.source in published]
    return 1.0 if known and (first > max(known) + 1 or last < min(known) - YEAR_GRACE) else 0.0


def _published_years(index: Index) -> dict[str, int]:
    """Each source's year of publication, read once per index."""
    cached: dict[str, int] | None = index.__dict__.get("_published_years")
    if cached is None:
        cached = {s.id: int(s.published[:4]) for s in index.sources() if s.published and s.published[:4].isdigit()}
        index.__dict__["_published_years"] = cached
    return cached


def _phrase_sums(index: Index, rows: list[FactRow], n: int) -> dict[int, list[tuple[set[str], float]]]:
    """Each row's phrasings with the total idf of their words: fixed for an index, so computed once
    per row and kept on the index (a batch reuses them)."""
    cache: dict[int, list[tuple[set[str], float]]] = index.__dict__.setdefault("_phrase_sums", {})
    todo = [row for row in rows if row.rowid not in cache]
    if todo:
        dfs = index.doc_freqs(list({t for row in todo for p in row.phrases for t in p}))
        for row in todo:
            cache[row.rowid] = [(p, math.fsum(_idf(n, dfs[t]) for t in p if t in dfs)) for p in row.phrases]
    return cache


WARM_FACTS = 20000  # a store of up to this many facts has all its phrase sums computed before a batch forks


def warm(store_or_index: object) -> None:
    """Compute, once, what every question of a batch would compute again per process: forked
    workers start with it instead of each working it out for the rows it meets."""
    index: Index = getattr(store_or_index, "index", store_or_index)  # type: ignore[assignment]
    if 0 < index.size <= WARM_FACTS:
        _phrase_sums(index, index.rows(list(range(index.size))), index.size)


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
    if q.event is not None and as_of is None:
        answers = _ask_at_event(index, q.event, limit, min_score)
        if answers is not None:
            return answers
    if q.before is not None and as_of is None:
        # "Before the fixed quotas started, how did Belgium ask…?": the question, asked of the time before
        # the event (its words describe what came later, not the answer)
        event, main = q.before
        year = int(y.group()) if (y := YEAR.search(event)) is not None else _event_year(index, event)
        if year is not None:
            q = read_question(index, main)
            q.years, q.until = (0, year - 1), str(year - 1)
    passing = _passing(index, q, min_score)
    if q.only_told and passing:
        # the post a person held before the one a fact names, the end of a post or a world ranking is
        # told only by a fact that says so
        told = _TOLD_BY[q.only_told]
        facts = index.facts_by_rowid([s.row.rowid for s in passing])
        passing = [s for s in passing if told.search(facts[s.row.rowid].statement) is not None]
    if q.report:
        # "When was the story on X published?" is not told by the date of X itself, only by a fact on the story
        story_terms = _terms_of(_STORY_WORDS)
        passing = [s for s in passing if not story_terms.isdisjoint(s.row.term_weights)]
        if not passing:
            passing = _report(index, q, min_score)
    return _answers(index, passing, q, limit, as_of)


_RANKED: Any = _Lazy(r"\b(?:largest|biggest|most(?! of)|highest|greatest|smallest|lowest|fewest|top|leading|leader|foremost)\b", re.I)
_ENDED: Any = _Lazy(r"\b(?:left|leaves|stepped down|steps down|ended|ends|until|retired|retires|succeeded|replaced|expired)\b", re.I)
_EARLIER: Any = _Lazy(r"\b(?:before (?:becoming|joining|taking|being)|previously|formerly|former|prior to|earlier career)\b", re.I)
_TOLD_BY = {"earlier": _EARLIER, "end": _ENDED, "rank": _RANKED}  # (see Question.only_told)


# the words that ask about a report rather than its subject (their terms are found on first use: a
# term may need the stemmer, which a command does not import unless a question needs it)
_REPORT_WORDS = ("author", "report", "reported", "article", "story", "news", "piece", "coverage", "covered", "byline",
                 "published", "released", "appeared", "dated", "issued", "date")


# the words that name a publication itself, not what it covers
_STORY_WORDS = ("author", "article", "story", "news", "published", "piece", "released", "byline")


@functools.cache
def _terms_of(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t for w in words if (t := text.term_of(w)))


def _report(index: Index, q: Question, min_score: float) -> list[Scored]:
    """'Who reported on Belgium's one million euro pledge?', 'When was the story on it published?': the
    fact that names the author (and the date) of the source telling of the pledge, scored as well as
    the pledge matches; [] if that source names no author, or no exact date where one is asked."""
    report_terms = _terms_of(_REPORT_WORDS)
    topic = replace(q, terms={t: w for t, w in q.terms.items() if t not in report_terms},
                    kind=None, role_terms=set(), person=False, report=None, precise=False, day=False,
                    head=None, keyword_head=None)  # ("the author of…" names what the report fact gives)
    if not topic.terms:
        return []
    told = _passing(index, topic, min_score)[:1]
    if not told:
        return []
    fact = index.facts_by_rowid([told[0].row.rowid])[told[0].row.rowid]
    sources = {s.id: s for s in index.sources() if s.author}
    for source in dict.fromkeys(c.source for c in fact.citations):
        if source not in sources:
            continue
        author, published = sources[source].author or "", sources[source].published
        if q.report == "date" and (not published or "?" in published or "X" in published):
            continue
        # the facts that name the author (found by the words of the name), whose short answer gives it
        terms = [t for t in index.words(text.words(author)).values() if t]
        postings = index.postings(terms)
        if not terms or len(postings) < len(terms):
            continue
        rowids = sorted(set.intersection(*(set(ids) for _, ids in postings.values())))
        for rowid, f in sorted(index.facts_by_rowid(rowids).items()):
            if author in (f.answer or "") and any(c.source == source for c in f.citations) \
                    and (q.report == "author" or f.date == published):
                return [Scored(index.rows([rowid])[0], told[0].score, told[0].coverage, told[0].features)]
    return []


def _passing(index: Index, q: Question, min_score: float) -> list[Scored]:
    """The candidates scoring at least ``min_score`` as printed (rounded to 3 decimals), best first."""
    return [s for s in score_question(index, q, floor=min_score - 0.0005) if round(s.score, 3) >= min_score]


EVENT_MIN_SCORE = 0.35  # how well a fact must match "Belgium signed the funding deal" to date it


def _ask_at_event(index: Index, event: tuple[str, str], limit: int, min_score: float) -> list[Answer] | None:
    """'Who led IOM when Belgium signed the funding deal?': the value of a series at the date of the
    event. None when that reading does not apply (the question part is not about a series, or the
    store has no dated fact for the event); [] when the series has no value at that date."""
    main, clause = event
    q = read_question(index, main)
    scored = _passing(index, q, min_score)
    if not scored or not scored[0].row.key:
        return None
    dated = _event_dates(index, clause)
    if not dated:
        return None
    from .dates import parse

    q.dated_by_event = True
    return _answers(index, scored, q, limit, parse(dated[0]))


def _event_dates(index: Index, clause: str) -> list[str]:
    """The dates of the facts that tell of an event ("Belgium signed the funding deal"), best first."""
    when = read_question(index, clause)
    when.kind = "when"  # the clause is asked for its date: "[when] Belgium signed the funding deal"
    happened = [s for s in score_question(index, when, floor=EVENT_MIN_SCORE) if s.score >= EVENT_MIN_SCORE][:5]
    facts = index.facts_by_rowid([s.row.rowid for s in happened])
    return [f.date or f.as_of or "" for f in (facts[s.row.rowid] for s in happened) if (f.date or f.as_of) and not f.key]


def _event_year(index: Index, clause: str) -> int | None:
    """The year an event began, from the best fact dated that tells of it; None if none does."""
    dated = _event_dates(index, clause)
    return int(dated[0][:4]) if dated and dated[0][:4].isdigit() else None


# "Who was State Secretary before Sammy Mahdi?": the one next to a person the question names
_BEFORE_NAMED = re.compile(r"\b(?:before|after)\s+(?:[A-Z][\w'’-]+\s+)*[A-Z][a-z][\w'’-]*\W*$")


def _answers(index: Index, scored: list[Scored], q: Question, limit: int, as_of: DateInfo | None) -> list[Answer]:
    # the candidates read: as many for --limit 1 as for the default, so that the first answer does
    # not depend on how many are asked for ("before Swing" finds the series at either limit)
    window = max(limit, DEFAULT_LIMIT) * 4
    facts = index.facts_by_rowid([s.row.rowid for s in scored[:window]])
    member_scores = {s.row.id: s.score for s in scored if s.row.key}
    out: list[Answer] = []
    seen_series: set[str] = set()
    if q.step:  # "before Swing": a series with a value the question names is what it asks about
        folded = text.fold(q.text[: text.MAX_QUERY_CHARS])
        keys = {facts[s.row.rowid].key for s in scored[:window] if facts[s.row.rowid].key}
        named = {k for k in keys if any(is_named(v, folded) for v in index.series(k or ""))}
        scored = sorted(scored[:window], key=lambda s: facts[s.row.rowid].key not in named)  # stable
        if q.kind == "who" and scored and (SUCCESSION.search(folded) or _BEFORE_NAMED.search(q.text[: text.MAX_QUERY_CHARS])) \
                and facts[scored[0].row.rowid].key not in named:
            # a fact that names the holder of a post does not name the one who came after, nor does
            # a series of holders that does not hold the one the question names
            return []
    for s in scored[:window]:
        fact = facts[s.row.rowid]
        if fact.key:
            if fact.key in seen_series:
                continue
            seen_series.add(fact.key)
            chosen, earlier, later = pick(index, fact, q, as_of, member_scores)
            if chosen is None:
                if not out:  # the question is about this series, at a time or step it has no value for
                    return []
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
    scored = [s for s in score_question(index, q, restrict, full=True) if s.coverage > 0]
    scored = scored[:limit] if limit else scored
    facts = index.facts_by_rowid([s.row.rowid for s in scored])
    return [Answer(facts[s.row.rowid], round(s.score, 3)) for s in scored]
