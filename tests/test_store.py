"""The fact store: the bundled store's truth (quotes, sources, series), the validator's messages and
line numbers for every kind of mistake, and how a store is found (--data, IOMFACTS_DATA, installed)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, load_schema, seeds_dir, validate_json

from iomfacts import dates
from iomfacts.errors import Problem, StoreError
from iomfacts.model import Fact, Source
from iomfacts.store import bundled_store, load_store, read_store

# --- the bundled store ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed():
    return read_store()


def fold(text: str) -> str:
    return " ".join(text.split())


def test_bundled_store_loads_as_typed_objects(parsed) -> None:
    assert len(parsed.sources) == 5
    assert len(parsed.facts) > 150
    assert all(isinstance(s, Source) for s in parsed.sources)
    assert all(isinstance(f, Fact) for f in parsed.facts)
    founded = {f.id: f for f in parsed.facts}["iom-founded-1951"]
    assert founded.citations and founded.citations[0].quote
    assert dates.parse(founded.date).start.startswith("1951")


def test_bundled_store_loads_with_its_index(store) -> None:
    assert len(store) == len(read_store().facts)
    assert store.get("iom-founded-1951") is not None
    assert set(store.sources) == {s.id for s in read_store().sources}


def test_bundled_store_follows_the_shipped_json_schema() -> None:
    doc = yaml.safe_load(bundled_store().read_text(encoding="utf-8"))
    validate_json(doc, "store")


def test_every_quote_occurs_in_its_source_file(parsed) -> None:
    seeds = seeds_dir()
    if seeds is None:
        pytest.skip("the source texts (../shared/seeds beside the clone) are absent, so quotes cannot be verified here")
    texts = {s.id: fold((seeds / s.file).read_text(encoding="utf-8")) for s in parsed.sources}
    missing = [(f.id, c.quote) for f in parsed.facts for c in f.citations if fold(c.quote) not in texts[c.source]]
    assert not missing, f"{len(missing)} quote(s) not found verbatim in their source: {missing[:5]}"


def test_every_source_document_is_in_the_store_and_has_facts(parsed) -> None:
    cited: dict[str, int] = defaultdict(int)
    for f in parsed.facts:
        for c in f.citations:
            cited[c.source] += 1
    for s in parsed.sources:
        assert cited[s.id] > 0, f"source {s.id} has no facts"
    seeds = seeds_dir()
    if seeds is not None:
        assert {p.name for p in seeds.glob("*.txt")} <= {s.file for s in parsed.sources}, "a source text has no source entry"


def test_every_source_has_dated_or_explained_metadata(parsed) -> None:
    for s in parsed.sources:
        assert s.title.strip() and s.kind.strip() and s.file.strip()
        assert s.publisher or s.author, f"{s.id}: neither publisher nor author"
        inferred = s.published is None or dates.parse(s.published).uncertain or s.title_supplied or s.publisher is None
        if s.published is not None:
            assert dates.validate(s.published) is None
        if inferred:
            assert s.note and len(s.note) > 40, f"{s.id}: an inferred date, title or publisher needs a note saying how"


def test_a_supplied_title_is_bracketed_and_explained(parsed) -> None:
    for s in parsed.sources:
        if s.title_supplied:
            assert "title" in (s.note or "").lower()


def test_series_values_of_one_key_have_distinct_as_of(parsed) -> None:
    series: dict[str, list[Fact]] = defaultdict(list)
    for f in parsed.facts:
        if f.key:
            series[f.key].append(f)
    assert "iom-director-general" in series
    for key, values in series.items():
        as_ofs = [v.as_of for v in values]
        assert all(as_ofs), f"series {key}: a value without as_of"
        assert len(set(as_ofs)) == len(as_ofs), f"series {key}: as_of values collide: {as_ofs}"
        for a in as_ofs:
            assert dates.validate(a) is None


def test_the_director_general_series_spans_the_documents(store) -> None:
    names = [f.answer for f in store.series("iom-director-general")]
    assert names[-1] == "Amy Pope"
    assert any("Swing" in (n or "") for n in names)


# --- the JSON Schema of the store ------------------------------------------------------------------


def test_store_schema_is_a_valid_draft_2020_12_schema() -> None:
    import jsonschema

    schema = load_schema("store")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["fact"]["additionalProperties"] is False


@pytest.mark.parametrize("text", ["1951", "1951-11", "1951-11-26", "1951-11-26/1951-12-05", "2025/2028", "2021?", "1970~",
                                  "2015%", "197X", "19XX", "2021-12?", "2021?/2022", "1951?/1952~", "197X?", "1951-11/1952"])
def test_edtf_pattern_accepts_what_the_store_accepts(text: str) -> None:
    assert dates.validate(text) is None
    assert re.match(load_schema("store")["$defs"]["edtf"]["pattern"], text)


@pytest.mark.parametrize("text", ["1951-13", "around 1951", "", "197X-01", "1951/..", "../1951", "1951-11-26T10:00", "-0500",
                                  "Y170000", "1951-21", "2004-06~-11", "197X/198X", "2004?-06-11", "1951-00", "51", "1951-1"])
def test_edtf_pattern_refuses_what_the_store_refuses(text: str) -> None:
    assert dates.validate(text) is not None
    assert not re.match(load_schema("store")["$defs"]["edtf"]["pattern"], text)


# --- validation: one test per kind of mistake, with its message and line --------------------------

GOOD = textwrap.dedent(
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
        statement: Something happened in 1951.
        answer: "1951"
        date: "1951"
        topics: [history]
        entities: [IOM]
        citations:
          - source: doc
            quote: it happened in 1951
            section: null
    """
)

