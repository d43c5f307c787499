"""Writing a checked tracker export into the knowledge base, in one transaction.

Each row becomes one layoff fact cited to the row's own link and to the
export as a whole.  A row is recognised on re-import by its origin key
(company, date, link; or company and date alone when the link changed in a
newer export), so importing again updates facts in place.  Rows that repeat
an earlier row exactly are reported and skipped; facts a moderator retracted
or edited are left as the moderator left them.  Writes are batched (bulk
inserts with RETURNING) so the 4,411-row export takes a second or two.

The whole import, reading included, runs in the store's write transaction, so
no other import or moderator can change a fact between the moment the import
reads it and the moment it writes; the update also names the version it
read, so even a writer that bypassed the lock could not be overwritten.  The
facts it adds are queued as news in that transaction too: one outbox row for
the whole import, so each watcher hears of it in one message.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy import update as sa_update
from sqlmodel import Session, col

from knowledge.drafts import FactState, url_host
from knowledge.facts.changes import Action, ChangeSet
from knowledge.facts.service import FactService
from knowledge.intake.trackers import TrackerFile, TrackerRow
from knowledge.language.text import name_key
from knowledge.storage.bulk import insert_rows, large_writes, reserve_ids
from knowledge.storage.models import Alias, Citation, Company, Fact, Revision, RoundTags, Source, utcnow
from knowledge.storage.store import revision_json, state_of
from knowledge.types import FactKind, FactStatus, Qualifier, SourceKind

IMPORT_ACTOR = "import"
Progress = Callable[[str, int, int], None]  # (phase, done, total): "checking" rows, then "writing" them
_BATCH = 500  # new rows written (and progress reported) at a time


@dataclass
class ImportReport:
    file: str
    layout: str
    rows: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    links_dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why): imported without its link
    companies_added: int = 0
    tagged: int = 0  # facts imported before whose industry, place or funding were recorded or corrected
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"{self.file} ({self.layout}): {self.rows:,} rows in {self.seconds:.1f} s — {self.added:,} added, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, {len(self.skipped):,} skipped; "
            f"{self.companies_added:,} new companies."
            + (f" Industry, place or funding recorded for {self.tagged:,} rounds imported before." if self.tagged
               else "")
        ]
        for line, reason in sorted(self.skipped)[:50]:
            lines.append(f"  skipped line {line}: {reason}")
        if len(self.skipped) > 50:
            lines.append(f"  … and {len(self.skipped) - 50:,} more skipped rows")
        for line, reason in sorted(self.links_dropped)[:50]:
            lines.append(f"  line {line} imported without its link: {reason}")
        if len(self.links_dropped) > 50:
            lines.append(f"  … and {len(self.links_dropped) - 50:,} more rows imported without their link")
        return "\n".join(lines)


def origin_key(row: TrackerRow, key: str | None = None) -> str:
    """`key`: the company's name key, when the caller has it already."""
    return f"tracker:{key or name_key(row.company)}|{row.announced.isoformat()}|" \
           f"{row.source_url or row.source_text or ''}"


def _prefix(key: str) -> str:
    return key.rsplit("|", 1)[0] + "|"


