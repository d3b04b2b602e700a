"""Performance of iomfacts, side by side with its references, in one run.

usage: python bench/perf.py [--repeat 15] [--facts 100000] [--million [--cold]] [--no-scale] [--quality]

Prints, as medians over repeated whole-process runs (this machine is shared and noisy: compare the
ratios, measured in the same run, rather than absolute times):

  start-up   `iomfacts ask --json Q`, human `iomfacts ask Q` and `iomfacts --help` against
             `python -c "import typer"` (the floor of any Typer program) and `python -c pass`, plus
             an empty two-command Typer app; the commands are run in turn, round after round, so
             that a burst of load on the machine hits all of them alike
  batch      `iomfacts ask --batch` on the bundled store: questions per second, the whole process
             included, for --batch-lines lines all different (bench/ questions and variants of them
             with a word left out) and for bench/questions.yaml repeated (a repeated line is
             answered once); a batch shares large blocks of input among one worker per core
  reference  `rg` over the source texts, where rg is installed
  scale      a generated store of --facts facts (bench/generate_store.py, kept in bench/out/):
             the cold first run (parse, validate, build the cache), then warm single asks, with the
             peak memory (max RSS) of each run; --million adds the same for 1,000,000 facts
  quality    with --quality, bench/evaluate.py's figures (iomfacts and its BM25 baseline)

Each figure is printed next to its target with PASS or FAIL. Children run with the virtual
environment's Python, an index cache in a temporary directory, and bytecode caching on (as for an
installed package; PYTHONDONTWRITEBYTECODE is removed from their environment). CPU time (user+sys)
is printed beside wall time: it is far less disturbed by other work on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
QUESTION = "When was IOM founded?"
RESULTS: list[tuple[str, str, str, str]] = []  # what, measured, target, verdict


def iomfacts_cmd() -> list[str]:
    script = Path(sys.executable).parent / "iomfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "iomfacts"]


def child_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "IOMFACTS_DATA", "PYTHONPROFILEIMPORTTIME")}
    env["IOMFACTS_CACHE_DIR"] = str(cache)
    env.setdefault("COLUMNS", "100")
    return env


class Run:
    """One finished child process: wall seconds, CPU seconds, max RSS in MiB, exit code, output."""

    def __init__(self, wall: float, cpu: float, rss_mib: float, code: int, out: bytes) -> None:
        self.wall, self.cpu, self.rss_mib, self.code, self.out = wall, cpu, rss_mib, code, out


def run(cmd: list[str], env: dict[str, str], stdin: bytes | None = None) -> Run:
    """Run a command (output discarded); its own resource usage is read with wait4, not mixed with others'."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stdin is not None:
        try:
            proc.stdin.write(stdin)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, b"")


