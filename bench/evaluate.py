"""Answer quality of iomfacts on a question set, side by side with a BM25 baseline.

usage: python bench/evaluate.py [QUESTIONS.yaml ...] [--misses] [--min-score S] [--json]

Default sets: bench/questions.yaml (development), bench/questions-holdout.yaml (held out: not
used for tuning) and bench/questions-fresh.yaml (written from the source texts alone, without
looking at the store or the engine; read its totals, not its misses, so that it stays a fair test). The format is that of ../shared/questions-sample.yaml: `a` holds regular
expressions, one of which must match the top answer (short answer + statement + quotes); `src` the
source file prefixes one of which the top answer must cite; `none: true` marks a question the store
cannot answer, where the right result is no answer.

Figures, by question style:
  top-1       the first answer is right
  top-3       one of the first three answers is right
  cited       the first answer is right and cites an expected source
  abstention  share of out-of-scope questions that get no answer

The baseline ranks the sentences of the source texts with BM25 (rank-bm25) and answers with the top
sentence; it abstains only when no sentence shares a word with the question. It needs the corpus
(--corpus, default ../shared/seeds).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = [ROOT / "bench" / "questions.yaml", ROOT / "bench" / "questions-holdout.yaml", ROOT / "bench" / "questions-fresh.yaml"]
DEFAULT_CORPUS = ROOT.parent / "shared" / "seeds"


def _right(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text, re.I) for p in patterns)


def _answer_text(rec: dict) -> str:
    return " ".join([str(rec.get("answer") or ""), str(rec.get("statement") or "")] + [str(c.get("quote") or "") for c in rec.get("citations", [])])


class Tally:
    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])  # n, top1, top3, cited

    def add(self, style: str, top1: bool, top3: bool, cited: bool) -> None:
        r = self.rows[style]
        r[0] += 1
        r[1] += top1
        r[2] += top3
        r[3] += cited

    def total(self, skip: str = "none") -> list[int]:
        out = [0, 0, 0, 0]
        for k, v in self.rows.items():
            if k != skip:
                out = [a + b for a, b in zip(out, v)]
        return out


def run_iomfacts(questions: list[dict], min_score: float | None, misses: list[str]) -> Tally:
    from iomfacts import engine, render
    from iomfacts.store import load_store

    store = load_store()
    files = {s.id: s.file[:3] for s in store.sources.values()}
    tally = Tally()
    kwargs = {"min_score": min_score} if min_score is not None else {}
    for item in questions:
        answers = engine.ask(store, item["q"], limit=3, **kwargs)
        recs = [render.answer_record(a, store.sources) for a in answers]
        if item.get("none"):
            ok = not recs
            tally.add("none", ok, ok, ok)
            if not ok:
                misses.append(f"[none] {item['q']}  ->  {recs[0]['statement'][:100]} ({recs[0]['score']})")
            continue
        style = item.get("style", "?")
        top1 = bool(recs) and _right(item["a"], _answer_text(recs[0]))
        top3 = any(_right(item["a"], _answer_text(r)) for r in recs[:3])
        cited = top1 and (not item.get("src") or bool({files.get(c["source"]) for c in recs[0]["citations"]} & set(item["src"])))
        tally.add(style, top1, top3, cited)
        if not top1:
            got = f"{recs[0]['statement'][:100]} ({recs[0]['score']})" if recs else "(no answer)"
            misses.append(f"[{style}] {item['q']}  ->  {got}")
    return tally


_SENT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_TOK = re.compile(r"[a-z0-9]+")
_STOP = set("a an the of in on at to for from by with as and or is are was were be been what which who when where how does do did has have had it its this that".split())


def _tokens(text: str) -> list[str]:
    return [t for t in _TOK.findall(text.lower()) if t not in _STOP]


def run_bm25(questions: list[dict], corpus: Path) -> Tally | None:
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        print("rank-bm25 is not installed (pip install -e '.[bench]'): no baseline", file=sys.stderr)
        return None
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: no baseline", file=sys.stderr)
        return None
    sents: list[tuple[str, str]] = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in _SENT.split(text):
            s = " ".join(s.split())
            if len(s) > 20:
                sents.append((path.name[:3], s))
    bm25 = BM25Okapi([_tokens(s) for _, s in sents])
    tally = Tally()
    for item in questions:
        scores = bm25.get_scores(_tokens(item["q"]))
        order = sorted(range(len(sents)), key=lambda i: -scores[i])[:3]
        order = [i for i in order if scores[i] > 0]
        if item.get("none"):
            ok = not order
            tally.add("none", ok, ok, ok)
            continue
        top1 = bool(order) and _right(item["a"], sents[order[0]][1])
        top3 = any(_right(item["a"], sents[i][1]) for i in order)
        cited = top1 and (not item.get("src") or sents[order[0]][0] in item["src"])
        tally.add(item.get("style", "?"), top1, top3, cited)
    return tally


def _pct(a: int, n: int) -> str:
    return f"{100 * a / n:5.1f}%" if n else "   - "


def report(name: str, t: Tally, base: Tally | None) -> dict:
    print(f"\n{name}")
    print(f"  {'style':<10} {'n':>4}  {'top-1':>6} {'top-3':>6} {'cited':>6}   {'BM25 top-1':>10} {'top-3':>6} {'cited':>6}")
    out = {}
    for style in sorted(k for k in t.rows if k != "none") + ["ALL"]:
        r = t.total() if style == "ALL" else t.rows[style]
        b = (base.total() if style == "ALL" else base.rows.get(style, [0, 0, 0, 0])) if base else None
        bm = f"   {_pct(b[1], b[0]):>10} {_pct(b[2], b[0]):>6} {_pct(b[3], b[0]):>6}" if b else ""
        print(f"  {style:<10} {r[0]:>4}  {_pct(r[1], r[0]):>6} {_pct(r[2], r[0]):>6} {_pct(r[3], r[0]):>6}{bm}")
        out[style] = {"n": r[0], "top1": r[1], "top3": r[2], "cited": r[3]}
    neg = t.rows.get("none", [0, 0, 0, 0])
    bneg = base.rows.get("none", [0, 0, 0, 0]) if base else None
    bm = f"   BM25 {_pct(bneg[1], bneg[0])}" if bneg else ""
    print(f"  {'abstention':<10} {neg[0]:>4}  {_pct(neg[1], neg[0]):>6}{bm}")
    out["none"] = {"n": neg[0], "right": neg[1]}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", type=Path, default=DEFAULT_SETS)
    ap.add_argument("--misses", action="store_true", help="list every question not answered right")
    ap.add_argument("--min-score", type=float, default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON object")
    a = ap.parse_args(argv)
    figures = {}
    for path in a.sets:
        qs = yaml.safe_load(path.read_text(encoding="utf-8"))
        misses: list[str] = []
        t0 = time.perf_counter()
        tally = run_iomfacts(qs, a.min_score, misses)
        dt = time.perf_counter() - t0
        base = run_bm25(qs, a.corpus)
        figures[path.name] = report(f"{path.name}: {len(qs)} questions ({dt * 1000 / max(1, len(qs)):.1f} ms each)", tally, base)
        if a.misses and misses:
            print("  misses:")
            for m in misses:
                print("   ", m)
    if a.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
