"""Property-based tests: arbitrary text and options, to the library and to the command line.

Whatever the input: no exception escapes (the library raises only its own errors), the exit status
is one of the documented ones, and every --json output parses and follows the JSON Schema the
project ships for it (src/iomfacts/schemas/). The default number of examples is small so that the
suite stays fast; for a longer run:

    IOMFACTS_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import unicodedata
from typing import Any

import pytest
from conftest import ROOT, validate_json
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("IOMFACTS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])
MARKUP_STORE = ROOT / "tests" / "hostile" / "stores" / "markup.yaml"
DOCUMENTED_EXITS = {0, 1, 2}  # 130 (interrupted) and 141 (closed pipe) cannot happen in-process here

# --- strategies ----------------------------------------------------------------------------------

# Every code point, lone surrogates included (they are what Python makes of argv bytes that are not UTF-8).
any_char = st.characters(codec=None, exclude_categories=())
WORDS = ["When", "was", "IOM", "founded", "?", "Belgium", "Melsbroek", "MAGNET", "Iraq", "Fedasil", "Liège",
         "Lie\u0300ge", "Director", "General", "how", "much", "many", "who", "where", "2016", "1951", "funding",
         "each", "year", "return", "Kabo", "current", "now", "in", "the", "of", "€", "1,000", "10 000", "%"]
HOSTILE = ["\x00", "\x1b[2J", "\x1b]8;;https://evil.example\x07", "\x07", "\x9b31m", "\u202e", "\u2066", "\u200f",
           "[bold red]", "[/]", "[link=https://evil.example]", "\r", "\n", "\t", "\ud800", "\udcff", "\ufeff",
           "\u0301", "🇧🇪", "👍🏽", "مرحبا", "שלום", "\u3000", "ﬁ", "Ⅻ", "𝐈𝐎𝐌", "İ", "ß", "\U0010ffff", "\x7f", "'", '"', "\\"]
token = st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE), st.text(any_char, max_size=12))
question = st.one_of(st.text(any_char, max_size=80), st.lists(token, max_size=14).map(" ".join))
date_option = st.one_of(
    st.text(any_char, max_size=12),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13)),
    st.integers(-10, 99999).map(str),
    st.sampled_from(["2016", "1951-11", "2016-10-10", " 2016 ", "2016/2017", "2021?", "197X", "", "2016-02-29", "2015-02-29"]),
)
limit_option = st.one_of(st.integers(-5, 20), st.integers(-(2**70), 2**70)).map(str)
score_option = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["0", "1", "0.5", "x", ""])).map(str)


def call(*args: str) -> tuple[int, str, str]:
    """iomfacts.cli.run in-process, capturing what it prints (much faster than a subprocess)."""
    from iomfacts.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def check_run(code: int, out: str, err: str, schema: str | None) -> Any:
    """The documented status, at most one inert error line, and JSON that follows its schema: on
    exit 0 always, and on exit 1 for the commands that still print it (ask, search, timeline)."""
    assert code in DOCUMENTED_EXITS, (code, err)
    assert "internal error" not in err and "Traceback" not in err, err
    assert err.count("\n") <= 1 and (not err or err.startswith("iomfacts: error: ")), err
    assert "\x1b" not in err, err
    if schema is not None and (code == 0 or (code == 1 and schema != "show")):
        doc = json.loads(out)
        validate_json(doc, schema)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in out), "JSON must be valid Unicode"
        return doc
    return None


# --- the library ---------------------------------------------------------------------------------

@FUZZ
@given(text=question, limit=st.integers(1, 10))
def test_engine_takes_any_text(store: Any, text: str, limit: int) -> None:
    from iomfacts import ask, search
    from iomfacts.errors import UsageError

    try:
        answers = ask(store, text, limit=limit)
    except UsageError:
        assert not text.strip(), "only an empty question is a usage error"
        return
    assert len(answers) <= limit
    assert all(0.0 <= a.score <= 1.0 and a.fact.citations for a in answers)
    found = search(store, text, limit=limit)
    assert len(found) <= limit and all(0.0 <= a.score <= 1.0 for a in found)


@FUZZ
@given(text=question)
@example(text="IOM:0aÀ")  # found by this test: 'aÀ' read as one word in NFC and as two in NFD
@example(text="FOUND#LIÈgKABO")  # found by this test: names and slips were read from the raw form
def test_nfc_and_nfd_forms_of_any_question_answer_the_same(store: Any, text: str) -> None:
    from iomfacts import ask
    from iomfacts.errors import UsageError

    results = []
    for form in ("NFC", "NFD"):
        try:
            answers = ask(store, unicodedata.normalize(form, text.replace("\ud800", "").replace("\udcff", "")))
            results.append([(a.fact.id, a.score) for a in answers])
        except UsageError:
            results.append("empty")
    assert results[0] == results[1]


# --- the command line ----------------------------------------------------------------------------

@FUZZ
@given(text=question, json_out=st.booleans(), limit=st.one_of(st.none(), limit_option), as_of=st.one_of(st.none(), date_option),
       min_score=st.one_of(st.none(), score_option))
def test_cli_ask_takes_any_text_and_options(text: str, json_out: bool, limit: str | None, as_of: str | None, min_score: str | None) -> None:
    args = ["ask", *(["--json"] if json_out else []), *(["--limit", limit] if limit is not None else []),
            *(["--as-of", as_of] if as_of is not None else []), *(["--min-score", min_score] if min_score is not None else []), "--", text]
    code, out, err = call(*args)
    doc = check_run(code, out, err, "ask" if json_out else None)
    if doc is not None:
        assert (code == 0) == bool(doc["answers"])


@FUZZ
@given(words=st.lists(token, max_size=6), json_out=st.booleans(), limit=st.one_of(st.none(), limit_option),
       facet=st.sampled_from([None, "--topic", "--entity", "--source"]),
       value=st.one_of(st.sampled_from(["funding", "history", "IOM", "Fedasil", "belgium-iom-report", "cdnews-2016"]), st.text(any_char, max_size=10)))
def test_cli_search_takes_any_words_and_filters(words: list[str], json_out: bool, limit: str | None, facet: str | None, value: str) -> None:
    args = ["search", *(["--json"] if json_out else []), *(["--limit", limit] if limit is not None else []),
            *([facet, value] if facet else []), "--", *words]
    code, out, err = call(*args)
    doc = check_run(code, out, err, "search" if json_out else None)
    if doc is not None:
        assert doc["count"] == len(doc["facts"]) and (code == 0) == bool(doc["facts"])


@FUZZ
@given(fact_id=st.one_of(st.sampled_from(["iom-founded-1951", "iom-dg-2016", "magnet-ii-launch"]), st.text(any_char, max_size=40)),
       json_out=st.booleans())
def test_cli_show_takes_any_id(fact_id: str, json_out: bool) -> None:
    code, out, err = call("show", *(["--json"] if json_out else []), "--", fact_id)
    check_run(code, out, err, "show" if json_out else None)
    if code == 1:
        assert err.startswith("iomfacts: error: no fact with id ")


@FUZZ
@given(start=st.one_of(st.none(), date_option), end=st.one_of(st.none(), date_option),
       facet=st.sampled_from([None, "--topic", "--entity", "--source"]),
       value=st.one_of(st.sampled_from(["funding", "history", "IOM", "belgium-iom-report"]), st.text(any_char, max_size=10)),
       fmt=st.sampled_from(["json", "jsonl", "table", "csv", "markdown", None]))
def test_cli_timeline_takes_any_range_and_filter(start: str | None, end: str | None, facet: str | None, value: str, fmt: str | None) -> None:
    args = ["timeline", *(["--from", start] if start is not None else []), *(["--to", end] if end is not None else []),
            *([facet, value] if facet else []), *(["--format", fmt] if fmt else [])]
    code, out, err = call(*args)
    doc = check_run(code, out, err, "timeline" if fmt == "json" else None)
    if doc is not None:
        assert doc["count"] == len(doc["events"])
        days = [(e["start"]) for e in doc["events"]]
        assert days == sorted(days), "oldest first"
    if fmt == "jsonl" and code == 0:
        for line in out.splitlines():
            json.loads(line)


@FUZZ
@given(argv=st.lists(st.one_of(
    st.sampled_from(["ask", "search", "show", "sources", "timeline", "cite", "check", "--json", "--limit", "-n", "--as-of",
                     "--from", "--to", "--topic", "--entity", "--source", "--format", "--style", "--no-color", "--no-cache",
                     "--min-score", "--batch", "--all", "--corpus", "--help", "--version", "-h", "--", "-", "0", "-1",
                     "2016", "iom-founded-1951", "json", "apa", "bibtex", "funding", "IOM"]),
    token), max_size=7))
def test_cli_any_argv(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Any sequence of options and words: a documented status and at most one line of error."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"When was IOM founded?\n")))
    if "--corpus" in argv or "--data" in argv:
        return  # paths are fuzzed in test_hostile.py; here they would only name files by chance
    code, out, err = call(*argv)
    assert code in DOCUMENTED_EXITS, (argv, code, err)
    assert "internal error" not in err and "Traceback" not in err, err
    if err and not err.startswith("Usage:"):  # 'iomfacts' alone prints its help on stderr, as click does
        assert err.count("\n") == 1 and err.startswith("iomfacts: error: "), err


@FUZZ
@given(lines=st.lists(st.one_of(st.binary(max_size=60), question.map(lambda s: s.encode("utf-8", "surrogatepass"))), max_size=8),
       ending=st.sampled_from([b"\n", b"\r\n"]))
def test_cli_batch_answers_every_line_of_any_bytes(lines: list[bytes], ending: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [b" ".join(line.splitlines()) for line in lines]  # one input line each
    raw = ending.join(lines) + (ending if lines else b"")

    class Stdin:
        buffer = io.BytesIO(raw)

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, err = call("ask", "--batch")
    assert (code, err) == (0, ""), err
    docs = [json.loads(line) for line in out.splitlines()]
    expected = len(raw.splitlines(keepends=True)) if raw else 0
    assert len(docs) == expected == len(lines)
    for number, doc in enumerate(docs, 1):
        validate_json(doc, "ask")
        assert doc["line"] == number


def test_cli_sources_json_follows_its_schema() -> None:
    code, out, err = call("sources", "--json")
    check_run(code, out, err, "sources")


# --- stores --------------------------------------------------------------------------------------

KEYS = ["id", "statement", "title", "quote", "source", "topics", "entities", "citations", "date", "as_of", "key", "answer",
        "schema", "sources", "facts", "x"]
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.just([]), st.just({}),
                   st.text(any_char.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=20),
                   st.sampled_from(["1951", "2016-10-10", "2021?", "197X", "1951-11-26/1951-12-05", "2015-02-30", "x"]))


def _containers(kids: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(kids, min_size=1, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), kids, min_size=1, max_size=5)


yaml_value = st.recursive(scalar, _containers, max_leaves=25)


@FUZZ
@given(doc=st.fixed_dictionaries({}, optional={"schema": st.one_of(st.just(1), yaml_value), "sources": yaml_value, "facts": yaml_value}))
def test_any_yaml_document_as_a_store(doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    import yaml

    path = tmp_path_factory.mktemp("store") / "store.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    for args in (["--data", str(path), "check"], ["--data", str(path), "--no-cache", "ask", "--json", "When was IOM founded?"]):
        code, out, err = call(*args)
        check_run(code, out, err, None)


@FUZZ
@given(data=st.data())
def test_damaged_copies_of_a_real_store(data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The hostile markup store with bytes flipped, cut or inserted: check and ask never crash."""
    raw = bytearray(MARKUP_STORE.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        if not raw:
            break
        pos = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip":
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[pos:pos + data.draw(st.integers(1, 40))]
        elif action == "insert":
            raw[pos:pos] = data.draw(st.sampled_from([b"&a ", b"*a", b"[", b"{", b": ", b"\n  - ", b"!!python/name:os.system ", b"\t", b"\xff", b"'", b"\"", b"---\n", b"<<: *a\n"]))
        else:
            del raw[pos:]
    path = tmp_path_factory.mktemp("damaged") / "store.yaml"
    path.write_bytes(bytes(raw) or b"\n")
    for args in (["--data", str(path), "check"], ["--data", str(path), "--no-cache", "search", "--json", "gorilla"]):
        code, out, err = call(*args)
        check_run(code, out, err, "search" if "search" in args else None)