SERIES = GOOD + (
    "  - id: dg-a\n"
    "    statement: A was Director General.\n"
    "    key: dg\n"
    '    as_of: "2016"\n'
    "    topics: [leadership]\n"
    "    entities: [A]\n"
    "    citations: [{source: doc, quote: A leads}]\n"
    "  - id: dg-b\n"
    "    statement: B was Director General.\n"
    "    key: dg\n"
    '    as_of: "2016"\n'
    "    topics: [leadership]\n"
    "    entities: [B]\n"
    "    citations: [{source: doc, quote: B leads}]\n"
)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line containing the needle."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def problems_of(tmp_path: Path, text: str | bytes, name: str = "store.yaml") -> list[Problem]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        read_store(path)
    for p in info.value.problems:
        assert p.file == str(path)
    return info.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_the_templates_are_valid(tmp_path: Path) -> None:
    for i, text in enumerate((GOOD, SERIES.replace('as_of: "2016"', 'as_of: "2017"', 1))):
        path = tmp_path / f"ok{i}.yaml"
        path.write_text(text)
        assert read_store(path).facts
        validate_json(yaml.safe_load(text), "store")


def test_malformed_yaml(tmp_path: Path) -> None:
    text = GOOD.replace("title: A document", "title: A document: the sequel")
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith("malformed YAML: mapping values are not allowed")
    assert p.line == line_of(text, "title:")


def test_malformed_yaml_unclosed_quote_points_where_yaml_noticed(tmp_path: Path) -> None:
    text = GOOD.replace("title: A document", 'title: "A document')
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith("malformed YAML")
    assert p.line == line_of(text, "published:")  # the next quote closes the string; YAML fails there


def test_malformed_yaml_bad_indentation(tmp_path: Path) -> None:
    text = GOOD.replace("  - id: fact-one", " - id: fact-one")
    p = only(problems_of(tmp_path, text))
    assert "malformed YAML" in p.message
    assert p.line == line_of(text, "statement:")


def test_missing_required_field(tmp_path: Path) -> None:
    text = GOOD.replace("    statement: Something happened in 1951.\n", "")
    p = only(problems_of(tmp_path, text))
    assert p.message == "the fact has no 'statement'"
    assert p.hint == "add 'statement:'"
    assert p.line == line_of(text, "id: fact-one")


def test_missing_required_source_field(tmp_path: Path) -> None:
    text = GOOD.replace("    kind: report\n", "")
    p = only(problems_of(tmp_path, text))
    assert p.message == "the source has no 'kind'"
    assert p.line == line_of(text, "id: doc")


def test_wrong_type(tmp_path: Path) -> None:
    text = GOOD.replace("topics: [history]", "topics: history")
    p = only(problems_of(tmp_path, text))
    assert p.message == "topics must be a list, not text"
    assert p.line == line_of(text, "topics:")


