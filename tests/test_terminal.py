"""Output that cannot be hijacked: nothing from a store or a question is read as rich markup or
reaches the terminal as an escape sequence, on every human output path, on a terminal that rich
believes is real (FORCE_COLOR). JSON stays valid whatever the text holds. NO_COLOR, --no-color,
TERM=dumb and narrow terminals are honoured.

The hostile store is tests/hostile/stores/markup.yaml: every text field carries rich markup, CSI
sequences (colour, clear screen, cursor moves, device queries), OSC 8 hyperlinks, OSC titles and
clipboard writes, BEL, the C1 controls 0x9b/0x9d, CR, backspace, DEL and bidirectional overrides.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import validate_json

MARKUP = Path(__file__).resolve().parent / "hostile" / "stores" / "markup.yaml"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own styling: Select Graphic Rendition, nothing else
# Whatever may move, retitle, link, query or reorder a terminal once SGR is taken out.
DANGEROUS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
HOSTILE_QUESTION = "[bold red]pwned[/] [link=https://evil.example]x[/link] \x1b]8;;https://evil.example\x07y\x1b]8;;\x07 \x1b[2J\x9b1A\u202eevil\u202c\x07"

# Every human output path, given the hostile store (and, for some, a hostile question or name).
HUMAN = {
    "ask: answer, statement, citation, earlier value": ["ask", "gorilla melsbroek value"],
    "ask --as-of: an older value and a later one": ["ask", "--as-of", "2012", "gorilla melsbroek value"],
    "ask: other matches": ["ask", "--limit", "3", "gorilla event clipboard"],
    "ask: no answer, quoting the question": ["ask", HOSTILE_QUESTION],
    "search": ["search", "gorilla"],
    "search: no match, quoting the words": ["search", HOSTILE_QUESTION],
    "show: a series value": ["show", "evil-fact-old"],
    "show: an event with a date label": ["show", "evil-event"],
    "sources": ["sources"],
    "timeline": ["timeline"],
    "timeline --format markdown": ["timeline", "--format", "markdown"],
    "timeline --format csv": ["timeline", "--format", "csv"],
    "cite": ["cite", "evil-event", "evil-fact-new"],
    "cite --format markdown": ["cite", "evil-event", "--format", "markdown"],
    "cite --format bibtex": ["cite", "--all", "--format", "bibtex"],
    "ask --cite": ["ask", "--cite", "apa", "gorilla melsbroek value"],
}
ERRORS = {  # error lines on stderr that quote hostile input
    "unknown fact id": ["show", HOSTILE_QUESTION],
    "unknown topic": ["search", "--topic", HOSTILE_QUESTION, "x"],
    "unknown entity in timeline": ["timeline", "--entity", HOSTILE_QUESTION],
    "bad date option": ["ask", "--as-of", HOSTILE_QUESTION, "x"],
    "unknown option": ["ask", "--\x1b]8;;https://evil.example\x07x\x9b2J", "x"],  # click cuts a name at '='
    "unknown command": ["\x1b[2J\x1b[1;1Hpwned"],
    "unknown style": ["cite", "--style", HOSTILE_QUESTION, "evil-event"],
}


def run_cli(args: list[str], cache: Path, data: Path | None = MARKUP, **env: str) -> tuple[int, str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "COLUMNS", "IOMFACTS_DATA")}
    base.update({"IOMFACTS_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8:strict", "TERM": "xterm-256color"})
    base.update(env)
    cmd = [sys.executable, "-m", "iomfacts", *(["--data", str(data)] if data else []), *args]
    proc = subprocess.run(cmd, capture_output=True, env=base, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def assert_inert(text: str) -> None:
    """No escape sequence but rich's styling, no control character, no bidi override."""
    bare = SGR.sub("", text)
    found = DANGEROUS.search(bare)
    assert found is None, f"raw {found.group()!r} reaches the terminal: {bare[max(0, found.start() - 80):found.end() + 80]!r}"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("terminal-cache")