def import_tracker(service: FactService, tracker: TrackerFile, progress: Progress | None = None) -> ImportReport:
    """Write a checked export: new rows added, changed rows updated through the service's rules, all in one
    write transaction; what changed is announced once, as a summary."""
    started = time.perf_counter()
    report = ImportReport(tracker.path.name, tracker.layout.name, len(tracker.rows) + len(tracker.skipped),
                          skipped=list(tracker.skipped),
                          links_dropped=[(row.line, row.dropped_link) for row in tracker.rows if row.dropped_link])
    rows = _without_repeats(tracker.rows, report)
    touched: list[int] = []
    keys = _Keys()
    with service.writing() as session, large_writes(session):
        companies = _companies(session, rows, report, keys)
        sources = _sources(session, rows, tracker)
        dataset = sources[("dataset", tracker.path.name)]
        existing, by_prefix = _existing(session)
        claimed: set[int] = set()
        tagged: list[tuple[TrackerRow, int, bool]] = []  # (row, its fact, from an export at least as new)
        new_rows: list[TrackerRow] = []
        changes: list[tuple[TrackerRow, dict[str, Any]]] = []
        matched: list[int] = []
        for done, row in enumerate(rows, start=1):
            key = origin_key(row, keys(row.company))
            match = existing.get(key)
            if match is None:
                twins = [m for m in by_prefix.get(_prefix(key), ()) if m["id"] not in claimed]
                match = twins[0] if len(twins) == 1 else None
            if match is None:
                new_rows.append(row)
            else:
                claimed.add(match["id"])
                matched.append(match["id"])
                tagged.append((row, match["id"], not (match["export"] and tracker.exported
                                                      and tracker.exported < match["export"])))
                verdict = _compare(row, match, tracker.exported)
                if verdict == "unchanged":
                    report.unchanged += 1
                elif verdict == "update":
                    changes.append((row, match))
                else:
                    report.skipped.append((row.line, verdict))
            if progress and done % 500 == 0:
                progress("checking", done, len(rows))
        writer = _NewFacts(session, report, companies, sources, dataset, keys)
        added: list[int] = []
        for start in range(0, len(new_rows), _BATCH):
            added += writer.insert(new_rows[start:start + _BATCH])
            if progress:
                progress("writing", min(start + _BATCH, len(new_rows)), len(new_rows))
        touched += added
        service.queue_news(session, Action.IMPORT, IMPORT_ACTOR, tracker.path.name, added)
        touched += _update(service, session, changes, report)
        cited = _cite_export(session, matched, dataset)
        retagged = _write_tags(session, tagged) & set(matched)
        report.tagged = len(retagged)
        touched += sorted(retagged)
        if report.added or report.updated or report.companies_added or report.tagged or cited:
            service.changed(session, [*added, *retagged, *cited])
        session.commit()
    report.seconds = time.perf_counter() - started
    if touched or report.companies_added:
        service.announce(ChangeSet(Action.IMPORT, IMPORT_ACTOR, tracker.path.name, summary=report.summary(),
                                   fact_ids=tuple(dict.fromkeys(touched))))
    return report


def _without_repeats(rows: tuple[TrackerRow, ...], report: ImportReport) -> list[TrackerRow]:
    first: dict[tuple[object, ...], int] = {}
    kept = []
    for row in rows:
        identity = row.identity()
        if identity in first:
            report.skipped.append((row.line, f"exact repeat of line {first[identity]}"))
            continue
        first[identity] = row.line
        kept.append(row)
    return kept


