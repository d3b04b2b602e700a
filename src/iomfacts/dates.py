"""Dates in the Extended Date/Time Format (EDTF, ISO 8601-2), level 1 subset.

The store's dates are validated by the ``edtf`` package (imported only when a store is validated,
since it costs over 100 ms); this module then reads the accepted subset into day ranges for sorting,
filtering and display, without that import:

    1951  1951-11  1951-11-26          year, month, day
    197X  19XX                         decade, century (unspecified digits)
    2021?  1970~  2015%                uncertain, approximate, both
    1951-11-26/1951-12-05  2025/2028   intervals of any of the above
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DateError

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_POINT = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)$")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4, "interval": 5}

# edtf classes of levels 0 and 1 that this subset covers; anything else is refused.
_ALLOWED_EDTF = {"Date", "Interval", "UncertainOrApproximate", "Unspecified", "Level1Interval"}
_EDTF_FORMS: set[str] = set()  # forms of dates ('0000-00-00') that the edtf grammar accepted
_MASK_DIGITS = str.maketrans("0123456789", "0000000000")


@dataclass(frozen=True)
class DateInfo:
    """An EDTF date read into the span of days it can mean."""

    edtf: str
    start: str  # ISO day, earliest the date can mean
    end: str  # ISO day, latest the date can mean
    precision: str  # day | month | year | decade | century | interval
    uncertain: bool
    approximate: bool

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.start, _PRECISION_RANK[self.precision], self.end)

    def to_dict(self) -> dict[str, object]:
        return {
            "edtf": self.edtf,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "uncertain": self.uncertain,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class _Point:
    start: str
    end: str
    precision: str
    uncertain: bool
    approximate: bool
    year: str
    month: int | None
    day: int | None


def _point(text: str) -> _Point:
    m = _POINT.match(text)
    if not m:
        raise DateError(f"{text!r} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or 197X")
    year, month_s, day_s, qual = m.groups()
    if "X" in year and (month_s or day_s):
        raise DateError(f"{text!r}: a decade or century cannot have a month or day")
    uncertain = qual in ("?", "%")
    approximate = qual in ("~", "%")
    if year.endswith("XX"):
        lo, hi, precision = year.replace("X", "0"), year.replace("X", "9"), "century"
        return _Point(f"{lo}-01-01", f"{hi}-12-31", precision, uncertain, approximate, year, None, None)
    if year.endswith("X"):
        lo, hi = year.replace("X", "0"), year.replace("X", "9")
        return _Point(f"{lo}-01-01", f"{hi}-12-31", "decade", uncertain, approximate, year, None, None)
    y = int(year)
    if not month_s:
        return _Point(f"{year}-01-01", f"{year}-12-31", "year", uncertain, approximate, year, None, None)
    month = int(month_s)
    if not 1 <= month <= 12:
        raise DateError(f"{text!r}: month {month_s} does not exist")
    import calendar  # here, not at the top: ask --json never reads a month

    last = calendar.monthrange(y, month)[1]
    if not day_s:
        return _Point(f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", "month", uncertain, approximate, year, month, None)
    day = int(day_s)
    if not 1 <= day <= last:
        raise DateError(f"{text!r}: day {day_s} does not exist in that month")
    iso = f"{year}-{month:02d}-{day:02d}"
    return _Point(iso, iso, "day", uncertain, approximate, year, month, day)


def parse(text: str) -> DateInfo:
    """Read an EDTF date of the supported subset; raise DateError (with what is wrong) otherwise."""
    if not isinstance(text, str) or not text:
        raise DateError("a date must be a non-empty EDTF string such as 1951 or 1951-11-26")
    if "/" in text:
        left, _, right = text.partition("/")
        a, b = _point(left), _point(right)
        if a.start > b.end:
            raise DateError(f"{text!r}: the interval ends before it starts")
        return DateInfo(text, a.start, b.end, "interval", a.uncertain or b.uncertain, a.approximate or b.approximate)
    p = _point(text)
    return DateInfo(text, p.start, p.end, p.precision, p.uncertain, p.approximate)


def validate(text: object) -> str | None:
    """Return what is wrong with a store date, or None when it is valid EDTF of the supported subset."""
    if not isinstance(text, str):
        return f"a date must be a quoted EDTF string, not {type(text).__name__} (write \"{text}\")"
    # The edtf parser takes milliseconds per date, too slow for a store of 100,000 facts. It judges
    # the grammar, which depends only on the date's form (digits masked); the values (month 13,
    # 30 February, an interval ending before it starts) are checked by parse() below for every date.
    form = text.translate(_MASK_DIGITS)
    try:
        from edtf import parse_edtf  # slow import: only when validating a store
        from edtf.parser.edtf_exceptions import EDTFParseException
    except ImportError:  # pragma: no cover - edtf is a declared dependency
        parse_edtf = None
    if parse_edtf is not None and form not in _EDTF_FORMS:
        try:
            parsed = parse_edtf(text)
        except EDTFParseException:
            return f"{text!r} is not a valid EDTF date"
        except Exception:  # the parser may fail in other ways on odd input
            return f"{text!r} is not a valid EDTF date"
        if type(parsed).__name__ not in _ALLOWED_EDTF:
            return f"{text!r} is EDTF beyond the supported level-1 subset"
        _EDTF_FORMS.add(form)
    try:
        parse(text)
    except DateError as exc:
        return str(exc)
    return None


def _point_label(p: _Point, with_year: bool = True) -> str:
    if p.precision == "century":
        return f"{p.year.replace('X', '0')}s"
    if p.precision == "decade":
        return f"{p.year.replace('X', '0')}s"
    if p.precision == "year":
        return p.year
    mon = _MONTHS[(p.month or 1) - 1]
    if p.precision == "month":
        return f"{mon} {p.year}" if with_year else mon
    return f"{p.day} {mon} {p.year}" if with_year else f"{p.day} {mon}"


def _qualify(label: str, uncertain: bool, approximate: bool) -> str:
    if approximate and uncertain:
        return f"c. {label} (uncertain)"
    if approximate:
        return f"c. {label}"
    if uncertain:
        return f"{label} (uncertain)"
    return label


def display(text: str, label: str | None = None) -> str:
    """A date as a person writes it, never with more precision than it has: '26 Nov – 5 Dec 1951'."""
    if label:
        return label
    if "/" in text:
        left, _, right = text.partition("/")
        a, b = _point(left), _point(right)
        if a.year == b.year and a.precision == b.precision and a.precision in ("day", "month"):
            if a.precision == "day" and a.month == b.month:
                body = f"{a.day}–{b.day} {_MONTHS[(a.month or 1) - 1]} {a.year}"
            else:
                body = f"{_point_label(a, with_year=False)} – {_point_label(b)}"
        elif a.precision == b.precision == "year":
            body = f"{a.year}–{b.year}"
        else:
            body = f"{_point_label(a)} – {_point_label(b)}"
        return _qualify(body, a.uncertain or b.uncertain, a.approximate or b.approximate)
    p = _point(text)
    return _qualify(_point_label(p), p.uncertain, p.approximate)


def parse_option(text: str, option: str) -> DateInfo:
    """A date given on the command line (--from, --to, --as-of): a year, a month or a day."""
    value = text.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise DateError(f"{option} {text!r}: give a year, a month or a day, e.g. 2016, 2016-10 or 2016-10-10")
    try:
        return parse(value)
    except DateError as exc:
        reason = str(exc).removeprefix(f"{value!r}: ")  # the value is named once, up front
        raise DateError(f"{option} {text!r}: {reason}") from None
