"""The knowledge base's tables.

A *fact* is one claim about one company (or the whole industry): a layoff
round, the teams it hit, the reason given, a related figure.  It is cited by
one or more *sources* through *citations*, each keeping the sentence it came
from.  Every change to a fact leaves a *revision* holding the full state
before the change, which is what history and undo read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from knowledge.types import FactKind, FactStatus, Qualifier, SourceKind

__all__ = ["FactKind", "FactStatus", "Qualifier", "SourceKind"]  # the codes, with the tables that store them


def utcnow() -> datetime:
    return datetime.now(UTC)


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    key: str = Field(max_length=200, unique=True, index=True)
    parent_id: int | None = Field(default=None, foreign_key="company.id")
    industry: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(default_factory=utcnow)


class Alias(SQLModel, table=True):
    """Another name for a company: a former name, a spelling, an abbreviation."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    key: str = Field(max_length=200, unique=True, index=True)


class Source(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("url", "title", name="uq_source_url_title"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default=SourceKind.ARTICLE, max_length=20)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    published: date | None = None
    language: str | None = Field(default=None, max_length=8)
    notes: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)


_VERSION = Column("version", Integer, nullable=False, default=1)


class Fact(SQLModel, table=True):
    __table_args__ = (
        Index("ix_fact_company_kind", "company_id", "kind"),
        Index("ix_fact_status", "status"),
    )
    # Optimistic locking: every UPDATE says "WHERE version = <the version read>",
    # so two moderators saving the same fact cannot silently overwrite each
    # other. The store sets the new version itself (it numbers revisions).
    __mapper_args__ = {"version_id_col": _VERSION, "version_id_generator": False}

    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = Field(default=None, foreign_key="company.id")
    kind: str = Field(max_length=20)
    count_min: int | None = None
    count_max: int | None = None
    qualifier: str | None = Field(default=None, max_length=30)
    percent: float | None = None
    percent_qualifier: str | None = Field(default=None, max_length=30)
    # Vocabulary keys (knowledge.language.vocabulary) for teams and reasons, comma-separated,
    # so answers can name them in either language.
    labels: str = Field(default="", max_length=1000)
    # Free text in the source's language for what the vocabulary does not cover.
    detail: str | None = Field(default=None, sa_column=Column(Text))
    period_start: date | None = None
    period_end: date | None = None
    announced: date | None = None
    # A stated running total ("brings the total to 27,000"): never added to the
    # rounds it already contains.
    cumulative: bool = False
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Structured caveats answers must mention (JSON list), e.g. a weekday that
    # contradicts the date the source gives.
    caveats: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    note: str | None = Field(default=None, sa_column=Column(Text))
    confidence: float = 1.0
    # Where an imported fact came from ("tracker:<company>|<date>|<link>"), so that
    # importing the same file, or a newer export, updates it instead of adding a twin.
    origin_key: str | None = Field(default=None, max_length=600, index=True)
    status: str = Field(default=FactStatus.ACTIVE, max_length=20)
    version: int = Field(default=1, sa_column=_VERSION)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="system", max_length=200)


class Citation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("fact_id", "source_id", name="uq_citation_fact_source"),)

    id: int | None = Field(default=None, primary_key=True)
    fact_id: int = Field(foreign_key="fact.id", index=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)


class RoundTags(SQLModel, table=True):
    """What a tracker says about one of its rows beyond the figures: the round's industry, place and funding.

    They describe the round as the tracker recorded it (a German office's cuts are tagged Germany even when
    the company is American), so they belong to the fact, not to the company.  They are the tracker's data,
    kept beside the fact rather than in it: a moderator's edit never touches them, and a newer export may
    correct them.
    """

    __tablename__ = "round_tags"

    fact_id: int = Field(sa_column=Column(Integer, ForeignKey("fact.id", name="fk_round_tags_fact"),
                                          primary_key=True, autoincrement=False))
    industry: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=100)
    location: str | None = Field(default=None, max_length=200)  # the tracker's HQ location: "Bengaluru, Non-U.S."
    stage: str | None = Field(default=None, max_length=50)  # funding stage: "Series B", "Post-IPO", "Seed"
    funds_raised: float | None = None  # millions of US dollars raised before the round
    date_added: date | None = None  # when the tracker recorded the row


class Revision(SQLModel, table=True):
    """One change to a fact: who, when, why, and the full state before and after."""

    id: int | None = Field(default=None, primary_key=True)
    fact_id: int = Field(foreign_key="fact.id", index=True)
    version: int  # the fact's version after this change
    action: str = Field(max_length=20)
    actor: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    before: str | None = Field(default=None, sa_column=Column(Text))  # JSON; None when the fact was created
    after: str = Field(sa_column=Column(Text, nullable=False))  # JSON


SECRET_SETTING = "secret:"  # the start of the keys of settings that must not leave with a server's export