class _Keys:
    """Company name -> its name key, each name keyed once (a company's rounds repeat its name)."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name)
        return key


def _companies(session: Session, rows: list[TrackerRow], report: ImportReport, keys: _Keys) -> dict[str, int]:
    """Key -> company id for every company the rows name, creating the new ones in one insert."""
    known: dict[str, int] = dict(session.execute(select(col(Company.key), col(Company.id))).tuples().all())
    known.update(dict(session.execute(select(col(Alias.key), col(Alias.company_id))).tuples().all()))
    missing: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = keys(row.company)
        if key not in known and key not in missing:
            missing[key] = {"name": row.company, "key": key, "industry": row.industry, "country": row.country,
                            "created_at": utcnow()}
    if missing:
        table = Company.__table__  # type: ignore[attr-defined]
        ids = reserve_ids(session, table, len(missing))
        insert_rows(session, table, [{"id": company_id, **values}
                                     for company_id, values in zip(ids, missing.values(), strict=True)])
        known.update(zip(missing, ids, strict=True))
        report.companies_added = len(missing)
    return known


# A link's scheme and site ("https://www.cnbc.com"): a checked link opens the host its origin names, so each
# site is looked at once, not once per link (a million links name a few thousand sites).
_ORIGIN = re.compile(r"[^:/?#]+://[^/?#]*")


class _Publishers:
    """A checked link -> the publisher its source is filed under (its host, as `url_host` shows it)."""

    def __init__(self) -> None:
        self._hosts: dict[str, str | None] = {}

    def __call__(self, url: str) -> str:
        origin = _ORIGIN.match(url)
        key = origin.group(0) if origin else url
        if key not in self._hosts:
            self._hosts[key] = url_host(key)
        return self._hosts[key] or url


def _sources(session: Session, rows: list[TrackerRow], tracker: TrackerFile) -> dict[tuple[str, str], int]:
    """(kind, link or title) -> source id for every source the rows cite, plus the export itself."""
    wanted: dict[tuple[str, str], dict[str, Any]] = {}
    publisher = tracker.layout.publisher
    publishers = _Publishers()
    now = utcnow()
    for row in rows:
        if row.source_url:
            wanted.setdefault(("url", row.source_url), {
                "kind": SourceKind.TRACKER, "url": row.source_url, "title": None,
                "publisher": publishers(row.source_url), "notes": f"via {publisher}", "created_at": now})
        elif row.source_text:
            wanted.setdefault(("text", row.source_text), {
                "kind": SourceKind.TRACKER, "url": None, "title": row.source_text, "publisher": publisher,
                "notes": f"as recorded by {publisher}", "created_at": now})
    wanted[("dataset", tracker.path.name)] = {
        "kind": SourceKind.DATASET, "url": None, "title": f"{publisher} export {tracker.path.name}",
        "publisher": publisher, "published": tracker.exported, "notes": None, "created_at": now}
    found: dict[tuple[str, str], int] = {}
    urls = [key[1] for key in wanted if key[0] == "url"]
    for chunk in range(0, len(urls), 500):
        for source_id, url in session.execute(select(col(Source.id), col(Source.url)).where(
                col(Source.url).in_(urls[chunk:chunk + 500]))).all():
            found[("url", url)] = source_id
    for (kind, value), values in wanted.items():
        if kind == "url":
            continue
        existing = session.execute(select(col(Source.id)).where(
            col(Source.url).is_(None), col(Source.title) == values["title"],
            col(Source.publisher) == values["publisher"])).scalar()
        if existing is not None:
            found[(kind, value)] = existing
    missing = [(key, values) for key, values in wanted.items() if key not in found]
    if missing:
        table = Source.__table__  # type: ignore[attr-defined]
        ids = reserve_ids(session, table, len(missing))
        # Every row sets the same columns (the export's own row alone has a date): one bulk insert each way.
        for dated in (False, True):
            insert_rows(session, table, [{"id": source_id, "published": None, **values}
                                         for source_id, (_, values) in zip(ids, missing, strict=True)
                                         if ("published" in values) == dated])
        found.update({key: source_id for (key, _), source_id in zip(missing, ids, strict=True)})
    return found


def _existing(session: Session) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Imported facts by origin key, and by (company, date) prefix, with the date of the newest export behind each."""
    newest: dict[int, date | None] = dict(session.execute(
        select(col(Citation.fact_id), func.max(col(Source.published)))
        .join(Source, col(Source.id) == col(Citation.source_id))
        .where(col(Source.kind) == SourceKind.DATASET).group_by(col(Citation.fact_id))).tuples().all())
    exact: dict[str, dict[str, Any]] = {}
    by_prefix: dict[str, list[dict[str, Any]]] = {}
    rows = session.execute(select(
        col(Fact.id), col(Fact.origin_key), col(Fact.status), col(Fact.updated_by), col(Fact.count_min),
        col(Fact.percent), col(Fact.announced), col(Fact.version),
    ).where(col(Fact.origin_key).is_not(None))).all()
    for row in rows:
        record = dict(row._mapping)
        record["export"] = newest.get(row.id)
        exact[row.origin_key] = record
        by_prefix.setdefault(_prefix(row.origin_key), []).append(record)
    return exact, by_prefix


def _compare(row: TrackerRow, match: dict[str, Any], exported: date | None) -> str:
    if match["status"] in {FactStatus.RETRACTED, FactStatus.REJECTED}:
        return f"fact #{match['id']} was {match['status']} by a moderator; left as it is"
    same = (match["count_min"], match["percent"], match["announced"]) == (row.count, row.percent, row.announced)
    if same:
        return "unchanged"
    if match["export"] and exported and exported < match["export"]:
        return f"fact #{match['id']} comes from a newer export, whose figures are kept"
    if match["updated_by"] != IMPORT_ACTOR:
        return f"fact #{match['id']} was edited by {match['updated_by']}; their version is kept"
    return "update"


