"""`python -m bot ask`: answer questions from the knowledge base, one or a batch, as text or JSON."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any, TextIO

from bot.cli.messages import say
from bot.cli.terminal import json_for_terminal, one_line, printable, printable_lines
from bot.config import Settings
from knowledge import Answer, KnowledgeBase, KnowledgeError, NoDatabase, read_limited, read_stream, require_sqlite_file

log = logging.getLogger("bot.cli")
# Largest question batch read (a question is at most a few hundred characters; 16 MB is tens of thousands).
MAX_BATCH_BYTES = 16 * 1024 * 1024


def add_command(commands: Any, day: Any) -> None:
    ask = commands.add_parser("ask", help=say("help_ask"), description=say("about_ask"))
    ask.add_argument("question", nargs="?", help=say("help_question"))
    ask.add_argument("--batch", metavar="FILE", help=say("help_batch"))
    ask.add_argument("--json", action="store_true", help=say("help_json"))
    ask.add_argument("--today", type=day, metavar="YYYY-MM-DD", help=say("help_today"))
    ask.set_defaults(handler=answer_questions)


def answer_questions(args: argparse.Namespace, settings: Settings) -> int:
    if bool(args.question) == bool(args.batch):
        print(say("error", message=say("question_or_batch")), file=sys.stderr)
        return 2
    questions = _read_batch(args.batch) if args.batch else [args.question]
    kb = _answering(settings)
    try:
        out: TextIO = args.stdout
        for question in questions:
            try:
                answer = kb.ask(question, today=args.today)
            except KnowledgeError:
                raise
            except Exception:  # one bad question must not cost the rest of a batch their answers
                import uuid  # only for an error of ours

                reference = uuid.uuid4().hex[:8]
                # The reference is in the reply; the traceback is for -v, as for every error of ours.
                log.info("unexpected error answering a question (reference %s)", reference, exc_info=True)
                failed: dict[str, object] = {
                    "question": question, "language": kb.settings.default_language, "answered": False,
                    "text": f"Something went wrong on our side (reference {reference}).", "facts": [],
                    "suggestions": [], "error": reference}
                out.write(json.dumps(failed, ensure_ascii=False) + "\n" if args.json
                          else say("answer_failed", reference=reference) + "\n\n")
                continue
            out.write(json_for_terminal(json.dumps(answer.as_json(), ensure_ascii=False)) + "\n" if args.json
                      else _readable(answer))
            out.flush()
    finally:
        kb.close()
    return 0


def _answering(settings: Settings) -> KnowledgeBase:
    """The knowledge base questions are answered from.

    A SQLite file named with --db that does not exist is never created by a question; the answer then
    comes from the bundled facts held in memory, and standard error says so (the scoring script asks a
    fresh database about the bundled article, so this must not be an error).
    """
    if settings.database_explicit:
        try:
            require_sqlite_file(settings.database_url)
        except NoDatabase as missing:
            print(say("bundled_only", missing=one_line(str(missing))), file=sys.stderr)
            return KnowledgeBase.open("sqlite://", settings.answers)
    return KnowledgeBase.open(settings.database_url, settings.answers, write_wait=settings.write_wait,
                              create=not settings.database_explicit)


def _read_batch(name: str) -> list[str]:
    """One question per line; only a newline ends a line (not the other characters str.splitlines takes)."""
    what = "a batch of questions"
    raw = read_stream(sys.stdin.buffer, MAX_BATCH_BYTES, what) if name == "-" else \
        read_limited(name, MAX_BATCH_BYTES, what)
    text = raw.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _readable(answer: Answer) -> str:
    lines = [printable_lines(answer.text)]
    if not answer.answered and answer.suggestions:
        lines.append("")
        lines += [f"  • {printable(suggestion)}" for suggestion in answer.suggestions]
    return "\n".join(lines) + "\n\n"
