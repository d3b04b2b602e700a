"""Every command through the command line: output a person reads, JSON a script parses (checked
against the shipped schemas), and exit codes (0 ok, 1 nothing found or problems, 2 usage/data error)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, load_schema, seeds_dir, validate_json

from iomfacts import __version__, dates
from iomfacts.store import bundled_store

BIN = Path(sys.executable).parent / "iomfacts"
DG = "Who is the Director General of IOM?"
NONE = "How many member states does NATO have?"


def run_process(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The installed console script, or python -m iomfacts where the script is not beside this Python."""
    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "iomfacts"]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, timeout=120, env=env or dict(os.environ))


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("iomfacts: error: ")
    assert "Traceback" not in err
    return lines[0]


SMALL = textwrap.dedent(
    """\
    schema: 1
    sources:
      - id: doc
        title: A document
        publisher: Someone
        author: null
        published: "2016-10-10"
        kind: report
        file: doc.txt
    facts:
      - id: fact-one
        statement: The conference took place in Brussels in 1951.
        answer: "1951"
        topics: [history]
        entities: [Brussels]
        citations:
          - source: doc
            quote: "it took place in Brussels, at a conference that lasted ten days"
            section: null
    """
)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """A one-fact store and its corpus folder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text("Title\n\nIn 1951 it took place in Brussels,\nat a conference that lasted ten days.\n")
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path, corpus


# --- check -----------------------------------------------------------------------------------------


def test_check_a_clean_store_exits_0(cli) -> None:
    code, out, err = cli("check")
    assert code == 0, out + err
    assert out.startswith("ok: ") and "facts" in out and "sources" in out


def test_check_corpus_of_the_bundled_store_exits_0(cli) -> None:
    seeds = seeds_dir()
    if seeds is None:
        pytest.skip("the source texts (../shared/seeds) are absent")
    code, out, err = cli("check", "--corpus", str(seeds))
    assert code == 0, out + err
    assert "quotes found in their sources" in out


def test_check_json_of_a_clean_store(cli) -> None:
    code, out, _ = cli("check", "--json")
    assert code == 0
    report = json.loads(out)
    validate_json(report, "check")
    assert report["ok"] is True and report["problems"] == []
    assert report["facts"] > 150 and report["sources"] == 5


def test_check_reports_problems_with_file_and_line_and_exits_1(cli, small: tuple[Path, Path]) -> None:
    path, _ = small
    text = SMALL.replace("    statement:", "    statment:").replace('answer: "1951"\n', 'answer: "1951"\n    date: "1951-13"\n')
    path.write_text(text)
    code, out, err = cli("--data", str(path), "check")
    assert code == 1
    assert f"{path}:12: unknown key 'statment' in a fact (did you mean 'statement'?)" in out
    assert f"{path}:14: invalid date" in out
    assert "problem(s)" in out
    code, out, _ = cli("--data", str(path), "check", "--json")
    assert code == 1
    report = json.loads(out)
    validate_json(report, "check")
    assert report["ok"] is False
    assert {(p["line"], p["message"].split(":")[0]) for p in report["problems"]} >= {(12, "unknown key 'statment' in a fact"),
                                                                                       (14, "invalid date")}


def test_check_a_source_without_facts(cli, small: tuple[Path, Path]) -> None:
    path, _ = small
    extra = "  - id: orphan\n    title: Other\n    publisher: null\n    author: X\n    published: null\n    kind: report\n    file: o.txt\n"
    path.write_text(SMALL.replace("facts:\n", extra + "facts:\n"))
    code, out, _ = cli("--data", str(path), "check")
    assert code == 1
    assert f"{path}:10: source 'orphan' has no facts" in out


def test_check_corpus_shows_the_closest_passage_of_a_wrong_quote(cli, small: tuple[Path, Path]) -> None:
    path, corpus = small
    assert cli("--data", str(path), "check", "--corpus", str(corpus))[0] == 0  # line breaks in the source are folded
    path.write_text(SMALL.replace("took place in Brussels, at a conference", "took place in Bruges, at a conference"))
    code, out, _ = cli("--data", str(path), "check", "--corpus", str(corpus))
    assert code == 1
    assert f"{path}:18: fact 'fact-one': quote not found in doc.txt" in out
    assert 'closest passage: "' in out and "took place in Brussels, at a conference" in out
    code, out, _ = cli("--data", str(path), "check", "--corpus", str(corpus), "--json")
    problem = json.loads(out)["problems"][0]
    assert problem["line"] == 18 and "Brussels" in problem["hint"]


def test_check_corpus_without_the_source_file(cli, small: tuple[Path, Path]) -> None:
    path, corpus = small
    (corpus / "doc.txt").unlink()
    code, out, _ = cli("--data", str(path), "check", "--corpus", str(corpus))
    assert code == 1
    assert "doc.txt" in out and "cannot read its file" in out


def test_check_could_not_run_exits_2(cli, tmp_path: Path, small: tuple[Path, Path]) -> None:
    code, out, err = cli("--data", str(tmp_path / "missing.yaml"), "check")
    assert code == 2 and out == ""
    assert "no such file or directory" in one_error_line(err)
    code, _, err = cli("check", "--corpus", str(tmp_path / "no-such-dir"))
    assert code == 2
    assert "--corpus" in one_error_line(err)


def test_check_a_file_that_is_not_utf8_is_a_problem_found(cli, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(SMALL.replace("Brussels in 1951", "Li\u00e8ge in 1951").encode("latin-1"))
    code, out, _ = cli("--data", str(bad), "check")
    assert code == 1
    assert f"{bad}:12: the file is not UTF-8 text (byte 0xe8)" in out
    code, _, err = cli("--data", str(bad), "show", "fact-one")  # other commands cannot use it at all
    assert code == 2 and f"{bad}:12: the file is not UTF-8 text" in one_error_line(err)


def test_check_unreadable_file_exits_2(cli, small: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = small
    read, open_ = Path.read_bytes, Path.open

    def refuse(self: Path) -> None:  # as if chmod 000: permissions do not stop root, who may run the suite
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))

    def guarded_read(self: Path) -> bytes:
        refuse(self)
        return read(self)

    def guarded_open(self: Path, *args, **kwargs):
        refuse(self)
        return open_(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", guarded_read)
    monkeypatch.setattr(Path, "open", guarded_open)
    code, out, err = cli("--data", str(path), "check")
    assert code == 2 and out == ""
    assert f"{path}: cannot read the file: Permission denied" in one_error_line(err)


def test_check_malformed_yaml_is_a_problem_found(cli, small: tuple[Path, Path]) -> None:
    path, _ = small
    path.write_text(SMALL.replace("title: A document", "title: A document: the sequel"))
    code, out, _ = cli("--data", str(path), "check")
    assert code == 1
    assert f"{path}:4: malformed YAML" in out


# --- sources ---------------------------------------------------------------------------------------


def test_sources_table(cli, store) -> None:
    code, out, _ = cli("sources")
    assert code == 0
    for s in store.sources.values():
        assert s.id in out and s.file in out


def test_sources_json(cli, store) -> None:
    code, out, _ = cli("sources", "--json")
    assert code == 0
    listing = json.loads(out)
    validate_json(listing, "sources")
    assert isinstance(listing, list) and len(listing) == 5
    assert [s["id"] for s in listing] == list(store.sources)
    seeds = seeds_dir()
    for s in listing:
        assert s["id"] and s["file"]
        if seeds is not None:
            assert (seeds / s["file"]).is_file()


# --- show ------------------------------------------------------------------------------------------


def test_show_text(cli, store) -> None:
    code, out, _ = cli("show", "iom-founded-1951")
    assert code == 0
    fact = store.get("iom-founded-1951")
    assert out.splitlines()[0] == "iom-founded-1951"
    assert fact.statement in out
    assert "[1] " in out and " ".join(fact.citations[0].quote.split()) in out


def test_show_json(cli, store) -> None:
    code, out, _ = cli("show", "iom-founded-1951", "--json")
    assert code == 0
    record = json.loads(out)
    validate_json(record, "show")
    fact = store.get("iom-founded-1951")
    assert record["id"] == fact.id and record["statement"] == fact.statement and record["answer"] == fact.answer
    assert [c["quote"] for c in record["citations"]] == [c.quote for c in fact.citations]
    assert record["citations"][0]["title"] == store.sources[fact.citations[0].source].title


def test_show_unknown_id_exits_1_with_suggestions(cli) -> None:
    code, out, err = cli("show", "iom-founded")
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert "no fact with id 'iom-founded'" in line
    assert "did you mean: iom-founded-1951" in line


# --- ask -------------------------------------------------------------------------------------------


def test_ask_human_output_answer_first_then_numbered_citations(cli, store) -> None:
    code, out, _ = cli("ask", "When was IOM founded?")
    assert code == 0
    lines = out.splitlines()
    assert "1951" in lines[0]
    fact = store.get("iom-founded-1951")
    assert fact.statement in out
    cite = fact.citations[0]
    src = store.sources[cite.source]
    assert f"[1] {src.title} — {src.publisher}, {dates.display(src.published)}" in out
    assert " ".join(cite.quote.split()) in out
    assert out.index(fact.statement) < out.index("[1] ")


def test_ask_words_need_no_quotes(cli) -> None:
    code, out, _ = cli("ask", "When", "was", "IOM", "founded?")
    assert code == 0 and "1951" in out.splitlines()[0]


def test_ask_json_follows_the_contract(cli) -> None:
    code, out, _ = cli("ask", "--json", "When was IOM founded?")
    assert code == 0
    payload = json.loads(out)
    validate_json(payload, "ask")
    assert payload["query"] == "When was IOM founded?"
    best = payload["answers"][0]
    assert "1951" in best["answer"]
    scores = [a["score"] for a in payload["answers"]]
    assert scores == sorted(scores, reverse=True)
    for c in best["citations"]:
        assert set(c) >= {"source", "title", "publisher", "author", "published", "file", "quote", "section"}


def test_ask_json_keys_are_all_documented(cli) -> None:
    """Every key the JSON holds is declared in the shipped schema, so docs and output cannot drift."""
    schema = load_schema("ask")
    answer_keys = set(schema["$defs"]["fact"]["properties"]) | set(schema["$defs"]["answer"]["properties"])
    citation_keys = set(schema["$defs"]["citation"]["properties"])
    for question in ("When was IOM founded?", DG):
        payload = json.loads(cli("ask", "--json", question)[1])
        assert set(payload) <= set(schema["properties"])
        for a in payload["answers"]:
            assert set(a) <= answer_keys, set(a) - answer_keys
            for c in a["citations"]:
                assert set(c) <= citation_keys, set(c) - citation_keys


def test_ask_no_answer_exits_1(cli) -> None:
    code, out, _ = cli("ask", NONE)
    assert code == 1
    assert "No answer" in out and "iomfacts search" in out
    code, out, _ = cli("ask", "--json", NONE)
    assert code == 1
    payload = json.loads(out)
    validate_json(payload, "ask")
    assert payload == {"query": NONE, "answers": []}


@pytest.mark.parametrize("question", [[], [""], ["   "], ["\t", "\n"]])
def test_ask_empty_question_exits_2(cli, question: list[str]) -> None:
    code, out, err = cli("ask", *question)
    assert code == 2 and out == ""
    assert "question is empty" in one_error_line(err)


def test_ask_limit(cli) -> None:
    one = json.loads(cli("ask", "--json", "--limit", "1", "When was IOM founded?")[1])["answers"]
    three = json.loads(cli("ask", "--json", "-n", "3", "When was IOM founded?")[1])["answers"]
    assert len(one) == 1 and 1 <= len(three) <= 3
    assert one[0]["id"] == three[0]["id"]
    for bad in ("0", "-1"):
        code, _, err = cli("ask", "--limit", bad, "When was IOM founded?")
        assert code == 2 and "--limit" in one_error_line(err)


def test_ask_as_of_chooses_the_value_valid_then(cli) -> None:
    now = json.loads(cli("ask", "--json", DG)[1])["answers"][0]
    then = json.loads(cli("ask", "--json", "--as-of", "2016", DG)[1])["answers"][0]
    assert now["answer"] == "Amy Pope"
    assert "Swing" in then["answer"]
    assert now["key"] == then["key"] == "iom-director-general"
    assert any("Swing" in (e["answer"] or "") for e in now["earlier"])
    assert any(e["answer"] == "Amy Pope" for e in then["later"])
    code, out, _ = cli("ask", "--as-of", "2016", DG)
    assert code == 0 and "Swing" in out.splitlines()[0]


@pytest.mark.parametrize("bad", ["2016-13", "last year", "16"])
def test_ask_malformed_as_of_exits_2(cli, bad: str) -> None:
    code, _, err = cli("ask", "--as-of", bad, DG)
    assert code == 2 and "--as-of" in one_error_line(err)


def test_ask_min_score(cli) -> None:
    question = "How much money does Belgium give each year"
    payload = json.loads(cli("ask", "--json", "--min-score", "0", question)[1])
    assert payload["answers"]
    floor = payload["answers"][0]["score"]
    # scores are printed rounded to 3 decimals: a floor just under the best score keeps it
    below = round(floor - 0.001, 3)
    kept = json.loads(cli("ask", "--json", "--min-score", str(below), question)[1])["answers"]
    assert kept and all(a["score"] >= below for a in kept)
    if floor < 0.999:
        code, out, _ = cli("ask", "--json", "--min-score", str(round(floor + 0.001, 3)), question)
        assert code == 1 and json.loads(out)["answers"] == []
    code, _, err = cli("ask", "--min-score", "1.5", question)
    assert code == 2 and "--min-score" in one_error_line(err)


# --- search ----------------------------------------------------------------------------------------


def test_search_json(cli) -> None:
    code, out, _ = cli("search", "--json", "magnet")
    assert code == 0
    payload = json.loads(out)
    validate_json(payload, "search")
    assert payload["query"] == "magnet" and payload["count"] == len(payload["facts"]) > 1
    assert any("MAGNET" in f["statement"] for f in payload["facts"])
    scores = [f["score"] for f in payload["facts"]]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_combine(cli, store) -> None:
    payload = json.loads(cli("search", "--json", "--topic", "funding")[1])
    assert payload["count"] > 5
    assert all("funding" in f["topics"] for f in payload["facts"])
    both = json.loads(cli("search", "--json", "--topic", "funding", "--source", "funding-2025")[1])
    assert 0 < both["count"] <= payload["count"]
    assert all(any(c["source"] == "funding-2025" for c in f["citations"]) for f in both["facts"])
    entity = json.loads(cli("search", "--json", "return", "--entity", "Fedasil")[1])
    assert entity["count"] > 0 and all("Fedasil" in f["entities"] for f in entity["facts"])


def test_search_human_output_and_nothing_found(cli) -> None:
    code, out, _ = cli("search", "magnet")
    assert code == 0 and "iomfacts show" in out
    code, out, _ = cli("search", "zzzzqqqq")
    assert code == 1 and "No fact matches" in out


@pytest.mark.parametrize(("option", "value", "valid"), [("--topic", "fundng", "funding"), ("--source", "nope", "funding-2025"),
                                                        ("--entity", "Fedasl", "Fedasil")])
def test_search_unknown_filter_exits_2_listing_valid_ones(cli, option: str, value: str, valid: str) -> None:
    code, out, err = cli("search", option, value)
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert f"unknown {option[2:]} '{value}'" in line and valid in line


def test_search_closest_topic_first(cli) -> None:
    line = one_error_line(cli("search", "--topic", "fundng")[2])
    assert line.split("closest first): ")[1].startswith("funding")


# --- ask --batch (a real process: it reads standard input) ------------------------------------------


def test_ask_batch_answers_each_line_in_order() -> None:
    questions = [b"When was IOM founded?", b"\xff\xfe not utf-8", DG.encode(), NONE.encode(), b"", "Li\u00e8ge".encode()]
    done = run_process("ask", "--batch", stdin=b"\n".join(questions) + b"\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(questions)
    records = [json.loads(line) for line in lines]
    for number, (raw, record) in enumerate(zip(questions, records), 1):
        validate_json(record, "ask")
        assert record["line"] == number
        if number == 2:
            assert record["query"] is None and record["answers"] == [] and "not UTF-8" in record["error"]
        elif raw == b"":
            assert record["answers"] == [] and "empty" in record["error"]
        else:
            assert record["query"] == raw.decode("utf-8")
            assert "error" not in record
    assert "1951" in records[0]["answers"][0]["answer"]
    assert records[2]["answers"][0]["answer"] == "Amy Pope"
    assert records[3]["answers"] == []


def test_ask_batch_options_apply_to_every_line() -> None:
    done = run_process("ask", "--batch", "--as-of", "2016", "--limit", "1", stdin=f"{DG}\n{DG}\n".encode())
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(records) == 2
    for r in records:
        assert len(r["answers"]) == 1 and "Swing" in r["answers"][0]["answer"]


def test_ask_batch_bad_options_exit_2_before_reading() -> None:
    done = run_process("ask", "--batch", "--limit", "0", stdin=b"When was IOM founded?\n")
    assert done.returncode == 2 and done.stdout == b""
    assert "--limit" in one_error_line(done.stderr.decode())
    done = run_process("ask", "--batch", "When was IOM founded?", stdin=b"")
    assert done.returncode == 2 and "--batch" in one_error_line(done.stderr.decode())


# --- real processes --------------------------------------------------------------------------------


def test_python_m_iomfacts_version() -> None:
    done = subprocess.run([sys.executable, "-m", "iomfacts", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"iomfacts {__version__}"


def test_console_script_ask_piped_is_plain_text() -> None:
    done = run_process("ask", "When was IOM founded?")
    assert done.returncode == 0
    out = done.stdout.decode("utf-8")
    assert "1951" in out.splitlines()[0]
    assert "\x1b" not in out  # no colour or styling when piped


def test_console_script_exit_codes_and_json() -> None:
    done = run_process("ask", "--json", NONE)
    assert done.returncode == 1 and json.loads(done.stdout)["answers"] == []
    done = run_process("ask", "   ")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    done = run_process("show", "iom-founded-1951", "--json")
    assert done.returncode == 0
    validate_json(json.loads(done.stdout), "show")
    done = run_process("--data", str(bundled_store()), "sources", "--json")
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 5


def test_unknown_option_is_a_usage_error() -> None:
    done = run_process("ask", "--no-such-option", "x")
    assert done.returncode == 2
    assert "--no-such-option" in one_error_line(done.stderr.decode())


# --- help ------------------------------------------------------------------------------------------


def command_names() -> list[str]:
    import typer

    from iomfacts.cli import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_documented_commands_exist() -> None:
    assert {"ask", "search", "show", "sources", "check"} <= set(command_names())


@pytest.mark.parametrize("command", [[], *[[name] for name in command_names()]])
def test_every_help_leads_with_examples(cli, command: list[str]) -> None:
    code, out, _ = cli(*command, "--help")
    assert code == 0
    assert "Examples:" in out
    assert out.index("Examples:") < out.index("Options:")
    examples = out.split("Examples:")[1].splitlines()[1]
    assert examples.strip().startswith("iomfacts"), examples


def test_json_schemas_are_valid_and_share_one_fact_shape() -> None:
    import jsonschema

    names = ["store", "ask", "search", "show", "sources", "check"]
    for name in names:
        jsonschema.Draft202012Validator.check_schema(load_schema(name))
    fact = load_schema("show")["$defs"]["fact"]
    assert load_schema("ask")["$defs"]["fact"] == fact
    assert load_schema("search")["$defs"]["fact"] == fact
    assert load_schema("ask")["$defs"]["citation"] == load_schema("show")["$defs"]["citation"]
    assert load_schema("store")["$defs"]["edtf"]["pattern"] == load_schema("ask")["$defs"]["edtf"]["pattern"]
    shipped = {p.name for p in (ROOT / "src" / "iomfacts" / "schemas").glob("*.schema.json")}
    assert {f"{n}.schema.json" for n in names} <= shipped
