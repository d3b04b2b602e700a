"""What a fact's short answer can answer: a time, a quantity, a sum of money, a name, a place, an
address. Worked out once, when a store is indexed, and kept as bit flags with each fact's row, so
that "when" meets dates, "how many" numbers and "where" places (see ``engine._fits``).
"""
from __future__ import annotations

import functools
import re

from .model import Fact

TIME = 1  # a date or a year: what "when" asks for
QUANTITY = 2  # a number that counts or measures
NAME = 4  # a capitalised name: a person, organisation or place, what "who" asks for
MONEY = 8  # a sum of money: what "how much money" asks for
DAY = 16  # a time to the month or day: what "on what date" asks for
TIME_IN_ANSWER = 32  # a time the short answer itself gives (not only the fact's date)
ADDRESS = 64  # a web or e-mail address or a phone number
PLACE = 128  # a place: what "where" asks for
PLACE_FROM = 256  # a place people came from
PLACE_TO = 512  # a place people went to
PLACE_IN_TEXT = 1024  # the statement names some place ("in Geneva"), whatever its short answer
BODY = 2048  # the name its short answer gives is an organisation or a programme, not a person
DAY_OF_MONTH = 4096  # a time to the day: what "on which day in November" asks for
REASON = 8192  # the fact tells why: one of its phrasings asks it ("Why did Belgium…?"), or it says "because"
TELLS_WHO = 16384  # one of the fact's phrasings asks who ("Who heads…?"): it tells who did something
TELLS_HOW = 32768  # one of its phrasings asks how something is done ("How does MAGNET…?")

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_CAPITAL_MONTHS = "|".join(m.capitalize() for m in _MONTHS.split("|"))

_NUMBER_WORD = (r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred|"
                          r"thousands?|millions?|billions?|half|double|doubled|dozens?|decades?|several|"
                          r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")  # "the eighth meeting": how many so far


# A number standing on its own: not the digit of a name ("MEDMA2", "COVID-19", "iom.int/e2").
_NUMBER = (r"(?<![\w@./-])\d")

# A year is a time, not an amount: "multi-annual funding from 2017" tells no sum, "2008 to 2015" no
# count; a year-like number followed by what it counts ("1500 migrants") is one. A century is a time too.
_YEAR_LIKE = (r"\b(?:1[89]|20)\d\d(?:s)?\b(?!\s+(?!(?:to|and|or|in|on|at|by|until|till|onwards)\b)[a-z])"
              r"|\b\d{1,2}(?:st|nd|rd|th)\s+century\b")  # "the 21st Century" in a title

# A web address, an e-mail address or a phone number: what "what is the phone number of…" asks for.
_ADDRESS = r"https?://|\bwww\.|\w@\w|\b[\w-]+\.(?:com|org|int|gov|net|be|eu|ma)\b|\+\s?\d[\d ]{6,}|\b\d{3}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}\b"

# An amount of money: what "how much money" asks for.
_MONEY = (r"€|\$|£|\b(?:eur|euros?|usd|dollars?|francs?|chf|gbp)\b")

# An answer that is only a date ("1 April 2014", "2011", "December 2013", "13 December") answers "when", not "how many".
_DATE_ONLY = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\s+(?:to|until|till|-|–)\s+"  # "26 November to 5 December 1951"
              rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\s+(?:1[89]|20)\d\d"
              rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})"
              r"|(?:(?:early|late|mid|since|from|in|on|by|about|around|c\.)\s+)?"
              r"(?:between\s+\d{1,2}(?:st|nd|rd|th)?\s+and\s+|\d{1,2}\s*[-–]\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
              rf"(?:(?:{_MONTHS})\s+)?"
              r"(?:1[89]|20)\d\d(?:s|\s*[-–/]\s*(?:1[89]|20)?\d\d)?")


MONTH = rf"\b(?:{_MONTHS})\b"  # a month's name (lower case), here and in questions
_DAY_IN_ANSWER = rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b"  # "27 January", "January 27"


# A capitalised word that is not a month: a person, organisation or place.
_NAME = rf"\b(?!(?:{_CAPITAL_MONTHS})\b)[A-Z]"


@functools.cache
def _answer_patterns() -> tuple[re.Pattern[str], ...]:
    """(Compiled when a store is indexed, not by every command that only reads an index.)"""
    return (re.compile(_NUMBER_WORD), re.compile(_NUMBER), re.compile(_DATE_ONLY), re.compile(_NAME),
            re.compile(_YEAR_LIKE), re.compile(_MONEY), re.compile(MONTH), re.compile(_ADDRESS))