def test_wrong_type_number_for_text(tmp_path: Path) -> None:
    text = GOOD.replace("title: A document", "title: 1951")
    p = only(problems_of(tmp_path, text))
    assert p.message == "title must be text, not a number"
    assert "quoted" in p.hint
    assert p.line == line_of(text, "title:")


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = GOOD.replace("    statement:", "    statment:")
    problems = problems_of(tmp_path, text)
    unknown = [p for p in problems if "unknown key" in p.message]
    assert len(unknown) == 1
    assert unknown[0].message == "unknown key 'statment' in a fact"
    assert unknown[0].hint == "did you mean 'statement'?"
    assert "did you mean 'statement'" in str(unknown[0])
    assert unknown[0].line == line_of(text, "statment:")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = GOOD.replace("sources:", "sourcs:")
    problems = problems_of(tmp_path, text)
    assert problems[0].message == "unknown key 'sourcs' in the store"
    assert problems[0].hint == "did you mean 'sources'?"
    assert problems[0].line == line_of(text, "sourcs:")


def test_duplicate_fact_id(tmp_path: Path) -> None:
    text = GOOD + GOOD[GOOD.index("  - id: fact-one"):]
    p = only(problems_of(tmp_path, text))
    assert p.message == "duplicate fact id 'fact-one'"
    assert p.line == line_of(text, "id: fact-one", nth=2)


def test_duplicate_source_id(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("  - id: doc"):GOOD.index("facts:")]
    text = GOOD.replace("facts:", block + "facts:")
    p = only(problems_of(tmp_path, text))
    assert p.message == "duplicate source id 'doc'"
    assert p.line == line_of(text, "id: doc", nth=2)


def test_duplicate_key_in_one_mapping(tmp_path: Path) -> None:
    # YAML keeps the last of two equal keys without a word: the validator must say so.
    text = GOOD.replace('    answer: "1951"\n', '    answer: "1951"\n    answer: "1952"\n')
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith("duplicate key 'answer'")
    assert p.line == line_of(text, 'answer: "1952"')


def test_citation_with_unknown_source(tmp_path: Path) -> None:
    text = GOOD.replace("      - source: doc", "      - source: dco")
    p = only(problems_of(tmp_path, text))
    assert p.message == "citation names unknown source 'dco'"
    assert p.hint == "did you mean 'doc'?"
    assert p.line == line_of(text, "source: dco")


@pytest.mark.parametrize("bad", ["1951-13", "around 1951", "1951-02-30", "1985-04-12/1985-04-11", "197X-01"])
def test_invalid_edtf_date(tmp_path: Path, bad: str) -> None:
    text = GOOD.replace('date: "1951"', f'date: "{bad}"')
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith("invalid date: ")
    assert bad in p.message
    assert "EDTF" in p.hint
    assert p.line == line_of(text, "date:")


@pytest.mark.parametrize(("old", "new", "field"), [('date: "1951"', "date: 1951-11-26", "date"),
                                                   ('published: "2016-10-10"', "published: 2016-10-10", "published")])
def test_unquoted_date(tmp_path: Path, old: str, new: str, field: str) -> None:
    # YAML turns an unquoted 1951-11-26 into a date object, not text.
    text = GOOD.replace(old, new)
    p = only(problems_of(tmp_path, text))
    assert p.message == f"{field} must be a quoted EDTF string, not an unquoted date"
    value = new.split(": ")[1]
    assert p.hint == f'write {field}: "{value}"'
    assert p.line == line_of(text, new)


def test_unquoted_year(tmp_path: Path) -> None:
    text = GOOD.replace('date: "1951"', "date: 1951")
    p = only(problems_of(tmp_path, text))
    assert p.message == "date must be a quoted EDTF string, not a number"
    assert p.line == line_of(text, "date: 1951")


@pytest.mark.parametrize("quote", ['""', "'   '", ""])
def test_empty_quote(tmp_path: Path, quote: str) -> None:
    text = GOOD.replace("quote: it happened in 1951", f"quote: {quote}".rstrip())
    p = only(problems_of(tmp_path, text))
    assert p.message in ("quote is empty", "quote must be text, not nothing (null)")
    assert p.line == line_of(text, "quote:")


def test_quote_too_long(tmp_path: Path) -> None:
    text = GOOD.replace("quote: it happened in 1951", "quote: " + "word " * 80)
    p = only(problems_of(tmp_path, text))
    assert p.message.startswith("quote is ") and "characters long" in p.message
    assert p.line == line_of(text, "quote:")


def test_empty_citations(tmp_path: Path) -> None:
    start = GOOD.index("    citations:")
    text = GOOD[:start] + "    citations: []\n"
    p = only(problems_of(tmp_path, text))
    assert p.message == "citations must be a non-empty list"
    assert p.line == line_of(text, "citations:")