class Setting(SQLModel, table=True):
    """Small facts about the database itself, e.g. which bundled packs were loaded, and its own secrets."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(max_length=1000)


class Counter(SQLModel, table=True):
    """Monotonic counters; `generation` moves on every change to the knowledge.

    Processes that keep knowledge in memory compare it with the generation
    they loaded to know, cheaply, whether to reload.
    """

    key: str = Field(primary_key=True, max_length=100)
    value: int = 0


class FactChange(SQLModel, table=True):
    """Which facts one move of the `generation` counter touched: how a snapshot catches up without a rebuild.

    The one writer adds these rows in the transaction that moves the counter, one per fact it changed (its
    state, citations or tags), so a process holding generation G reads the rows after G and re-reads only those
    facts.  A generation with no row (a restore, a bulk load that bypassed the writer) leaves a gap, and a gap
    means a full rebuild.  Old rows are pruned by the writer: they are a cache of what changed, not history.
    """

    __tablename__ = "fact_change"

    id: int | None = Field(default=None, primary_key=True)
    generation: int = Field(index=True)
    fact_id: int = Field(sa_column=Column(Integer, nullable=False))


class Question(SQLModel, table=True):
    """A question the bot declined, kept so moderators can see what to add.

    Nothing says who asked: moderators need the questions, and the server they came from (each server's
    moderators see only their own), not the askers.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(max_length=8)
    answered: bool = False
    guild_id: str | None = Field(default=None, max_length=30)


class Answer(SQLModel, table=True):
    """An answer the bot gave: what its 👍/👎 buttons refer to, and what a follow-up question will need.

    The id is chosen by whoever gave the answer, before sending it (in Discord, the id of the message or
    interaction that asked), so buttons can name an answer that is written a moment later in a batch.
    `message_id` is the answer's own message, once known: replies to it are follow-ups.  `follows` is the
    answer a follow-up replied to, so a conversation is its chain of questions, read again after a restart
    (no foreign key: a server's export may hold a chain without its start, which then starts later).
    Nothing says who asked.
    """

    __table_args__ = (UniqueConstraint("message_id", name="uq_answer_message_id"),)

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    at: datetime = Field(default_factory=utcnow, index=True)
    message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    guild_id: str | None = Field(default=None, max_length=30)
    question: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(max_length=8)
    answered: bool
    fact_ids: str = Field(default="", max_length=500)  # comma-separated, in citation order
    follows: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class Feedback(SQLModel, table=True):
    """A 👍 or 👎 on an answer, with the question and the facts it cited.

    `voter` is a keyed hash of the member and the answer (the key is a secret `setting`): enough to keep
    one vote per member per answer, not to say who voted, nor to link one member's votes together.
    """

    __table_args__ = (UniqueConstraint("answer_id", "voter", name="uq_feedback_answer_voter"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    # None on votes recorded before answers were logged
    answer_id: int | None = Field(default=None, sa_column=Column(
        BigInteger, ForeignKey("answer.id", name="fk_feedback_answer"), nullable=True))
    question: str = Field(sa_column=Column(Text, nullable=False))
    helpful: bool
    fact_ids: str = Field(default="", max_length=500)  # comma-separated, in citation order
    voter: str = Field(max_length=200)
    guild_id: str | None = Field(default=None, max_length=30)


class Watch(SQLModel, table=True):
    """A member's wish to hear, by direct message, of new facts about a company or an industry.

    `member_id` is the Discord user to write to: the one thing a direct message needs, kept only while they
    watch something.  `subject` ("company:12", "industry:fintech") keeps one watch per member and subject;
    `industry` is the tracker's spelling, shown back to the member.
    """

    __table_args__ = (UniqueConstraint("member_id", "subject", name="uq_watch_member_subject"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    subject: str = Field(max_length=120)
    company_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("company.id", name="fk_watch_company"), nullable=True, index=True))
    industry: str | None = Field(default=None, max_length=100)
    language: str = Field(default="en", max_length=8)  # what the member's Discord spoke when they asked
    created_at: datetime = Field(default_factory=utcnow)


class Feed(SQLModel, table=True):
    """A server's feed channel: every new fact is posted there."""

    guild_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    channel_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    language: str = Field(default="en", max_length=8)
    updated_at: datetime = Field(default_factory=utcnow)


class Outbox(SQLModel, table=True):
    """New facts to announce to watchers and feeds: the outbox of the one writer.

    A row is written in the same transaction as the change it announces (so a change is announced if and only
    if it committed), claimed by exactly one bot process (`claimed_by`, until `claimed_at` plus a lease), and
    marked `done_at` once delivered; `knowledge.storage.outbox` says how.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    action: str = Field(max_length=20)  # create, approve, import
    actor: str = Field(max_length=200)
    origin: str | None = Field(default=None, max_length=500)  # the file imported, the article approved from
    fact_ids: str = Field(sa_column=Column(Text, nullable=False))  # comma-separated, as written
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = None
    done_at: datetime | None = Field(default=None, index=True)