def answer_kind(f: Fact) -> int:
    """The bit flags (above) of what a fact can answer."""
    number_word, number, date_only, name, year_like, money, month, address = _answer_patterns()
    flags = 0
    answer = (f.answer or "").lower()
    year_in_answer = re.search(r"\b(1[89]|20)\d\d\b", answer) is not None
    if f.date or year_in_answer:
        flags |= TIME  # a time: an event's date or a year in the answer (when a series value was stated is not one)
        if year_in_answer:
            flags |= TIME_IN_ANSWER
        if re.match(r"\d{4}-\d\d", f.date or "") or month.search(answer):
            flags |= DAY  # what "on what date" asks for: the year alone does not tell it
        if re.match(r"\d{4}-\d\d-\d\d", f.date or "") or re.search(_DAY_IN_ANSWER, answer):
            flags |= DAY_OF_MONTH
    is_address = address.search(answer) is not None  # (a phone number's digits count nothing)
    # ("27 January 2015, Geneva" is a date and a place: its day counts nothing either)
    dated = date_only.fullmatch(answer.strip()) is not None or (
        date_only.fullmatch(answer_name(answer)) is not None and not re.search(r"\d", answer[len(answer_name(answer)):]))
    if not is_address and not dated and (number.search(year_like.sub(" ", answer)) or number_word.search(answer)):
        flags |= QUANTITY
        if money.search(answer):
            flags |= MONEY
    if is_address:
        flags |= ADDRESS
    if f.answer and name.search(f.answer) and not date_only.fullmatch(answer.strip()):
        flags |= NAME  # a name ("Ukraine", "early recovery in war-affected Ukraine"): what "who" and "where" ask for
        # ('Valon Halimi, Officer in Charge' is no place for being "in Charge": only the name counts)
        named = answer_name(f.answer)
        if date_only.fullmatch(named.lower()):
            named = f.answer  # "1951, in Brussels": the place follows the date
        wanted = set(re.findall(r"[A-Z][\w'’-]+", named))
        if wanted:
            if _is_place(f, wanted):
                flags |= PLACE
            flags |= _direction(f, wanted)
    if f.answer and re.search(BODY_NAME, answer_name(f.answer)):
        flags |= BODY
    if re.search(_NAMED_PLACE, f.statement):
        flags |= PLACE_IN_TEXT
    if any(re.match(_ASKS_WHY, a, re.I) for a in f.aliases) or re.search(_BECAUSE, f.statement, re.I):
        flags |= REASON
    if any(re.match(_ASKS_WHO, a, re.I) for a in f.aliases):
        flags |= TELLS_WHO
    if any(re.match(_ASKS_HOW, a, re.I) for a in f.aliases):
        flags |= TELLS_HOW
    return flags


def answer_name(answer: str) -> str:
    """The name a short answer gives, before the post or note that may follow it: 'Pascal Reyntjens'
    of 'Pascal Reyntjens, Chief of Mission', 'Camp Lavrion' of 'Camp Lavrion (Greece)…'."""
    return re.split(r"[,;(]", answer, maxsplit=1)[0].strip()


# (Pattern texts, compiled by re's own cache when a store is indexed, not when a command starts.)
# (shared with question.py, which reads a question's own opening the same way)
WHY_WORDS = r"(?:why|how come|for what reason)\b"
HOW_DONE = r"how\s+(?!(?:many|much|long|old|often|far|big|large|come|well|soon)\b)"  # how something is done, not how many
_ASKS_WHY = r"\W*" + WHY_WORDS
_BECAUSE = r"\b(?:because|due to|as a result of|owing to)\b"
_ASKS_WHO = r"\W*(?:who|whom|whose)\b"
_ASKS_HOW = r"\W*" + HOW_DONE
_FROM = r"\bfrom\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*)+)"
_TO = r"\b(?:to|into|towards?|bound for|onto)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*)+)"


def _direction(f: Fact, wanted: set[str]) -> int:
    """PLACE_FROM where the fact's statement says its answer (the capitalised words ``wanted``) is
    where people came from ("came from Albania…"), PLACE_TO where it says they went there
    ("travelling on to Seilles", "bound for New York")."""
    out = 0
    for pattern, flag in ((_FROM, PLACE_FROM), (_TO, PLACE_TO)):
        if any(wanted.intersection(m.group(1).split()) for m in re.finditer(pattern, f.statement)):
            out |= flag
    return out


# the words before a place: "a transit centre in Seilles", "bound to New York"
_BEFORE_PLACE = r"\b(?:in|to|from|at|near|across|throughout|via|between|towards?|into|outside|inside|within)\s+(?:the\s+)?"
_PLACE_AFTER = _BEFORE_PLACE + r"((?:[A-Z][\w'’.-]*\s*)+)"

# A capitalised word after "in", "at", "from"…, not a month ("in October 2016").
_NAMED_PLACE = rf"{_BEFORE_PLACE}(?!(?:{_CAPITAL_MONTHS})\b)[A-Z]"


# A name of an organisation, an office or a programme: what "who heads…" does not ask for.
BODY_NAME = (r"\b(?:[A-Z]{2,}[A-Z0-9-]*|Office|Committee|Commission|Union|Ministry|Agency|Post|Centre|Center|"
         r"Programme|Program|Project|Board|Network|Fund|Department|Directorate|Service|Government|Organi[sz]ation|"
         r"Council|Conference|Initiative|Framework|Partners?|Delegation|Institute|School|University|Association|"
         r"Foundation|Agreement|Declaration|Campaign|Group|Platform|Team|Cell|Unit|Forum|Secretariat|Authority|Alliance)\b")


def _is_place(f: Fact, wanted: set[str]) -> bool:
    """Whether a fact's short answer names a place: one of its capitalised words (``wanted``) comes
    after "in", "to", "from"… somewhere in the fact's own texts ("a transit centre in Seilles"), as a
    person's name does not ("Director General William Swing")."""
    for t in (f.statement, f.answer or "", *f.aliases, *(c.quote for c in f.citations)):
        for m in re.finditer(_PLACE_AFTER, t):
            if wanted.intersection(m.group(1).split()):
                return True
    return False
