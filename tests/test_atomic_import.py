"""An import is one transaction: a process killed in the middle leaves the database exactly as it was."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from knowledge.kb import KnowledgeBase
from knowledge.storage.backup import export_data

ROOT = Path(__file__).resolve().parent.parent
REAL_EXPORT = ROOT.parent / "shared" / "data" / "layoffs-fyi-2026-05-15.csv"  # read where it lies, when it is there
HEADER = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"


def tracker_file(path: Path, rows: int = 4411) -> Path:
    """A tracker export the size of the real one (4,411 rows), made up for the test."""
    rng = random.Random(4411)
    lines = [HEADER]
    for n in range(rows):
        count = rng.choice(["", f"{rng.randint(5, 5000)}.0"])
        share = rng.choice(["", f"0.{rng.randint(1, 99):02d}"])
        lines.append(f"Company {n % 2900},City,{count},{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2020, 2026)},"
                     f"{share},Data,https://news.example/{n},Seed,10,United States,5/15/2026")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot_of(url: str) -> str:
    kb = KnowledgeBase.open(url)
    try:
        data = export_data(kb.store)
    finally:
        kb.close()
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


def test_sigkill_in_the_middle_of_an_import_changes_nothing(database_url: str, tmp_path: Path) -> None:
    before = snapshot_of(database_url)
    source = REAL_EXPORT if REAL_EXPORT.is_file() else tracker_file(tmp_path / "tracker.csv")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", database_url, "kb", "import", str(source), "--format", "layoffs-fyi",
         "--progress"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # wait until rows are being written inside the transaction
        seen.append(line)
        if line.strip().startswith("writing 1,000/"):
            process.send_signal(signal.SIGKILL)
            break
    out, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, seen
    assert "added" not in out  # it never finished
    assert snapshot_of(database_url) == before
    # and the same file imports completely afterwards
    done = subprocess.run([sys.executable, "-m", "bot", "--db", database_url, "kb", "import", str(source), "--format",
                           "layoffs-fyi"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "4,411 rows" in done.stdout and "Traceback" not in done.stderr
