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
"""

from knowledge.answering.answer import Answer, Citation, Line, Reference, Run
from knowledge.answering.rows import has_rows, rows_csv
from knowledge.answering.series import Bar, Series
from knowledge.answering.series import series as chart_series
from knowledge.answering.snapshot import FactView
from knowledge.answering.sources import label as source_label
from knowledge.database import (
    IMPORT_COMMAND,
    MAX_BACKUP_BYTES,
    UPGRADE_COMMAND,
    DatabaseReport,
    check_database,
    copy_database,
    database_revision,
    head_revision,
    missing_sqlite_file,
    read_backup,
    require_sqlite_file,
    sqlite_path,
    upgrade_database,
)
from knowledge.database import translate as database_error
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
from knowledge.intake.pages import FETCH_TIMEOUT, MAX_PAGE_BYTES, PageLimits, Stated, fetch_article
from knowledge.kb import KnowledgeBase, KnowledgeStats, Subscriber
from knowledge.language.phrases import day as format_day
from knowledge.news.deliveries import Bulletin, Delivery, NewsItem
from knowledge.news.watches import MAX_WATCHES, FeedView, Watched, WatchKind, WatchView
from knowledge.records import FactRecord, RevisionRecord
from knowledge.settings import WRITE_WAIT, AnswerSettings
from knowledge.types import BUNDLED_ACTOR, IMPORT_ACTOR, FactKind, FactStatus, Qualifier, SourceKind, SourceView

__all__ = [
    "BUNDLED_ACTOR", "FETCH_TIMEOUT", "IMPORT_ACTOR", "IMPORT_COMMAND", "MAX_BACKUP_BYTES", "MAX_PAGE_BYTES",
    "MAX_WATCHES", "UPGRADE_COMMAND", "WRITE_WAIT",
    "Action", "Answer", "AnswerSettings", "ArticleMeta", "Bulletin", "Busy", "Candidate", "Change", "ChangeSet",
    "Citation", "DatabaseReport", "Delivery", "DiskFull", "FactDraft", "FactKind", "FactRecord", "FactState",
    "FactStatus", "FactView", "FeedView", "FormEdit", "GivenAnswer", "ImportReport", "IngestReport", "InvalidField",
    "InvalidInput", "KnowledgeBase", "KnowledgeError", "KnowledgeStats", "Line", "LoginRefused", "NewsItem",
    "NoDatabase", "NotFound", "Outcome", "PageLimits", "Progress", "Qualifier", "ReadOnly", "Reference",
    "RevisionRecord", "Run", "SchemaOutdated", "SourceDraft", "SourceKind", "SourceView", "Stated", "Subscriber",
    "UnansweredGroup", "Unavailable", "VersionConflict", "Vote", "WatchKind", "WatchView", "Watched",
    "check_database", "check_url", "copy_database", "database_error", "database_revision", "draft_from_form",
    "edit_from_form", "fetch_article", "form_values", "format_day", "head_revision", "missing_sqlite_file",
    "read_backup", "read_limited", "read_stream", "require_sqlite_file", "source_label", "sqlite_path",
    "upgrade_database", "url_host",
    # what an answer's figures stand on: its rows as a table, its rounds over time as a chart's bars
    "Bar", "Series", "chart_series", "has_rows", "rows_csv",
]