def test_id_that_is_not_a_slug(tmp_path: Path) -> None:
    text = GOOD.replace("id: fact-one", "id: Fact One")
    p = only(problems_of(tmp_path, text))
    assert p.message == "fact id 'Fact One' is not a slug"
    assert p.line == line_of(text, "id: Fact One")


def test_series_as_of_collision(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, SERIES))
    assert p.message == "series 'dg' already has a value as of 2016"
    assert p.line == line_of(SERIES, "as_of:", nth=2)


def test_key_without_as_of(tmp_path: Path) -> None:
    text = SERIES.replace('    as_of: "2016"\n', "", 1)
    p = only(problems_of(tmp_path, text))
    assert p.message == "a series value ('key') needs 'as_of'"
    assert p.line == line_of(text, "key: dg")


def test_as_of_without_key(tmp_path: Path) -> None:
    text = SERIES.replace("    key: dg\n", "", 1)
    p = only(problems_of(tmp_path, text))
    assert p.message == "'as_of' is only for series values"
    assert p.line == line_of(text, "as_of:")


def test_non_utf8_bytes(tmp_path: Path) -> None:
    raw = GOOD.replace("Something", "Some\udcffthing").encode("utf-8", "surrogateescape")
    p = only(problems_of(tmp_path, raw))
    assert p.message == "the file is not UTF-8 text (byte 0xff)"
    assert p.hint == "save it as UTF-8"
    assert p.line == line_of(GOOD, "Something")


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "text"), ("", "nothing (null)")])
def test_not_a_mapping(tmp_path: Path, text: str, kind: str) -> None:
    p = only(problems_of(tmp_path, text))
    assert p.message == f"a store file must be a mapping with 'schema', 'sources' and 'facts', not {kind}"
    assert p.line == (1 if text else None)


def test_schema_version(tmp_path: Path) -> None:
    assert only(problems_of(tmp_path, GOOD.replace("schema: 1\n", ""), "a.yaml")).message == "the store has no 'schema'"
    for bad in ("2", "true", "1.0"):
        text = GOOD.replace("schema: 1", f"schema: {bad}")
        p = only(problems_of(tmp_path, text, "b.yaml"))
        assert p.message.startswith("unsupported schema version")
        assert p.line == 1


