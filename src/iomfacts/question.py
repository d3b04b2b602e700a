"""Reading a question: its index terms, the kind of answer it wants, and its cues of time and names.

A question goes through the same text processing as the facts (see ``text.py``). Words the store
has never seen are corrected against its vocabulary (see ``spelling.py``), and words that stay
unknown are kept apart, since they count against every fact (see ``engine.py``). The first question
word sets the kind ("when", "how many", "who", "where"); a year or decade (and the years a fact may speak of), "current", "before"/"after", a yes/no form and
the names the question gives (its capitalised words, or the store's entity names in a question all
in lower case) are noted for the engine. A cue naming a document ("according to the 2016 article")
is taken out: it says which source, not what is asked.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import spelling, text
from .answers import BODY_NAME, HOW_DONE, MONTH, PLACE_FROM, PLACE_TO, WHY_WORDS
from .errors import UsageError

if TYPE_CHECKING:
    from .index import Index


class _Lazy:
    """A pattern compiled on first use: most questions need few of the rarer cues, and a command
    reads one question (compiling them all would cost every command a few milliseconds)."""

    __slots__ = ("_args", "_re")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._re: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if self._re is None:
            self._re = re.compile(*self._args)
        return getattr(self._re, name)

# A word between "which"/"what" and the noun that names what is asked ("which six countries",
# "what was the total budget"), but not a verb: "what did the city do" asks no place.
_NOT_VERB = r"(?!(?:is|was|are|were|did|do|does|has|have|had|can|could|will|would)\b)"
_WHEN = re.compile(r"\b(?:since|when)\W*$|^\W*(?:and |so |but )?when\b|\bwhen (?:did|was|were|is|does|do|will|has|had|are)\b|\b((?:what|which) (?:exact |precise |specific )?(?:year|date|day|month)|since when|how long ago|how old\b|how long (?:has|have|had)\b|date of|dates? (?:of|did)|year of)\b")
_QUANTITY = re.compile(r"(?<!\bin )\btotal\b(?!\s+(?:of|for)\b)|\b(?:the|latest|newest|current|overall|grand|recent) total (?:of|for)\b|\b(how many|what number of|how much|number of|what percentage|what share|how large|how big|what amount|how long|what proportion|how often|count of|amount of|what size)\b"
                       r"|\bwhat (?:is|was|are|were) the (?:total |annual |yearly |overall )?(?:budget|population|salary|amount|cost|price|rate|percentage|share|size|value|gdp|number|figure|count|sum)\b"
                       # "What is Belgium's yearly resettlement quota?" asks for a number too
                       r"|\bwhat(?:'s| is| was| are| were) (?:the |its |their |\w+'s |\w+s' )?(?:" + _NOT_VERB + r"[\w']+ ){0,5}?(?:budget|population|salary|quota|headcount|turnover|gdp)s?\b")
_WHO = re.compile(r"\b(who|whom|whose|(?:which|what) (?:" + _NOT_VERB + r"\w+ ){0,2}?"
                  r"(?:person|persons|official|officials|minister|ministers|politician|politicians|diplomat|diplomats|spokesperson|"
                  r"journalist|journalists|reporter|reporters|writer|writers|author|authors|photographer|photographers))\b")
_WHERE = re.compile(r"\b(where|(?:which|what) (?:" + _NOT_VERB + r"\w+ ){0,3}?(?:country|countries|city|cities|town|towns|place|places|region|regions|district|districts|location|locations|venues?|buildings?(?! blocks?)|airport))\b")
_NOW_WORDS = r"currently|now|today|presently|nowadays|at the moment(?=\s*(?:[?.!,;]|$))|these days|still"  # the time asked is now
_CURRENT = re.compile(rf"\b(current|present(?! (?:in|at|on|across)\b)|latest|newest|{_NOW_WORDS})\b")
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_MONTH_NAME: Any = _Lazy(MONTH)
_NOW: Any = _Lazy(rf"\b(?:{_NOW_WORDS})\b")
_PREVIOUS = re.compile(r"\b(before|preceded|predecessor|previous|prior to|earlier than)\b")
TAKE_OVER = r"(?:took|takes|take|taken|taking) over from"
TOOK_OVER_VERB = r"(?:succeed|succeeded|replace|replaced|take over from)"  # "Who did X …?"
_NEXT = re.compile(rf"\b(after|succeed|succeeds|succeeded|successor|replaced|next|{TAKE_OVER})\b")
# "Who did Vitorino succeed?": the one named took over, so the one asked came before
_STEP_VERBS = frozenset({"succeed", "succeeded", "replace", "replaced", "took", "take", "takes", "taken", "taking", "over"})
_TOOK_OVER: Any = _Lazy(rf"\bwho(?:m)?\s+(?:did|does|has|had)\s+(?:[\w'.-]+\s+){{1,4}}?{TOOK_OVER_VERB}\b")
_DECADE: Any = _Lazy(r"\b(19\d0|20\d0)['’]?s\b")
_DECADE_CLUES = ("0s", "0's", "0’s")  # (a decade is written so)
# "How much money did Belgium pledge?" asks for a sum: a count or a year does not answer it
# ("how much of the grant" asks for a share, and "how much did returns grow" for no money at all).
_MONEY: Any = _Lazy(r"\bhow much (?!(?:of|percent|procent|per cent)\b)(?:\w+\W+){0,6}?(?:money|funding|funds?|financing|finance|budget|cash|euros?|dollars?"
                    r"|cost|costs|costed|pay|paid|pays|spend|spent|spends|pledge|pledged|pledges|give|gave|given|gives"
                    r"|donate|donated|donates|contribute|contributed|contributes|contribution|grant|grants|granted"
                    r"|earn|earns|earned|earning|earnings|put|puts|putting|invest|invests|invested|investing|allocate|allocated|allocates"
                    r"|commit|commits|committed|pour|poured|pours|channel|channelled|channeled|devote|devoted|set aside)\b"
                    # "What was the total budget of…?", "What fee does O-REMIT charge?", "What did it cost?": a sum too
                    r"|\bwhat (?:did|does|do|will|would) (?:[\w']+ ){0,10}?cost\b"
                    r"|\b(?:grant|funding|contribution|donation|budget)\s+(?:amount|size|total)s?\b"
                    r"|\b(?:what|which)(?:'s| is| was| are| were)? (?:the |its |their |\w+'s |\w+s' )?(?:" + _NOT_VERB + r"[\w']+ ){0,5}?"
                    r"(?:budget|budgets|cost|costs|price|prices|salary|salaries|wage|wages|fee|fees|sum)\b")
# "On what date…?" asks for a day or a month, which a year alone does not give.
_PRECISE: Any = _Lazy(r"\b(?:what|which|exact|the) (?:date|dates|day|month)\b(?! of\b)")
# "How many participants…": the thing counted, which a fact's short answer names ("1,100 participants").
_COUNTED: Any = _Lazy(r"\b(?:how many|number of)\s+(?:(?:different|individual|separate|distinct|foreign|other|more|new|of|the)\s+)*"
                      r"([a-z]{3,})(?:\s+([a-z]{3,}))?")
# (the second word names what is counted where the first qualifies it, "international migrants",
# but not where it is a verb or the rest of the question, "people attended", "migrants are there")
_COUNTED_NOT = frozenset("are were was is did does have has had will would can could there from in on at of to "
                         "for with by who that which".split())
_ASKS_ADDRESS: Any = _Lazy(r"\b(?:(?:tele)?phone (?:number|numbr|no)|phone|web ?sites?|web ?address|url|e-?mail(?: address)?|contact details)\b")
# "What job did X have before becoming…", "Where did X work before joining…", "X's previous job"
_EARLIER_CAREER: Any = _Lazy(
    r"\b(?:job|jobs|work|worked|working|do|position|post|role|career|posted|employed|hold|held|office)\b[^?]*?"
    r"\b(?:before|prior to)\s+(?:becoming|joining|taking|being|(?:he|she|they) (?:became|joined|took))\b"
    r"|\bprevious(?:ly)?\s+(?:job|post|role|position|career|employer)\b")
_POST_END: Any = _Lazy(
    r"\b(?:term|tenure|mandate)\b[^?]{0,40}\b(?:end|ended|ends|ending|expire|expired|expires|finish|finished|over)\b"
    r"|\b(?:step|stepped|steps|stepping) down\b|\b(?:leave|left|leaves|leaving) (?:office|the post|his post|her post|the job)\b"
    r"|\bretire[ds]?\b|\bretirement\b")
_ASKER_CLUES = ("i'm", "i’m", "i am", "i read", "i heard", "i saw", "i want", "i need", "i would", "i'd", "my ", "for a ",
                "for an ", "looking at")
_ASKER: Any = _Lazy(
    r"\b(?:for|in) (?:my|a|an|our)\s+(?:[\w-]+\s+){0,2}?(?:essay|paper|thesis|class|course|project|presentation|homework|"
    r"assignment|dissertation|blog|talk|lecture|seminar|research)(?:\s+(?:intro|introduction|conclusion))?\b"
    r"|\bi(?:'m|’m| am)\s+(?:currently\s+)?(?:writing|researching|profiling|working|following|citing|quoting|looking|reading|"
    r"studying|preparing|doing|checking|fact-checking)\b(?:\s+(?:up\s+)?(?:on|into|about|at))?"
    r"|\bi (?:read|heard|saw|noticed|learned|learnt|understand)(?: (?:that|somewhere|online))?\b"
    r"|\bi(?: want| need| would like|'d like|’d like)(?: to)? (?:quote|cite|know|check|find out|understand|confirm)\b"
    r"|^\s*looking at\b", re.I)
_WORLD_RANK: Any = _Lazy(
    r"\b(?:largest|biggest|most|highest|greatest|smallest|lowest|fewest|top|leading)\b[^?]*\b(?:in the world|worldwide|globally|on earth)\b"
    r"|\bworld'?s (?:largest|biggest|most|highest|greatest|smallest|lowest|top|leading)\b")
_NOW_KNOWN_AS: Any = _Lazy(r"\b(?:the |an? )?(?:organi[sz]ation|body|agency|committee|institution|group)\s+"
                           r"(?:(?:that|which) (?:is|was) |(?:that|which) )?(?:now|today|later|eventually)\s+"
                           r"(?:(?:known|called|named|renamed) (?:as )?|became |becomes |is )?")
# "…according to its website" names where a figure is read, not an address asked for
_ADDRESS_AS_SOURCE: Any = _Lazy(r"\b(?:according to|as (?:stated|given|listed|shown|said|published) (?:on|in|by)|per)\b[^?]{0,60}\bweb ?(?:sites?|pages?)\b")
_FIRST: Any = _Lazy(r"\b(?:very first|first|original|originally|earliest|initial|initially)\b")
_TOOK_OVER_CLUES = ("succeed", "replace", "take over")
_CONTEXT_CLUES = (" when ", " while ", " at the time ", " at the moment ", " by the time ")
_FIRST_CLUES = ("first", "origin", "earliest", "initial")
_ADDRESS_CLUES = ("phone", "web", "url", "mail", "contact")
_MONEY_CLUES = ("how much", "budget", "cost", "price", "salar", "wage", "fee", "sum", "amount", "size", "total")


def _has(folded: str, clues: tuple[str, ...]) -> bool:
    return any(c in folded for c in clues)


_YES_NO = re.compile(r"^\W*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|isn't|aren't|wasn't|didn't|doesn't)\s+\w")
_PERIOD: Any = _Lazy(r"\b(?:from|between) (19\d\d|20\d\d)\b\D{0,40}?\b(?:until|till|to|and)\b\D{0,40}?\b(19\d\d|20\d\d)\b")
# "before 1989", and "before it became IOM in 1989": the value of the year before
_BEFORE_YEAR = re.compile(r"\b(?:before|until|prior to|up to)\s+(?:(?:it|they|he|she|the|its|iom)\b[^?.,;]{0,80}?\b(?:in|by)\s+)?(19\d\d|20\d\d)\b")


@dataclass
class Question:
    """A question read into weighted terms."""

    text: str
    terms: dict[str, float] = field(default_factory=dict)  # term -> match strength (1 exact, <1 corrected)
    unknown: list[str] = field(default_factory=list)  # words the store does not know, even corrected
    generic: set[str] = field(default_factory=set)  # terms and unknown words that weigh little (text.GENERIC)
    kind: str | None = None  # when | quantity | who | where
    precise: bool = False  # a time to the month or day ("on what date…")
    day: bool = False  # a time to the day, where the question names the month
    counted: str | None = None  # the term of what "how many" counts ("participants")
    money: bool = False  # a quantity that is a sum of money ("how much money…", "how much did it cost")
    year: str | None = None  # a year named in the question
    until: str | None = None  # the year whose values a series should answer with
    decade: int | None = None  # "in the 1980s" (and no year): a series answers with the value of most of it
    address: bool = False  # "what is the phone number / web address / e-mail of…": a way to reach
    first: bool = False  # "the first Director General", "IOM's original name": a series' first value
    years: tuple[int, int] | None = None  # the years a fact may speak of (first, last); None: any
    current: bool = False
    yes_no: bool = False  # "Is IOM part of the UN system?": a fact that repeats the question answers it
    step: int = 0  # -1 "before X", +1 "after X": the value next to the one the question names
    step_terms: set[str] = field(default_factory=set)  # its terms that ask for the step ("successor")
    names: set[str] = field(default_factory=set)  # terms of the names it gives ("Universal Postal Union")
    event: tuple[str, str] | None = None  # "who led IOM when Belgium signed…": (the question, the event)
    before: tuple[str, str] | None = None  # "Before the quotas started, how…?": (the later event, the question)
    title: str | None = None  # "Who is the current Pope?": the term of the role asked for
    head: str | None = None  # "What is the capital of…": the term of what is asked of the thing named
    keyword_head: str | None = None  # "mipex score of belgium": the same, in keywords (weighed less)
    places: bool = False  # "Which six countries…": a list of places, which only a fact naming them answers
    countries: bool = False  # "Which country…": a place that also acts (funds, joins), not only a location
    thing: bool = False  # "What job did…": a thing is asked for, which a date alone does not name
    upcoming: bool = False  # "Where will the next partner meeting be held?": an event still to come
    unknown_thing: bool = False  # "Which airline…?": what is asked for is a kind of thing the store never names
    part: bool = False  # "How many of the 120 participants joined online?": a part of a whole, which a total does not tell
    outcome: bool = False  # "What was agreed at the consultation?": what came of an event, which its date does not tell
    # terms of its verb and adverb forms ('soured', 'coaxed', 'mostly'), which a paraphrase chooses
    # more freely than its nouns: a rare one weighs no more than an unknown one (see engine)
    inflected: set[str] = field(default_factory=set)
    named_thing: str | None = None  # "Which companies hired…?": the term of a kind of body asked for by name
    role_terms: set[str] = field(default_factory=set)  # the role a who-question names ("minister")
    post_terms: set[str] = field(default_factory=set)  # the words naming the kind of post asked for ("foreign")
    person: bool = False  # "Who heads the Immigration Office?": a person is asked for, not a body
    span: bool = False  # "How long has…": a start ("since 1973") or a length of time ("two decades") answers
    why: bool = False  # "Why did Belgium stop…?": a reason, which only a fact that tells one gives
    manner: bool = False  # "How did MAGNET get returnees into jobs?": a way of doing, not a count or a time
    duration: bool = False  # "How long did the meeting last?": a length of time, which a count of people is not
    dated_by_event: bool = False  # its time is the date of an event it names ("when the deal was signed")
    took_up: bool = False  # "When did Amy Pope become Director General?": the start of a post or a state
    direction: int = 0  # answers.PLACE_FROM "where did they come from", PLACE_TO "…were they taken"
    # "Who reported on Belgium's pledge?", "When was the story on it published?": the author or the date
    # of a report, whose subject is the rest of the question ("author" | "date")
    report: str | None = None
    # what only a fact that says so tells: a person's earlier career ("What did Amy Pope do before
    # becoming Director General?"), the end of a post ("When did Swing's term end?") or a world
    # ranking ("Which country hosts the most refugees in the world?") ("earlier" | "end" | "rank")
    only_told: str | None = None


_COMPARISON = re.compile(r"\b(compare[ds]?|comparison|comparing)\b")


def _kind(folded: str) -> str | None:
    if _COMPARISON.search(folded):
        return None  # "how did its number of returns compare…" asks how, not how many
    if _has(folded, ("why", "how come", "reason", "what")) and _WHY.match(folded):
        return None  # "Why did the number of newcomers keep climbing?" asks a reason, not a number, as "What made…" does
    if _has(folded, (",", ";", ":")) and (lead := _LEADING_CLAUSE.match(folded)) is not None:
        folded = folded[lead.end():]  # "When the crisis began, how many people needed aid?" asks how many
    # the question word that comes first is the one asked: "Where were the refugees who flew…" asks
    # where, and "who" only starts a clause about them
    found = sorted((m.start(), i, name) for i, (name, pattern) in enumerate((("when", _WHEN), ("quantity", _QUANTITY), ("who", _WHO), ("where", _WHERE)))
                   if (m := pattern.search(folded)) is not None)
    if len(found) > 1 and found[0][2] == "who" and (m := _RELATIVE_WHO.match(folded)) is not None and m.end() - 3 == found[0][0]:
        found.pop(0)  # "The refugees who flew into Brussels, where were they headed?": 'who' starts a clause on them
    elif found and found[0][2] == "who" and _AFTER_NOUN_WHO.match(folded, 0, found[0][0] + 3) is not None:
        found.pop(0)  # "What work did the man who went home find?": no question of who
    if not found and _QUESTION_WORD.search(folded) is None:  # keywords that end on what they ask
        if _has(folded, _COUNT_CLUES) and _KEYWORD_COUNT.search(folded):
            return "quantity"  # "medma businesses created number"
        if _has(folded, ("date", "year")) and _KEYWORD_WHEN.search(folded) and _YES_NO.match(folded) is None:
            return "when"  # "amy pope start date"
    return found[0][2] if found else None


# Keywords (no question word) that end on what they ask: a figure ("medma businesses created number"),
# a sum ("magnet ii budget") or a time ("amy pope start date"), as "how many", "how much" and "when"
# do; not where the sum is only what someone pays into ("largest contributors iom budget") or the
# subject itself ("remittance costs"). A start date, or a year or date that opens them, asks a time
# wherever it stands ("amy pope start date as dg", "year belgium passed trafficking law").
_QUESTION_WORD: Any = _Lazy(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b")
_COUNT_CLUES = ("number", "amount", "total", "count", "figure", "sum", "size")
_KEYWORD_COUNT: Any = _Lazy(r"\b(?:number|numbers|amount|amounts|total|count|figure|figures|sum|size)\W*$")
_KEYWORD_MONEY: Any = _Lazy(r"^(?!.*\b(?:contributors?|funders?|donors?|payers?|shares?|partners?|members?)\b)"
                            r".*(?:\b(?:budget|budgets|price|prices|salary|salaries|wage|wages|fee|fees)|(?<!remittance )(?<!remittances )(?<!transfer )\bcosts?)\W*$")
_KEYWORD_WHEN: Any = _Lazy(r"\b(?:(?:start|starting|end|ending|launch|birth|founding|opening|signing|closing) (?:year|date)\b|(?:date|dates)\W*$)"
                           r"|^\W*(?:year|date)\s+(?!of\b)")

_MANNER: Any = _Lazy(r"\W*(?:(?:so|and|but|then)\s+)?" + HOW_DONE)
_WHY: Any = _Lazy(r"\W*(?:(?:so|and|but|then)\s+)?(?:" + WHY_WORDS + r"|what (?:made|makes|caused|causes|drove|drives|pushed|"
                  r"triggered|sparked|fuelled|fueled|explains|explained|(?:is|was) behind)\b)")
# A clause of time that opens the question, before the question word that asks
_LEADING_CLAUSE: Any = _Lazy(r"\W*(?:when|while|once|after|as|before|prior to)\s[^,?;:]{3,100}?[,;:]\s*(?=(?:who|whom|what|which|how|where|in what|in which)\b)")
# A preface that says why the question is asked ("For my essay on …: what…"), left out before it is read
_PREFACE: Any = _Lazy(r"^\W*(?:for|i'?m|i am|im|i'?ve|we'?re|quick|question|hi|hello|hey|as an?|writing|doing|working|researching|context|background)\b"
                      r"[^?:;]{4,80}?[:;]\s+(?=(?:who|whom|what|which|when|where|how|is|are|was|were|did|does|do|can)\b.{12,})", re.I | re.S)
# "How did Belgium ask for resettlement before its quota programme started?": the same, asked last
_TRAILING_BEFORE: Any = _Lazy(r"\s(?:before|prior to)\s+((?:the|its|their|his|her|it|he|she|they|belgium|iom)\b[^,?;:]{3,100}?"
                              r"\b(?:started|start|starts|began|begun|begin|became|become|came|launched|introduced|signed|opened|took|set up|was|were)\b[^,?;:]{0,60}?)\W*$")
# "Before the fixed quotas came in, how did Belgium ask for resettlement?": the time before a later event
_LEADING_BEFORE: Any = _Lazy(r"\W*(?:before|prior to)\s+([^,?;:]{3,100}?)[,;:]\s*(?=(?:who|whom|what|which|how|where|when|in what|in which|did|does|was|were|is|are)\b)")


# A "who" after a word that is no verb, preposition or conjunction ("out of everyone who went home, what
# share…"): a clause on that word, where another question word follows
_AFTER_NOUN_WHO: Any = _Lazy(r".*\b(?!(?:and|but|so|or|me|us|them|him|her|know|knows|tell|ask|asked|asks|wonder|say|said|see|find|out|of|about|to|by|with|"
                             r"for|from|is|was|are|were|on|in|at|as|if|whether|exactly|then|than|because)\b)[a-z]+\s+who$", re.S)
# A "who" after a noun that opens the question ("The refugees who…") begins a clause about it, not the question.
_RELATIVE_WHO: Any = _Lazy(r"\W*(?:the|a|an|those|these|that|this)\s+(?:[\w'’-]+\s+){0,4}?(?!(?:me|us|know|tell|ask|is|was|are|were)\b)[\w'’-]+\s+who\b")


_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


def _without_acronyms(question: str, folded: str) -> str:
    """The folded question without its acronyms, to read its kind: "the COST framework" is a name,
    not a price. A question all in capitals keeps its words."""
    if not any(c.islower() for c in question[: text.MAX_QUERY_CHARS]) or not _ACRONYM.search(question):
        return folded
    return text.fold(_ACRONYM.sub("X", question[: text.MAX_QUERY_CHARS]))


# Abbreviations of a hurried question ("eu-iom framework yr est.", "no. of staff", "in the 50s"),
# written out before the question is read (compiled on first use: most questions hold none).
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\byrs\b\.?", "years"), (r"\byr\b\.?", "year"), (r"\bgov(?:'|’)?t\b\.?", "government"),
    (r"\bdept\b\.?", "department"), (r"\bint(?:'|’)?l\b\.?", "international"), (r"\bapprox\b\.?", "approximately"),
    (r"\b(?:no|nr)\.(?=\s*(?:of\b|\d))", "number"), (r"\best(?:d|\.)(?=\W|$)", "established"),
    (r"\bdev\b\.?", "development"), (r"\bmgmt\b\.?", "management"),
    (r"\b(?:the\s+)?['’]?([4-9]0)['’]?s\b", r"the 19\1s"),  # "in the 50s": the 1950s
    (r"^(\W*)were (?=(?:did|does|do|is|was|are|can|could|will|would|has|have|had)\b)", r"\1where "),  # "were did…"
    (r"\bwhats\b", "what is"), (r"\bwhos\b", "who is"), (r"\bwheres\b", "where is"),
    (r"\bnumber one\b", "main"),  # "the number one priority" asks no number
    (r"\bfifties\b", "1950s"), (r"\bsixties\b", "1960s"), (r"\bseventies\b", "1970s"), (r"\beighties\b", "1980s"),
    (r"\bnineties\b", "1990s"),  # "in the late eighties"
)
_ABBREVIATION_CLUES = ("were ", "yr", "gov", "dept", "int", "approx", "no.", "nr.", "est", "dev", "mgmt", "0s", "whats", "whos", "wheres",
                       "number one", "ties")


# "Where was Amy Pope born?": a person's birth, which no founding ("IOM was born in 1951") tells
_PERSON_BORN: Any = _Lazy(r"\b(?:was|is|were)\s+((?:[A-Z][a-z][\w'’-]*\s+){2,4})born\b")


_CONCEPT_TERMS = frozenset(text.SYNONYMS.values())  # (a word of a concept, 'founded' of 'begin', keeps its weight)


def _inflected(word: str) -> bool:
    """A verb or adverb form: three letters or more before -ed, -ing or -ly."""
    return (len(word) >= 5 and word.endswith(("ed", "ly"))) or (len(word) >= 6 and word.endswith("ing"))


_SINCE_IN: Any = _Lazy(r"\bsince when (?:is|are|was|were)\b(?! been\b)[\w' ]*?( in )\w|\w( in )\w+(?: \w+)? since(?: when)?\W*$")


# "What was X about?" asks its subject (a word the stop list drops). ("What is X for?" is not read as
# asking its purpose: "What does the Development Fund give money for?" asks what it funds.)
_ABOUT: Any = _Lazy(r"^\W*what(?:'s| is| was| are| were| did| does| do)\b.*\babout\W*$")


def _expanded(question: str) -> str:
    if "born" in question and (m := _PERSON_BORN.search(question)) is not None and not re.search(BODY_NAME, m.group(1)):
        question = question[: m.end() - 4] + "birthplace" + question[m.end():]
    if "WHO" in question and not question.isupper():
        # "Where is the WHO headquartered?", "What does WHO stand for?": the World Health Organization,
        # not a question word (which opens a question, or is written in lower case)
        question = re.sub(r"(?<=\w)(\W+)WHO\b", r"\1World Health Organization", question)
    lowered = question[: text.MAX_QUERY_CHARS].lower()
    if "now" in lowered and (m := _NOW_KNOWN_AS.search(lowered)) is not None:
        # "the organisation now known as IOM" is IOM: a description, neither a name asked nor now
        question = question[: m.start()] + " " + question[m.end():]
        lowered = question[: text.MAX_QUERY_CHARS].lower()
    if "since" in lowered and (m := _SINCE_IN.search(lowered)) is not None:
        # "Since when is IOM in Belgium?", "iom in belgium since": being somewhere since a time is a presence there
        at = m.start(1) if m.group(1) else m.start(2)
        question = question[:at] + " presence" + question[at:]
        lowered = question[: text.MAX_QUERY_CHARS].lower()
    if lowered.rstrip(" ?.!").endswith(" about") and _ABOUT.search(lowered) is not None:
        question += " topic"  # "What was the December meeting mostly about?": its subject
        lowered = question[: text.MAX_QUERY_CHARS].lower()
    if not any(c in lowered for c in _ABBREVIATION_CLUES):
        return question
    for pattern, written in _ABBREVIATIONS:
        question = re.sub(pattern, written, question, flags=re.I)
    return question


# Keywords that end on a word of what is asked ("sammy mahdi political party"), except the words that
# only ask a kind of answer (a date, a number, a place, a name) or an aim or a reason, which a fact
# gives without saying the word
_KEYWORD_HEAD_MAX = 7  # words: a longer question without a question word reads as a sentence
_NOT_KEYWORD_HEAD = frozenset(
    "year years date dates when number numbers name names amount total count figure figures sum size where who "
    "country countries city cities place places location locations purpose purposes aim aims goal goals objective "
    "objectives role roles source sources reason reasons topic topics challenge challenges issue issues meaning "
    "result results outcome outcomes focus".split())


def read_question(index: Index, question: str) -> Question:
    """Terms, kind, year and time cues of a question."""
    if not isinstance(question, str) or not question.strip():
        raise UsageError("the question is empty: ask something, e.g. iomfacts ask \"When was IOM founded?\"")
    if not question.isascii():  # the steps below read the raw text: "È" must be one character, as in NFC
        question = unicodedata.normalize("NFC", question)
    original = question
    question, cue_years = _without_source_cue(spelling.mend_cue_words(index, _expanded(question)))
    if ":" in question or ";" in question:
        # "For my essay on Belgian return policy: what is assisted voluntary return for?": the question
        # after its preface (whose words tell why it is asked, not what)
        question = _PREFACE.sub("", question[: text.MAX_QUERY_CHARS], count=1)
    if _has(question.lower(), _ASKER_CLUES) and _ASKER.search(question[: text.MAX_QUERY_CHARS]) is not None:
        # "I'm researching MIDA for my essay. How long…": the asker's errand, not what is asked
        question = _ASKER.sub(" ", question[: text.MAX_QUERY_CHARS])
    folded = text.fold(question[: text.MAX_QUERY_CHARS])
    plain = _without_acronyms(question, folded)  # "the COST framework" asks no kind, nor a cost
    q = Question(text=original, kind=_kind(plain), current=bool(_CURRENT.search(folded)))
    q.step = -1 if _PREVIOUS.search(folded) or (_has(folded, _TOOK_OVER_CLUES) and _TOOK_OVER.search(folded)) else (
        1 if _NEXT.search(folded) else 0)
    q.yes_no = _YES_NO.match(folded) is not None
    q.why = _has(folded, ("why", "how come", "reason", "what")) and _WHY.match(folded) is not None
    q.manner = q.kind is None and "how" in folded and _MANNER.match(folded) is not None
    # (speed) each rarer cue is looked for only where a word of it is
    q.first = q.kind != "when" and _has(folded, _FIRST_CLUES) and _FIRST.search(folded) is not None
    q.address = (_has(folded, _ADDRESS_CLUES) and _ASKS_ADDRESS.search(folded) is not None
                 and _ADDRESS_AS_SOURCE.search(folded) is None)
    q.money = q.kind in ("quantity", None) and _has(plain, _MONEY_CLUES) and (
        _MONEY.search(plain) is not None or (_KEYWORD_MONEY.search(plain) is not None and _QUESTION_WORD.search(folded) is None))
    if q.money:
        q.kind = "quantity"
    q.precise = q.kind == "when" and _has(folded, ("date", "day", "month")) and _PRECISE.search(folded) is not None
    # "On which day in November 2015…?": the month is known, the day is asked
    q.day = q.precise and _MONTH_NAME.search(folded) is not None
    years = YEAR.findall(folded)
    q.year = years[-1] if years else None
    anchors = [y for y in years if not re.search(rf"\b(?:since|from|after) {y}\b", folded)]
    q.until = anchors[-1] if anchors else None  # "since 1984" asks for the value now, not in 1984
    if (before := _BEFORE_YEAR.search(folded)) is not None:  # "just before 1989": the value of 1988
        q.until = str(int(before.group(1)) - 1)
    elif _has(folded, ("from ", "between ")) and (period := _PERIOD.search(folded)) is not None and int(period.group(2)) > int(period.group(1)):
        q.until = str(int(period.group(2)) - 1)  # "from 1980 until it became IOM in 1989": the value of that span
    elif q.year is None and _has(folded, _DECADE_CLUES) and (decade := _DECADE.search(folded)) is not None:  # "in the 1960s": as of its end
        q.until = str(int(decade.group(1)) + 9)
        q.decade = int(decade.group(1))
    if q.current and q.until and q.step == 0 and not _NOW.search(folded):
        q.current = False  # "Who was DG when it got its current name in 1989?": the year is the time asked
    if event_years := [y for y in years if y not in cue_years]:  # "the 2016 article" dates a document, not the facts
        q.years = _year_window(folded, [int(y) for y in event_years])
    if _has(folded, ("before", "prior to", "previous")) and _EARLIER_CAREER.search(folded) is not None:
        q.only_told = "earlier"
    elif _has(folded, ("term", "tenure", "mandate", "down", "leav", "left", "retire")) and _POST_END.search(folded) is not None:
        q.only_told = "end"
    elif _has(folded, ("world", "global", "earth")) and _WORLD_RANK.search(folded) is not None:
        q.only_told = "rank"
    before_clue = _has(folded, ("before", "prior to"))  # (speed) the patterns below are compiled only where it is
    if before_clue and (lead := _LEADING_BEFORE.match(folded)) is not None and len(folded[lead.end():].split()) >= 3:
        q.before = (lead.group(1), folded[lead.end():])  # the event is dated by its year or its facts (see engine.ask)
    elif before_clue and (trail := _TRAILING_BEFORE.search(folded)) is not None and len(trail.group(1).split()) >= 3 \
            and len(folded[:trail.start()].split()) >= 3:
        q.before = (trail.group(1), folded[:trail.start()])  # "How did Belgium ask… before its quotas started in 2013?"
    ws = list(dict.fromkeys(text.words(question)))[:64]  # a question of more words is cut: time stays bounded
    if folded.lstrip().startswith(("name ", "list ")) and ws and ws[0] in ("name", "list"):
        ws = ws[1:]  # "Name the country where…": a request, not a question about names
    asking: set[str] = set()  # words that shape the question, not words a fact should have
    if (m := _CHECKING.match(folded)) is not None:
        asking.add(m.group(1))  # "Is it true that…" asks whether, not about truth
    if "name" in folded and _NAME_OF_KIND.search(folded):
        asking.add("name")  # "What is the name of the return programme…?" asks for the programme, named
    if "actual" in folded and _ACTUAL_POST.search(folded):
        q.current = True  # "the actual Director General": the current one, as French "actuel" says
        asking.add("actual")
    if "how long" in folded:
        q.span = q.kind == "when"  # "How long has IOM been in Belgium?": since 1973, or for two decades
        q.duration = q.kind == "quantity" and "how long ago" not in folded
        asking.add("long")  # the question word, not a word of the fact ("long-standing")
    if "how old" in folded:
        q.span = q.kind == "when"  # "How old is IOM?": founded in 1951, or its 65th anniversary
        asking.add("old")
    if asking:
        ws = [w for w in ws if w not in asking]
    known = index.words(ws)

    def term(w: str) -> str | None:  # a word's term as the question's words were read (the index's table first)
        return known[w] if w in known else text.term_of(w)

    pending: dict[str, str] = {}
    joined = text.joined_forms(question)
    # a hyphenated word counts once: by its parts where the store knows them all and never writes it
    # as one word ('Belgian-backed': a fact says "backed by Belgium" as often), else as one word where
    # the store knows that ('O-REMIT', 'co-funded', 'multi-annual' of "multiannual")
    by_parts = {j for j, parts in joined.items()
                if all(len(p) >= 3 and p in known for p in parts) and not (j in known and spelling.written_solid(index, known[j], [known[p] for p in parts]))}
    parts_of_known = {p for j, parts in joined.items() if j in known and j not in by_parts for p in parts}
    for w in ws:
        if w in joined and (w not in known or w in by_parts):
            continue  # 'belgium-iom' as one word is unknown, but its parts count
        if w in parts_of_known and w not in joined:
            continue
        if w in text.GENERIC:
            t = term(w)
            q.generic.update((w, t) if t else (w,))
        if w in known:
            t = known[w]
            if t is not None:
                q.terms.setdefault(t, 1.0)
                if _inflected(w) and t not in text.PREDICATES and t not in _CONCEPT_TERMS:
                    q.inflected.add(t)  # (what a question asks of its subject, 'founded', 'funded', keeps its weight)
        elif w in text.STOPWORDS:
            continue
        else:
            t = text.term_of(w)
            if t is not None:
                pending[w] = t
    if pending:
        present = index.doc_freqs(list(set(pending.values())))
        for w, t in pending.items():
            # ("8th" is the term the store's "eighth" has: a form of its own, no slip)
            if t in present and (w in text.SYNONYMS or w in text.GENERIC or t == w or spelling.plausible(index, w, t)):
                q.terms.setdefault(t, 1.0)  # (an everyday word, 'handing', is no slip for 'handling')
                continue
            hit, sim = spelling.correct(index, w)
            if hit is None:
                q.unknown.append(w)
            elif hit in text.STOPWORDS:
                continue
            else:
                ht = index.words([hit]).get(hit)
                if ht is not None and q.terms.get(ht, 0.0) < sim:
                    q.terms[ht] = sim
    if "acronym" in q.terms:  # "What does KRG stand for?": a fact that spells out that acronym, not another
        spelled = [text.ACRONYM_PREFIX + t for t in q.terms if t != "acronym"]
        if spelled and (found := [t for t, df in index.doc_freqs(spelled).items() if df]):
            q.terms[found[0]] = q.terms.pop("acronym")
    if q.span and "old" in asking and q.terms and "begin" not in q.terms:
        q.terms["begin"] = 1.0  # "How old is IOM?" asks when it began (a bare "how old" names nothing)
    if not q.current and (m := _EVENT_CLAUSE.match(original[: text.MAX_QUERY_CHARS].strip())) is not None:
        main, event = m.group(1).strip(), m.group(2).strip()
        # (a year in the event dates the event, "when Belgium pledged support in 2016"; one in the
        # question part asks for that year, and the event is only a description)
        if len(main.split()) >= 2 and len(event.split()) >= 3 and not YEAR.search(main):
            q.event = (main, event)
    if "fund" in q.terms and not q.money and all(w in _GIVE or term(w) != "fund" for w in ws) \
            and any(t in text.PREDICATES and t not in ("fund", "annual") for t in q.terms):
        del q.terms["fund"]  # "Which school gave training to…": what is given is the other predicate, not money
    if q.kind != "when" and _has(folded, _CONTEXT_CLUES) and (m := _CONTEXT.search(folded)) is not None:
        # "How did De Croo describe IOM when Belgium signed the deal?": the clause sets the scene;
        # what is asked is in the main part, so the clause's own words are asked less of a fact
        # (a main part that asks little, "What did IOM do when Ebola broke out?", leaves the clause its weight)
        main_terms = set(text.terms(folded[: m.start()], term))
        if len(main_terms & q.terms.keys()) >= 2:
            q.generic |= {t for t in text.terms(m.group(1), term)
                          if t in q.terms and t not in main_terms and not YEAR.fullmatch(t)}
    if q.kind == "quantity" and (m := _COUNTED.search(folded)) is not None:
        word = m.group(1)
        if (second := m.group(2)) and second not in _COUNTED_NOT and not second.endswith("ed") and second.endswith("s") and not word.endswith("s") \
                and word not in ("staff", "team", "crew"):
            word = second  # "how many international migrants" (but "staff members" are staff)
        q.counted = term(word)
        if q.counted not in q.terms and (hit := spelling.correct(index, word)[0]) is not None:
            q.counted = index.words([hit]).get(hit) or q.counted  # "how many countrys": countries
    if q.step:  # "Swing's successor": the word asks for the next value of a series, which need not say it
        step_words = {w for w in ws if _PREVIOUS.fullmatch(w) or _NEXT.fullmatch(w) or w in _STEP_VERBS}
        q.step_terms = {t for w in step_words if (t := term(w)) in q.terms}
        q.unknown = [w for w in q.unknown if w not in step_words]  # a store may never write "succeed"
    q.places = q.kind == "where" and _PLACES.search(folded) is not None
    q.countries = q.kind == "where" and _COUNTRY.search(folded) is not None
    q.thing = q.kind is None and (m := _THING.match(folded)) is not None and m.group(1) not in _NOT_THINGS
    # "Which airline flew…?": the kind of thing asked for is one the store never names
    q.unknown_thing = (m := _THING.match(folded)) is not None and m.group(1) in q.unknown
    q.outcome = q.kind is None and _has(folded, _OUTCOME_CLUES) and _OUTCOME.search(folded) is not None
    q.part = q.kind == "quantity" and "of" in folded and _PART.search(folded) is not None
    if _has(folded, _NAMED_THING_CLUES) and (m := _NAMED_THING.search(folded)) is not None:
        q.named_thing = term(m.group(1))
    q.upcoming = _has(folded, _UPCOMING_CLUES) and _UPCOMING.search(folded) is not None
    q.person = q.kind == "who" and _PERSON.search(folded) is not None
    q.took_up = (q.kind == "when" or q.yes_no) and _has(folded, _TOOK_UP_CLUES) and _TOOK_UP.search(folded) is not None
    if q.kind == "where":
        q.direction = PLACE_FROM if _FROM_WHERE.search(folded) else PLACE_TO if _TO_WHERE.search(folded) else 0
    if (m := _HEAD.match(folded)) is not None and m.group(1) not in _OPEN_HEADS:
        head = term(m.group(1))
        q.head = head if head in q.terms and head not in q.generic else None
    elif not q.yes_no and 3 <= len(words := folded.split()) <= _KEYWORD_HEAD_MAX and _QUESTION_WORD.search(folded) is None:
        last = re.findall(r"[a-z]+", words[-1])
        if last and last[-1] not in _NOT_KEYWORD_HEAD and (head := term(last[-1])) in q.terms and head not in q.generic:
            q.keyword_head = head
    if q.kind == "who" and (m := _TITLE.match(folded)) is not None:
        q.title = term(m.group(1))
    if q.kind == "who":
        # "Which Belgian minister announced…?": the role asked for, which a fact on a Director General lacks
        q.role_terms = {t for w in _ROLE_WORDS.findall(folded) if (t := term(w)) in q.terms}
        if "author" in q.terms:  # "Who reported on…?" asks for the author of a report, not its subject
            q.role_terms.add("author")
            q.report = "author" if _REPORT.search(folded) is not None else None
    if q.kind == "who" and _has(folded, _POST_CLUES):
        # "Who is Belgium's foreign minister?": the kind of post, which a fact on another minister lacks
        q.post_terms = {t for m in _POST.finditer(folded) for w in m.groups() if w and (t := term(w)) in q.terms
                        and t not in q.generic}
    if q.kind == "when" and _has(folded, _PUBLISHED_CLUES) and _PUBLISHED.search(_without_reported_thing(folded)) \
            and _REPORT.search(folded):
        q.report = "date"
    q.names = _names(question[: text.MAX_QUERY_CHARS], q.terms, term)
    if not any(c.isupper() for c in question[: text.MAX_QUERY_CHARS]):
        q.names |= index.name_terms() & q.terms.keys()  # "vitorino birthplace": no capitals to go by
    return q


# "…, according to the 2016 CD News article": which document, not what is asked. Its words would
# count against every fact that does not repeat them (a year in it is kept: it dates the question).
_SOURCE_CUE: Any = _Lazy(r"(?:,\s*|\s+)(?:according to|as (?:stated|said|reported|described|written) in|as per|per)\s+"
                         r"(?:the\s+|an?\s+|its\s+)?((?:19|20)\d\d\s+)?(?:[\w'’.-]+\s+){0,4}?"
                         r"(?:article|report|press release|release|publication|news|piece|story|document|text|web ?page|page|web ?site|site|section|chapter|foreword|announcement)"
                         r"\b(?=\s*[?.!]?\s*$)|^\s*(?:according to|as per|per)\s+(?:the\s+|an?\s+|its\s+)?((?:19|20)\d\d\s+)?"
                         r"(?:[\w'’.-]+\s+){0,4}?(?:article|report|press release|release|publication|news|piece|story|document|text|section|chapter|foreword|announcement)\b,?",
                         re.I)


def _without_source_cue(question: str) -> tuple[str, list[str]]:
    """The question without its source cue, and the years the cue gave (a document's date)."""
    years: list[str] = []

    def keep_year(m: re.Match[str]) -> str:
        found = YEAR.findall(m.group(0))  # "the 2016 report", and "IOM's 2016 publication" too
        years.extend(found)
        return f" {' '.join(found)} "

    lowered = question.lower()
    if not any(c in lowered for c in ("according", "per ", "as stated", "as said", "as reported", "as described", "as written")):
        return question, years  # (speed) no cue: the pattern is not even compiled
    return _SOURCE_CUE.sub(keep_year, question), years


_AFTER_YEAR: Any = _Lazy(r"\b(?:since|from|after|as of|starting|beyond|later than)\s+(?:the year\s+)?(19\d\d|20\d\d)\b")


def _year_window(folded: str, years: list[int]) -> tuple[int, int]:
    """The years the question's years allow: "in 2019" only 2019, "between 2008 and 2015" those and
    the years between, "before 2013" any earlier one (a fact of 2009 may answer), "since 1984" that one
    or any later, "after 2028" any later."""
    first, last = min(years), max(years)
    for decade in _DECADE.findall(folded) if _has(folded, _DECADE_CLUES) else ():  # "in the 1950s": any year of the decade
        last = max(last, int(decade) + 9)
    if (before := _BEFORE_YEAR.search(folded)) is not None and len(years) == 1:
        first = 0
        if before.group(0).startswith(("before", "prior")):
            last -= 1  # "before 2025": the funding of 2025-2028 is not what came before it
    if (after := _AFTER_YEAR.search(folded)) is not None and len(years) == 1:
        last = 9999
        if after.group(0).startswith(("after", "beyond", "later")):
            first += 1  # "after 2028": the funding of 2025-2028 is not what comes after it
    return first, last


# A run of capitalised words, with the small words names contain ("Standing Committee on Programmes
# and Finance"); the question's first word is capitalised whatever it is, so it does not count.
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for|on|de|du)\s+)*[A-Z][\w'’-]*)*")
_LOWER_PART = re.compile(r"-[^\W\dA-Z][\w'’]*")
_NOT_NAMES = frozenset("what when where which who whom whose why how is was were did does do has have can could tell name list "
                       "give show in on at for from the a an according under apart besides since before after during and "
                       "i please".split())


# "Who is the current Pope?": a role, asked with "the"; a person's name is not ("Who is Amy Pope?")
_TITLE: Any = _Lazy(r"^\s*who(?:'s|\s+is|\s+was)\s+the\s+(?:(?:current|present|new|former|late|next|last)\s+)?([a-z]+)\W*$")


_CONTEXT: Any = _Lazy(r"\s(?:when|while|at (?:the )?(?:time|moment)(?: (?:when|of|that))?|by the time)\s+(.{8,}?)\W*$")


# "What is the capital of X?": a fact on X that does not speak of its capital does not answer
_HEAD: Any = _Lazy(r"^\W*(?:what|which|where|who)(?:'s|\s+is|\s+was|\s+are|\s+were)\s+the\s+([a-z]+)\s+of\b")
_PLACES: Any = _Lazy(r"\b(?:which|what|name the)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+|other)\s+"
                     r"(?:[a-z]+\s+){0,2}?(?:countries|cities|towns|places|regions|districts|locations)\b")
_FROM_WHERE: Any = _Lazy(r"\bfrom\W*$|\b(?:from where|originat\w*|origins?|come from|came from|comes from|depart\w*|fly in|flew in|flown in)\b")
_TO_WHERE: Any = _Lazy(r"\b(?:taken|take|took|sent|send|go|goes|went|gone|headed|heading|bound|moved|transferred|brought|"
                       r"end up|ended up|destination|travel\w* (?:on )?to|(?:fly|flew|flown|flying) to|settled?)\b")
_THING: Any = _Lazy(r"^\W*(?:what|which)\s+(?:kind of\s+|type of\s+|sort of\s+)?([a-z]+)\b")
# "What is the name of the return programme…?": 'name' asks for the programme, as 'which' would
_NAME_OF_KIND: Any = _Lazy(r"\b(?:what(?:'s| is| was| are| were)?|give me|tell me) the (?:full )?names? of (?:the|this|that|a|an|its|their) (?:[a-z-]+ ){0,3}?"
                           r"(?:programmes?|programs?|projects?|schemes?|initiatives?|funds?|campaigns?|networks?|conferences?|"
                           r"meetings?|events?|chiefs?|heads?|directors?|persons?|man|woman|people|journalists?|reporters?|"
                           r"photographers?|ministers?|officials?|officers?|secretar(?:y|ies)|boards?|schools?|centres?|centers?)\b")
# "How many of the 120 participants…": a part of a whole (see Question.part)
_PART: Any = _Lazy(r"\bhow many of (?:the|these|those|them|its|their|all)\b")
# "What was agreed at…", "what came out of…": what came of an event (see Question.outcome); the clues
# are literal strings that every match holds, looked for first (most questions hold none)
_OUTCOME_CLUES = ("decide", "agree", "conclude", "achieved", "resolve", "announced", "discuss", "came", "come", "resulted",
                  "outcome", "result", "conclusion")
_NAMED_THING_CLUES = ("compan", "firm", "employer", "business", "ngo", "bank", "airline", "hotel", "newspaper", "universit",
                      "school", "charit", "part", "ministr")
_OUTCOME: Any = _Lazy(r"\bwhat (?:\w+ ){0,2}?(?:was|were|has been|have been|got|is) (?:decided|agreed|concluded|achieved|resolved|announced|discussed)\b"
                      r"|\bwhat (?:\w+ ){0,2}?(?:came|come|resulted) (?:out )?of\b|\b(?:outcomes?|results?|conclusions?) of the\b"
                      r"|\bwhat did\b[^?]{1,60}?\b(?:agree|decide|conclude|resolve)\b")  # "What did X and Y agree on at…?"
# "Which companies hired…?": a kind of body asked for by its name (see Question.named_thing)
_NAMED_THING: Any = _Lazy(r"^\W*(?:which|what)\s+(?!(?:kind|kinds|type|types|sort|sorts)\b)(?:[a-z]+\s+){0,2}?(companies|company|firms?|employers?|businesses|ngos?|banks?|airlines?|"
                          r"hotels?|newspapers?|universit(?:y|ies)|schools?|charit(?:y|ies)|part(?:y|ies)|ministry|ministries)\b")
_NOT_THINGS = frozenset("is was are were did does do has have had can could will would should year years date dates day "
                        "days month months time times period age century decade".split())
_CHECKING = re.compile(r"^\W*(?:is|was|isn't|wasn't) it (true|right|correct|accurate|so)\b")
_ACTUAL_POST: Any = _Lazy(r"\bthe actual (?:[a-z]+ )?(?:director|head|chief|minister|president|secretary|leader|boss|dg|chair)")
_PERSON: Any = _Lazy(r"\b(?:director|head|heads|headed|chair|chairs|chaired|chairman|chairwoman|chairperson|minister|"
                     r"commissioner|ambassador|coordinat\w*|manag\w*|secretary|president|mayor|chief|officer|"
                     r"represent\w*|photograph\w*|drafted|wrote|author|journalist|reporter|spokes\w*|name of the person|leads|led|leading|leader|boss|in charge)\b")
_PUBLISHED_CLUES = ("publish", "report", "releas", "came out", "come out", "appear", "dated", "issued", "ran ", "run ")
_PUBLISHED: Any = _Lazy(r"\b(?:published|publish|reported|released|came out|come out|appeared|dated|issued|ran|run)\b")
# "the agreement reported in October 2016": which agreement, not a question of when it was reported
_REPORTED_THING: Any = _Lazy(r"\b(?!(?:was|were|is|are|been|be|being|it|they|first|story|article|news|piece|report)\b)[a-z]+\s+"
                             r"(?:reported|published|released|issued|announced)\s+(?=(?:in|on|during|back in)\b)")
_AUXILIARY: Any = _Lazy(r"\b(?:was|were|is|are|did|does|do|has|have|had|will|would)\b")


def _without_reported_thing(folded: str) -> str:
    """The question without a report that only names its subject: "Under the agreement reported in
    2016, from when…" (before any verb of its own), not "When was the news … reported in 2016?"."""
    m = _REPORTED_THING.search(folded)
    if m is None or _AUXILIARY.search(folded, 0, m.start()) is not None:
        return folded
    return folded[: m.start()] + " " + folded[m.end():]


_REPORT: Any = _Lazy(r"\b(?:report|reported|reporting|article|articles|story|stories|news|piece|coverage|covered|byline)\b")
# Posts a person holds ("Belgium's foreign minister", "the State Secretary for Asylum and Migration")
_POSTS = ("minister", "secretary", "commissioner", "ambassador", "mayor", "president")
_ROLE_WORDS: Any = _Lazy(rf"\b({'|'.join(_POSTS)}|ministers|journalist|photographer|"
                         r"spokesperson|spokesman|spokeswoman|representative|author|official|officials)\b")
_POST_CLUES = _POSTS
_POST: Any = _Lazy(rf"\b([a-z]{{3,}})\s+(?=(?:{'|'.join(_POSTS)})\b)"
                   r"|(?:(?<=minister )|(?<=secretary )|(?<=commissioner )|(?<=ambassador )|(?<=president ))(?:of|for|to)\s+(?:the\s+)?([a-z]+)")
_GIVE = frozenset({"give", "gives", "gave", "given", "giving"})
_TOOK_UP_CLUES = ("bec", "office", "appointed", "elected", "took", "take", "assum")
_TOOK_UP: Any = _Lazy(r"\b(?:become|became|becoming|(?:take|took|taken|assumed?) (?:up )?(?:(?:his|her|their|the|this|that) )?"
                     r"(?:office|post|job|role|position|duties|over)|appointed|elected|assumed)\b")
_UPCOMING_CLUES = ("next", "upcoming", "forthcoming")
_UPCOMING: Any = _Lazy(r"\b(?:next|upcoming|forthcoming)\s+(?:[\w-]+\s+){0,5}?(?:meeting|conference|edition|round|session|"
                       r"summit|event|run|phase|gathering|consultation)s?\b")
_COUNTRY: Any = _Lazy(r"\b(?:country|countries|nation|nations|state|states|region|regions)\b")
_OPEN_HEADS = frozenset({"name", "names", "title", "meaning", "role", "point", "purpose", "aim", "goal"})


# "Who was heading IOM when Belgium signed the funding deal?": a question about a time given by an
# event rather than a date. The question part must itself ask something (a question word first).
_EVENT_CLAUSE: Any = _Lazy(r"^((?:who|whom|whose|what|which|how many|how much)\b.+?)\s*,?\s+"
                           r"(?:when|while|at (?:the )?(?:time|moment)(?: (?:when|of|that))?|by the time|during)\s+(.+?)\W*$", re.I | re.S)


def _names(question: str, known_terms: dict[str, float], lookup: Callable[[str], str | None]) -> set[str]:
    """The question's terms that stand for a name it gives (a person, place, body or programme).
    ``lookup`` reads a word as the question's words were read (the index's table before the stemmer)."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(question):
        run = m.group()
        if m.start() == len(question) - len(question.lstrip()) or run.split()[0].lower() in _NOT_NAMES:
            run = run.split(None, 1)[1] if " " in run else ""  # "When …" or "Who …": the rest may be a name
            if run[:1].islower() or run.split(None, 1)[0].lower() in _NOT_NAMES if run else True:
                continue
        run = _LOWER_PART.sub("", run)  # 'Belgian-backed' names Belgium, not 'backed'
        out.update(t for t in text.terms(run, lookup) if t in known_terms)
    return out
