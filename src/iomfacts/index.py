"""The search index of a store, kept in SQLite so that a warm query reads only what it needs.

Tables: ``meta`` (format, size, content key), ``sources``, ``facts`` (one JSON row per fact plus the
columns that dates and series are looked up by), ``cands`` (what scoring reads of each fact: its
terms with their weights, its phrasings' terms, what it can answer), ``terms`` (each term's document
frequency and posting list, packed as arrays), ``words`` (every word of the store with its term, so
that questions rarely need the stemmer) and ``facets``. Building happens once per store content;
see ``cache.py``. A large store is indexed by several processes at once (``_all_rows``).
"""
from __future__ import annotations

import json
import re
import sqlite3
from array import array
from binascii import crc32
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .answers import answer_kind
from .model import Fact, Source

FORMAT = "iomfacts-index-67"

# How much a term counts by where it occurs in a fact: its own words, its tags, its quotes.
W_MAIN, W_TAG, W_QUOTE = 10, 8, 6
KEPT_FACTS = 20000  # decoded facts an index keeps for the questions that follow

def fact_to_dict(f: Fact) -> dict[str, object]:
    return {
        "id": f.id, "statement": f.statement, "answer": f.answer, "date": f.date, "date_label": f.date_label,
        "key": f.key, "as_of": f.as_of, "topics": list(f.topics), "entities": list(f.entities), "aliases": list(f.aliases),
        "citations": [{"source": c.source, "quote": c.quote, "section": c.section} for c in f.citations],
    }


# A fact's term weights are stored as its terms, then one letter per term for the weight.
_WEIGHT_CODE = {W_MAIN: "m", W_TAG: "t", W_QUOTE: "q"}
_WEIGHT_OF = {c: w for w, c in _WEIGHT_CODE.items()}


class Phrases(Sequence[set[str]]):
    """The term sets of a fact's own phrasings (statement, answer, aliases), each made on first use:
    every candidate is asked for its answer, only the best few dozen for all of them."""

    __slots__ = ("_texts", "_sets")

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._sets: list[set[str] | None] = [None] * len(texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._texts)))]
        got = self._sets[i]
        if got is None:
            got = self._sets[i] = set(self._texts[i].split())
        return got

    def __iter__(self) -> Iterator[set[str]]:
        sets = self._sets
        if None in sets:
            self._sets = sets = [s if s is not None else set(t.split()) for s, t in zip(sets, self._texts)]
        return iter(sets)

    def __repr__(self) -> str:
        return f"Phrases({list(self)!r})"


