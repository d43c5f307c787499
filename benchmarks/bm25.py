"""A plain BM25 search over a tracker export's rows: the yardstick `python -m bot ask --batch` is timed against.

    python -m benchmarks.bm25 EXPORT.csv QUESTIONS.txt [--top 1]

What a search script written in an afternoon would do, with nothing but the standard library: read every
row of the export, make each row one document (company, place, industry, stage, country, date, figure),
index them (term frequencies, document lengths, inverse document frequencies), then for each question (one
a line) print the best-scoring row as one line of text.  It understands nothing (no periods, no totals, no
French, no declining): it is the cost floor of answering from these rows at all, indexing included, and the
start-up benchmark (benchmarks/startup.py) runs it beside the bot in the same run.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

K1 = 1.5  # how fast repeated terms stop counting
B = 0.75  # how much a long document is penalised
_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case words without accents."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _WORD.findall(plain)


class Index:
    """An inverted index with BM25 scoring."""

    def __init__(self, documents: list[str]) -> None:
        self.documents = documents
        self.postings: dict[str, list[tuple[int, int]]] = {}  # term -> [(document, count)]
        self.lengths: list[int] = []
        for number, document in enumerate(documents):
            words = tokens(document)
            self.lengths.append(len(words))
            for term, count in Counter(words).items():
                self.postings.setdefault(term, []).append((number, count))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        total = len(documents)
        self.idf = {term: math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5))
                    for term, found in self.postings.items()}

    def search(self, question: str, top: int = 1) -> list[tuple[float, int]]:
        """The `top` best (score, document) pairs for the question's words."""
        scores: dict[int, float] = {}
        for term in set(tokens(question)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for number, count in self.postings[term]:
                norm = count + K1 * (1 - B + B * self.lengths[number] / self.average)
                scores[number] = scores.get(number, 0.0) + idf * count * (K1 + 1) / norm
        return sorted(((score, number) for number, score in scores.items()), reverse=True)[:top]


def documents(export: Path) -> list[str]:
    """One text per row of a layoffs.fyi export: every column but the link, as written."""
    with export.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [" ".join(value for name, value in row.items() if name and name.lower() != "source" and value)
                for row in reader]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--top", type=int, default=1)
    args = parser.parse_args()
    index = Index(documents(args.export))
    out = sys.stdout
    for question in args.questions.read_text(encoding="utf-8").splitlines():
        found = index.search(question, args.top)
        best = "; ".join(index.documents[number] for _, number in found) or "(nothing found)"
        out.write(f"{question}\t{best}\n")


if __name__ == "__main__":
    main()