def test_yaml_tags_never_build_objects(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = GOOD.replace("title: A document", f'title: !!python/object/apply:os.system ["touch {marker}"]')
    p = only(problems_of(tmp_path, text))
    assert "malformed YAML" in p.message
    assert p.line == line_of(text, "title:")
    assert not marker.exists()


def test_all_problems_are_collected(tmp_path: Path) -> None:
    text = (GOOD.replace("    statement:", "    statment:")
            .replace('date: "1951"', 'date: "1951-13"')
            .replace("      - source: doc", "      - source: dco")
            .replace("kind: report", "kind: ''"))
    problems = problems_of(tmp_path, text)
    found = {(p.line, p.message.split(":")[0]) for p in problems}
    assert found >= {
        (line_of(text, "statment:"), "unknown key 'statment' in a fact"),
        (line_of(text, "id: fact-one"), "the fact has no 'statement'"),
        (line_of(text, "date:"), "invalid date"),
        (line_of(text, "source: dco"), "citation names unknown source 'dco'"),
        (line_of(text, "kind:"), "kind is empty"),
    }
    with pytest.raises(StoreError) as info:
        read_store(tmp_path / "store.yaml")
    assert f"and {len(problems) - 1} more problem(s)" in str(info.value)


def test_problems_of_several_files_are_all_reported(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD.replace('date: "1951"', 'date: "1951-13"'))
    second = GOOD.replace("id: doc", "id: other").replace("source: doc", "source: other")
    (folder / "b.yaml").write_text(second)
    with pytest.raises(StoreError) as info:
        read_store(folder)
    where = {(Path(p.file).name, p.line, p.message.split(":")[0]) for p in info.value.problems}
    assert ("a.yaml", line_of(GOOD, "date:"), "invalid date") in where
    assert ("b.yaml", line_of(second, "id: fact-one"), "duplicate fact id 'fact-one'") in where


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    rows = ["schema: 1", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    problems = problems_of(tmp_path, "\n".join(rows) + "\n")
    assert problems and time.perf_counter() - started < 5.0


# --- finding a store: --data file or directory, IOMFACTS_DATA, the installed package ---------------


def split_bundled_store(folder: Path) -> Path:
    """The bundled store written as a directory of two files: sources and facts."""
    doc = yaml.safe_load(bundled_store().read_text(encoding="utf-8"))
    folder.mkdir()
    (folder / "sources.yaml").write_text(yaml.safe_dump({"schema": 1, "sources": doc["sources"]}, allow_unicode=True))
    (folder / "facts.yml").write_text(yaml.safe_dump({"schema": 1, "facts": doc["facts"]}, allow_unicode=True))
    (folder / "README.txt").write_text("not part of the store")
    return folder


def test_a_directory_is_one_store(tmp_path: Path, store) -> None:
    folder = split_bundled_store(tmp_path / "store")
    split = load_store(folder)
    assert len(split) == len(store)
    assert split.get("iom-founded-1951") == store.get("iom-founded-1951")


def test_data_option_takes_a_file_or_a_directory(tmp_path: Path, cli) -> None:
    (tmp_path / "small.yaml").write_text(GOOD)
    code, out, _ = cli("--data", str(tmp_path / "small.yaml"), "show", "fact-one")
    assert code == 0 and "Something happened in 1951." in out
    code, out, _ = cli("show", "fact-one", "--data", str(tmp_path / "small.yaml"))
    assert code == 0 and "Something happened in 1951." in out
    folder = split_bundled_store(tmp_path / "split")
    code, out, _ = cli("--data", str(folder), "show", "iom-founded-1951")
    assert code == 0 and "1951" in out
    # the option does not stick to later runs in the same process
    code, _, err = cli("show", "fact-one")
    assert code == 1 and "no fact with id 'fact-one'" in err


def test_iomfacts_data_environment_variable(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "small.yaml").write_text(GOOD)
    monkeypatch.setenv("IOMFACTS_DATA", str(tmp_path / "small.yaml"))
    code, out, _ = cli("show", "fact-one")
    assert code == 0 and "Something happened in 1951." in out
    assert cli("show", "iom-founded-1951")[0] == 1
    # --data wins over the environment
    code, out, _ = cli("--data", str(bundled_store()), "show", "iom-founded-1951")
    assert code == 0


def test_missing_or_empty_store_path(tmp_path: Path, cli) -> None:
    code, _, err = cli("--data", str(tmp_path / "nope.yaml"), "show", "x")
    assert code == 2
    assert err.startswith("iomfacts: error: ") and "no such file or directory" in err
    (tmp_path / "empty").mkdir()
    code, _, err = cli("--data", str(tmp_path / "empty"), "sources")
    assert code == 2 and "no .yaml or .yml file" in err


def test_an_invalid_store_stops_every_command_with_file_and_line(tmp_path: Path, cli) -> None:
    path = tmp_path / "bad.yaml"
    text = GOOD.replace('date: "1951"', 'date: "1951-13"').replace("source: doc", "source: dco")
    path.write_text(text)
    for args in (["ask", "When?"], ["show", "fact-one"], ["sources"], ["search", "x"]):
        code, out, err = cli("--data", str(path), *args)
        assert code == 2, args
        assert out == ""
        assert f"{path}:{line_of(text, 'date:')}: invalid date" in err
        assert "1 more problem" in err
        assert "Traceback" not in err


SLOW = os.environ.get("IOMFACTS_SLOW_TESTS") == "1"


@pytest.mark.skipif(not SLOW, reason="builds a wheel and installs it into a new virtual environment; set IOMFACTS_SLOW_TESTS=1")
def test_bundled_store_is_found_when_installed_non_editable(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    source = tmp_path / "src-copy"  # a copy, so the build leaves nothing behind in the clone
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                                                  ".pytest_cache", ".hypothesis"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(source)], check=True, timeout=900)
    shutil.rmtree(source)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("IOMFACTS_DATA", "PYTHONPATH", "VIRTUAL_ENV")}
    env["IOMFACTS_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run([str(bindir / "iomfacts"), "show", "iom-founded-1951"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1951" in done.stdout
    where = subprocess.run([str(python), "-c", "from iomfacts.store import bundled_store; print(bundled_store())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).resolve().is_relative_to(venv.resolve())
    schemas = subprocess.run([str(python), "-c", "from importlib import resources; "
                              "print(sorted(p.name for p in resources.files('iomfacts').joinpath('schemas').iterdir()))"],
                             cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert "store.schema.json" in schemas.stdout and "ask.schema.json" in schemas.stdout
    done = subprocess.run([str(python), "-m", "iomfacts", "ask", "--json", "When was IOM founded?"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