@pytest.mark.parametrize("args", HUMAN.values(), ids=HUMAN.keys())
def test_store_text_never_drives_a_forced_terminal(args: list[str], cache: Path) -> None:
    code, out, err = run_cli(args, cache, FORCE_COLOR="1", COLUMNS="300")
    assert code in (0, 1), err
    assert "Traceback" not in err
    assert_inert(out)
    assert_inert(err)
    if args[0] in ("ask", "search", "show", "sources", "timeline") and "--format" not in args:
        assert SGR.search(out), "the terminal was not forced: this test would prove nothing"
    plain = SGR.sub("", out)
    assert "\\x1b" in plain or "\\x9b" in plain or "\\u202e" in plain or "\\x07" in plain, "controls are shown, not dropped"
    for literal in ("[bold red]", "[link=https://evil.example", "[bold]", "[red]", "[blink]", "[on red]", "[/]"):
        if literal in plain:
            break
    else:
        if "pwned" not in plain:
            pytest.fail("no markup printed literally: was it interpreted?")


def test_markup_is_printed_literally_where_it_stands(cache: Path) -> None:
    code, out, _ = run_cli(["ask", "gorilla melsbroek value now"], cache, FORCE_COLOR="1", COLUMNS="300")
    plain = SGR.sub("", out)
    assert code == 0
    assert "[red]new answer[/red] \\x9b2J c1 clear" in plain
    assert "[bold red]MARKUP STATEMENT NEW[/] melsbroek gorilla value \\x1b[?25l hidden cursor" in plain
    assert "\\x1b]8;;https://evil.example/title\\x1b\\linked title" in plain
    assert "[link=https://evil.example/pub]Evil Publisher[/link] \\x1b[2J\\x1b[H" in plain


@pytest.mark.parametrize("args", ERRORS.values(), ids=ERRORS.keys())
def test_error_lines_quote_hostile_input_inertly(args: list[str], cache: Path) -> None:
    code, out, err = run_cli(args, cache, FORCE_COLOR="1", COLUMNS="300")
    assert code in (1, 2)
    assert err.startswith("iomfacts: error: ") and err.count("\n") == 1, err
    assert_inert(err)
    assert_inert(out)
    assert "\\x1b" in err or "\\x9b" in err


