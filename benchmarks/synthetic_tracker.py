"""A tracker-shaped CSV of any size: the real export's rows, repeated under other company names.

    python -m benchmarks.synthetic_tracker ROWS OUT.csv [--data ../shared/data]

Copy 0 is the export as it is; copy k renames every company (a made-up name, the same one for the same
company throughout the copy, so a company keeps its several rounds) and gives every link its own query, so
each row has its own source as in the real export.  Dates, figures, places, industries and funding stay
the tracker's own, so the file has the real data's skew (most rows in the United States, a few industries
holding most rounds).  The export read is the current layout (layoffs-fyi-2026-05-15.csv).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
# ../shared/data beside the clone (or beside the folder of worktrees a clone is checked out in)
DATA = next((up / "shared" / "data" for up in HERE.parents if (up / "shared" / "data").is_dir()),
            HERE.parent.parent / "shared" / "data")
EXPORT = "layoffs-fyi-2026-05-15.csv"
SYLLABLES = ["ka", "lo", "ri", "ven", "tor", "mi", "zu", "pel", "dra", "no", "qua", "sen", "bri", "tek", "lux", "ora"]


def _names(count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """`count` new company names, none of them in `taken` (which they are added to)."""
    made: list[str] = []
    while len(made) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()
        if name.casefold() not in taken:
            taken.add(name.casefold())
            made.append(name)
    return made


def _relinked(url: str, copy: int) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return url
    return f"{url}{'&' if '?' in url else '?'}copy={copy}"


def write(rows: int, out: Path, data: Path = DATA, seed: int = 17) -> Path:
    """Write `rows` data rows (plus the header) to `out`; returns `out`."""
    with (data / EXPORT).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        real = [line for line in reader if any(value.strip() for value in line)]
    company = header.index("company")
    source = header.index("source")
    rng = random.Random(seed)
    taken = {line[company].casefold() for line in real}
    companies = sorted({line[company] for line in real})
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        written, copy = 0, 0
        while written < rows:
            renamed = dict(zip(companies, _names(len(companies), rng, taken), strict=True)) if copy else {}
            for line in real[:rows - written]:
                line = list(line)
                if copy:
                    line[company] = renamed[line[company]]
                    line[source] = _relinked(line[source], copy)
                writer.writerow(line)
            written += min(len(real), rows - written)
            copy += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    write(args.rows, args.out, args.data)
    print(f"wrote {args.rows:,} rows to {args.out} ({args.out.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
