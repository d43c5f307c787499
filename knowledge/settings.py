"""Settings the core needs, passed in by whoever reads the configuration.

The core never reads files or the environment itself (`bot.config` does),
so tests and benchmarks build these directly.
"""

from __future__ import annotations

from dataclasses import dataclass

# Seconds a writer (an import, an ingestion, a restore, a moderator's change) waits for the one before it
# to finish before giving up with `Busy`.
WRITE_WAIT = 30.0
# Largest tracker export read by default (a million-row export is about 190 MB, and takes about 1 GB of
# memory to check and write).
MAX_IMPORT_BYTES = 256 * 1024 * 1024
# Largest backup file read (database.max_backup_bytes): 100 MB is ten times a knowledge base holding the whole
# layoffs.fyi tracker; restoring one takes about 4.5 times its size in memory (a 52 MB file: 320 MB).
MAX_BACKUP_BYTES = 100 * 1024 * 1024
# Fetching an article from a link (`[articles]` in config.toml): seconds for the whole page, connection
# included, and its largest size (news pages with their markup rarely pass 1 MB).
FETCH_TIMEOUT = 15.0
MAX_PAGE_BYTES = 3 * 1024 * 1024
# Most watches one member holds: a list of 25 is what Discord shows in one autocomplete (`/unwatch`).
MAX_WATCHES = 25


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
    # How many recent answers each process keeps, to give again at once when the same question is asked the
    # same day before the knowledge changes (0: none; see `knowledge.answering.recent`).
    recent_answers: int = 2048


@dataclass(frozen=True)
class PageLimits:
    timeout: float = FETCH_TIMEOUT
    max_bytes: int = MAX_PAGE_BYTES
    allow_private: bool = False  # tests and intranets only: lets a link reach this host's own networks