def med(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def record(what: str, measured: str, target: str, ok: bool | None) -> None:
    RESULTS.append((what, measured, target, "" if ok is None else verdict(ok)))


def ms(s: float) -> str:
    return f"{s * 1000:.1f} ms"


# --- start-up ------------------------------------------------------------------------------------

TYPER_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def bye() -> None:
    print("bye")


app()
'''


def startup(repeat: int, cache: Path) -> None:
    env = child_env(cache)
    py = sys.executable
    app_file = cache.parent / "two_command_app.py"
    app_file.write_text(TYPER_APP)
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        'python -c "import typer"': [py, "-c", "import typer"],
        "two-command Typer app": [py, str(app_file), "hello"],
        f'iomfacts ask --json "{QUESTION}"': [*iomfacts_cmd(), "ask", "--json", QUESTION],
        f'iomfacts ask "{QUESTION}"': [*iomfacts_cmd(), "ask", QUESTION],
        "iomfacts --help": [*iomfacts_cmd(), "--help"],
    }
    for cmd in cmds.values():  # warm-up: bytecode, the index cache, the OS's file cache
        for _ in range(2):
            run(cmd, env)
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            r = run(cmd, env)
            walls[name].append(r.wall)
            cpus[name].append(r.cpu)
    typer_w, typer_c = med(walls['python -c "import typer"']), med(cpus['python -c "import typer"'])
    pass_w = med(walls["python -c pass"])
    print(f"\nStart-up: median of {repeat} runs each, interleaved (ratios against python -c \"import typer\")")
    print(f"  {'command':<46} {'wall':>9} {'cpu':>9} {'/typer':>7} {'/pass':>7}  {'target':<8} verdict")
    targets = {f'iomfacts ask --json "{QUESTION}"': 1.4, f'iomfacts ask "{QUESTION}"': 1.8, "iomfacts --help": 1.3}
    for name in cmds:
        w, c = med(walls[name]), med(cpus[name])
        target = targets.get(name)
        ok = None if target is None else w / typer_w <= target
        print(f"  {name:<46} {ms(w):>9} {ms(c):>9} {w / typer_w:>6.2f}x {w / pass_w:>6.2f}x  "
              f"{'<= %.1fx' % target if target else '':<8} {'' if ok is None else verdict(ok)}"
              + (f"   (cpu ratio {c / typer_c:.2f}x)" if target else ""))
        if target:
            record(f"start-up: {name}", f"{w / typer_w:.2f}x typer ({ms(w)})", f"<= {target}x", ok)


# --- batch ---------------------------------------------------------------------------------------

def bench_questions(*names: str) -> list[str]:
    import yaml

    out: list[str] = []
    for name in names:
        data = yaml.safe_load((ROOT / "bench" / name).read_text(encoding="utf-8"))
        out.extend(d["q"] for d in data)
    return out


def distinct_questions(count: int) -> list[str]:
    """Up to count different lines: every question of bench/, then each with one of its words left
    out ("When was founded?"), which asks the engine for as much work as a fresh question does."""
    qs = bench_questions("questions.yaml", "questions-holdout.yaml")
    out = list(dict.fromkeys(qs))
    for q in qs:
        words = q.split()
        if len(words) > 3:
            out.extend(" ".join(words[:i] + words[i + 1:]) for i in range(len(words)))
    return list(dict.fromkeys(out))[:count]


def batch(repeat: int, cache: Path, lines: int) -> None:
    env = child_env(cache)
    cmd = [*iomfacts_cmd(), "ask", "--batch"]
    qs = bench_questions("questions.yaml")
    repeated = "\n".join((qs * (lines // len(qs) + 1))[:lines]) + "\n"
    distinct = distinct_questions(lines)
    once = "\n".join(distinct) + "\n"
    print(f"\nBatch: one `iomfacts ask --batch` on the bundled store, the whole process timed, median of "
          f"{max(3, repeat // 5)} runs; it uses {batch_workers()} worker process(es)")
    for label, text, n in ((f"{len(distinct)} lines, all different: bench/ questions and one-word-less variants", once, len(distinct)),
                           (f"{lines} lines: bench/questions.yaml ({len(qs)} questions) repeated", repeated, lines)):
        run(cmd, env, stdin=text.encode())
        runs = [run(cmd, env, stdin=text.encode()) for _ in range(max(3, repeat // 5))]
        w, c = med([r.wall for r in runs]), med([r.cpu for r in runs])
        qps = n / w
        print(f"  {label:<78} {w:6.2f} s wall {c:6.2f} s cpu  {qps:7,.0f} questions/s  "
              f"({1000 * c / n:.2f} ms of cpu each)  target >= 2,000/s  {verdict(qps >= 2000)}")
        record(f"batch: {label.split(':')[0]}", f"{qps:,.0f} questions/s", ">= 2,000/s", qps >= 2000)


def batch_workers() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from iomfacts import parallel

    return parallel.workers()


# --- reference -----------------------------------------------------------------------------------

def seeds_dir() -> Path | None:
    for candidate in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate.is_dir():
            return candidate
    return None


def reference(repeat: int, cache: Path) -> None:
    rg, seeds = shutil.which("rg"), seeds_dir()
    if not rg or not seeds:
        print("\nReference: rg or the source texts are missing: skipped")
        return
    env = child_env(cache)
    runs = [run([rg, "-i", "-c", "founded", str(seeds)], env) for _ in range(repeat)]
    print(f"\nReference: rg -i founded over {seeds} (5 source texts): median {ms(med([r.wall for r in runs]))}")


# --- scale ---------------------------------------------------------------------------------------

def generated_store(n: int, seed: int = 7) -> Path:
    """A generated store of n facts, kept in bench/out/ and made again only when missing."""
    path = OUT / f"store-{n}-seed{seed}"
    marker = path / ".complete"
    if not marker.exists():
        print(f"  generating {n:,} facts into {path} ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_store.py"), "--facts", str(n), "--out", str(path),
                        "--seed", str(seed)], check=True)
        marker.write_text("ok\n")
    return path


def scale_questions(store: Path) -> list[str]:
    """A question worded like the store's facts, one with slips of the keyboard, and one from the bundled set."""
    first = sorted(store.glob("facts-*.yaml"))[0]
    alias = None
    with first.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("      - \"How many") or line.startswith("      - \"When did"):
                alias = line.strip()[3:-1]
                break
    qs = [alias or "How many returnees did the Givi Partnership help?", "how many trainees did the givi partnersip help in benin",
          QUESTION]
    return qs


def scale(n: int, repeat: int, warm_target: float, cold_target: float | None, cache: Path, cold: bool = True) -> None:
    """Cold first run into an empty cache (unless ``cold`` is false and ``cache`` already holds the
    index), then warm runs of a few questions."""
    print(f"\nScale: {n:,} facts")
    store = generated_store(n)
    size = sum(f.stat().st_size for f in store.glob("*.yaml"))
    print(f"  store: {size / 2**20:.0f} MiB of YAML in {len(list(store.glob('*.yaml')))} files ({store})")
    env = child_env(cache)
    base = [*iomfacts_cmd(), "--data", str(store), "ask", "--json"]
    qs = scale_questions(store)
    if cold or not list(cache.glob("store-*.sqlite")):
        shutil.rmtree(cache, ignore_errors=True)
        first = run([*base, qs[0]], env)
        ok = first.code in (0, 1) and (cold_target is None or first.wall <= cold_target)
        print(f"  cold first run (parse, validate, build the cache): {first.wall:.1f} s wall, {first.cpu:.1f} s cpu, "
              f"max RSS {first.rss_mib:.0f} MiB" + (f"   target <= {cold_target:.0f} s  {verdict(ok)}" if cold_target else ""))
        record(f"scale {n:,}: cold first run", f"{first.wall:.1f} s (cpu {first.cpu:.1f} s)",
               f"<= {cold_target:.0f} s" if cold_target else "", ok if cold_target else None)
    else:
        print(f"  cold first run: skipped, the index is already in {cache} (--cold to measure it again)")
    worst_w, worst_rss = 0.0, 0.0
    for q in qs:
        run([*base, q], env)  # the first warm run stamps the store's files (see cache.py)
        runs = [run([*base, q], env) for _ in range(repeat)]
        w, c = med([r.wall for r in runs]), med([r.cpu for r in runs])
        rss = max(r.rss_mib for r in runs)
        codes = sorted({r.code for r in runs})
        worst_w, worst_rss = max(worst_w, w), max(worst_rss, rss)
        print(f"  warm ask {q[:60]!r:<64} {ms(w):>9} wall {ms(c):>9} cpu  max RSS {rss:5.0f} MiB  exit {codes}")
    ok_w = worst_w <= warm_target
    print(f"  warm ask, slowest median: {ms(worst_w)}   target <= {warm_target:.1f} s  {verdict(ok_w)}")
    record(f"scale {n:,}: warm ask (slowest median)", ms(worst_w), f"<= {warm_target:.1f} s", ok_w)
    if n <= 100000:
        ok_m = worst_rss <= 300
        print(f"  warm ask, peak memory: {worst_rss:.0f} MiB   target <= 300 MiB  {verdict(ok_m)}")
        record(f"scale {n:,}: warm ask peak memory", f"{worst_rss:.0f} MiB", "<= 300 MiB", ok_m)
    else:
        record(f"scale {n:,}: warm ask peak memory", f"{worst_rss:.0f} MiB", "", None)


# --- quality -------------------------------------------------------------------------------------

def quality() -> None:
    script = ROOT / "bench" / "evaluate.py"
    if not script.exists():
        print("\nQuality: bench/evaluate.py is missing: skipped")
        return
    print("\nQuality (bench/evaluate.py, iomfacts beside its BM25 baseline):", flush=True)
    subprocess.run([sys.executable, str(script)], check=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--repeat", type=int, default=15, help="runs per start-up figure (default 15)")
    ap.add_argument("--warm-repeat", type=int, default=7, help="warm runs per question at scale (default 7)")
    ap.add_argument("--batch-lines", type=int, default=4000, help="questions fed to ask --batch (default 4000)")
    ap.add_argument("--facts", type=int, default=100000, help="size of the generated store (default 100000)")
    ap.add_argument("--million", action="store_true", help="also 1,000,000 facts (generating and indexing take minutes)")
    ap.add_argument("--cold", action="store_true", help="with --million: measure its cold first run even if its index is kept")
    ap.add_argument("--no-scale", action="store_true", help="skip the generated stores")
    ap.add_argument("--quality", action="store_true", help="also run bench/evaluate.py")
    args = ap.parse_args(argv)
    print(f"iomfacts performance, {time.strftime('%Y-%m-%d %H:%M')}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="iomfacts-perf-") as tmp:
        root = Path(tmp)
        cache = root / "cache"
        startup(args.repeat, cache)
        batch(args.repeat, cache, args.batch_lines)
        reference(args.repeat, cache)
        if not args.no_scale:
            scale(args.facts, args.warm_repeat, 0.3, 30.0 if args.facts == 100000 else None, root / f"cache-{args.facts}")
            if args.million:  # its index is kept in bench/out/ between runs: building it takes many minutes
                scale(1000000, max(3, args.warm_repeat // 2), 1.5, None, OUT / "cache-1000000", cold=args.cold)
        if args.quality:
            quality()
    print(f"\nSummary (load average now {os.getloadavg()[0]:.2f})")
    width = max(len(r[0]) for r in RESULTS)
    for what, measured, target, v in RESULTS:
        print(f"  {what:<{width}}  {measured:<34} {target:<12} {v}")
    return 0 if all(v != "FAIL" for *_, v in RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