def test_check_problems_quoting_store_text_are_inert(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    doc = yaml.safe_load(MARKUP.read_text(encoding="utf-8"))
    doc["facts"][0]["citations"][0]["source"] = "evil\x1b]8;;https://evil.example\x07source\x9b2J"
    doc["facts"][1]["\x1b[2Jstatment"] = "typo"
    broken.write_text(yaml.safe_dump(doc, allow_unicode=False), encoding="utf-8")
    code, out, err = run_cli(["check"], cache, data=broken, FORCE_COLOR="1", COLUMNS="300")
    assert code == 1 and err == ""
    assert_inert(out)
    assert "citation names unknown source 'evil\\x1b]8;;https://evil.example\\x07source\\x9b2J'" in SGR.sub("", out)
    code, out, err = run_cli(["ask", "x"], cache, data=broken, FORCE_COLOR="1", COLUMNS="300")
    assert code == 2 and err.count("\n") == 1
    assert_inert(err)


# --- JSON ----------------------------------------------------------------------------------------

JSON_COMMANDS = {
    "ask": (["ask", "--json", "gorilla melsbroek value"], "ask"),
    "ask --as-of": (["ask", "--json", "--as-of", "2012", "gorilla melsbroek value"], "ask"),
    "ask, hostile question": (["ask", "--json", HOSTILE_QUESTION], "ask"),
    "search": (["search", "--json", "gorilla"], "search"),
    "show": (["show", "--json", "evil-event"], "show"),
    "sources": (["sources", "--json"], "sources"),
    "timeline": (["timeline", "--json"], "timeline"),
}


@pytest.mark.parametrize("args,schema", JSON_COMMANDS.values(), ids=JSON_COMMANDS.keys())
def test_json_is_valid_and_exact_whatever_the_text(args: list[str], schema: str, cache: Path) -> None:
    code, out, err = run_cli(args, cache, FORCE_COLOR="1")
    assert code in (0, 1) and err == ""
    assert out.count("\n") == 1 and not DANGEROUS.search(out) and "\x1b" not in out, "JSON must be inert in a terminal"
    doc = json.loads(out)
    validate_json(doc, schema)
    store = yaml.safe_load(MARKUP.read_text(encoding="utf-8"))
    texts = {f["statement"] for f in store["facts"]} | {s["title"] for s in store["sources"]}
    if HOSTILE_QUESTION not in args:
        assert texts & set(_strings(doc)), "the store's text must come back exactly, escapes decoded"
    if schema == "ask" and HOSTILE_QUESTION in args:
        assert doc["query"] == HOSTILE_QUESTION


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_timeline_jsonl_is_one_valid_document_per_line(cache: Path) -> None:
    code, out, err = run_cli(["timeline", "--format", "jsonl"], cache)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert "\x1b" not in line
        json.loads(line)


# --- colour switches and awkward terminals -------------------------------------------------------

COLOUR_PATHS = [["ask", "When was IOM founded?"], ["search", "magnet"], ["show", "iom-founded-1951"], ["sources"],
                ["timeline", "--to", "1960"], ["ask", "a question about nothing in the store at all, zebra"]]


@pytest.mark.parametrize("args", COLOUR_PATHS, ids=[a[0] + (" (no answer)" if "zebra" in a[-1] else "") for a in COLOUR_PATHS])
@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color", "command --no-color", "TERM=dumb"])
def test_no_escape_at_all_when_colour_is_off(args: list[str], how: str, cache: Path) -> None:
    env = {"FORCE_COLOR": "1", "COLUMNS": "120"}
    argv = list(args)
    if how == "NO_COLOR":
        env["NO_COLOR"] = "1"
    elif how == "--no-color":
        argv = ["--no-color", *argv]
    elif how == "command --no-color":
        argv = [argv[0], "--no-color", *argv[1:]]
    else:
        env["TERM"] = "dumb"
    code, out, err = run_cli(argv, cache, data=None, **env)
    assert code in (0, 1), err
    assert "\x1b" not in out and "\x1b" not in err, out[:500]
    assert out.strip()


def test_forced_terminal_is_styled_without_the_switches(cache: Path) -> None:
    """The counterpart of the test above: the same terminal does get colour when nothing says no."""
    code, out, _ = run_cli(["ask", "When was IOM founded?"], cache, data=None, FORCE_COLOR="1", COLUMNS="120")
    assert code == 0 and SGR.search(out)


@pytest.mark.parametrize("args,needle", [
    (["ask", "When was IOM founded?"], "1951"),
    (["show", "iom-founded-1951"], "iom-founded-1951"),
    (["search", "magnet"], "MAGNET"),
    (["sources"], "cdnews-2016"),
    (["timeline", "--to", "1960"], "1951"),
])
@pytest.mark.parametrize("env", [{"COLUMNS": "20", "FORCE_COLOR": "1"}, {"COLUMNS": "20", "TERM": "dumb", "FORCE_COLOR": "1"}, {"TERM": "dumb"}],
                         ids=["COLUMNS=20", "COLUMNS=20 TERM=dumb", "TERM=dumb"])
def test_narrow_and_dumb_terminals_stay_readable(args: list[str], needle: str, env: dict[str, str], cache: Path) -> None:
    from rich.cells import cell_len

    code, out, err = run_cli(args, cache, data=None, **env)
    assert code == 0 and err == ""
    plain = SGR.sub("", out)
    assert needle in plain.replace("\n", "") or needle in plain
    if env.get("COLUMNS") == "20":
        too_wide = [line for line in plain.splitlines() if cell_len(line) > 20]
        assert not too_wide, too_wide[:3]
        words = re.findall(r"[A-Za-z]{4,}", plain)
        assert len(words) > 3, "a narrow terminal must still show words, not empty cells"
