"""Extraction quality: precision and recall on our labelled articles, and output on real ones.

    .venv/bin/python -m benchmarks.extraction            # everything
    .venv/bin/python -m benchmarks.extraction --scores   # the tables only

Scores `tests/articles` (articles we wrote and tuned the rules on, labelled in
labels.jsonl) and, separately, each set of articles written after a freeze of the
rules: `tests/articles/heldout` and `tests/articles/heldout2` (each README records
that set's one held-out run, with the frozen commit, and what was tuned on it
since, so later scores on it are no longer unseen), per kind of fact and per dimension
(company, figure, share, date, team, reason), with the extraction time per
article; lists every missed and every spurious fact; then prints what the
extractor makes of the real articles of the evaluation suite in
../shared/eval/suites/articles-dev/articles (read in place, never copied).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path

from knowledge.intake.articles import REVIEW_BELOW
from knowledge.intake.articles.articles import parse_article
from knowledge.intake.articles.extract import extract_facts
from tests.support.extraction import DIMENSIONS, Score, bundled_matcher, bundled_parents, evaluate

ROOT = Path(__file__).resolve().parent.parent

LABELLED = ROOT / "tests" / "articles"
HELD_OUT = (LABELLED / "heldout", LABELLED / "heldout2")  # in the order they were written
REAL = ROOT.parent / "shared" / "eval" / "suites" / "articles-dev" / "articles"


def _scores(folder: Path, name: str, details: bool) -> None:
    if not (folder / "labels.jsonl").is_file():
        print(f"\n(no {name} at {folder.relative_to(ROOT)})")
        return
    score = evaluate(folder)
    per_article = score.seconds / max(score.articles, 1) * 1000
    print(f"\n{name}: {score.articles} articles in {folder.relative_to(ROOT)}, "
          f"{per_article:.1f} ms of extraction (CPU) per article")
    _table("kind", score, sorted(set(score.expected) | set(score.extracted)))
    print(f"{'overall':<11}{score.precision():>10.3f}{score.recall():>8.3f}{sum(score.matched.values()):>9}"
          f"{sum(score.extracted.values()):>10}{sum(score.expected.values()):>9}")
    print(f"held for review (confidence under {REVIEW_BELOW}): {score.doubtful} candidates, "
          f"{score.doubtful_right} of them stating a labelled fact")
    print()
    _table("dimension", score, DIMENSIONS)
    if not details:
        return
    print(f"\nMissed ({len(score.missed)}):")
    for article, unit in score.missed:
        print(f"  {article}: {unit}")
    print(f"\nSpurious ({len(score.spurious)}):")
    for article, unit, evidence in score.spurious:
        print(f"  {article}: {unit}\n      from: {evidence}")
    print(f"\nHeld for review ({len(score.held)}):")
    for article, unit, confidence, right in score.held:
        print(f"  {article}: {unit} confidence {confidence:.2f}{' (right)' if right else ''}")


def _table(heading: str, score: Score, rows: Iterable[str]) -> None:
    print(f"{heading:<11}{'precision':>10}{'recall':>8}{'matched':>9}{'extracted':>10}{'expected':>9}")
    for row in rows:
        if heading == "kind":
            precision, recall = score.precision(row), score.recall(row)
            counts = score.matched[row], score.extracted[row], score.expected[row]
        else:
            precision, recall = score.dimension(row)
            counts = tuple(score.by_dimension[row, part] for part in ("matched", "extracted", "expected"))
        print(f"{row:<11}{precision:>10.3f}{recall:>8.3f}{counts[0]:>9}{counts[1]:>10}{counts[2]:>9}")


def _real() -> None:
    if not REAL.is_dir():
        print(f"\n(no real articles at {REAL})")
        return
    matcher, name_of = bundled_matcher()
    for path in sorted(REAL.glob("*.txt")):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        started = time.process_time()
        candidates = extract_facts(body, meta, matcher, name_of, bundled_parents())
        elapsed = (time.process_time() - started) * 1000
        print(f"\n=== {path.name} ({meta.language}, published {meta.published}, {elapsed:.1f} ms)")
        for candidate in candidates:
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
    only_scores = "--scores" in sys.argv[1:]
    _scores(LABELLED, "Labelled set (tuned on)", not only_scores)
    for folder in HELD_OUT:
        readme = (folder / "README.md").relative_to(ROOT)
        _scores(folder, f"Articles written after a freeze (their held-out score: {readme})", not only_scores)
    if not only_scores:
        _real()
