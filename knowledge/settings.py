"""Settings the core needs, passed in by whoever reads the configuration.

The core never reads files or the environment itself (`bot.config` does),
so tests and benchmarks build these directly.
"""

from __future__ import annotations

from dataclasses import dataclass

# Seconds a writer (an import, an ingestion, a restore, a moderator's change) waits for the one before it
# to finish before giving up with `Busy`.
WRITE_WAIT = 30.0


@dataclass(frozen=True, slots=True)
class AnswerSettings:
    # Below this confidence (0..1) the bot declines instead of answering.
    min_confidence: float = 0.5
    # Similarity (0..1, optimal string alignment) a misspelt company name needs.
    fuzzy_cutoff: float = 0.8
    # Most facts cited in one answer.
    max_citations: int = 5
    # Language of answers when a question gives no sign of its own.
    default_language: str = "en"
    # Longest question accepted, in characters; longer ones are cut at this length.
    max_question_length: int = 500
    # Seconds between checks that the knowledge changed (0: check on every question).
    refresh_interval: float = 0.5
    # A folder where the in-memory snapshot is saved, so the next process starts from it instead of building
    # it ("": none; see `knowledge.answering.saved`).
    snapshot_cache: str = ""
