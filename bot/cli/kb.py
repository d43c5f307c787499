"""`python -m bot kb ...`: bringing facts in, reviewing them, and backing the knowledge up.

    kb import FILE --format layoffs-fyi|json [--create]   tracker CSV (three layouts) or a JSON backup
    kb export [--format json|csv] [--output PATH]
    kb ingest FILE --url U --title T --publisher P --published YYYY-MM-DD --language en|fr [--approve]
    kb ingest --url U [--published ...]  fetch the page and read the article in it
    kb review | kb approve ID... | kb reject ID... [--reason R] | kb edit ID --field value...
    kb show ID | kb history ID

Import and ingest create the knowledge base when the SQLite file the URL names does not exist yet
(and say so); every other command refuses a missing file named with --db, so a misspelt path is
never mistaken for an empty knowledge base.  Text from the knowledge base is printed without
control characters (see bot.cli.terminal).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# knowledge.fetch_article, knowledge.Stated, knowledge.ArticleMeta, knowledge.check_url: named where used, so that
# building the parser (for every command, `ask` included) does not import the write side's drafts and articles.
import knowledge
from bot.cli.messages import number, say
from bot.cli.terminal import json_for_terminal, printable, printable_lines
from bot.config import Settings
from knowledge import InvalidInput, KnowledgeBase, read_backup, read_limited, read_stream, sqlite_path

if TYPE_CHECKING:
    from knowledge import FactRecord

CLI_ACTOR = "command line"
# Largest article read: ingestion refuses more than 100,000 characters anyway (at most 4 bytes each).
MAX_ARTICLE_BYTES = 512 * 1024
_EDITABLE = {
    "company": str, "kind": str, "count_min": int, "count_max": int, "qualifier": str, "percent": float,
    "percent_qualifier": str, "detail": str, "period_start": str, "period_end": str, "announced": str,
    "summary": str, "note": str,
}


def add_commands(commands: Any, day: Any) -> None:
    """Register `kb` and its actions on the top-level parser's subcommands."""
    kb = commands.add_parser("kb", help=say("help_kb"), description=say("about_kb"))
    actions = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    actions.required = True

    imp = actions.add_parser("import", help=say("help_import"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", required=True, choices=["layoffs-fyi", "json"], help=say("help_import_format"))
    imp.add_argument("--progress", action="store_true", help=say("help_progress"))
    imp.add_argument("--create", action="store_true", help=say("help_create"))
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", help=say("help_export"))
    exp.add_argument("--format", choices=["json", "csv"], default="json")
    exp.add_argument("--output", type=Path, help=say("help_output"))
    exp.set_defaults(handler=_export)

    ingest = actions.add_parser("ingest", help=say("help_ingest"), description=say("about_ingest"))
    ingest.add_argument("file", type=Path, nargs="?", help=say("help_article"))
    ingest.add_argument("--url", required=True, help=say("help_url"))
    ingest.add_argument("--title")
    ingest.add_argument("--publisher")
    ingest.add_argument("--published", type=day, metavar="YYYY-MM-DD")
    ingest.add_argument("--language", choices=["en", "fr"])
    ingest.add_argument("--approve", action="store_true", help=say("help_approve_now"))
    ingest.add_argument("--create", action="store_true", help=say("help_create"))
    ingest.set_defaults(handler=_ingest)

    actions.add_parser("review", help=say("help_review")).set_defaults(handler=_review)
    for name, handler, text in (("approve", _approve, say("help_approve")), ("reject", _reject, say("help_reject"))):
        action = actions.add_parser(name, help=text)
        action.add_argument("ids", type=int, nargs="+", metavar="ID")
        action.add_argument("--reason")
        action.set_defaults(handler=handler)

    edit = actions.add_parser("edit", help=say("help_edit"))
    edit.add_argument("id", type=int)
    for name, kind in _EDITABLE.items():
        edit.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind)
    edit.add_argument("--labels", help=say("help_labels"))
    edit.add_argument("--reason", dest="why", help=say("help_why"))
    edit.set_defaults(handler=_edit)

    for name, handler, text in (("show", _show, say("help_show")), ("history", _history, say("help_history"))):
        action = actions.add_parser(name, help=text)
        action.add_argument("id", type=int)
        action.set_defaults(handler=handler)


def _progress(forced: bool) -> Any:
    """Progress on standard error: on a terminal, or always with --progress (one line per step)."""
    terminal = sys.stderr.isatty()
    if not (terminal or forced):
        return None

    def show(phase: str, done: int, total: int) -> None:
        end = "\n" if not terminal or (phase == "writing" and done == total) else ""
        shown = say("progress", phase=phase, done=number(done), total=number(total))
        sys.stderr.write(f"{chr(13) if terminal else ''}{shown}{end}")
        sys.stderr.flush()

    return show


def new_file(settings: Settings, create: bool = True) -> Path | None:
    """The SQLite file named with --db (or the environment) that this command will create: it does not
    exist yet, and the command creates knowledge bases on purpose (`create`)."""
    path = sqlite_path(settings.database_url)
    if not (create and settings.database_explicit and path is not None):
        return None
    return None if path.exists() else path


def announce_created(out: TextIO, path: Path | None) -> None:
    if path is not None and path.exists():
        out.write(say("created_kb", path=path) + "\n")


def _import(args: argparse.Namespace, settings: Settings) -> int:
    out: TextIO = args.stdout
    created = new_file(settings)
    if args.format == "json":
        data = read_backup(args.file, settings.max_backup_bytes)
        with _knowledge(settings, create=True, bundled=False) as kb:
            counts = kb.restore_backup(data)
        announce_created(out, created)
        out.write(say("restored", rows=", ".join(say("rows", count=number(n), name=name)
                                                 for name, n in counts.items())) + "\n")
        return 0
    with _knowledge(settings, create=True) as kb:
        report = kb.import_file(args.file, progress=_progress(args.progress), max_bytes=settings.max_import_bytes)
    announce_created(out, created)
    out.write(printable_lines(report.summary()) + "\n")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    out: TextIO = args.stdout
    if args.format == "csv" and args.output is None:
        raise InvalidInput(say("csv_needs_folder"))
    with _knowledge(settings) as kb:
        if args.format == "csv":
            for path in _writing(args.output, lambda: kb.export_csv(args.output)):
                out.write(say("wrote", path=path) + "\n")
        else:
            payload = _writing(args.output, lambda: kb.export_json(args.output))
            out.write((say("wrote", path=args.output) if args.output else json_for_terminal(payload)) + "\n")
    return 0


def _writing(target: Path | None, write: Any) -> Any:
    """`write()`, with a file it cannot write told in one line."""
    try:
        return write()
    except OSError as error:
        name = error.filename or target
        raise InvalidInput(say("cannot_write", name=name, reason=error.strerror or error)) from None


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    knowledge.check_url(args.url)
    stated = knowledge.Stated(title=args.title, publisher=args.publisher, published=args.published,
                              language=args.language)
    if args.file is not None:
        if args.published is None or args.language is None:
            raise InvalidInput(say("file_needs_meta"))
        text = _read_text(args.file)
        meta = knowledge.ArticleMeta(url=args.url, title=args.title, publisher=args.publisher, published=args.published,
                           language=args.language)
    else:
        meta, text = knowledge.fetch_article(args.url, stated, settings.pages)
    created = new_file(settings)
    with _knowledge(settings, create=True) as kb:
        report = kb.ingest(text, meta, CLI_ACTOR, approve=args.approve)
    out: TextIO = args.stdout
    announce_created(out, created)
    if args.file is None:
        out.write(say("read_page", title=printable(meta.title or args.url), publisher=printable(meta.publisher or "?"),
                      published=meta.published.isoformat(), language=meta.language) + "\n")
    out.write(say("candidates", count=len(report.candidates), url=printable(args.url)) + "\n")
    outcomes = {o.fact_id: o for o in report.outcomes}
    for fact_id, candidate in report.candidates:
        state = say("candidate_outcome", outcome=printable(outcomes[fact_id].message)) if fact_id in outcomes \
            else say("candidate_pending")
        out.write(say("candidate", id=fact_id, confidence=f"{candidate.confidence:.2f}",
                      summary=printable(candidate.draft.summary), state=state) + "\n")
    if report.held:
        out.write(say("held", count=len(report.held)) + "\n")
    if (not args.approve or report.held) and report.candidates:
        out.write(say("review_next") + "\n")
    return 0


def _read_text(path: Path) -> str:
    """An article's text, from a file or (for -) standard input."""
    what = "an article"
    raw = read_stream(sys.stdin.buffer, MAX_ARTICLE_BYTES, what) if str(path) == "-" else \
        read_limited(path, MAX_ARTICLE_BYTES, what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(say("not_utf8", name=say("standard_input") if str(path) == "-" else path.name)) from None


@contextmanager
def _knowledge(settings: Settings, create: bool = False, bundled: bool = True) -> Iterator[KnowledgeBase]:
    """The knowledge base a command works on; a SQLite file named with --db must exist already unless `create`
    (and a backup is restored into a new one without the bundled facts)."""
    kb = KnowledgeBase.open(settings.database_url, settings.answers, bundled=bundled, write_wait=settings.write_wait,
                            create=create or not settings.database_explicit)
    try:
        yield kb
    finally:
        kb.close()


def _review(args: argparse.Namespace, settings: Settings) -> int:
    with _knowledge(settings) as kb:
        waiting = kb.pending()
    out: TextIO = args.stdout
    if not waiting:
        out.write(say("none_waiting") + "\n")
    for record in waiting:
        out.write(_describe(record) + "\n")
    return 0


def _approve(args: argparse.Namespace, settings: Settings) -> int:
    with _knowledge(settings) as kb:
        outcomes = kb.approve(args.ids, CLI_ACTOR, args.reason)
    for outcome in outcomes:
        args.stdout.write(printable(outcome.message) + "\n")
    return 0


def _reject(args: argparse.Namespace, settings: Settings) -> int:
    with _knowledge(settings) as kb:
        outcomes = kb.reject(args.ids, CLI_ACTOR, args.reason)
    for outcome in outcomes:
        args.stdout.write(printable(outcome.message) + "\n")
    return 0


def _edit(args: argparse.Namespace, settings: Settings) -> int:
    changes: dict[str, Any] = {name: getattr(args, name) for name in _EDITABLE if getattr(args, name) is not None}
    if args.labels is not None:
        changes["labels"] = [label.strip() for label in args.labels.split(",") if label.strip()]
    if not changes:
        raise InvalidInput(say("nothing_to_change"))
    with _knowledge(settings) as kb:
        change = kb.edit_fields(args.id, changes, CLI_ACTOR, args.why)
    args.stdout.write(_describe(change.record) + "\n")
    return 0


def _show(args: argparse.Namespace, settings: Settings) -> int:
    with _knowledge(settings) as kb:
        record = kb.fact(args.id)
    args.stdout.write(_describe(record, full=True) + "\n")
    return 0


def _history(args: argparse.Namespace, settings: Settings) -> int:
    with _knowledge(settings) as kb:
        revisions = kb.history(args.id)
    for revision in revisions:
        changed = "; ".join(f"{k}: {_shown(before)!r} -> {_shown(after)!r}"
                            for k, (before, after) in revision.changes().items())
        why = f" ({revision.reason})" if revision.reason else ""
        args.stdout.write(printable(say("revision", version=revision.version, at=f"{revision.at:%Y-%m-%d %H:%M}",
                                        action=revision.action, actor=revision.actor, why=why,
                                        changes=": " + changed if changed else "")) + "\n")
    return 0


def _shown(value: object) -> object:
    """A field's value as the history prints it: dates and codes as written, lists as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):
        return [_shown(item) for item in value]
    return value


def _describe(record: FactRecord, full: bool = False) -> str:
    """A fact in a few lines; each piece of stored text is made printable on its own, so none can add a line."""
    state = record.state
    when = state.announced.isoformat() if state.announced else "–".join(
        x.isoformat() for x in (state.period_start, state.period_end) if x)
    company = printable(record.company) if record.company else say("industry")
    line = say("fact", id=record.id, version=record.version, status=record.status, company=company, kind=state.kind,
               figure=state.figure() or say("no_figure"), when=when or say("undated"),
               confidence=f"{state.confidence:.2f}", summary=printable(state.summary))
    for source, evidence in record.sources[: None if full else 1]:
        line += say("fact_source", publisher=printable(source.publisher or ""),
                    where=printable(source.url or source.title or ""))
        if evidence:
            line += say("fact_evidence", evidence=printable(evidence[:300]))
    return line
