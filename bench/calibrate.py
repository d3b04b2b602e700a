"""Fit the engine's scoring model (engine.MODEL) on a question set, and report it on another.

usage: python bench/calibrate.py [--train bench/questions.yaml] [--test bench/questions-holdout.yaml]

Each question's candidate facts (the first 20 by the current model) become examples: a candidate is
right when one of the question's patterns matches its text (short answer + statement + quotes), and
every candidate of an out-of-scope question is wrong. A logistic regression of the candidate's
features (see engine.score_question) is fitted by gradient descent with a small L2 penalty, then
refined by a coordinate search that maximises a utility at the 0.5 threshold: +1 for a right answer,
-2 for a wrong one (a wrong fact, or any fact for an out-of-scope question), 0 for no answer. The
printed coefficients go into engine.MODEL. The held-out set is only reported, never fitted.
"""
from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WRONG_COST = 2.0


def examples(path: Path, per_question: int = 20) -> list[tuple[dict[str, float], int, int]]:
    from iomfacts import engine
    from iomfacts.store import load_store

    store = load_store()
    index = store.index
    out = []
    for qi, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
        q = engine.read_question(index, item["q"])
        scored = engine.score_question(index, q)[:per_question]
        facts = index.facts_by_rowid([s.row.rowid for s in scored])
        for s in scored:
            f = facts[s.row.rowid]
            text = " ".join([f.answer or "", f.statement] + [c.quote for c in f.citations])
            right = 0 if item.get("none") else int(any(re.search(p, text, re.I) for p in item["a"]))
            out.append((s.features, right, qi))
    return out


def fit(data: list[tuple[dict[str, float], int, int]], keys: list[str], l2: float = 0.01, steps: int = 3000,
        rate: float = 0.5) -> dict[str, float]:
    w = {k: 0.0 for k in keys}
    w["bias"] = 0.0
    n = len(data)
    pos = sum(y for _, y, _ in data)
    weight_pos = (n - pos) / max(pos, 1)  # balance: right candidates are few
    for _ in range(steps):
        grad = {k: 0.0 for k in w}
        for x, y, _ in data:
            z = w["bias"] + sum(w[k] * x[k] for k in keys)
            p = 1 / (1 + math.exp(-max(-60, min(60, z))))
            g = (p - y) * (weight_pos if y else 1.0)
            grad["bias"] += g
            for k in keys:
                grad[k] += g * x[k]
        for k in w:
            w[k] -= rate * (grad[k] / n + (l2 * w[k] if k != "bias" else 0.0))
    return w


def evaluate(data: list[tuple[dict[str, float], int, int]], w: dict[str, float], qinfo: dict[int, bool]) -> tuple[float, float, float]:
    """(top-1 rate on answerable questions, abstention rate on out-of-scope ones, utility) at threshold 0.5.

    The utility counts +1 for a right answer, -WRONG_COST for a wrong one (a wrong fact, or any fact
    for an out-of-scope question) and 0 for no answer: an honest "no answer" beats a wrong one.
    """
    from iomfacts.engine import combine

    best: dict[int, tuple[float, int]] = {}
    for x, y, qi in data:
        sc = combine(x, w)
        if qi not in best or sc > best[qi][0]:
            best[qi] = (sc, y)
    pos = [qi for qi, none in qinfo.items() if not none]
    neg = [qi for qi, none in qinfo.items() if none]
    right = sum(1 for qi in pos if qi in best and best[qi][0] >= 0.5 and best[qi][1])
    wrong = sum(1 for qi in pos if qi in best and best[qi][0] >= 0.5 and not best[qi][1])
    wrong += sum(1 for qi in neg if qi in best and best[qi][0] >= 0.5)
    abst = sum(1 for qi in neg if qi not in best or best[qi][0] < 0.5) / max(1, len(neg))
    return right / max(1, len(pos)), abst, (right - WRONG_COST * wrong) / max(1, len(qinfo))


def tune(data: list[tuple[dict[str, float], int, int]], w: dict[str, float], qinfo: dict[int, bool], rounds: int = 6) -> dict[str, float]:
    """Coordinate search on the coefficients, maximising top-1 rate + abstention rate."""
    w = dict(w)

    def objective(cand: dict[str, float]) -> float:
        return evaluate(data, cand, qinfo)[2] - 0.001 * sum(abs(v) for k, v in cand.items() if k != "bias")  # prefer small weights

    current = objective(w)
    for _ in range(rounds):
        improved = False
        for k in list(w):
            for step in (2.0, 1.0, 0.5, 0.25, -0.25, -0.5, -1.0, -2.0):
                cand = dict(w)
                cand[k] = round(cand[k] + step, 3)
                val = objective(cand)
                if val > current + 1e-9:
                    w, current, improved = cand, val, True
        if not improved:
            break
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=ROOT / "bench" / "questions.yaml")
    ap.add_argument("--test", type=Path, default=ROOT / "bench" / "questions-holdout.yaml")
    ap.add_argument("--steps", type=int, default=1500)
    a = ap.parse_args()
    from iomfacts.engine import MODEL

    train = examples(a.train)
    test = examples(a.test)
    tq = {qi: bool(item.get("none")) for qi, item in enumerate(yaml.safe_load(a.train.read_text(encoding="utf-8")))}
    hq = {qi: bool(item.get("none")) for qi, item in enumerate(yaml.safe_load(a.test.read_text(encoding="utf-8")))}
    keys = sorted(train[0][0])
    fmt = "train top-1 %.3f abstention %.3f utility %.3f | held out top-1 %.3f abstention %.3f utility %.3f"
    print("current model: " + fmt % (*evaluate(train, MODEL, tq), *evaluate(test, MODEL, hq)))
    w = fit(train, keys, steps=a.steps)
    print("logistic fit:  " + fmt % (*evaluate(train, w, tq), *evaluate(test, w, hq)))
    w = tune(train, w, tq)
    print("tuned:         " + fmt % (*evaluate(train, w, tq), *evaluate(test, w, hq)))
    print("MODEL = {")
    for k in ["bias", *keys]:
        print(f'    "{k}": {w[k]:.3f},')
    print("}")


if __name__ == "__main__":
    main()
