"""How well answers survive a typo: each answerable question that iomfacts gets right, asked again
with one slip in one of its longer words, must still be answered right.

usage: python bench/typos.py [QUESTIONS.yaml] [--seed S] [--misses]

The slip (two letters swapped, one left out, one doubled or one replaced) and the word are drawn
at random with a fixed seed, so runs compare. Default set: bench/questions.yaml.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {"which", "where", "about", "there", "their", "would", "could", "what", "when"}


def slip(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word) - 1)
    kind = rnd.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rnd.choice("aeiourstn") + word[i + 1:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("questions", nargs="?", type=Path, default=ROOT / "bench" / "questions.yaml")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--misses", action="store_true", help="print each question a typo breaks")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from iomfacts import ask, load_store

    store = load_store()
    rnd = random.Random(a.seed)

    def right(item: dict, question: str) -> bool:
        answers = ask(store, question)
        if not answers:
            return False
        f = answers[0].fact
        text = " ".join([f.answer or "", f.statement] + [c.quote for c in f.citations])
        return any(re.search(p, text, re.I) for p in item["a"])

    tried = kept = 0
    for item in yaml.safe_load(a.questions.read_text(encoding="utf-8")):
        if item.get("none") or not right(item, item["q"]):
            continue
        words = [w for w in re.findall(r"[A-Za-z]{5,}", item["q"]) if w.lower() not in SKIPPED]
        if not words:
            continue
        word = rnd.choice(words)
        question = item["q"].replace(word, slip(word, rnd), 1)
        tried += 1
        if right(item, question):
            kept += 1
        elif a.misses:
            print(f"  {question}   (was: {word})")
    print(f"{a.questions.name}: {kept}/{tried} questions answered right stay right with one typo ({100 * kept / max(tried, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