class FactRow:
    """What the engine needs of a candidate fact, without building the whole Fact.

    ``phrases`` are decoded from their stored text on first use, and rows are kept by the index once
    read, so that a batch of questions decodes each fact at most once.
    """

    __slots__ = ("rowid", "id", "key", "as_of_start", "kind", "term_weights", "_phrases", "_phrase_sets", "_years")

    def __init__(self, rowid: int, id: str, key: str | None, as_of_start: str | None, kind: int, tw: str, phrases: str) -> None:
        if type(phrases) is not str or type(kind) is not int:
            raise ValueError("a damaged row in the index")
        self.rowid, self.id, self.key, self.as_of_start, self.kind = rowid, id, key, as_of_start, kind
        terms, _, codes = tw.partition("\t")
        self.term_weights: dict[str, int] = dict(zip(terms.split(" "), map(_WEIGHT_OF.__getitem__, codes))) if terms else {}
        self._phrases = phrases
        self._phrase_sets: Phrases | None = None
        self._years: tuple[int, int] | None | bool = False  # False: not read yet

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and last year the fact names (in its text or as its date); None if it names none."""
        if self._years is False:
            found = [int(t) for t in self.term_weights if len(t) == 4 and t[:2] in ("19", "20") and t.isdigit()]
            self._years = (min(found), max(found)) if found else None
        return self._years  # type: ignore[return-value]

    @property
    def phrases(self) -> Phrases:
        if self._phrase_sets is None:
            self._phrase_sets = Phrases(self._phrases.split("|"))
        return self._phrase_sets

    def __repr__(self) -> str:
        return f"FactRow(rowid={self.rowid}, id={self.id!r})"


# Bounds of what an open index keeps of what it has read (rows, words, posting entries).
CACHE_ROWS, CACHE_WORDS, CACHE_POSTINGS = 50000, 200000, 5000000

# Stores of at least this many facts are indexed by several processes at once (where fork exists).
PARALLEL_MIN = 20000


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _date_words(start: str, end: str) -> str:
    """Words for a fact's date, so that "in December" or "in 2014" finds a fact dated then whose
    text does not say it: the years of a span of up to three, and the month of a date within one."""
    years = range(int(start[:4]), int(end[:4]) + 1) if start[:4].isdigit() and end[:4].isdigit() else range(0)
    words = [str(y) for y in years] if len(years) <= 3 else []
    if start[:7] == end[:7] and start[5:7].isdigit() and 1 <= int(start[5:7]) <= 12:
        words.append(_MONTHS[int(start[5:7]) - 1])
    return " ".join(words)


# A name with its acronym, either way round: "Kurdistan Regional Government (KRG)", "CGRS (the Office of…)"
_DEFINES_ACRONYM = re.compile(r"(?:[A-Z][\w'’-]+\s+(?:(?:of|for|the|and|on|in|de|des|du|pour|la|le|en)\s+)*){2,}\((?:the\s+)?([A-Z][A-Z0-9-]{1,9})\)"
                              r"|\b([A-Z][A-Z0-9-]{1,9})\s+\((?:the\s+)?(?:[A-Z][\w'’-]+\s+(?:(?:of|for|the|and|on|in)\s+)*){1,}[A-Z][\w'’-]+\)")


def _fact_rows(facts: list[Fact], first: int) -> tuple[list[tuple], list[list[str]], dict[str, str | None]]:
    """The table rows of some facts (the first has rowid ``first``), each one's terms, and the words seen."""
    from . import dates, text

    vocab: dict[str, str | None] = {}

    def lookup(word: str) -> str | None:
        t = vocab.get(word, "")
        if t == "":
            t = vocab[word] = text.term_of(word)
        return t

    seen: dict[str, list[str]] = {}  # entities, topics and sections recur across facts: tokenise each once

    def terms(chunk: str) -> list[str]:
        ts = seen.get(chunk)
        if ts is None:
            ts = seen[chunk] = text.terms(chunk, lookup)
            if len(seen) > 200000:
                seen.clear()
        return ts

    rows: list[tuple] = []
    fact_terms: list[list[str]] = []
    for rowid, f in enumerate(facts, first):
        weights: dict[str, int] = {}
        phrases = []
        for chunk in (f.statement, f.answer or "", *f.aliases):
            ts = terms(chunk)
            phrases.append(" ".join(ts))
            for t in ts:
                weights[t] = W_MAIN
        # the terms only its aliases use (not its statement, answer, tags or quotes): see build
        aliases_only = set(weights).difference(*(terms(chunk) for chunk in (f.statement, f.answer or "")))
        for chunk in (*f.entities, *(t.replace("-", " ") for t in f.topics)):
            for t in terms(chunk):
                weights.setdefault(t, W_TAG)
                aliases_only.discard(t)
        for c in f.citations:
            for t in terms(c.quote + " " + (c.section or "")):
                weights.setdefault(t, W_QUOTE)
            aliases_only.difference_update(terms(c.quote))
        for chunk in (f.statement, f.answer or "", *(c.quote for c in f.citations)):
            for m in _DEFINES_ACRONYM.finditer(chunk):  # it spells out an acronym: "What does KRG stand for?"
                for t in terms(m.group(1) or m.group(2)):
                    weights.setdefault(text.ACRONYM_PREFIX + t, W_TAG)
        when = f.date or f.as_of
        info = dates.parse(when) if when else None
        as_of = dates.parse(f.as_of).start if f.as_of else None
        if f.date and info is not None:
            for t in terms(_date_words(info.start, info.end)):
                weights.setdefault(t, W_TAG)
        rows.append((rowid, f.id, f.key, as_of, info.start if info else None, info.end if info else None, answer_kind(f),
                     " ".join(weights) + "\t" + "".join(map(_WEIGHT_CODE.__getitem__, weights.values())), "|".join(phrases),
                     json.dumps(fact_to_dict(f), ensure_ascii=False, separators=(",", ":"))))
        # terms only its aliases use are listed last, after a "" marker (see build)
        fact_terms.append([t for t in weights if t not in aliases_only] + ([""] + [t for t in weights if t in aliases_only] if aliases_only else []))
    return rows, fact_terms, vocab


