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

from . import dates
from .model import Answer, Fact, Source

if TYPE_CHECKING:
    from rich.console import Console

# C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a terminal shows.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(value: object) -> str:
    """Text with every control character made visible (ESC becomes '\\x1b'): safe to print."""
    s = "" if value is None else str(value)
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", s)


# --- JSON ----------------------------------------------------------------------------------------

def dumps(obj: object) -> str:
    """JSON that is valid whatever the text holds, readable (UTF-8), and inert in a terminal."""
    out = json.dumps(obj, ensure_ascii=False)
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
    from rich.console import Console

    c = Console(stderr=stderr, no_color=no_color, highlight=False, markup=False, emoji=False)
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


def print_sources(con: Console, sources: Iterable[Source]) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "title", "publisher", "published", "kind", "file"):
        table.add_column(col, overflow="fold")
    for s in sources:
        table.add_row(*(visible(v) for v in (s.id, s.title, s.publisher or "—", dates.display(s.published) if s.published else "n.d.",
                                             s.kind, s.file)))
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
