"""The search index of a store, kept in SQLite so that a warm query reads only what it needs.

Tables: ``meta`` (format, size, content key), ``sources``, ``facts`` (one JSON row per fact plus the
columns the engine filters on), ``terms`` (each term's document frequency and posting list, packed as
arrays) and ``words`` (every word of the store with its term, so that questions rarely need the
stemmer). Building happens once per store content; see ``cache.py``.
"""
from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from . import dates
from .model import Citation, Fact, Source

FORMAT = "iomfacts-index-4"

# How much a term counts by where it occurs in a fact: its own words, its tags, its quotes.
W_MAIN, W_TAG, W_QUOTE = 10, 8, 6

_NUMBERISH = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "twenty", "hundred", "thousand", "million", "billion", "half", "double", "dozen", "decade")


# An answer that is only a date ("1 April 2014", "2011", "December 2013") answers "when", not "how many".
_DATE_ONLY = re.compile(r"(?:(?:early|late|mid|since|from|in|on|by|about|around|c\.)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
                        r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
                        r"(?:1[89]|20)\d\d(?:s|\s*[-–/]\s*(?:1[89]|20)?\d\d)?")


def fact_to_dict(f: Fact) -> dict[str, object]:
    return {
        "id": f.id, "statement": f.statement, "answer": f.answer, "date": f.date, "date_label": f.date_label,
        "key": f.key, "as_of": f.as_of, "topics": list(f.topics), "entities": list(f.entities), "aliases": list(f.aliases),
        "citations": [{"source": c.source, "quote": c.quote, "section": c.section} for c in f.citations],
    }


def fact_from_dict(d: dict) -> Fact:
    return Fact(
        id=d["id"], statement=d["statement"], answer=d.get("answer"), date=d.get("date"), date_label=d.get("date_label"),
        key=d.get("key"), as_of=d.get("as_of"), topics=tuple(d.get("topics") or ()), entities=tuple(d.get("entities") or ()),
        aliases=tuple(d.get("aliases") or ()),
        citations=tuple(Citation(c["source"], c["quote"], c.get("section")) for c in d["citations"]),
    )


def answer_kind(f: Fact) -> int:
    """Bit flags of what a fact can answer: 1 a time, 2 a quantity, 4 a name or place."""
    flags = 0
    answer = (f.answer or "").lower()
    if f.date or f.as_of or any(ch.isdigit() for ch in answer[:4]) and len([c for c in answer if c.isdigit()]) == 4:
        flags |= 1
    if _DATE_ONLY.fullmatch(answer.strip()) is None and (any(ch.isdigit() for ch in answer) or any(w in answer for w in _NUMBERISH)):
        flags |= 2
    if f.answer and f.answer.strip()[:1].isupper() and not _DATE_ONLY.fullmatch(answer.strip()):
        flags |= 4  # a name: what "who" and "where" ask for
    return flags


@dataclass(frozen=True)
class FactRow:
    """What the engine needs of a candidate fact, without building the whole Fact."""

    rowid: int
    id: str
    key: str | None
    as_of_start: str | None
    kind: int
    term_weights: dict[str, int]
    phrases: list[set[str]]