_FACTS: list[Fact] = []  # the facts a forked worker indexes (inherited from the parent, never pickled)


def _rows_of_range(bounds: tuple[int, int]) -> tuple[list[tuple], list[list[str]], dict[str, str | None]]:
    return _fact_rows(_FACTS[bounds[0]:bounds[1]], bounds[0])


def _all_rows(facts: list[Fact]) -> Iterator[tuple[list[tuple], list[list[str]], dict[str, str | None]]]:
    """Rows in rowid order, computed by several processes for a large store (see ``parallel.py``)."""
    from . import parallel

    global _FACTS
    done = 0
    workers = parallel.workers() if len(facts) >= PARALLEL_MIN else 1
    if workers > 1:
        step = -(-len(facts) // (workers * 4))
        bounds = [(i, min(len(facts), i + step)) for i in range(0, len(facts), step)]
        _FACTS = facts
        try:
            for (_, end), result in zip(bounds, parallel.map_in_order(_rows_of_range, bounds, workers)):
                yield result
                done = end
        except parallel.Unavailable:
            pass  # computed here below
        finally:
            _FACTS = []
    if done < len(facts) or not facts:
        yield _fact_rows(facts[done:], done)


def build(conn: sqlite3.Connection, sources: list[Source], facts: list[Fact], content_key: str) -> None:
    """Write the whole index into an empty database."""
    conn.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
        CREATE TABLE sources (id TEXT PRIMARY KEY, json TEXT NOT NULL, crc INTEGER NOT NULL);
        CREATE TABLE facts (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT, as_of_start TEXT,
                            when_start TEXT, when_end TEXT, json TEXT NOT NULL, crc INTEGER NOT NULL);
        CREATE TABLE cands (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, key TEXT, as_of_start TEXT, kind INTEGER NOT NULL,
                            tw TEXT NOT NULL, phrases TEXT NOT NULL);
        CREATE TABLE terms (term TEXT PRIMARY KEY, df REAL NOT NULL, ids BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE words (word TEXT PRIMARY KEY, term TEXT) WITHOUT ROWID;
        CREATE TABLE facets (kind TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
        """
    )
    conn.executemany("INSERT INTO sources VALUES (?, ?, ?)", [(s.id, j, _crc(j)) for s in sources
                                                             for j in [json.dumps(s.to_dict(), ensure_ascii=False)]])
    vocab: dict[str, str | None] = {}
    postings: dict[str, array] = {}
    alias_only_df: dict[str, int] = {}
    for rows, fact_terms, words in _all_rows(facts):
        # What scoring reads is kept apart from the facts' JSON, so that candidates sit on few pages.
        conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?)", (r[:6] + (r[9], _crc(r[9])) for r in rows))
        conn.executemany("INSERT INTO cands VALUES (?,?,?,?,?,?,?)", (r[:4] + r[6:9] for r in rows))
        for row, ts in zip(rows, fact_terms):
            rowid = row[0]
            in_aliases_only = False
            for t in ts:
                if not t:
                    in_aliases_only = True
                    continue
                ids = postings.get(t)
                if ids is None:
                    ids = postings[t] = array("i")
                ids.append(rowid)
                if in_aliases_only:
                    alias_only_df[t] = alias_only_df.get(t, 0) + 1
        vocab.update(words)
        del rows, fact_terms, words
    facets: dict[tuple[str, str], int] = {}
    for f in facts:
        for kind, values in (("topic", f.topics), ("entity", f.entities), ("source", {c.source for c in f.citations})):
            for v in values:
                facets[(kind, v)] = facets.get((kind, v), 0) + 1
    # Indexes are made after the rows are in: far quicker than keeping them up to date row by row.
    conn.execute("CREATE INDEX facts_key ON facts(key) WHERE key IS NOT NULL")
    # A term's rarity (its df, for idf) counts a fact that has it only in its aliases as half a fact:
    # aliases add everyday paraphrases ("the Belgian capital"), which must not make an everyday
    # word ("capital") look common in the facts themselves.
    conn.executemany("INSERT INTO terms VALUES (?,?,?)",
                     ((t, len(ids) - ALIAS_DF_SHARE * alias_only_df.get(t, 0), ids.tobytes()) for t, ids in postings.items()))
    conn.executemany("INSERT INTO words VALUES (?,?)", vocab.items())
    conn.executemany("INSERT INTO facets VALUES (?,?,?)", ((k, v, n) for (k, v), n in facets.items()))
    names = " ".join(sorted(_name_terms([v for (k, v) in facets if k == "entity"], postings, len(facts))))
    conn.executemany("INSERT INTO meta VALUES (?,?)", [("format", FORMAT), ("size", str(len(facts))), ("key", content_key),
                                                       ("names", names), ("complete", "1")])
    conn.commit()


ALIAS_DF_SHARE = 0.5  # how much less a fact counts in a term's df when only its aliases have the term
RARE_NAME_SHARE = 0.03  # a word of an entity's name in at most this share of facts is a name, not a topic


def _name_terms(entities: list[str], postings: dict[str, array], n: int) -> set[str]:
    """The rare terms of the entities' names ('vitorino', 'melsbroek', 'fedasil'): in a question
    written all in lower case, they stand for the names it gives."""
    from . import text

    limit = max(3, RARE_NAME_SHARE * n)
    out: set[str] = set()
    for name in entities:
        for w in text.words(name):
            if len(w) > 2 and not w[0].isdigit() and w not in text.GENERIC:
                t = text.term_of(w)
                if t is not None and t in postings and len(postings[t]) <= limit:
                    out.add(t)
    return out


class Index:
    """Read access to a built index.

    Every read goes through ``_fetch``. An index read from the cache may be damaged in ways its
    header does not show (bytes overwritten inside the file): SQLite then reports the file as
    malformed, or a row fails to decode. The index is then rebuilt from the store once (``heal``,
    given by ``cache.open_index``), and the read is made again: a damaged cache costs one rebuild,
    never a wrong or failed answer.
    """

    def __init__(self, conn: sqlite3.Connection, heal: Callable[[], sqlite3.Connection] | None = None) -> None:
        self.conn = conn
        self._heal = heal
        self.uri: str | None = None  # the read-only cache file it was opened from, if any (see reopen)
        self._read_meta()
        self._vocab: list[str] | None = None
        # What questions have read so far, so that a batch reads and decodes each thing once.
        self._rows: dict[int, FactRow] = {}
        self._facts: dict[int, Fact] = {}
        self._words: dict[str, str | None] = {}
        self._unseen: set[str] = set()  # words the store does not have
        self._postings: dict[str, tuple[float, array] | None] = {}
        self._dfs: dict[str, float | None] = {}
        self._posting_ids = 0

    def _read_meta(self) -> None:
        meta = dict(self.conn.execute("SELECT k, v FROM meta"))
        if meta.get("format") != FORMAT or meta.get("complete") != "1":
            raise sqlite3.DatabaseError("index of another format or incomplete")
        self.size = int(meta["size"])
        self.key = meta.get("key", "")
        self._names_text = meta.get("names", "")
        self._names: frozenset[str] | None = None

    def _fetch(self, sql: str, params: Sequence[object] = (), convert: Callable[[tuple], Any] | None = None) -> list[Any]:
        """The rows of a query (converted), rebuilding a damaged index once and asking again."""
        try:
            rows = self.conn.execute(sql, params).fetchall()
            return [convert(r) for r in rows] if convert else rows
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            if self._heal is None:
                raise
        heal, self._heal = self._heal, None
        damaged, self.conn = self.conn, heal()
        self.uri = None
        damaged.close()
        self._read_meta()
        self._vocab = None
        for kept in (self._rows, self._facts, self._words, self._unseen, self._postings, self._dfs):
            kept.clear()
        self._posting_ids = 0
        rows = self.conn.execute(sql, params).fetchall()
        return [convert(r) for r in rows] if convert else rows

    def reopen(self) -> None:
        """In a forked process: a connection of its own to the same cache file, since SQLite's
        connections must not cross a fork. An index in memory is the process's own copy already."""
        if self.uri is not None:
            self.conn = sqlite3.connect(self.uri, uri=True, check_same_thread=False)

    # --- facts and sources -------------------------------------------------------------------
    def sources(self) -> list[Source]:
        return self._fetch("SELECT json, crc FROM sources ORDER BY rowid", (), lambda r: Source(**json.loads(_checked(r))))

    def fact_by_id(self, fact_id: str) -> Fact | None:
        found = self._fetch("SELECT json, crc FROM facts WHERE id = ?", (fact_id,), _fact_of_row)
        return found[0] if found else None

    def facts_by_rowid(self, rowids: list[int]) -> dict[int, Fact]:
        kept = self._facts
        out: dict[int, Fact] = {r: kept[r] for r in rowids if r in kept}
        todo = [r for r in rowids if r not in out]
        for chunk in range(0, len(todo), 500):
            part = todo[chunk:chunk + 500]
            q = f"SELECT json, crc, rowid FROM facts WHERE rowid IN ({','.join('?' * len(part))})"
            found = dict(self._fetch(q, part, lambda r: (r[2], _fact_of_row(r))))
            out.update(found)
            if len(kept) + len(found) <= KEPT_FACTS:  # the facts a batch answers with, decoded once
                kept.update(found)
        return out

    def _facts_in_order(self, rowids: list[int]) -> Iterator[Fact]:
        for chunk in range(0, len(rowids), 500):
            part = rowids[chunk:chunk + 500]
            found = self.facts_by_rowid(part)
            yield from (found[r] for r in part if r in found)

    def all_facts(self) -> Iterator[Fact]:
        return self._facts_in_order([r for (r,) in self._fetch("SELECT rowid FROM facts ORDER BY rowid")])

    def dated_facts(self) -> Iterator[Fact]:
        q = "SELECT rowid FROM facts WHERE when_start IS NOT NULL ORDER BY when_start, rowid"
        return self._facts_in_order([r for (r,) in self._fetch(q)])

    def fact_ids(self) -> list[str]:
        return [i for (i,) in self._fetch("SELECT id FROM facts ORDER BY rowid")]

    def series(self, key: str) -> list[Fact]:
        return self._fetch("SELECT json, crc FROM facts WHERE key = ? ORDER BY as_of_start, rowid", (key,), _fact_of_row)

    def series_rowids(self, key: str) -> list[int]:
        """The rowids of a series' values, in the order of ``series``."""
        return [r for (r,) in self._fetch("SELECT rowid FROM facts WHERE key = ? ORDER BY as_of_start, rowid", (key,))]

    def facets(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"topic": [], "entity": [], "source": []}
        for kind, value in self._fetch("SELECT kind, value FROM facets ORDER BY kind, value"):
            out[kind].append(value)
        return out

    def name_terms(self) -> frozenset[str]:
        """The rare terms of the store's entity names (see ``_name_terms``)."""
        if self._names is None:
            self._names = frozenset(self._names_text.split())
        return self._names

    # --- search ------------------------------------------------------------------------------
    def words(self, ws: list[str]) -> dict[str, str | None]:
        """The term of each word the store has (words it lacks are left out)."""
        todo = [w for w in dict.fromkeys(ws) if w not in self._words and w not in self._unseen]
        for chunk in range(0, len(todo), 500):
            part = todo[chunk:chunk + 500]
            q = f"SELECT word, term FROM words WHERE word IN ({','.join('?' * len(part))})"
            self._words.update(self._fetch(q, part))
            self._unseen.update(w for w in part if w not in self._words)
        if len(self._words) + len(self._unseen) > CACHE_WORDS:
            known = {w: self._words[w] for w in ws if w in self._words}
            self._words.clear()
            self._unseen.clear()
            return known
        return {w: self._words[w] for w in ws if w in self._words}

    def words_of(self, term: str) -> list[str]:
        return [w for (w,) in self._fetch("SELECT word FROM words WHERE term = ? LIMIT 50", (term,))]

    def vocabulary(self) -> list[str]:
        """Every word of the store, for correcting misspelt words of a question."""
        if self._vocab is None:
            self._vocab = [w for (w,) in self._fetch("SELECT word FROM words WHERE term IS NOT NULL")]
        return self._vocab

    def postings(self, terms: list[str]) -> dict[str, tuple[float, array]]:
        """Each term's document frequency (a fact with the term only in its aliases counts
        ALIAS_DF_SHARE less) and the rowids of its facts, in order of term."""
        todo = [t for t in dict.fromkeys(terms) if t not in self._postings]
        if todo:
            if self._posting_ids > CACHE_POSTINGS:
                self._postings.clear()
                self._posting_ids = 0
            found: dict[str, tuple[float, array] | None] = dict.fromkeys(todo)
            q = f"SELECT term, df, ids FROM terms WHERE term IN ({','.join('?' * len(todo))})"
            for term, df, blob in self._fetch(q, todo):
                ids = array("i")
                ids.frombytes(blob)
                found[term] = (df, ids)
                self._posting_ids += len(ids)
            self._postings.update(found)
        out: dict[str, tuple[float, array]] = {}
        for t in sorted(set(terms)):
            hit = self._postings.get(t)
            if hit is not None:
                out[t] = hit
        return out

    def doc_freqs(self, terms: list[str]) -> dict[str, float]:
        """How many facts hold each term, as ``postings`` counts them (terms no fact holds are left out)."""
        dfs = self._dfs
        todo = [t for t in dict.fromkeys(terms) if t not in dfs]
        if todo:
            if len(dfs) > CACHE_WORDS:
                dfs.clear()
            found = dict.fromkeys(todo)
            for chunk in range(0, len(todo), 500):
                part = todo[chunk:chunk + 500]
                q = f"SELECT term, df FROM terms WHERE term IN ({','.join('?' * len(part))})"
                found.update(self._fetch(q, part))
            dfs.update(found)
        return {t: dfs[t] for t in terms if dfs.get(t) is not None}

    def rows(self, rowids: list[int]) -> list[FactRow]:
        """The candidate rows, by ascending rowid within each 500 asked."""
        out: list[FactRow] = []
        cache = self._rows
        if len(cache) > CACHE_ROWS:
            cache.clear()
        for chunk in range(0, len(rowids), 500):
            part = sorted(set(rowids[chunk:chunk + 500]))
            todo = [r for r in part if r not in cache]
            if todo:
                q = f"SELECT rowid, id, key, as_of_start, kind, tw, phrases FROM cands WHERE rowid IN ({','.join('?' * len(todo))})"
                for row in self._fetch(q, todo, lambda r: FactRow(*r)):
                    cache[row.rowid] = row
            out.extend(cache[r] for r in part if r in cache)
        return out

    def filter_rowids(self, topic: str | None = None, entity: str | None = None, source: str | None = None) -> set[int] | None:
        """Rows whose tags match every given filter, or None when no filter is given."""
        if not (topic or entity or source):
            return None
        keep: set[int] = set()
        for start in range(0, self.size, 5000):  # in slices: a large store's JSON is never all in memory
            q = "SELECT json, crc, rowid FROM facts WHERE rowid >= ? AND rowid < ?"
            for rowid, d in self._fetch(q, (start, start + 5000), lambda r: (r[2], json.loads(_checked(r)))):
                if topic and topic not in d["topics"]:
                    continue
                if entity and entity not in d["entities"]:
                    continue
                if source and source not in {c["source"] for c in d["citations"]}:
                    continue
                keep.add(rowid)
        return keep


def _crc(text: str) -> int:
    return crc32(text.encode("utf-8", "surrogatepass"))


def _checked(row: tuple) -> str:
    """The JSON of a (json, crc) row, once its checksum shows it is what was written."""
    text, crc = row[0], row[1]
    if type(text) is not str or _crc(text) != crc:
        raise ValueError("a damaged row in the index")
    return text


def _fact_of_row(row: tuple) -> Fact:
    return Fact.from_dict(json.loads(_checked(row)))
