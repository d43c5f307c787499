"""layoffbot's core: a knowledge base of cited layoff facts that answers questions, knowing nothing of Discord.

This is the one door the faces (the command line, the Discord bot) use; nothing else in `knowledge` is
theirs to import.  The package's folders show its two flows:

    language/   shared by questions and articles: text, numbers, periods, company names, wording (en/fr)
    answering/  the read side: snapshot -> understand -> retrieve -> answerers (one per intent) -> Answer
    facts/      the write side: the one service that changes facts, reviews, imports, ingestion, feedback
    news/       members' watch lists and servers' feeds, and the new facts (queued by the writer) sorted for them
    intake/     outside text into drafts: moderators' forms, tracker exports, news articles, bundled packs
    storage/    tables, migrations, the engine and its errors, backups (everything that knows SQL)
    kb.py       KnowledgeBase, which joins the two sides: answers from a snapshot, changes through the service

A question: `KnowledgeBase.ask` -> answering.understand -> answering.compose (-> an answerer) -> `Answer`.
A change: intake (text -> draft) -> `KnowledgeBase.add/edit/...` -> facts.service (one transaction,
revision, generation, new facts queued in the outbox) -> snapshot refreshed -> subscribers told
(`KnowledgeBase.subscribe`).  News: `KnowledgeBase.claim_news` (one process claims what the outbox holds) ->
news.deliveries (one bulletin per watcher and feed) -> the face sends them -> `KnowledgeBase.news_delivered`.

The names below are imported when first used, not when the package is: a command-line question needs
the read side only, and importing the write side (SQLAlchemy, SQLModel, Alembic) costs more than answering
it does.  Type checkers see them as plain imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.answering.answer import Answer, Citation, Line, Reference, Run
    from knowledge.answering.followup import Conversation, Turn
    from knowledge.answering.rows import has_rows, rows_csv
    from knowledge.answering.series import Bar, Series
    from knowledge.answering.series import series as chart_series
    from knowledge.answering.snapshot import FactView
    from knowledge.answering.sources import label as source_label
    from knowledge.database import copy_database, read_backup, require_sqlite_file, sqlite_path
    from knowledge.drafts import FactDraft, FactState, SourceDraft, check_url, url_host
    from knowledge.errors import (
        Busy,
        DiskFull,
        InvalidField,
        InvalidInput,
        KnowledgeError,
        LoginRefused,
        NoDatabase,
        NotFound,
        ReadOnly,
        SchemaOutdated,
        Unavailable,
        VersionConflict,
    )
    from knowledge.facts.changes import Action, Change, ChangeSet
    from knowledge.facts.feedback import GivenAnswer, UnansweredGroup, Vote
    from knowledge.facts.imports import ImportReport, Progress
    from knowledge.facts.ingest import IngestReport
    from knowledge.facts.review import Outcome
    from knowledge.files import read_limited, read_stream
    from knowledge.intake.articles import ArticleMeta, Candidate
    from knowledge.intake.forms import FormEdit, draft_from_form, edit_from_form, form_values
    from knowledge.intake.pages import Stated, fetch_article
    from knowledge.kb import KnowledgeBase, KnowledgeStats, Subscriber
    from knowledge.language.phrases import day as format_day
    from knowledge.news.deliveries import Bulletin, Delivery, NewsItem
    from knowledge.news.watches import FeedView, Watched, WatchKind, WatchView
    from knowledge.records import FactRecord, RevisionRecord
    from knowledge.settings import (
        FETCH_TIMEOUT,
        MAX_BACKUP_BYTES,
        MAX_IMPORT_BYTES,
        MAX_PAGE_BYTES,
        MAX_WATCHES,
        WRITE_WAIT,
        AnswerSettings,
        PageLimits,
    )
    from knowledge.storage.causes import translate as database_error
    from knowledge.storage.health import IMPORT_COMMAND, DatabaseReport, check_database, missing_sqlite_file
    from knowledge.storage.schema import UPGRADE_COMMAND, database_revision, head_revision, upgrade_database
    from knowledge.types import BUNDLED_ACTOR, IMPORT_ACTOR, FactKind, FactStatus, Qualifier, SourceKind, SourceView

# name -> (module, attribute): where each public name lives (tests/test_startup.py checks it agrees with
# the imports above and with __all__)
_WHERE: dict[str, tuple[str, str]] = {
    "Action": ("knowledge.facts.changes", "Action"),
    "Answer": ("knowledge.answering.answer", "Answer"),
    "AnswerSettings": ("knowledge.settings", "AnswerSettings"),
    "ArticleMeta": ("knowledge.intake.articles", "ArticleMeta"),
    "BUNDLED_ACTOR": ("knowledge.types", "BUNDLED_ACTOR"),
    "Bulletin": ("knowledge.news.deliveries", "Bulletin"),
    "Busy": ("knowledge.errors", "Busy"),
    "Candidate": ("knowledge.intake.articles", "Candidate"),
    "Change": ("knowledge.facts.changes", "Change"),
    "ChangeSet": ("knowledge.facts.changes", "ChangeSet"),
    "Citation": ("knowledge.answering.answer", "Citation"),
    "DatabaseReport": ("knowledge.storage.health", "DatabaseReport"),
    "Delivery": ("knowledge.news.deliveries", "Delivery"),
    "DiskFull": ("knowledge.errors", "DiskFull"),
    "FETCH_TIMEOUT": ("knowledge.settings", "FETCH_TIMEOUT"),
    "FactDraft": ("knowledge.drafts", "FactDraft"),
    "FactKind": ("knowledge.types", "FactKind"),
    "FactRecord": ("knowledge.records", "FactRecord"),
    "FactState": ("knowledge.drafts", "FactState"),
    "FactStatus": ("knowledge.types", "FactStatus"),
    "FactView": ("knowledge.answering.snapshot", "FactView"),
    "Conversation": ("knowledge.answering.followup", "Conversation"),
    "Turn": ("knowledge.answering.followup", "Turn"),
    "FeedView": ("knowledge.news.watches", "FeedView"),
    "FormEdit": ("knowledge.intake.forms", "FormEdit"),
    "GivenAnswer": ("knowledge.facts.feedback", "GivenAnswer"),
    "IMPORT_ACTOR": ("knowledge.types", "IMPORT_ACTOR"),
    "IMPORT_COMMAND": ("knowledge.storage.health", "IMPORT_COMMAND"),
    "ImportReport": ("knowledge.facts.imports", "ImportReport"),
    "IngestReport": ("knowledge.facts.ingest", "IngestReport"),
    "InvalidField": ("knowledge.errors", "InvalidField"),
    "InvalidInput": ("knowledge.errors", "InvalidInput"),
    "KnowledgeBase": ("knowledge.kb", "KnowledgeBase"),
    "KnowledgeError": ("knowledge.errors", "KnowledgeError"),
    "KnowledgeStats": ("knowledge.kb", "KnowledgeStats"),
    "Line": ("knowledge.answering.answer", "Line"),
    "LoginRefused": ("knowledge.errors", "LoginRefused"),
    "MAX_BACKUP_BYTES": ("knowledge.settings", "MAX_BACKUP_BYTES"),
    "MAX_IMPORT_BYTES": ("knowledge.settings", "MAX_IMPORT_BYTES"),
    "MAX_PAGE_BYTES": ("knowledge.settings", "MAX_PAGE_BYTES"),
    "MAX_WATCHES": ("knowledge.settings", "MAX_WATCHES"),
    "NewsItem": ("knowledge.news.deliveries", "NewsItem"),
    "NoDatabase": ("knowledge.errors", "NoDatabase"),
    "NotFound": ("knowledge.errors", "NotFound"),
    "Outcome": ("knowledge.facts.review", "Outcome"),
    "PageLimits": ("knowledge.settings", "PageLimits"),
    "Progress": ("knowledge.facts.imports", "Progress"),
    "Qualifier": ("knowledge.types", "Qualifier"),
    "ReadOnly": ("knowledge.errors", "ReadOnly"),
    "Reference": ("knowledge.answering.answer", "Reference"),
    "RevisionRecord": ("knowledge.records", "RevisionRecord"),
    "Run": ("knowledge.answering.answer", "Run"),
    "SchemaOutdated": ("knowledge.errors", "SchemaOutdated"),
    "SourceDraft": ("knowledge.drafts", "SourceDraft"),
    "SourceKind": ("knowledge.types", "SourceKind"),
    "SourceView": ("knowledge.types", "SourceView"),
    "Stated": ("knowledge.intake.pages", "Stated"),
    "Subscriber": ("knowledge.kb", "Subscriber"),
    "UPGRADE_COMMAND": ("knowledge.storage.schema", "UPGRADE_COMMAND"),
    "UnansweredGroup": ("knowledge.facts.feedback", "UnansweredGroup"),
    "Unavailable": ("knowledge.errors", "Unavailable"),
    "VersionConflict": ("knowledge.errors", "VersionConflict"),
    "Vote": ("knowledge.facts.feedback", "Vote"),
    "WRITE_WAIT": ("knowledge.settings", "WRITE_WAIT"),
    "WatchKind": ("knowledge.news.watches", "WatchKind"),
    "WatchView": ("knowledge.news.watches", "WatchView"),
    "Watched": ("knowledge.news.watches", "Watched"),
    "check_database": ("knowledge.storage.health", "check_database"),
    "check_url": ("knowledge.drafts", "check_url"),
    "copy_database": ("knowledge.database", "copy_database"),
    "database_error": ("knowledge.storage.causes", "translate"),
    "database_revision": ("knowledge.storage.schema", "database_revision"),
    "draft_from_form": ("knowledge.intake.forms", "draft_from_form"),
    "edit_from_form": ("knowledge.intake.forms", "edit_from_form"),
    "fetch_article": ("knowledge.intake.pages", "fetch_article"),
    "form_values": ("knowledge.intake.forms", "form_values"),
    "format_day": ("knowledge.language.phrases", "day"),
    "head_revision": ("knowledge.storage.schema", "head_revision"),
    "missing_sqlite_file": ("knowledge.storage.health", "missing_sqlite_file"),
    "read_backup": ("knowledge.database", "read_backup"),
    "read_limited": ("knowledge.files", "read_limited"),
    "read_stream": ("knowledge.files", "read_stream"),
    "require_sqlite_file": ("knowledge.database", "require_sqlite_file"),
    "source_label": ("knowledge.answering.sources", "label"),
    "sqlite_path": ("knowledge.database", "sqlite_path"),
    "upgrade_database": ("knowledge.storage.schema", "upgrade_database"),
    "url_host": ("knowledge.drafts", "url_host"),
    # what an answer's figures stand on: its rows as a table, its rounds over time as a chart's bars
    "Bar": ("knowledge.answering.series", "Bar"),
    "Series": ("knowledge.answering.series", "Series"),
    "chart_series": ("knowledge.answering.series", "series"),
    "has_rows": ("knowledge.answering.rows", "has_rows"),
    "rows_csv": ("knowledge.answering.rows", "rows_csv"),
}

__all__ = [
    "BUNDLED_ACTOR", "FETCH_TIMEOUT", "IMPORT_ACTOR", "IMPORT_COMMAND", "MAX_BACKUP_BYTES", "MAX_IMPORT_BYTES",
    "MAX_PAGE_BYTES", "MAX_WATCHES", "UPGRADE_COMMAND", "WRITE_WAIT",
    "Action", "Answer", "AnswerSettings", "ArticleMeta", "Bulletin", "Busy", "Candidate", "Change", "ChangeSet",
    "Citation", "Conversation", "DatabaseReport", "Delivery", "DiskFull", "FactDraft", "FactKind", "FactRecord",
    "FactState",
    "FactStatus", "FactView", "FeedView", "FormEdit", "GivenAnswer", "ImportReport", "IngestReport", "InvalidField",
    "InvalidInput", "KnowledgeBase", "KnowledgeError", "KnowledgeStats", "Line", "LoginRefused", "NewsItem",
    "NoDatabase", "NotFound", "Outcome", "PageLimits", "Progress", "Qualifier", "ReadOnly", "Reference",
    "RevisionRecord", "Run", "SchemaOutdated", "SourceDraft", "SourceKind", "SourceView", "Stated", "Subscriber",
    "Turn", "UnansweredGroup", "Unavailable", "VersionConflict", "Vote", "WatchKind", "WatchView", "Watched",
    "check_database", "check_url", "copy_database", "database_error", "database_revision", "draft_from_form",
    "edit_from_form", "fetch_article", "form_values", "format_day", "head_revision", "missing_sqlite_file",
    "read_backup", "read_limited", "read_stream", "require_sqlite_file", "source_label", "sqlite_path",
    "upgrade_database", "url_host",
    "Bar", "Series", "chart_series", "has_rows", "rows_csv",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # the next use is a plain global
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