def build(conn: sqlite3.Connection, sources: list[Source], facts: list[Fact], content_key: str) -> None:
    """Write the whole index into an empty database."""
    from . import text

    conn.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
        CREATE TABLE sources (id TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE facts (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT, as_of_start TEXT,
                            when_start TEXT, when_end TEXT, kind INTEGER NOT NULL, tw TEXT NOT NULL,
                            phrases TEXT NOT NULL, json TEXT NOT NULL);
        CREATE INDEX facts_key ON facts(key) WHERE key IS NOT NULL;
        CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, ids BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE words (word TEXT PRIMARY KEY, term TEXT) WITHOUT ROWID;
        CREATE TABLE facets (kind TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
        """
    )
    conn.executemany("INSERT INTO sources VALUES (?, ?)", [(s.id, json.dumps(s.to_dict(), ensure_ascii=False)) for s in sources])
    vocab: dict[str, str | None] = {}

    def lookup(word: str) -> str | None:
        t = vocab.get(word, "")
        if t == "":
            t = vocab[word] = text.term_of(word)
        return t

    postings: dict[str, array] = {}
    facets: dict[tuple[str, str], int] = {}
    rows = []
    for rowid, f in enumerate(facts):
        weights: dict[str, int] = {}
        main = [f.statement, f.answer or "", *f.aliases]
        phrases = []
        for chunk in main:
            ts = text.terms(chunk, lookup)
            phrases.append(" ".join(ts))
            for t in ts:
                weights[t] = W_MAIN
        for chunk in (*f.entities, *(t.replace("-", " ") for t in f.topics)):
            for t in text.terms(chunk, lookup):
                weights.setdefault(t, W_TAG)
        for c in f.citations:
            for t in text.terms(c.quote + " " + (c.section or ""), lookup):
                weights.setdefault(t, W_QUOTE)
        for t in weights:
            postings.setdefault(t, array("i")).append(rowid)
        when = f.date or f.as_of
        info = dates.parse(when) if when else None
        as_of = dates.parse(f.as_of).start if f.as_of else None
        rows.append((rowid, f.id, f.key, as_of, info.start if info else None, info.end if info else None, answer_kind(f),
                     " ".join(f"{t}:{w}" for t, w in weights.items()), "|".join(phrases),
                     json.dumps(fact_to_dict(f), ensure_ascii=False, separators=(",", ":"))))
        for kind, values in (("topic", f.topics), ("entity", f.entities), ("source", {c.source for c in f.citations})):
            for v in values:
                facets[(kind, v)] = facets.get((kind, v), 0) + 1
    conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO terms VALUES (?,?,?)", ((t, len(ids), ids.tobytes()) for t, ids in postings.items()))
    conn.executemany("INSERT INTO words VALUES (?,?)", vocab.items())
    conn.executemany("INSERT INTO facets VALUES (?,?,?)", ((k, v, n) for (k, v), n in facets.items()))
    conn.executemany("INSERT INTO meta VALUES (?,?)", [("format", FORMAT), ("size", str(len(facts))), ("key", content_key),
                                                       ("complete", "1")])
    conn.commit()


class Index:
    """Read access to a built index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        meta = dict(conn.execute("SELECT k, v FROM meta"))
        if meta.get("format") != FORMAT or meta.get("complete") != "1":
            raise sqlite3.DatabaseError("index of another format or incomplete")
        self.size = int(meta["size"])
        self.key = meta.get("key", "")
        self._vocab: list[str] | None = None

    # --- facts and sources -------------------------------------------------------------------
    def sources(self) -> list[Source]:
        return [Source(**json.loads(j)) for (j,) in self.conn.execute("SELECT json FROM sources ORDER BY rowid")]

    def fact_by_id(self, fact_id: str) -> Fact | None:
        row = self.conn.execute("SELECT json FROM facts WHERE id = ?", (fact_id,)).fetchone()
        return fact_from_dict(json.loads(row[0])) if row else None

    def facts_by_rowid(self, rowids: list[int]) -> dict[int, Fact]:
        out: dict[int, Fact] = {}
        for chunk in range(0, len(rowids), 500):
            part = rowids[chunk:chunk + 500]
            q = f"SELECT rowid, json FROM facts WHERE rowid IN ({','.join('?' * len(part))})"
            out.update((r, fact_from_dict(json.loads(j))) for r, j in self.conn.execute(q, part))
        return out

    def all_facts(self) -> Iterator[Fact]:
        for (j,) in self.conn.execute("SELECT json FROM facts ORDER BY rowid"):
            yield fact_from_dict(json.loads(j))

    def dated_facts(self) -> Iterator[Fact]:
        for (j,) in self.conn.execute("SELECT json FROM facts WHERE when_start IS NOT NULL ORDER BY when_start, rowid"):
            yield fact_from_dict(json.loads(j))

    def fact_ids(self) -> list[str]:
        return [i for (i,) in self.conn.execute("SELECT id FROM facts ORDER BY rowid")]

    def series(self, key: str) -> list[Fact]:
        rows = self.conn.execute("SELECT json FROM facts WHERE key = ? ORDER BY as_of_start, rowid", (key,))
        return [fact_from_dict(json.loads(j)) for (j,) in rows]

    def facets(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"topic": [], "entity": [], "source": []}
        for kind, value in self.conn.execute("SELECT kind, value FROM facets ORDER BY kind, value"):
            out[kind].append(value)
        return out

    # --- search ------------------------------------------------------------------------------
    def words(self, ws: list[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in range(0, len(ws), 500):
            part = ws[chunk:chunk + 500]
            q = f"SELECT word, term FROM words WHERE word IN ({','.join('?' * len(part))})"
            out.update(self.conn.execute(q, part))
        return out

    def words_of(self, term: str) -> list[str]:
        return [w for (w,) in self.conn.execute("SELECT word FROM words WHERE term = ? LIMIT 50", (term,))]

    def vocabulary(self) -> list[str]:
        """Every word of the store, for correcting misspelt words of a question."""
        if self._vocab is None:
            self._vocab = [w for (w,) in self.conn.execute("SELECT word FROM words WHERE term IS NOT NULL")]
        return self._vocab

    def postings(self, terms: list[str]) -> dict[str, tuple[int, array]]:
        out: dict[str, tuple[int, array]] = {}
        if not terms:
            return out
        q = f"SELECT term, df, ids FROM terms WHERE term IN ({','.join('?' * len(terms))})"
        for term, df, blob in self.conn.execute(q, terms):
            ids = array("i")
            ids.frombytes(blob)
            out[term] = (df, ids)
        return out

    def doc_freqs(self, terms: list[str]) -> dict[str, int]:
        if not terms:
            return {}
        q = f"SELECT term, df FROM terms WHERE term IN ({','.join('?' * len(terms))})"
        return dict(self.conn.execute(q, terms))

    def rows(self, rowids: list[int]) -> list[FactRow]:
        out: list[FactRow] = []
        for chunk in range(0, len(rowids), 500):
            part = rowids[chunk:chunk + 500]
            q = f"SELECT rowid, id, key, as_of_start, kind, tw, phrases FROM facts WHERE rowid IN ({','.join('?' * len(part))})"
            for rowid, fid, key, as_of, kind, tw, phrases in self.conn.execute(q, part):
                weights = {t: int(w) for t, _, w in (p.rpartition(":") for p in tw.split(" ") if p)}
                out.append(FactRow(rowid, fid, key, as_of, kind, weights, [set(p.split()) for p in phrases.split("|")]))
        return out

    def filter_rowids(self, topic: str | None = None, entity: str | None = None, source: str | None = None) -> set[int] | None:
        """Rows whose tags match every given filter, or None when no filter is given."""
        if not (topic or entity or source):
            return None
        keep: set[int] | None = None
        for rowid, j in self.conn.execute("SELECT rowid, json FROM facts"):
            d = json.loads(j)
            if topic and topic not in d["topics"]:
                continue
            if entity and entity not in d["entities"]:
                continue
            if source and source not in {c["source"] for c in d["citations"]}:
                continue
            keep = keep or set()
            keep.add(rowid)
        return keep or set()
