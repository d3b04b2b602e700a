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
    files, texts = store_mod.read_texts(store_mod.resolve(data))
    report = Report([str(f) for f in files])
    try:
        parsed = store_mod.parse_store(files, texts)
    except StoreError as exc:
        report.problems = exc.problems
        return report
    report.facts, report.sources = len(parsed.facts), len(parsed.sources)
    cited = {c.source for f in parsed.facts for c in f.citations}
    for s in parsed.sources:
        if s.id not in cited:
            report.problems.append(Problem(report.files[0], None, f"source '{s.id}' has no facts", "add facts citing it, or remove it"))
    if corpus_dir is not None:
        from .corpus import check_quotes

        report.problems.extend(check_quotes(parsed, texts, corpus_dir))
        report.quotes_checked = sum(len(f.citations) for f in parsed.facts)
    return report
