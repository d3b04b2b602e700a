"""All output: JSON for programs and rich text for people, produced here and nowhere else.

JSON keys are a contract (documented in docs/json.md and the schemas in ``schemas/``): new keys may
be added, existing ones keep their names and meaning. Human output is built from ``rich.text.Text``
objects, never from markup strings, and every piece of text from a store or a question first goes
through ``visible()``, so neither can style, link or move the user's terminal. rich is imported only
when something is rendered for a person.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .model import Answer, Fact, Source


class _Dates:
    """The dates module, imported when a date is first shown: JSON output never formats one."""

    def __getattr__(self, name: str) -> Any:
        from . import dates as module

        globals()["dates"] = module
        return getattr(module, name)


dates: Any = _Dates()

if TYPE_CHECKING:
    from rich.console import Console

# C0 and C1 controls, DEL, the bidirectional marks and overrides that can reorder what a terminal
# shows, and lone surrogates (bytes of an argument that were not UTF-8), which no terminal can print.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _shown(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as Python decodes argv: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object) -> str:
    """Text with every control character made visible (ESC becomes '\\x1b'): safe to print."""
    s = "" if value is None else str(value)
    return _UNSAFE.sub(lambda m: _shown(m.group()), s)


# --- JSON ----------------------------------------------------------------------------------------

def dumps(obj: object) -> str:
    """JSON that is valid whatever the text holds, readable (UTF-8), and inert in a terminal."""
    out = json.dumps(obj, ensure_ascii=False)
    if _SURROGATE.search(out):  # not UTF-8 (argv bytes): U+FFFD, as every JSON reader accepts
        out = _SURROGATE.sub("\\\\ufffd", out)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def citation_record(fact: Fact, sources: dict[str, Source]) -> list[dict[str, Any]]:
    out = []
    for c in fact.citations:
        s = sources.get(c.source)
        out.append({
            "source": c.source,
            "title": s.title if s else None,
            "publisher": s.publisher if s else None,
            "author": s.author if s else None,
            "published": s.published if s else None,
            "file": s.file if s else None,
            "url": s.url if s else None,
            "quote": c.quote,
            "section": c.section,
        })
    return out


def fact_record(fact: Fact, sources: dict[str, Source], score: float | None = None) -> dict[str, Any]:
    """One fact in the JSON shape shared by ask, search and show."""
    rec: dict[str, Any] = {"id": fact.id, "answer": fact.answer, "statement": fact.statement}
    if score is not None:
        rec["score"] = score
    rec.update({
        "date": fact.date,
        "date_label": fact.date_label,
        "as_of": fact.as_of,
        "key": fact.key,
        "topics": list(fact.topics),
        "entities": list(fact.entities),
        "aliases": list(fact.aliases),
        "citations": citation_record(fact, sources),
    })
    return rec


def _series_brief(f: Fact) -> dict[str, Any]:
    return {"id": f.id, "answer": f.answer, "as_of": f.as_of, "statement": f.statement}


def answer_record(a: Answer, sources: dict[str, Source]) -> dict[str, Any]:
    rec = fact_record(a.fact, sources, a.score)
    rec["earlier"] = [_series_brief(f) for f in a.earlier]
    rec["later"] = [_series_brief(f) for f in a.later]
    return rec


def ask_payload(query: str, answers: Sequence[Answer], sources: dict[str, Source]) -> dict[str, Any]:
    return {"query": query, "answers": [answer_record(a, sources) for a in answers]}


class AnswerLines:
    """The lines of ``ask --batch``: each the text of ``dumps(ask_payload(...))`` with the line number
    added, made faster for a long batch, where a few hundred facts answer thousands of lines: a
    fact's record is serialised once, and only the question and the scores are written per line."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self._records: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[str, str]] = {}

    def line(self, query: str | None, answers: Sequence[Answer], number: int, error: str | None = None) -> str:
        if error is not None:
            return f'{{"query": {dumps(query)}, "line": {number}, "answers": [], "error": {dumps(error)}}}'
        parts = ", ".join(self._answer(a) for a in answers)
        return f'{{"query": {dumps(query)}, "answers": [{parts}], "line": {number}}}'

    def _answer(self, a: Answer) -> str:
        key = (a.fact.id, tuple(f.id for f in a.earlier), tuple(f.id for f in a.later))
        halves = self._records.get(key)
        if halves is None:
            rec = answer_record(a, self.sources)
            head = {k: rec.pop(k) for k in ("id", "answer", "statement")}
            rec.pop("score")
            # '{"id": …, "statement": …' and '"date": …}': the score goes between, as in fact_record
            halves = self._records[key] = (dumps(head)[:-1], dumps(rec)[1:])
        return f"{halves[0]}, \"score\": {json.dumps(a.score)}, {halves[1]}"


