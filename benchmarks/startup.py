"""Cold start of the command line, against a plain BM25 script over the same rows, in one run.

    python -m benchmarks.startup [--data ../shared/data] [--suite ../shared/eval/suites/tracker-dev] [--runs 7]

Imports the current layoffs.fyi export (4,411 rows) into a fresh SQLite knowledge base, then starts fresh
processes in turn, RUNS times each, and reports the median of each:

* `python -m bot ask "QUESTION"`: one question, the whole process (what a script calling it waits for);
* `python -m bot ask --batch QUESTIONS --json`: the tracker suite's questions, the whole process, and the
  time until its first answer is printed;
* `python -m benchmarks.bm25 EXPORT QUESTIONS`: the same questions against the export's rows with a plain
  BM25 index built at start (reading and indexing included);
* `python -c pass`: the interpreter alone, the floor under all three.

Wall seconds are measured around each process; CPU seconds are the children's own (user + system), which
other work on a shared machine inflates less than it does wall time.  Bytecode is compiled first (as `pip
install` does), so the figures are those of an installed program, not of a first run that compiles it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = next((up / "shared" for up in HERE.parents if (up / "shared" / "data").is_dir()), ROOT.parent / "shared")
EXPORT = "layoffs-fyi-2026-05-15.csv"
TODAY = "2026-06-01"
QUESTION = "How many people did Amazon lay off in 2023?"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, seconds until the first line of output) of one process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    cpu = cpu_of_children()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    process.stdout.readline()
    first = time.perf_counter() - started
    process.stdout.read()
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return time.perf_counter() - started, cpu_of_children() - cpu, first


def questions(suite: Path, folder: Path) -> Path:
    asked = [json.loads(line)["q"] for line in (suite / "questions.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    path = folder / "questions.txt"
    path.write_text("\n".join(asked) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data")
    parser.add_argument("--suite", type=Path, default=SHARED / "eval" / "suites" / "tracker-dev")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for package in ("knowledge", "bot", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'kb.db'}"
        export = args.data / EXPORT
        started = time.perf_counter()
        subprocess.run([python, "-m", "bot", "--db", url, "kb", "import", str(export), "--format", "layoffs-fyi",
                        "--create"], cwd=ROOT, check=True, capture_output=True)
        print(f"imported {export.name} in {time.perf_counter() - started:.1f} s (whole process)")
        asked = questions(args.suite, folder)
        count = len(asked.read_text(encoding="utf-8").splitlines())
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "ask (one question)": [python, "-m", "bot", "--db", url, "ask", QUESTION, "--today", TODAY],
            f"ask --batch ({count} questions)": [python, "-m", "bot", "--db", url, "ask", "--batch", str(asked),
                                                 "--json", "--today", TODAY],
            f"bm25 script ({count} questions)": [python, "-m", "benchmarks.bm25", str(export), str(asked)],
        }
        for command in commands.values():  # warm the file cache; not counted
            timed(command)
        samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(timed(command))
    print(f"{'':32} {'wall s':>8} {'cpu s':>8} {'first line s':>13}   (medians of {args.runs} runs, run in turn)")
    for name, runs in samples.items():
        wall, cpu, first = (statistics.median(run[i] for run in runs) for i in range(3))
        print(f"{name:32} {wall:8.3f} {cpu:8.3f} {first:13.3f}")
    batch = next(name for name in samples if name.startswith("ask --batch"))
    bm25 = next(name for name in samples if name.startswith("bm25"))
    ratio = statistics.median(b[0] / s[0] for b, s in zip(samples[batch], samples[bm25], strict=True))
    print(f"ask --batch / bm25 script, wall, pair by pair: {ratio:.2f}")


if __name__ == "__main__":
    main()
