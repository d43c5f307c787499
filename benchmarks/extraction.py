"""Extraction quality: precision and recall on our labelled articles, and output on real ones.

    .venv/bin/python benchmarks/extraction.py

Scores `tests/articles` (articles we wrote, labelled in labels.jsonl) per kind
and overall, lists every missed and every spurious fact, then prints what the
extractor makes of the real articles of the evaluation suite in
../shared/eval/suites/articles-dev/articles (read in place, never copied).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.extract import extract_facts  # noqa: E402
from knowledge.extract.articles import parse_article  # noqa: E402
from knowledge.extract.evaluation import bundled_matcher, evaluate  # noqa: E402

LABELLED = ROOT / "tests" / "articles"
REAL = ROOT.parent / "shared" / "eval" / "suites" / "articles-dev" / "articles"


def _scores() -> None:
    started = time.perf_counter()
    score = evaluate(LABELLED)
    elapsed = time.perf_counter() - started
    articles = len(list(LABELLED.glob("*.txt")))
    print(f"Labelled set: {articles} articles in {LABELLED.relative_to(ROOT)} ({elapsed * 1000:.0f} ms)")
    print(f"{'kind':<11}{'precision':>10}{'recall':>8}{'matched':>9}{'extracted':>10}{'expected':>9}")
    for kind in sorted(set(score.expected) | set(score.extracted)):
        print(f"{kind:<11}{score.precision(kind):>10.3f}{score.recall(kind):>8.3f}{score.matched[kind]:>9}"
              f"{score.extracted[kind]:>10}{score.expected[kind]:>9}")
    print(f"{'overall':<11}{score.precision():>10.3f}{score.recall():>8.3f}{sum(score.matched.values()):>9}"
          f"{sum(score.extracted.values()):>10}{sum(score.expected.values()):>9}")
    print(f"\nMissed ({len(score.missed)}):")
    for article, unit in score.missed:
        print(f"  {article}: {unit}")
    print(f"\nSpurious ({len(score.spurious)}):")
    for article, unit, evidence in score.spurious:
        print(f"  {article}: {unit}\n      from: {evidence}")


def _real() -> None:
    if not REAL.is_dir():
        print(f"\n(no real articles at {REAL})")
        return
    matcher, name_of = bundled_matcher()
    for path in sorted(REAL.glob("*.txt")):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        print(f"\n=== {path.name} ({meta.language}, published {meta.published})")
        for candidate in extract_facts(body, meta, matcher, name_of):
            draft = candidate.draft
            when = draft.announced or (f"{draft.period_start}..{draft.period_end}"
                                       if draft.period_start or draft.period_end else "undated")
            values = [f"{draft.kind:<9}", f"{draft.company or '(industry)':<12}"]
            if draft.count_min is not None or draft.count_max is not None:
                values.append(f"count={draft.count_min}..{draft.count_max} {draft.qualifier}")
            if draft.percent is not None:
                values.append(f"share={draft.percent:g}% {draft.percent_qualifier}")
            if draft.labels:
                values.append("labels=" + ",".join(draft.labels))
            if draft.detail:
                values.append(f"detail={draft.detail!r}")
            if draft.cumulative:
                values.append("running total")
            values.append(f"when={when}")
            values.append(f"confidence={candidate.confidence:.2f}")
            if draft.caveats:
                values.append(f"caveats={list(draft.caveats)}")
            print("  " + "  ".join(values))
            print(f"      summary: {draft.summary}")
            print(f"      evidence: {candidate.evidence}")


if __name__ == "__main__":
    _scores()
    _real()