def search_payload(query: str, answers: Sequence[Answer], sources: dict[str, Source]) -> dict[str, Any]:
    return {"query": query, "count": len(answers), "facts": [fact_record(a.fact, sources, a.score) for a in answers]}


def sources_payload(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in sources]


def write_json(obj: object, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    stream.write(dumps(obj) + "\n")
    stream.flush()


# --- human ---------------------------------------------------------------------------------------

def console(no_color: bool = False, stderr: bool = False) -> Console:
    import os

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1 here; cli.run() ends quietly instead
            self.quiet = True
            raise BrokenPipeError

    # NO_COLOR (any non-empty value) and --no-color: no escape sequence at all, not even bold,
    # whatever FORCE_COLOR says; rich alone would keep the styles and let FORCE_COLOR win.
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    options: dict[str, Any] = {"color_system": None} if plain else {}
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0 and os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        lines = os.environ.get("LINES", "")  # rich takes every dumb terminal for 80x25 unless given both
        options.update(width=int(columns), height=int(lines) if lines.isdigit() and int(lines) > 0 else 25)
    c = _Console(stderr=stderr, no_color=plain, highlight=False, markup=False, emoji=False, **options)
    if not c.is_terminal:
        c.soft_wrap = True  # piped output: one line per paragraph, for grep and friends
    return c


def _source_line(s: Source | None, source_id: str) -> str:
    if s is None:
        return f"[unknown source {source_id}]"
    published = dates.display(s.published) if s.published else "n.d."
    by = f"{s.publisher}" if s.publisher else (s.author or "unknown publisher")
    return f"{s.title} — {by}, {published}"


def _citations(con: Console, fact: Fact, sources: dict[str, Source], indent: str = "") -> None:
    from rich.text import Text

    for i, c in enumerate(fact.citations, 1):
        line = Text(indent)
        line.append(f"[{i}] ", style="bold cyan")
        line.append(visible(_source_line(sources.get(c.source), c.source)))
        con.print(line)
        quote = Text(indent + "    “", style="italic")
        quote.append(visible(" ".join(c.quote.split())), style="italic")
        quote.append("”", style="italic")
        if c.section:
            quote.append(f"  (§ {visible(c.section)})", style="dim")
        con.print(quote)


def _when(fact: Fact) -> str | None:
    if fact.date:
        return dates.display(fact.date, fact.date_label)
    if fact.as_of:
        return f"as of {dates.display(fact.as_of)}"
    return None


def print_answers(con: Console, query: str, answers: Sequence[Answer], sources: dict[str, Source]) -> None:
    from rich.text import Text

    if not answers:
        con.print(Text("No answer in the store for: ", style="yellow").append(visible(query), style="bold"))
        con.print(Text("Try broader words, or browse with: iomfacts search WORDS"))
        return
    best, rest = answers[0], answers[1:]
    head = Text()
    head.append(visible(best.fact.answer or best.fact.statement), style="bold green")
    when = _when(best.fact)
    if when and best.fact.answer:
        head.append(f"   ({visible(when)})", style="dim")
    con.print(head)
    if best.fact.answer:
        con.print(Text(visible(best.fact.statement)))
    con.print(Text(f"fact {best.fact.id} · score {best.score:.2f}", style="dim"))
    _citations(con, best.fact, sources)
    if best.earlier or best.later:
        for label, facts in (("Earlier", best.earlier), ("Later", best.later)):
            for f in facts:
                con.print(Text(f"{label}: ", style="dim").append(visible(f"{f.answer or f.statement} (as of {dates.display(f.as_of or '')}, {f.id})"), style="dim"))
    if rest:
        con.print()
        con.print(Text("Other matches", style="bold dim"))
        for a in rest:
            line = Text("  • ", style="dim")
            line.append(visible(a.fact.statement), style="dim")
            line.append(f"  ({a.fact.id}, {a.score:.2f})", style="dim")
            con.print(line)


def print_fact(con: Console, fact: Fact, sources: dict[str, Source]) -> None:
    from rich.text import Text

    con.print(Text(visible(fact.id), style="bold"))
    con.print(Text(visible(fact.statement)))
    for label, value in (("answer", fact.answer), ("date", _when(fact) if fact.date else None),
                         ("series", f"{fact.key}, as of {dates.display(fact.as_of or '')}" if fact.key else None),
                         ("topics", ", ".join(fact.topics)), ("entities", ", ".join(fact.entities))):
        if value:
            con.print(Text(f"{label}: ", style="dim").append(visible(value)))
    _citations(con, fact, sources)


def print_search(con: Console, query: str, answers: Sequence[Answer], sources: dict[str, Source]) -> None:
    from rich.text import Text

    if not answers:
        con.print(Text("No fact matches: ", style="yellow").append(visible(query)))
        return
    for a in answers:
        line = Text(f"{a.score:.2f} ", style="dim")
        line.append(visible(a.fact.id), style="bold")
        con.print(line)
        con.print(Text("     " + visible(a.fact.statement)))
    con.print(Text(f"{len(answers)} fact(s). Show one with: iomfacts show ID", style="dim"))


NARROW = 60  # columns below which tables give way to one block per row


def print_sources(con: Console, sources: Iterable[Source]) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = [[visible(v) for v in (s.id, s.title, s.publisher or "—", dates.display(s.published) if s.published else "n.d.",
                                  s.kind, s.file)] for s in sources]
    if not con.is_terminal:  # piped: one whole line per source, for grep and friends (a table would fold ids)
        for sid, title, publisher, published, kind, file in rows:
            con.print(Text(f"{sid}  {title} — {publisher}, {published}; {kind}; {file}"))
        return
    if con.width < NARROW:  # six columns cannot share a narrow terminal: one block per source instead
        for i, (sid, title, publisher, published, kind, file) in enumerate(rows):
            if i:
                con.print()
            con.print(Text(sid, style="bold"))
            con.print(Text(title))
            con.print(Text(f"{publisher}, {published}; {kind}; {file}", style="dim"))
        return
    table = Table(show_lines=False)
    for col in ("id", "title", "publisher", "published", "kind", "file"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    con.print(table)


def print_problems(con: Console, problems: Sequence[object], what: str) -> None:
    from rich.text import Text

    for p in problems:
        con.print(Text(visible(p)))
    con.print(Text(f"{len(problems)} problem(s) in {what}", style="bold red"))


def print_ok(con: Console, message: str) -> None:
    from rich.text import Text

    con.print(Text(visible(message), style="green"))


def suggestion_line(message: str, suggestions: Sequence[str]) -> str:
    return message + (f" (did you mean: {', '.join(suggestions)}?)" if suggestions else "")


def write_text(text: str, out: TextIO | None = None) -> None:
    """Text produced for a file (a bibliography export): written as is, with a final newline."""
    stream = out or sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


# --- timeline and references ---------------------------------------------------------------------

def source_numbers(facts: Iterable[Fact]) -> dict[str, int]:
    """Each source cited by the facts, numbered in order of first citation (for '[1]' marks)."""
    numbers: dict[str, int] = {}
    for f in facts:
        for c in f.citations:
            numbers.setdefault(c.source, len(numbers) + 1)
    return numbers


def _cite_marks(fact: Fact, numbers: dict[str, int]) -> str:
    seen = sorted({numbers[c.source] for c in fact.citations if c.source in numbers})
    return "".join(f"[{n}]" for n in seen)


def _event_when(ev: Any) -> str:
    """The date column of a timeline row; a series value is a figure as stated then."""
    return f"as of {ev.display}" if ev.series else ev.display


def event_record(ev: Any, sources: dict[str, Source]) -> dict[str, Any]:
    """One timeline event in the JSON shape of `timeline --json` (docs/json.md)."""
    f = ev.fact
    return {
        "id": f.id,
        "statement": f.statement,
        "answer": f.answer,
        "date": ev.date.edtf,
        "date_display": ev.display,
        "date_label": f.date_label if not ev.series else None,
        "start": ev.date.start,
        "end": ev.date.end,
        "precision": ev.date.precision,
        "uncertain": ev.date.uncertain,
        "approximate": ev.date.approximate,
        "decade": ev.decade,
        "series": ev.series,
        "key": f.key,
        "as_of": f.as_of,
        "topics": list(f.topics),
        "entities": list(f.entities),
        "citations": citation_record(f, sources),
    }


def timeline_payload(events: Sequence[Any], sources: dict[str, Source], filters: dict[str, Any]) -> dict[str, Any]:
    return {"filters": filters, "count": len(events), "events": [event_record(e, sources) for e in events]}


def write_jsonl(records: Iterable[object], out: TextIO | None = None) -> None:
    """One JSON document per line, flushed as it goes (for streaming into jq or a script)."""
    stream = out or sys.stdout
    for rec in records:
        stream.write(dumps(rec) + "\n")
    stream.flush()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    """A spreadsheet cell: control characters made visible, never read as a formula."""
    s = visible("" if value is None else value)
    return "'" + s if s.startswith(_FORMULA_START) else s


TIMELINE_CSV_COLUMNS = ("id", "date", "date_display", "start", "end", "precision", "uncertain", "approximate",
                        "series", "key", "statement", "answer", "sources")


def timeline_csv(events: Sequence[Any]) -> str:
    """The timeline as CSV with a header row (RFC 4180 quoting), one event per row."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TIMELINE_CSV_COLUMNS)
    for ev in events:
        f = ev.fact
        srcs = "; ".join(dict.fromkeys(c.source for c in f.citations))
        row = (f.id, ev.date.edtf, ev.display, ev.date.start, ev.date.end, ev.date.precision,
               str(ev.date.uncertain).lower(), str(ev.date.approximate).lower(), str(ev.series).lower(),
               f.key or "", f.statement, f.answer or "", srcs)
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def _md_cell(value: object) -> str:
    """Text for a Markdown table cell: one line, with the characters Markdown would act on escaped."""
    s = " ".join(visible(value).split())
    return re.sub(r"([\\|*_`<])", r"\\\1", s)


def timeline_markdown(events: Sequence[Any], sources: dict[str, Source]) -> str:
    """The timeline as a Markdown table (date, event, source numbers) with the sources listed below."""
    numbers = source_numbers(e.fact for e in events)
    lines = ["| Date | Event | Sources |", "| --- | --- | --- |"]
    for ev in events:
        lines.append(f"| {_md_cell(_event_when(ev))} | {_md_cell(ev.fact.statement)} | {_cite_marks(ev.fact, numbers)} |")
    if numbers:
        lines += ["", "Sources:", ""]
        lines += [f"{n}. {_md_cell(_source_line(sources.get(sid), sid))}" for sid, n in numbers.items()]
    return "\n".join(lines) + "\n"


def print_timeline(con: Console, events: Sequence[Any], sources: dict[str, Source]) -> None:
    """The timeline for a person: a heading per decade, one row per event, the sources once at the end."""
    from rich.table import Table
    from rich.text import Text

    if not events:
        con.print(Text("No dated fact matches these filters.", style="yellow"))
        con.print(Text("Widen --from/--to, or drop a --topic/--entity/--source filter.", style="dim"))
        return
    numbers = source_numbers(e.fact for e in events)
    decades: dict[str, list[Any]] = {}
    for ev in events:
        decades.setdefault(ev.decade, []).append(ev)
    for i, (decade, evs) in enumerate(decades.items()):
        if i:
            con.print()
        con.print(Text(decade, style="bold underline"))
        rows = []
        for ev in evs:
            row = Text(visible(ev.fact.statement))
            row.append(" " + _cite_marks(ev.fact, numbers), style="dim")
            rows.append((visible(_event_when(ev)), row))
        if con.is_terminal:  # wrapped in columns on a screen
            table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), pad_edge=False, expand=False)
            table.add_column("date", style="cyan", max_width=24, overflow="fold")
            table.add_column("event", overflow="fold", ratio=1)
            for when, row in rows:
                table.add_row(Text(when), row)
            con.print(table)
        else:  # one line per event when piped, for grep, head and friends
            width = min(24, max(len(when) for when, _ in rows))
            for when, row in rows:
                con.print(Text().append(when.ljust(width) + "  ", style="cyan").append_text(row))
    con.print()
    con.print(Text("Sources", style="bold"))
    for sid, n in numbers.items():
        line = Text().append(f"[{n}] ", style="bold cyan")
        line.append(visible(_source_line(sources.get(sid), sid)))
        con.print(line)
    con.print(Text(f"{len(events)} event(s); 'as of' marks a figure as stated then.", style="dim"))


def print_references(con: Console, refs: str, style: str) -> None:
    """Formatted references (from cite.bibliography) under a heading naming the style."""
    from rich.text import Text

    lines = [ln for ln in refs.splitlines() if ln.strip()]
    if not lines:
        return
    con.print()
    con.print(Text(f"References ({visible(style)})", style="bold"))
    for ln in lines:
        con.print(Text(visible(ln)))


def write_export(text: str, out: TextIO | None = None) -> None:
    """A bibliography or export for a file or a paste: as is, but control characters made visible."""
    write_text(visible(text), out)
