"""The command-line contract that `../shared/eval/score.py` and people rely on."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_ask_prints_a_cited_answer(sqlite_url: str) -> None:
    code, out = run("--db", sqlite_url, "ask", "How many people did Amazon cut in 2022–23?")
    assert code == 0
    assert out.startswith("Amazon laid off more than 27,000 people across 2022 and 2023")
    assert "[1] VOI (French edition, machine-translated from Indonesian) — https://voi.id/fr/teknologi/371187" in out


def test_ask_json(sqlite_url: str) -> None:
    code, out = run("--db", sqlite_url, "ask", "Combien d'entreprises ont licencié depuis le début de l'année ?",
                    "--json", "--today", "2024-04-10")
    data = json.loads(out)
    assert code == 0 and data["answered"] and data["language"] == "fr" and "229" in data["text"]
    assert data["facts"][0]["count_min"] == 229 and data["facts"][0]["source"]["publisher"] == "VOI"


def test_batch_keeps_order_one_json_object_per_line(sqlite_url: str, tmp_path: Path) -> None:
    questions = ["How many jobs did AWS cut?", "", "What is the capital of France?", "amazn layoffs 2022-23",
                 "\x00\x1b[31m💥 <@&123> @everyone " + "x" * 5000]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    code, out = run("--db", sqlite_url, "ask", "--batch", str(batch), "--json", "--today", "2024-04-10")
    replies = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(replies) == len(questions)
    assert [r["answered"] for r in replies] == [True, False, False, True, False]
    assert all(set(r) >= {"question", "language", "answered", "text", "facts", "suggestions"} for r in replies)


def test_relative_periods_use_today(sqlite_url: str) -> None:
    _, then = run("--db", sqlite_url, "ask", "How many tech workers were laid off so far this year?", "--json",
                  "--today", "2024-04-10")
    _, later = run("--db", sqlite_url, "ask", "How many tech workers were laid off so far this year?", "--json",
                   "--today", "2026-06-01")
    assert json.loads(then)["answered"] and not json.loads(later)["answered"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", "q", "--today", "yesterday"], "not a date; use YYYY-MM-DD"),
        (["ask"], "give either a QUESTION or --batch FILE"),
        (["ask", "--batch", "/no/such/file", "--json"], "Cannot read /no/such/file"),
        (["--config", "/no/such/config.toml", "ask", "q"], "No configuration file at"),
        (["--db", "postgresql://nobody@127.0.0.1:1/none", "ask", "q"], "cannot be opened"),
    ],
)
def test_user_errors_are_one_clear_line(argv: list[str], message: str, sqlite_url: str) -> None:
    database = [] if "--db" in argv else ["--db", sqlite_url]
    done = subprocess.run([sys.executable, "-m", "bot", *database, *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_help_explains_every_command() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 0
    for command in ("ask",):
        assert command in done.stdout


def test_a_bad_config_names_the_setting(tmp_path: Path, sqlite_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[answers]\nmin_confidance = 0.3\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "--db", sqlite_url, "ask", "q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and "answers.min_confidance" in done.stderr


def test_relative_sqlite_paths_follow_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('[database]\nurl = "sqlite:///state/kb.db"\n', encoding="utf-8")
    code, _ = run("--config", str(config), "ask", "amazn layoffs")
    assert code == 0 and (tmp_path / "conf" / "state" / "kb.db").is_file()


def test_run_without_a_token_says_so_in_one_line(sqlite_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    done = subprocess.run([sys.executable, "-m", "bot", "--db", sqlite_url, "run"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: No Discord token: set the DISCORD_TOKEN environment variable")
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["run", "--shard-ids", "0,x", "--shard-count", "2"], "--shard-ids takes numbers"),
    (["run", "--shard-ids", "3", "--shard-count", "2"], "each id must be below it"),
])
def test_bad_shard_options(argv: list[str], message: str, sqlite_url: str) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "--db", sqlite_url, *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env={**os.environ, "DISCORD_TOKEN": "x"})
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_batch_lines_end_only_at_newlines(sqlite_url: str, tmp_path: Path) -> None:
    batch = tmp_path / "questions.txt"
    batch.write_text("How many jobs\x0bdid AWS cut?\nAmazon\u2028layoffs\x1c2022-23\r\n", encoding="utf-8")
    code, out = run("--db", sqlite_url, "ask", "--batch", str(batch), "--json")
    assert code == 0 and len(out.splitlines()) == 2


def test_one_failing_question_does_not_cost_the_batch(sqlite_url: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.kb import KnowledgeBase

    real = KnowledgeBase.ask

    def flaky(self: KnowledgeBase, question: str, *args: object, **kwargs: object) -> object:
        if "boom" in question:
            raise RuntimeError("a bug")
        return real(self, question, *args, **kwargs)

    monkeypatch.setattr(KnowledgeBase, "ask", flaky)
    batch = tmp_path / "questions.txt"
    batch.write_text("How many jobs did AWS cut?\nboom\nAmazon layoffs\n", encoding="utf-8")
    code, out = run("--db", sqlite_url, "ask", "--batch", str(batch), "--json")
    replies = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["answered"] for r in replies] == [True, False, True]
    assert "went wrong on our side" in replies[1]["text"] and "a bug" not in replies[1]["text"]


def test_export_and_restore_through_the_command_line(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    backup = tmp_path / "backup.json"
    assert run("--db", first, "db", "upgrade", "--create")[0] == 0  # a question never creates a database
    assert run("--db", first, "kb", "export", "--output", str(backup))[0] == 0
    code, out = run("--db", second, "kb", "import", str(backup), "--format", "json")
    assert code == 0 and "restored" in out
    again = tmp_path / "again.json"
    run("--db", second, "kb", "export", "--output", str(again))
    strip = lambda path: {k: v for k, v in json.loads(path.read_text()).items() if k != "exported_at"}  # noqa: E731
    assert strip(again) == strip(backup)
    code, out = run("--db", second, "kb", "export", "--format", "csv", "--output", str(tmp_path / "csv"))
    assert code == 0 and (tmp_path / "csv" / "fact.csv").is_file()
    refused = subprocess.run([sys.executable, "-m", "bot", "--db", second, "kb", "import", str(backup), "--format",
                              "json"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert refused.returncode == 2 and "empty database" in refused.stderr


# Anything a terminal would act on, or that reorders what it shows; the newlines we print ourselves stay.
TERMINAL_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_stored_text_reaches_the_terminal_without_control_characters(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    tracker = tmp_path / "tracker.csv"
    # The importer drops an 8-bit CSI (clear screen) and a right-to-left override from a company's name; older
    # data, or a restored backup, may still hold them (put back below).
    tracker.write_text("company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,"
                       "country,date_added\nAcme\x9b2J\u202eCorp,SF,150.0,5/15/2026,,Crypto,https://news.example/a,"
                       "Unknown,134,United States,5/15/2026\n", encoding="utf-8")
    assert run("--db", url, "kb", "import", str(tracker), "--format", "layoffs-fyi")[0] == 0
    with sqlite3.connect(tmp_path / "kb.db") as connection:  # and older data, or a restored backup, may hold more
        fact = connection.execute("SELECT id FROM fact WHERE summary LIKE 'Acme%'").fetchone()[0]
        connection.execute("UPDATE fact SET summary = ?, status = 'pending' WHERE id = ?",
                           ("Acme cut 150\x1b]0;owned\x07\nfact #1 retracted by admin\x1b[2J", fact))
        connection.execute("UPDATE citation SET evidence = ? WHERE fact_id = ?", ("\x1b[8mhidden\x1b[0m", fact))
        connection.execute("UPDATE company SET name = ? WHERE name LIKE 'Acme%'", ("Acme\x9b2J\u202eCorp",))
        connection.execute("UPDATE source SET title = ?, publisher = ? WHERE url = 'https://news.example/a'",
                           ("Title\x1b[1A", "Wire\r"))
    outputs = {argv: run("--db", url, *argv.split())[1] for argv in
               (f"kb show {fact}", f"kb history {fact}", "kb review", f"kb approve {fact}")}
    outputs["ask"] = run("--db", url, "ask", "Acme layoffs in May 2026", "--today", "2026-06-01")[1]
    for command, out in outputs.items():
        assert not TERMINAL_CONTROLS.search(out), (command, out)
        assert not any(line.startswith("fact #1 retracted") for line in out.splitlines()), (command, out)
    assert "Acme2JCorp" in outputs[f"kb show {fact}"] and "hidden" in outputs[f"kb show {fact}"]
    assert "Acme2JCorp" in outputs["ask"]
    code, out = run("--db", url, "ask", "Acme layoffs in May 2026", "--today", "2026-06-01", "--json")
    assert code == 0 and not TERMINAL_CONTROLS.search(out.rstrip("\n"))
    assert "Acme\x9b2J\u202eCorp" in json.loads(out)["text"]  # JSON keeps the text whole, escaped
