"""Finding, reading and validating a fact store, and opening its index.

``load_store()`` is the entry point for scripts: it returns a ``Store`` backed by an index that is
cached between runs (see ``cache.py``), so only the first run after an edit parses the YAML.
``read_store()`` parses and validates without any index, for ``iomfacts check``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, StoreError
from .model import Citation, Fact, Source

if TYPE_CHECKING:
    from .index import Index

ENV_DATA = "IOMFACTS_DATA"
MAX_FILE_BYTES = 512 * 1024 * 1024
_HERE = Path(__file__).resolve().parent


def bundled_store() -> Path:
    """The store shipped with iomfacts: inside the installed package, or at the top of a source tree."""
    for candidate in (_HERE / "data" / "facts.yaml", _HERE.parent.parent / "data" / "facts.yaml"):
        if candidate.is_file():
            return candidate
    raise StoreError([Problem(str(_HERE / "data" / "facts.yaml"), None, "the bundled store is missing from this installation",
                              "reinstall iomfacts, or point --data / IOMFACTS_DATA at a store")])


def resolve(data: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: the argument, else $IOMFACTS_DATA, else the bundled store."""
    chosen = data if data not in (None, "") else os.environ.get(ENV_DATA) or None
    if chosen is None:
        return bundled_store()
    path = Path(chosen).expanduser()
    if not path.exists():
        raise StoreError([Problem(str(path), None, "no such file or directory", "check the --data path or IOMFACTS_DATA")])
    return path


def store_files(path: Path) -> list[Path]:
    """The YAML files of a store: the file itself, or every *.yaml / *.yml below a directory."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise StoreError([Problem(str(path), None, "the directory holds no .yaml or .yml file", "point --data at a store")])
        return files
    return [path]


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoreError([Problem(str(path), None, f"the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
                                      "split the store into several files in a directory")])
        return path.read_bytes()
    except OSError as exc:
        raise StoreError([Problem(str(path), None, f"cannot read the file: {exc.strerror or exc}", "check its permissions")]) from None


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise StoreError([Problem(str(path), line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                                  "save it as UTF-8")]) from None


def _loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(path: Path, text: str) -> object:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # a safe loader: no object is built from tags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "malformed YAML"
        raise StoreError([Problem(str(path), line, f"malformed YAML: {what}", "fix the indentation or quoting there")]) from None
    except yaml.YAMLError as exc:
        raise StoreError([Problem(str(path), None, f"malformed YAML: {exc}", "fix the file's syntax")]) from None
    except RecursionError:
        raise StoreError([Problem(str(path), None, "the YAML nests too deeply", "a store is at most a few levels deep")]) from None


class Locator:
    """Turns a path in a file's YAML into a line number, composing each file into nodes once."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._nodes: dict[int, Any] = {}

    def _root(self, file_index: int) -> Any:
        if file_index not in self._nodes:
            import yaml

            try:
                self._nodes[file_index] = yaml.compose(self.texts[file_index], Loader=_loader())
            except Exception:
                self._nodes[file_index] = None
        return self._nodes[file_index]

    def line(self, file_index: int, path: tuple[Any, ...], on_key: bool = False) -> int | None:
        import yaml

        node = self._root(file_index)
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == step:
                        line = (k if on_key and step == path[-1] else v).start_mark.line + 1
                        node = v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line


@dataclass
class ParsedStore:
    """The validated content of a store's files, before indexing."""

    files: list[Path]
    sources: list[Source]
    facts: list[Fact]


def _text_value(value: object) -> str | None:
    return None if value is None else str(value)


def _to_source(d: dict[str, Any]) -> Source:
    return Source(id=d["id"], title=d["title"], publisher=d.get("publisher"), author=d.get("author"),
                  published=d.get("published"), kind=d["kind"], file=d["file"], url=d.get("url"), note=d.get("note"))


def _to_fact(d: dict[str, Any]) -> Fact:
    return Fact(
        id=d["id"], statement=d["statement"], answer=_text_value(d.get("answer")), date=d.get("date"),
        date_label=d.get("date_label"), key=d.get("key"), as_of=d.get("as_of"),
        topics=tuple(d.get("topics") or ()), entities=tuple(d.get("entities") or ()), aliases=tuple(d.get("aliases") or ()),
        citations=tuple(Citation(c["source"], c["quote"], c.get("section")) for c in d["citations"]),
    )


def problems_of(files: list[Path], texts: list[str], docs: list[object]) -> list[Problem]:
    from .validate import check_store

    out: list[Problem] = []
    locator = Locator(texts)
    for issue in check_store(docs):
        line = locator.line(issue.file_index, issue.path, issue.on_key)
        out.append(Problem(str(files[issue.file_index]), line, issue.message, issue.hint))
    return out


def read_texts(path: Path) -> tuple[list[Path], list[str]]:
    files = store_files(path)
    return files, [_decode(f, read_bytes(f)) for f in files]


def parse_store(files: list[Path], texts: list[str]) -> ParsedStore:
    """Parse and validate; raise StoreError listing every problem (file:line, what, how to fix)."""
    docs: list[object] = []
    errors: list[Problem] = []
    for f, t in zip(files, texts):
        try:
            docs.append(_parse(f, t))
        except StoreError as exc:
            errors.extend(exc.problems)
            docs.append({"schema": 1})
    if errors:
        raise StoreError(errors)
    problems = problems_of(files, texts, docs)
    if problems:
        raise StoreError(problems)
    sources = [_to_source(s) for d in docs for s in (d.get("sources") or [])]  # type: ignore[union-attr]
    facts = [_to_fact(x) for d in docs for x in (d.get("facts") or [])]  # type: ignore[union-attr]
    return ParsedStore(files, sources, facts)


def read_store(data: str | os.PathLike[str] | None = None) -> ParsedStore:
    """Read and validate a store without indexing it."""
    files, texts = read_texts(resolve(data))
    return parse_store(files, texts)


class Store:
    """A loaded store: its sources and facts, served from the index."""

    def __init__(self, index: Index, files: list[Path]) -> None:
        self.index = index
        self.files = files
        self._sources: dict[str, Source] | None = None

    @property
    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            self._sources = {s.id: s for s in self.index.sources()}
        return self._sources

    def __len__(self) -> int:
        return self.index.size

    def get(self, fact_id: str) -> Fact | None:
        return self.index.fact_by_id(fact_id)

    def facts(self) -> Iterator[Fact]:
        return self.index.all_facts()

    def ids(self) -> list[str]:
        return self.index.fact_ids()

    def series(self, key: str) -> list[Fact]:
        """The values of a series, oldest first."""
        return self.index.series(key)

    def facets(self) -> dict[str, list[str]]:
        """The topics, entities and source ids in use, for filters and their error messages."""
        return self.index.facets()


def load_store(data: str | os.PathLike[str] | None = None, *, cache: bool = True,
               cache_dir: str | os.PathLike[str] | None = None) -> Store:
    """Load a store (a file, a directory of YAML files, or the bundled one) with its index.

    The index is built on first use and kept in the cache directory, keyed by the store's content;
    a missing, stale, corrupt or unwritable cache is rebuilt or bypassed, never trusted.
    """
    from . import cache as cache_mod

    path = resolve(data)
    files = store_files(path)
    index = cache_mod.open_index(files, use_cache=cache, cache_dir=cache_dir)
    return Store(index, files)


def iter_quotes(parsed: ParsedStore) -> Iterable[tuple[Fact, int, Citation]]:
    for fact in parsed.facts:
        for i, c in enumerate(fact.citations):
            yield fact, i, c