def _source_of(row: TrackerRow, sources: dict[tuple[str, str], int]) -> int | None:
    if row.source_url:
        return sources[("url", row.source_url)]
    if row.source_text:
        return sources[("text", row.source_text)]
    return None


class _NewFacts:
    """Writes new rows' facts with their citations, first revisions and tags, a batch at a time.

    A new row's fact is always the same kind of state (a layoff with the row's company, figure, share, day
    and summary; every other field at its default), so its columns and its first revision are those of one
    template state with those fields filled in, without building a state, a model object and its JSON round
    trip for each of a million rows (tests/test_import_speed.py holds this to `row.state()` for every row
    of the real exports).
    """

    def __init__(self, session: Session, report: ImportReport, companies: dict[str, int],
                 sources: dict[tuple[str, str], int], dataset: int, keys: _Keys) -> None:
        self.session, self.report, self.companies, self.sources = session, report, companies, sources
        self.dataset, self.keys = dataset, keys
        self.columns, self.revision = template()

    def insert(self, rows: list[TrackerRow]) -> list[int]:
        """Insert the rows' facts; returns their ids, in order."""
        if not rows:
            return []
        now = utcnow()
        facts, citations, revisions, tags = [], [], [], []
        fact_ids = reserve_ids(self.session, Fact.__table__, len(rows))  # type: ignore[attr-defined]
        for row, fact_id in zip(rows, fact_ids, strict=True):
            key = self.keys(row.company)
            stated = _stated(row)
            facts.append({**self.columns, **stated, "id": fact_id, "company_id": self.companies[key],
                          "origin_key": origin_key(row, key), "version": 1, "created_at": now, "updated_at": now,
                          "updated_by": IMPORT_ACTOR})
            source = _source_of(row, self.sources)
            if source is not None:
                citations.append({"fact_id": fact_id, "source_id": source, "evidence": None, "created_at": now})
            citations.append({"fact_id": fact_id, "source_id": self.dataset, "evidence": None, "created_at": now})
            after = {**self.revision, **stated, "company": row.company, "announced": row.announced.isoformat()}
            revisions.append({"fact_id": fact_id, "version": 1, "action": Action.IMPORT, "actor": IMPORT_ACTOR,
                              "at": now, "reason": f"{self.report.file}, line {row.line}", "before": None,
                              "after": revision_json(after)})
            values = _tag_values(row)
            if any(v is not None for v in values.values()):
                tags.append({"fact_id": fact_id, **values})
        self._ids(citations, Citation)
        self._ids(revisions, Revision)
        insert_rows(self.session, Fact.__table__, facts)  # type: ignore[attr-defined]
        insert_rows(self.session, Citation.__table__, citations)  # type: ignore[attr-defined]
        insert_rows(self.session, Revision.__table__, revisions)  # type: ignore[attr-defined]
        insert_rows(self.session, RoundTags.__table__, tags)  # type: ignore[attr-defined]
        self.report.added += len(rows)
        return fact_ids

    def _ids(self, rows: list[dict[str, Any]], model: Any) -> None:
        for row, row_id in zip(rows, reserve_ids(self.session, model.__table__, len(rows)), strict=True):
            row["id"] = row_id


def template() -> tuple[dict[str, Any], dict[str, Any]]:
    """The columns of a new row's fact, and its first revision's state, before the row's own fields."""
    columns = FactState(kind=FactKind.LAYOFF).column_values()
    return columns, state_of(Fact(**columns), None).to_json()


def _stated(row: TrackerRow) -> dict[str, Any]:
    """The fields of a row's state that differ from the template's (as `TrackerRow.state` sets them)."""
    return {"count_min": row.count, "count_max": row.count,
            "qualifier": Qualifier.EXACT if row.count is not None else None, "percent": row.percent,
            "announced": row.announced, "summary": row.summary()}


