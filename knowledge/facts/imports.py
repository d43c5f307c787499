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

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy import update as sa_update
from sqlmodel import Session, col

from knowledge.drafts import url_host
from knowledge.facts.changes import Action, ChangeSet
from knowledge.facts.service import FactService
from knowledge.intake.trackers import TrackerFile, TrackerRow
from knowledge.language.text import name_key
from knowledge.storage.models import Alias, Citation, Company, Fact, Revision, RoundTags, Source, utcnow
from knowledge.storage.store import revision_text, state_of
from knowledge.types import FactStatus, SourceKind

IMPORT_ACTOR = "import"
Progress = Callable[[str, int, int], None]  # (phase, done, total): "checking" rows, then "writing" them
_BATCH = 500


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


def origin_key(row: TrackerRow) -> str:
    return f"tracker:{name_key(row.company)}|{row.announced.isoformat()}|{row.source_url or row.source_text or ''}"


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
    with service.writing() as session:
        companies = _companies(session, rows, report)
        sources = _sources(session, rows, tracker)
        dataset = sources[("dataset", tracker.path.name)]
        existing, by_prefix = _existing(session)
        claimed: set[int] = set()
        tagged: list[tuple[TrackerRow, int, bool]] = []  # (row, its fact, from an export at least as new)
        new_rows: list[TrackerRow] = []
        changes: list[tuple[TrackerRow, dict[str, Any]]] = []
        matched: list[int] = []
        for done, row in enumerate(rows, start=1):
            key = origin_key(row)
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
        for start in range(0, len(new_rows), _BATCH):
            batch = new_rows[start:start + _BATCH]
            tagged += [(row, fact_id, True) for row, fact_id in
                       zip(batch, _insert(session, batch, companies, sources, dataset, report), strict=True)]
            if progress:
                progress("writing", min(start + _BATCH, len(new_rows)), len(new_rows))
        added = [fact_id for _, fact_id, _ in tagged if fact_id not in claimed]
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


def _companies(session: Session, rows: list[TrackerRow], report: ImportReport) -> dict[str, int]:
    """Key -> company id for every company the rows name, creating the new ones in one insert."""
    known: dict[str, int] = dict(session.execute(select(col(Company.key), col(Company.id))).tuples().all())
    known.update(dict(session.execute(select(col(Alias.key), col(Alias.company_id))).tuples().all()))
    missing: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = name_key(row.company)
        if key not in known and key not in missing:
            missing[key] = {"name": row.company, "key": key, "industry": row.industry, "country": row.country,
                            "created_at": utcnow()}
    if missing:
        created = session.execute(
            insert(Company).returning(col(Company.key), col(Company.id), sort_by_parameter_order=True),
            list(missing.values()))
        known.update(dict(created.all()))  # type: ignore[arg-type]
        report.companies_added = len(missing)
    return known


def _publisher(url: str) -> str:
    return url_host(url) or url


def _sources(session: Session, rows: list[TrackerRow], tracker: TrackerFile) -> dict[tuple[str, str], int]:
    """(kind, link or title) -> source id for every source the rows cite, plus the export itself."""
    wanted: dict[tuple[str, str], dict[str, Any]] = {}
    publisher = tracker.layout.publisher
    now = utcnow()
    for row in rows:
        if row.source_url:
            wanted.setdefault(("url", row.source_url), {
                "kind": SourceKind.TRACKER, "url": row.source_url, "title": None,
                "publisher": _publisher(row.source_url), "notes": f"via {publisher}", "created_at": now})
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
        created = session.execute(insert(Source).returning(col(Source.id), sort_by_parameter_order=True),
                                  [values for _, values in missing]).scalars().all()
        found.update({key: source_id for (key, _), source_id in zip(missing, created, strict=True)})
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


def _values(row: TrackerRow, company_id: int) -> dict[str, Any]:
    """The columns of a new row's fact: the state intake drafted from the row, and where it came from."""
    now = utcnow()
    return {"company_id": company_id, **row.state().column_values(), "origin_key": origin_key(row), "version": 1,
            "created_at": now, "updated_at": now, "updated_by": IMPORT_ACTOR}


def _source_of(row: TrackerRow, sources: dict[tuple[str, str], int]) -> int | None:
    if row.source_url:
        return sources[("url", row.source_url)]
    if row.source_text:
        return sources[("text", row.source_text)]
    return None


def _insert(session: Session, rows: list[TrackerRow], companies: dict[str, int],
            sources: dict[tuple[str, str], int], dataset: int, report: ImportReport) -> list[int]:
    """Insert new rows' facts with their citations and first revisions; returns their ids, in order."""
    if not rows:
        return []
    values = [_values(row, companies[name_key(row.company)]) for row in rows]
    fact_ids = session.execute(insert(Fact).returning(col(Fact.id), sort_by_parameter_order=True),
                               values).scalars().all()
    citations, revisions = [], []
    now = utcnow()
    for row, fact_id, value in zip(rows, fact_ids, values, strict=True):
        source = _source_of(row, sources)
        if source is not None:
            citations.append({"fact_id": fact_id, "source_id": source, "evidence": None, "created_at": now})
        citations.append({"fact_id": fact_id, "source_id": dataset, "evidence": None, "created_at": now})
        state = state_of(Fact(**value), row.company)
        revisions.append({"fact_id": fact_id, "version": 1, "action": Action.IMPORT, "actor": IMPORT_ACTOR,
                          "at": now, "reason": f"{report.file}, line {row.line}", "before": None,
                          "after": revision_text(state)})
    session.execute(insert(Citation), citations)
    session.execute(insert(Revision), revisions)
    report.added += len(rows)
    return list(fact_ids)


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
    for update in updates:  # few: a newer export's corrections
        fact_id = update.pop("fact_id")
        session.execute(sa_update(RoundTags).where(col(RoundTags.fact_id) == fact_id).values(**update))
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
