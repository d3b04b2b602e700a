"""Finding, reading and validating a fact store, and opening its index.

``load_store()`` is the entry point for scripts: it returns a ``Store`` backed by an index that is
cached between runs (see ``cache.py``), so only the first run after an edit parses the YAML.
``read_store()`` parses and validates without any index, for ``iomfacts check``.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, StoreError
from .model import Fact, Source

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
        with path.open("rb") as fh:  # bounded: a device or pipe (/dev/zero) has no size to check first
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise StoreError([Problem(str(path), None, f"the file is over the {MAX_FILE_BYTES // 2**20} MiB limit",
                                      "split the store into several files in a directory")])
        return raw
    except OSError as exc:
        raise StoreError([Problem(str(path), None, f"cannot read the file: {exc.strerror or exc}", "check its permissions")]) from None


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise StoreError([Problem(str(path), line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                                  "save it as UTF-8")]) from None


_LOADER: Any = None


def _loader() -> Any:
    """A safe loader (no object is built from tags) that also notes keys repeated within one mapping,
    which YAML would otherwise resolve silently by keeping the last value."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
            def construct_mapping(self, node: Any, deep: bool = False) -> Any:
                if isinstance(node, yaml.MappingNode):
                    seen: set[str] = set()
                    for key, _ in node.value:
                        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                            if key.value in seen:
                                self.__dict__.setdefault("duplicates", []).append((key.start_mark.line + 1, key.value))
                            seen.add(key.value)
                return super().construct_mapping(node, deep=deep)

            def construct_object(self, node: Any, deep: bool = False) -> Any:
                # (speed) Most nodes of a store are text: what the safe constructor would make of
                # one is its value, without the bookkeeping that mappings and aliases need.
                if node.__class__ is str_node and node.tag == str_tag:
                    return node.value
                return super().construct_object(node, deep=deep)

        str_node, str_tag = yaml.ScalarNode, "tag:yaml.org,2002:str"
        _LOADER = Loader
    return _LOADER


def _parse(path: Path, text: str) -> tuple[object, list[tuple[int, str]]]:
    """The file's content and the (line, key) of each key repeated within a mapping."""
    import yaml

    try:
        loader = _loader()(text)
        try:
            doc = loader.get_single_data()
            duplicates = loader.__dict__.get("duplicates", [])
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "malformed YAML"
        start = exc.context_mark
        if exc.context and start is not None and mark is not None and start.line != mark.line:
            what += f" ({exc.context} that starts at line {start.line + 1})"  # an unclosed quote or bracket
        raise StoreError([Problem(str(path), line, f"malformed YAML: {what}", "fix the indentation or quoting there")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other controls)
        ch = exc.character if isinstance(exc.character, str) else chr(exc.character) if isinstance(exc.character, int) else ""
        at = text.find(ch) if ch else -1
        raise StoreError([Problem(str(path), text.count("\n", 0, at) + 1 if at >= 0 else None,
                                  f"the file holds a character YAML does not allow (U+{ord(ch) if ch else 0:04X}, {exc.reason})",
                                  "remove it, or write it as an escape in a double-quoted string")]) from None
    except yaml.YAMLError as exc:
        raise StoreError([Problem(str(path), None, f"malformed YAML: {' '.join(str(exc).split())}", "fix the file's syntax")]) from None
    except RecursionError:
        raise StoreError([Problem(str(path), None, "the YAML nests too deeply", "a store is at most a few levels deep")]) from None
    except Exception as exc:  # noqa: BLE001 - a scalar the safe loader cannot build: 2001-02-30, !!int x, 10**5000
        raise StoreError([Problem(str(path), _unbuildable_line(text), f"a value YAML cannot read ({' '.join(str(exc).split())[:200]})",
                                  "put it in quotes to keep it as text")]) from None
    if "&" in text and _expands(doc, MAX_EXPANSION * len(text) + 100_000):
        raise StoreError([Problem(str(path), _first_alias_line(text),
                                  f"anchors and aliases expand the file to over {MAX_EXPANSION} times its size (a 'billion laughs')",
                                  "write the repeated values out instead of nesting aliases")])
    return doc, duplicates


MAX_EXPANSION = 10  # a store may reuse values through YAML aliases, but not multiply itself


def _expands(doc: object, budget: int) -> bool:
    """Whether the loaded document, with every alias counted as a copy, exceeds the budget (in
    nodes plus characters). Aliases share objects, so this is the only walk that sees a bomb; it
    stops as soon as the budget is spent, so its time is bounded whatever the nesting."""
    stack = [doc]
    spent = 0
    while stack:
        value = stack.pop()
        spent += 1
        if isinstance(value, str):
            spent += len(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple, set)):
            stack.extend(value)
        if spent > budget:
            return True
    return False


