"""Checks a parsed store and reports every problem, each located by its path in the YAML document.

The loader turns paths into file:line (see ``store.py``). The checks never walk a value of unknown
shape recursively, so a store built from nested aliases ("billion laughs") cannot make them explode.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import dates

SCHEMA_VERSION = 1
MAX_QUOTE = 300
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_KEYS = ("schema", "sources", "facts")
SOURCE_REQUIRED = ("id", "title", "publisher", "author", "published", "kind", "file")
SOURCE_OPTIONAL = ("url", "note")
SOURCE_NULLABLE = ("publisher", "author", "published")
FACT_REQUIRED = ("id", "statement", "topics", "entities", "citations")
FACT_OPTIONAL = ("answer", "date", "date_label", "key", "as_of", "aliases")
CITATION_REQUIRED = ("source", "quote")
CITATION_OPTIONAL = ("section",)

Path = tuple[Any, ...]


@dataclass(frozen=True)
class Issue:
    """A problem found in one file, at a path such as ('facts', 3, 'citations', 0, 'quote')."""

    file_index: int
    path: Path
    message: str
    hint: str = ""
    on_key: bool = False  # point at the key itself rather than its value


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if hasattr(value, "isoformat"):  # YAML reads an unquoted 1951-11-26 as a date
        return "an unquoted date"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _brief(value: object, limit: int = 80) -> str:
    """A value as a message may quote it: short, and never the expansion of a nested structure."""
    if isinstance(value, (dict, list, tuple, set)):
        return _kind(value)
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown_keys(mapping: dict, allowed: tuple[str, ...], fi: int, path: Path, what: str) -> Iterator[Issue]:
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            yield Issue(fi, path + (key,), f"unknown key {_brief(str(key))} in {what}", hint, on_key=True)


def _required(mapping: dict, keys: tuple[str, ...], fi: int, path: Path, what: str) -> Iterator[Issue]:
    for key in keys:
        if key not in mapping:
            yield Issue(fi, path, f"{what} has no '{key}'", f"add '{key}:'", on_key=True)


def _text(value: object, fi: int, path: Path, what: str, nullable: bool = False) -> Iterator[Issue]:
    if value is None and nullable:
        return
    if not isinstance(value, str):
        hint = "write it as a quoted string" if isinstance(value, (int, float)) or hasattr(value, "year") else ""
        yield Issue(fi, path, f"{what} must be text, not {_kind(value)}", hint)
    elif not value.strip():
        yield Issue(fi, path, f"{what} is empty", "write the text or remove the key" if nullable else "write the text")


def _text_list(value: object, fi: int, path: Path, what: str, allow_empty: bool = True) -> Iterator[Issue]:
    if not isinstance(value, list):
        yield Issue(fi, path, f"{what} must be a list, not {_kind(value)}", "write it as [a, b] or one '- item' per line")
        return
    if not value and not allow_empty:
        yield Issue(fi, path, f"{what} is empty", "give at least one")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            yield Issue(fi, path + (i,), f"{what} must hold non-empty text, not {_kind(item)}")
            return  # one report per list: the rest is likely the same mistake


def _date(value: object, fi: int, path: Path, what: str) -> Iterator[Issue]:
    if value is None:
        return
    if not isinstance(value, str):
        yield Issue(fi, path, f"{what} must be a quoted EDTF string, not {_kind(value)}", f"write {what}: \"{value}\"" if isinstance(value, (int, float)) or hasattr(value, "isoformat")
                    else "write it as a quoted EDTF string such as \"1951-11-26\"")
        return
    problem = dates.validate(value)
    if problem:
        yield Issue(fi, path, f"invalid {what}: {problem}", "use EDTF level 1: 1951, 1951-11, 1951-11-26, 2025/2028, 2021?, 1970~, 197X")


def check_file(doc: object, fi: int) -> Iterator[Issue]:
    """Problems of one file's own content (shape, types, dates); cross-file checks are in check_store."""
    if not isinstance(doc, dict):
        yield Issue(fi, (), f"a store file must be a mapping with 'schema', 'sources' and 'facts', not {_kind(doc)}",
                    "see docs/store-format.md")
        return
    yield from _unknown_keys(doc, TOP_KEYS, fi, (), "the store")
    if "schema" not in doc:
        yield Issue(fi, (), "the store has no 'schema'", f"add 'schema: {SCHEMA_VERSION}' at the top")
    elif type(doc["schema"]) is not int or doc["schema"] != SCHEMA_VERSION:  # true and 1.0 equal 1 in Python
        yield Issue(fi, ("schema",), f"unsupported schema version {_brief(doc['schema'])}", f"this iomfacts reads schema {SCHEMA_VERSION}")
    for section, checker in (("sources", _check_source), ("facts", _check_fact)):
        items = doc.get(section, [])
        if items is None:
            continue
        if not isinstance(items, list):
            yield Issue(fi, (section,), f"'{section}' must be a list, not {_kind(items)}", "one '- ' entry per item")
            continue
        for i, item in enumerate(items):
            yield from checker(item, fi, (section, i))


def _check_source(src: object, fi: int, path: Path) -> Iterator[Issue]:
    if not isinstance(src, dict):
        yield Issue(fi, path, f"a source must be a mapping, not {_kind(src)}")
        return
    yield from _unknown_keys(src, SOURCE_REQUIRED + SOURCE_OPTIONAL, fi, path, "a source")
    yield from _required(src, SOURCE_REQUIRED, fi, path, "the source")
    for key in SOURCE_REQUIRED + SOURCE_OPTIONAL:
        if key in src and key != "published":
            yield from _text(src[key], fi, path + (key,), key, nullable=key in SOURCE_NULLABLE + SOURCE_OPTIONAL)
    if isinstance(src.get("id"), str) and not SLUG.match(src["id"]):
        yield Issue(fi, path + ("id",), f"source id {_brief(src['id'])} is not a slug", "use lower-case letters, digits and '-'")
    if "published" in src:
        yield from _date(src["published"], fi, path + ("published",), "published")