_TAGS = ("industry", "country", "location", "stage", "funds_raised", "date_added")


def _tag_values(row: TrackerRow) -> dict[str, Any]:
    return {"industry": row.industry, "country": row.country, "location": row.location, "stage": row.stage,
            "funds_raised": row.funds_raised, "date_added": row.added}


def _write_tags(session: Session, tagged: list[tuple[TrackerRow, int, bool]]) -> set[int]:
    """Each row's industry, place and funding beside its fact; the facts whose tags changed.

    A row from an export at least as new as the fact's newest sets them; a row from an older export only
    fills what is missing, so re-importing an old file never undoes a newer export's correction.
    """
    held: dict[int, dict[str, Any]] = {}
    ids = [fact_id for _, fact_id, _ in tagged]
    for chunk in range(0, len(ids), 500):
        for tags in session.execute(select(RoundTags).where(
                col(RoundTags.fact_id).in_(ids[chunk:chunk + 500]))).scalars():
            held[tags.fact_id] = {name: getattr(tags, name) for name in _TAGS}
    inserts, updates = [], []
    for row, fact_id, newest in tagged:
        values = _tag_values(row)
        current = held.get(fact_id)
        if current is None:
            if any(v is not None for v in values.values()):
                inserts.append({"fact_id": fact_id, **values})
                held[fact_id] = values
            continue
        wanted = {name: value for name, value in values.items()
                  if value is not None and (newest or current[name] is None) and current[name] != value}
        if wanted:
            updates.append({"fact_id": fact_id, **wanted})
            current.update(wanted)
    if inserts:
        session.execute(insert(RoundTags), inserts)
    changed = {update["fact_id"] for update in updates}
    # Grouped by the columns they set, each group one executemany: a newer export's corrections are a few, but
    # the first export to record tags for rounds imported before is thousands of updates.
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for update in updates:
        by_columns.setdefault(tuple(sorted(update.keys() - {"fact_id"})), []).append(
            {f"new_{name}" if name != "fact_id" else "row_fact_id": value for name, value in update.items()})
    for names, rows in by_columns.items():
        statement = sa_update(RoundTags).where(col(RoundTags.fact_id) == bindparam("row_fact_id")).values(
            {name: bindparam(f"new_{name}") for name in names})
        session.connection().execute(statement, rows)
    return {row["fact_id"] for row in inserts} | changed


def _cite_export(session: Session, fact_ids: list[int], dataset: int) -> list[int]:
    """Facts found again in this export cite it too (once); those that did not before."""
    cited = set(session.execute(select(col(Citation.fact_id))
                                .where(col(Citation.source_id) == dataset)).scalars().all())
    now = utcnow()
    citing = [fact_id for fact_id in dict.fromkeys(fact_ids) if fact_id not in cited]
    if citing:
        session.execute(insert(Citation), [{"fact_id": fact_id, "source_id": dataset, "evidence": None,
                                            "created_at": now} for fact_id in citing])
    return citing


def _update(service: FactService, session: Session, changes: list[tuple[TrackerRow, dict[str, Any]]],
            report: ImportReport) -> list[int]:
    """Rows whose figures changed in this export: each fact updated by the service's rules; their ids."""
    updated = []
    for row, match in changes:
        fact_id, seen = match["id"], match["version"]
        # Only the version this import compared against: the ORM's UPDATE then says "WHERE version = seen".
        fact = session.scalars(select(Fact).where(col(Fact.id) == fact_id, col(Fact.version) == seen)).first()
        if fact is None:
            current = session.execute(select(col(Fact.updated_by)).where(col(Fact.id) == fact_id)).scalar()
            report.skipped.append((row.line, f"fact #{fact_id} was changed by {current} while this import ran; "
                                             f"their version is kept"))
            continue
        now = state_of(fact, service.store.company_name(session, fact.company_id))
        service.apply(session, fact, replace(row.state(), company=now.company, status=now.status), IMPORT_ACTOR,
                      f"{report.file}, line {row.line}", Action.IMPORT)
        updated.append(fact_id)
        report.updated += 1
    return updated
