"""Mending slips in a question's words: the store word a misspelt word stands for.

A word the store has never seen is compared with rapidfuzz against the store's vocabulary
("fonded" is "founded", "refugess" is "refugees") and against the question words ("wen" is "when").
A slip in a word that shapes how a question is read ('satnd for', 'befre') is mended before the
question is read at all. Corrections are remembered per index, so a batch pays once per word.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import text

if TYPE_CHECKING:
    from .index import Index


# Only these function words are taken as the meant word of a near miss: "king" is not a slip for
# "kind", nor "tour" for "your", but "wen" is one for "when".
_QUESTION_WORDS = ("what", "when", "where", "which", "who", "whom", "whose", "why", "how", "does", "did", "the",
                   "was", "were", "many", "much", "there", "their", "they", "with", "from", "about", "this", "that", "have")


def correct(index: Index, word: str) -> tuple[str | None, float]:
    """The store word (or function word) closest to a misspelt word: ('when', 0.86), or (None, 0)."""
    known: dict[str, tuple[str | None, float]] = index.__dict__.setdefault("_corrected", {})
    hit = known.get(word)
    if hit is None:
        if len(known) > 100000:  # (memory) a batch of endless new words
            known.clear()
        hit = known[word] = _nearest(index, word)
    return hit


def _nearest(index: Index, word: str) -> tuple[str | None, float]:
    if word.isdigit() or len(word) < 3:
        return None, 0.0
    from rapidfuzz import fuzz, process  # only questions with unknown words pay for this import
    from rapidfuzz.distance import OSA

    if len(word) <= 5:  # 'wen', 'wat', 'dose': one slip (a swap counts as one) from a question word
        near = process.extractOne(word, _QUESTION_WORDS, scorer=OSA.distance, score_cutoff=1)
        # ('died' is a word of its own, a past tense, not a slip for 'did')
        if near is not None and abs(len(near[0]) - len(word)) <= 1 and not (word.endswith("ed") and not near[0].endswith("ed")):
            return near[0], 0.9
    if len(word) < 4:
        return None, 0.0
    choices: list[str] = index.__dict__.get("_correction_choices") or index.__dict__.setdefault(
        "_correction_choices", [*text.STOPWORDS, *index.vocabulary()])  # (speed) built once per index
    # two letters side by side swapped ('modle' for 'model') is the commonest slip: a word with the
    # same letters one swap away comes before one a letter longer that ratio scores higher ('module')
    known: set[str] = index.__dict__.get("_correction_set") or index.__dict__.setdefault("_correction_set", set(choices))
    for i in range(len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if swapped != word and swapped in known and not _negates(word, swapped):
            return swapped, 0.9
    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=88)
    if hit is not None:
        if _negates(word, hit[0]):
            return None, 0.0
        return hit[0], hit[1] / 100.0
    if len(word) >= 5:  # one slip in a longer word ('refugess'), or two letters swapped ('stnad'), which ratio scores low
        near = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=1)
        if near is not None and abs(len(near[0]) - len(word)) <= 1 and (len(word) >= 6 or sorted(near[0]) == sorted(word)):
            return near[0], 0.88
        if near is not None and len(near[0]) == len(word) == 5 and near[0][0] == word[0]:
            # one letter wrong in a five-letter word ('tuday', 'yeurs'), where no other store word is as near
            others = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=2)
            if len(others) == 1:
                return near[0], 0.85
    if len(word) >= 4:  # double letters written single, or single ones doubled ('anualy', 'jobb')
        single = _single(word)
        for near in process.extract(word, choices, scorer=OSA.distance, score_cutoff=2, limit=20):
            if near[0][0] == word[0] and _single(near[0]) == single and not _negates(word, near[0]):
                return near[0], 0.85
    if len(word) >= 7:  # two slips in a long word ('artical'), the first letters right
        near = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=85)
        if near is not None and near[0][:2] == word[:2] and not _negates(word, near[0]):
            return near[0], 0.85
        # two letters in each other's place, not side by side ('precense'), which ratio scores low
        near = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=2)
        if near is not None and near[0][:2] == word[:2] and sorted(near[0]) == sorted(word):
            return near[0], 0.85
    return None, 0.0


def _single(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


SOLID_CHECK_LIMIT = 50000  # (speed) parts in more facts than this are not compared: the word is taken whole


def written_solid(index: Index, joined: str | None, parts: list[str | None]) -> bool:
    """Whether some fact has the joined word without all of its parts: it writes it as one word
    ("multiannual"), so a question's "multi-annual" must be asked as one word to find that fact."""
    if joined is None or any(p is None for p in parts):
        return True
    posts = index.postings([joined, *parts])  # type: ignore[list-item]
    if joined not in posts or any(p not in posts or posts[p][0] > SOLID_CHECK_LIMIT for p in parts):  # type: ignore[operator]
        return True
    with_parts = set.intersection(*(set(posts[p][1]) for p in parts))  # type: ignore[index]
    return any(r not in with_parts for r in posts[joined][1])


