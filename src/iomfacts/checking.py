"""``iomfacts check``: validate a store and, with a corpus, verify its quotes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, StoreError, UsageError


@dataclass
class Report:
    files: list[str]
    problems: list[Problem] = field(default_factory=list)
    facts: int = 0
    sources: int = 0
    quotes_checked: int = 0

    @property
    def what(self) -> str:
        return ", ".join(self.files)

    @property
    def summary(self) -> str:
        quotes = f", {self.quotes_checked} quotes found in their sources" if self.quotes_checked else ""
        return f"ok: {self.facts} facts, {self.sources} sources{quotes} ({self.what})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "files": self.files,
            "facts": self.facts,
            "sources": self.sources,
            "quotes_checked": self.quotes_checked,
            "problems": [{"file": p.file, "line": p.line, "message": p.message, "hint": p.hint} for p in self.problems],
        }


def run_check(data: str | None, corpus: str | None) -> Report:
    """Problems of a store: raises StoreError only when the store cannot be read at all (exit 2)."""
    from . import store as store_mod

    corpus_dir = None
    if corpus is not None:
        corpus_dir = Path(corpus).expanduser()
        if not corpus_dir.is_dir():
            raise UsageError(f"--corpus {corpus}: no such directory")
    files = store_mod.store_files(store_mod.resolve(data))
    blobs = [store_mod.read_bytes(f) for f in files]  # unreadable: StoreError, exit 2 (could not run)
    report = Report([str(f) for f in files])
    texts: list[str] = []
    for f, raw in zip(files, blobs):  # a file that is not UTF-8 text is a problem found in it (exit 1)
        try:
            texts.append(store_mod._decode(f, raw))
        except StoreError as exc:
            report.problems.extend(exc.problems)
    if report.problems:
        return report
    try:
        parsed = store_mod.parse_store(files, texts)
    except StoreError as exc:
        report.problems = exc.problems
        return report
    report.facts, report.sources = len(parsed.facts), len(parsed.sources)
    cited = {c.source for f in parsed.facts for c in f.citations}
    uncited = [s.id for s in parsed.sources if s.id not in cited]
    if uncited:
        where = _source_lines(files, texts)
        for sid in uncited:
            file, line = where.get(sid, (report.files[0], None))
            report.problems.append(Problem(file, line, f"source '{sid}' has no facts", "add facts citing it, or remove it"))
    if corpus_dir is not None:
        from .corpus import check_quotes

        report.problems.extend(check_quotes(parsed, texts, corpus_dir))
        report.quotes_checked = sum(len(f.citations) for f in parsed.facts)
    return report


def _source_lines(files: list[Path], texts: list[str]) -> dict[str, tuple[str, int | None]]:
    """The file and line of each source's id, for problems about a source (a store may span files)."""
    import yaml

    from .store import Locator, _loader

    locator = Locator(texts)
    out: dict[str, tuple[str, int | None]] = {}
    for fi, text in enumerate(texts):
        doc = yaml.load(text, Loader=_loader())
        items = doc.get("sources") if isinstance(doc, dict) else None
        for i, src in enumerate(items if isinstance(items, list) else []):
            if isinstance(src, dict) and isinstance(src.get("id"), str):
                out.setdefault(src["id"], (str(files[fi]), locator.line(fi, ("sources", i, "id"))))
    return out