def _first_alias_line(text: str) -> int | None:
    import yaml

    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return None


def _unbuildable_line(text: str) -> int | None:
    """The line of the first scalar that YAML's safe constructor fails on (only on that error path)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        builder = yaml.SafeLoader("")
    except Exception:  # noqa: BLE001
        return None
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                builder.construct_object(node)
            except Exception:  # noqa: BLE001
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


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


class ParsedStore:
    """The validated content of a store's files, before indexing.

    A plain class, not a dataclass: this module is imported on every run, and making a dataclass
    costs start-up time that only a cold build would use.
    """

    __slots__ = ("files", "sources", "facts")

    def __init__(self, files: list[Path], sources: list[Source], facts: list[Fact]) -> None:
        self.files, self.sources, self.facts = files, sources, facts

    def __repr__(self) -> str:
        return f"ParsedStore({len(self.files)} files, {len(self.sources)} sources, {len(self.facts)} facts)"


def _to_source(d: dict[str, Any]) -> Source:
    return Source(id=d["id"], title=d["title"], publisher=d.get("publisher"), author=d.get("author"),
                  published=d.get("published"), kind=d["kind"], file=d["file"], url=d.get("url"), note=d.get("note"))


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


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a store is parsed and indexed.

    Loading builds millions of objects and no cycles; the collector would walk them all again and
    again (a 100,000-fact store parses three times faster without it).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


PARALLEL_BYTES = 16 * 2**20  # a store of several files and at least this much YAML is parsed by several processes
_TEXTS: list[tuple[Path, str]] = []  # what a forked parser process reads (inherited, never pickled)


def _parse_nth(i: int) -> tuple[object, list[tuple[int, str]]] | list[Problem]:
    try:
        return _parse(*_TEXTS[i])
    except StoreError as exc:
        return exc.problems


def _parse_files(files: list[Path], texts: list[str]) -> list[tuple[object, list[tuple[int, str]]] | list[Problem]]:
    """Each file's content and repeated keys, or its problems; in parallel for a large store of several files."""
    from . import parallel

    global _TEXTS
    workers = min(parallel.workers(), len(files)) if sum(map(len, texts)) >= PARALLEL_BYTES else 1
    if workers > 1:
        _TEXTS = list(zip(files, texts))
        try:
            return list(parallel.map_in_order(_parse_nth, range(len(files)), workers))
        except parallel.Unavailable:
            pass  # parsed here below
        finally:
            _TEXTS = []
    out: list[tuple[object, list[tuple[int, str]]] | list[Problem]] = []
    for f, t in zip(files, texts):
        try:
            out.append(_parse(f, t))
        except StoreError as exc:
            out.append(exc.problems)
    return out


def parse_store(files: list[Path], texts: list[str]) -> ParsedStore:
    """Parse and validate; raise StoreError listing every problem (file:line, what, how to fix)."""
    with quiet_gc():
        return _parse_store(files, texts)


def _parse_store(files: list[Path], texts: list[str]) -> ParsedStore:
    docs: list[object] = []
    errors: list[Problem] = []
    repeated: list[Problem] = []
    for f, result in zip(files, _parse_files(files, texts)):
        if isinstance(result, list):
            errors.extend(result)
            docs.append({"schema": 1})
        else:
            doc, duplicates = result
            docs.append(doc)
            repeated.extend(Problem(str(f), line, f"duplicate key '{key}': YAML keeps only the last one",
                                    "remove or rename one of them") for line, key in duplicates)
    if errors:
        raise StoreError(errors)
    problems = problems_of(files, texts, docs) + repeated
    if problems:
        raise StoreError(problems)
    sources = [_to_source(s) for d in docs for s in (d.get("sources") or [])]  # type: ignore[union-attr]
    facts = [Fact.from_dict(x) for d in docs for x in (d.get("facts") or [])]  # type: ignore[union-attr]
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
        try:
            return self.index.fact_by_id(fact_id)
        except UnicodeEncodeError:  # an id holding bytes that were not UTF-8 (argv) names no fact
            return None

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