_NEGATING = ("un", "non", "in", "im", "dis", "ir", "il")


def _negates(word: str, other: str) -> bool:
    """'unemployment' is no slip for 'employment': a prefix that turns a word into its opposite."""
    return any(word == p + other or other == p + word for p in _NEGATING)


def plausible(index: Index, word: str, term: str) -> bool:
    """Whether an unseen word really is a form of the store's term ('foundations' of 'found'), not a
    misspelling that happens to stem like another word ('fonded' like the French 'fonds')."""
    from rapidfuzz import fuzz

    best = max((fuzz.ratio(word, w) for w in index.words_of(term)), default=0.0)
    if best < 75:
        return False
    # 'directer' stems like 'direct', but is one letter from 'director': a store word one letter
    # away is meant
    nearer, _ = correct(index, word)
    if nearer is None or len(nearer) != len(word) or sum(a != b for a, b in zip(word, nearer)) != 1:
        return True
    return index.words([nearer]).get(nearer) == term


# Words that shape how a question is read before any word is looked up: the parts of the phrases
# text.py joins, ordinals, and the cues of time and order.
_CUE_WORDS = frozenset(
    "stand stands stood short full made take takes took taking part central african republic european union "
    "united nations member states money send transfer strings attached each every year annum home back "
    "percent first second third fourth fifth sixth seventh eighth ninth tenth before after previous prior "
    "earlier preceded predecessor succeeded successor replaced next until since current currently latest "
    "newest today present still when where which whose what many much".split())


# Slips in the short question words, too short to be mended by their distance alone ("went" is one
# slip from "when" too): "wat job did Rasool find", "wich project made…".
_QUESTION_WORD_SLIPS = {
    "wat": "what", "wot": "what", "wht": "what", "waht": "what", "whta": "what", "whay": "what",
    "wen": "when", "whn": "when", "wehn": "when", "whne": "when",
    "wich": "which", "whic": "which", "whcih": "which", "wihch": "which", "whihc": "which", "whch": "which",
    "wher": "where", "whre": "where", "wehre": "where", "hwere": "where",
    "hw": "how", "hwo": "how", "hpw": "how",
}
_SLIP = re.compile(r"(?<![\w'’-])(" + "|".join(_QUESTION_WORD_SLIPS) + r")(?![\w'’-])", re.I)


def mend_cue_words(index: Index, question: str) -> str:
    """The question with a slip mended in a word that shapes how it is read ('satnd for', 'fisrt',
    'befre', 'Centarl African Republic', 'wat'): a phrase or a cue is recognised before words are
    looked up, so the later correction of single words comes too late for these."""
    question = _SLIP.sub(lambda m: _QUESTION_WORD_SLIPS[m.group(1).lower()], question[: text.MAX_QUERY_CHARS])
    tokens = {t for t in re.findall(r"[A-Za-z]{4,}", question[: text.MAX_QUERY_CHARS])
              if t.lower() not in _CUE_WORDS and t.lower() not in text.STOPWORDS and not text.is_word_of_its_own(t.lower())}
    if not tokens:
        return question
    known = index.words([t.lower() for t in tokens])
    unknown = sorted(t for t in tokens if t.lower() not in known)
    if not unknown:
        return question
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    for token in unknown:
        word = token.lower()
        near = process.extractOne(word, _CUE_WORDS, scorer=OSA.distance, score_cutoff=1)
        # one slip in a word of five letters or more; a swap of two letters in a shorter one
        if near is not None and abs(len(near[0]) - len(word)) <= 1 and (len(word) >= 5 or sorted(near[0]) == sorted(word)):
            mended = near[0].capitalize() if token[0].isupper() else near[0]
            question = re.sub(rf"(?<![\w'’-]){re.escape(token)}(?![\w'’-])", mended, question)
    return question