def _check_fact(fact: object, fi: int, path: Path) -> Iterator[Issue]:
    if not isinstance(fact, dict):
        yield Issue(fi, path, f"a fact must be a mapping, not {_kind(fact)}")
        return
    yield from _unknown_keys(fact, FACT_REQUIRED + FACT_OPTIONAL, fi, path, "a fact")
    yield from _required(fact, FACT_REQUIRED, fi, path, "the fact")
    for key in ("id", "statement", "key", "date_label"):
        if key in fact:
            yield from _text(fact[key], fi, path + (key,), key, nullable=key in ("key", "date_label"))
    if "answer" in fact and not isinstance(fact["answer"], (int, float)) or isinstance(fact.get("answer"), bool):
        yield from _text(fact["answer"], fi, path + ("answer",), "answer", nullable=True)
    if isinstance(fact.get("id"), str) and not SLUG.match(fact["id"]):
        yield Issue(fi, path + ("id",), f"fact id {_brief(fact['id'])} is not a slug", "use lower-case letters, digits and '-'")
    for key in ("topics", "entities"):
        if key in fact:
            yield from _text_list(fact[key], fi, path + (key,), key)
    if "aliases" in fact and fact["aliases"] is not None:
        yield from _text_list(fact["aliases"], fi, path + ("aliases",), "aliases")
    yield from _date(fact.get("date"), fi, path + ("date",), "date")
    yield from _date(fact.get("as_of"), fi, path + ("as_of",), "as_of")
    if fact.get("key") is not None and fact.get("as_of") is None:
        yield Issue(fi, path + ("key",), "a series value ('key') needs 'as_of'", "add when the source stated the value", on_key=True)
    if fact.get("as_of") is not None and fact.get("key") is None:
        yield Issue(fi, path + ("as_of",), "'as_of' is only for series values", "add the series 'key' or remove 'as_of'", on_key=True)
    cites = fact.get("citations")
    if "citations" not in fact:
        return
    if not isinstance(cites, list) or not cites:
        yield Issue(fi, path + ("citations",), "citations must be a non-empty list", "give at least one {source, quote, section}")
        return
    for i, cite in enumerate(cites):
        cpath = path + ("citations", i)
        if not isinstance(cite, dict):
            yield Issue(fi, cpath, f"a citation must be a mapping, not {_kind(cite)}")
            continue
        yield from _unknown_keys(cite, CITATION_REQUIRED + CITATION_OPTIONAL, fi, cpath, "a citation")
        yield from _required(cite, CITATION_REQUIRED, fi, cpath, "the citation")
        if "source" in cite:
            yield from _text(cite["source"], fi, cpath + ("source",), "source")
        if "quote" in cite:
            quote = cite["quote"]
            yield from _text(quote, fi, cpath + ("quote",), "quote")
            if isinstance(quote, str) and len(" ".join(quote.split())) > MAX_QUOTE:
                yield Issue(fi, cpath + ("quote",), f"quote is {len(' '.join(quote.split()))} characters long",
                            f"quote only what proves the statement (at most {MAX_QUOTE})")
        if "section" in cite:
            yield from _text(cite["section"], fi, cpath + ("section",), "section", nullable=True)


def check_store(docs: list[object]) -> Iterator[Issue]:
    """Every problem of a store made of these parsed files, the cross-file ones included."""
    for fi, doc in enumerate(docs):
        yield from check_file(doc, fi)
    source_ids: dict[str, Path] = {}
    fact_ids: dict[str, tuple[int, Path]] = {}
    series: dict[tuple[str, str], tuple[int, Path]] = {}
    for fi, doc in enumerate(docs):
        if not isinstance(doc, dict):
            continue
        for i, src in enumerate(doc.get("sources") or [] if isinstance(doc.get("sources"), list) else []):
            if isinstance(src, dict) and isinstance(src.get("id"), str):
                if src["id"] in source_ids:
                    yield Issue(fi, ("sources", i, "id"), f"duplicate source id '{src['id']}'", "each source id must be unique")
                source_ids.setdefault(src["id"], (fi, ("sources", i)))
    for fi, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("facts"), list):
            continue
        for i, fact in enumerate(doc["facts"]):
            if not isinstance(fact, dict):
                continue
            fid = fact.get("id")
            if isinstance(fid, str):
                if fid in fact_ids:
                    yield Issue(fi, ("facts", i, "id"), f"duplicate fact id '{fid}'", "each fact id must be unique; rename one")
                fact_ids.setdefault(fid, (fi, ("facts", i)))
            key, as_of = fact.get("key"), fact.get("as_of")
            if isinstance(key, str) and isinstance(as_of, str):
                if (key, as_of) in series:
                    yield Issue(fi, ("facts", i, "as_of"), f"series '{key}' already has a value as of {as_of}",
                                "two values of one series cannot share a date; correct one 'as_of'")
                series.setdefault((key, as_of), (fi, ("facts", i)))
            cites = fact.get("citations")
            if isinstance(cites, list):
                for j, cite in enumerate(cites):
                    if isinstance(cite, dict) and isinstance(cite.get("source"), str) and cite["source"] not in source_ids:
                        close = difflib.get_close_matches(cite["source"], list(source_ids), n=1)
                        hint = f"did you mean '{close[0]}'?" if close else "add the source to 'sources' first"
                        yield Issue(fi, ("facts", i, "citations", j, "source"), f"citation names unknown source '{cite['source']}'", hint)
