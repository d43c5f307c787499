"""The command line speaks the operator's language: English, or French when the environment says so."""

from __future__ import annotations

import io
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.messages import LANGUAGES, TEXT, language_from
from knowledge.storage.schema import head_revision

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_sentence_is_in_both_languages_with_the_same_blanks() -> None:
    assert set(TEXT) == set(LANGUAGES)
    assert set(TEXT["en"]) == set(TEXT["fr"])
    assert {key: fields(TEXT["en"][key]) for key in TEXT["en"]} == {key: fields(TEXT["fr"][key]) for key in TEXT["fr"]}
    same = sorted(key for key in TEXT["en"] if TEXT["fr"][key] == TEXT["en"][key])
    assert same == ["candidate_outcome", "what_discord"]  # an arrow and a name; every other sentence is translated


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins, as in the C library
        ({"LC_ALL": "", "LANG": "fr_BE"}, "fr"),  # an empty variable is not set
        ({"LAYOFFBOT_LANGUAGE": "en", "LC_ALL": "fr_FR.UTF-8"}, "en"),
        ({"LAYOFFBOT_LANGUAGE": "FR"}, "fr"),
        ({"LAYOFFBOT_LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "en"),  # a language we do not speak: English
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], language: str) -> None:
    assert language_from(environ) == language


def test_db_status_in_french(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("--db", sqlite_url, "db", "upgrade", "--create")[0] == 0
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "fr")
    assert run("--db", sqlite_url, "db", "status") == (0, f"base : {head_revision()} ; cette version : "
                                                          f"{head_revision()} (à jour)\n")
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "en")
    assert run("--db", sqlite_url, "db", "status") == (0, f"database: {head_revision()}; this version: "
                                                          f"{head_revision()} (up to date)\n")


def test_a_french_locale_alone_is_enough(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAYOFFBOT_LANGUAGE")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out = run("--db", sqlite_url, "db", "upgrade", "--create")
    assert code == 0 and out.splitlines()[1] == f"schéma créé à {head_revision()}"


def test_export_and_restore_report_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    backup = tmp_path / "backup.json"
    assert run("--db", first, "db", "upgrade", "--create")[0] == 0
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "fr")
    assert run("--db", first, "kb", "export", "--output", str(backup)) == (0, f"écrit : {backup}\n")
    code, out = run("--db", second, "kb", "import", str(backup), "--format", "json")
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"nouvelle base de connaissances créée en {tmp_path / 'b.db'}"
    assert lines[1].startswith("restauré : ") and " lignes company, " in lines[1] and "rows" not in lines[1]


def test_errors_of_the_command_line_in_french(sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "fr")
    assert run("--db", sqlite_url, "ask")[0] == 2
    assert capsys.readouterr().err == "erreur : donnez soit une QUESTION, soit --batch FILE\n"
    assert run("--db", sqlite_url, "kb", "edit", "1")[0] == 2
    assert capsys.readouterr().err == ("erreur : Rien à modifier : donnez au moins un champ, p. ex. "
                                       "--count-min 1000.\n")
    with pytest.raises(SystemExit) as usage:
        run("--db", sqlite_url, "ask", "q", "--today", "hier")
    assert usage.value.code == 2
    assert "'hier' n'est pas une date ; écrivez AAAA-MM-JJ" in capsys.readouterr().err


def test_help_in_french(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "fr")
    with pytest.raises(SystemExit):
        run("db", "--help")
    shown = capsys.readouterr().out
    assert "Vérifier ou mettre à jour le schéma, ou copier la base." in shown
    assert "afficher la révision du schéma" in shown and "show the schema revision" not in shown


def test_english_stays_the_default(sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAYOFFBOT_LANGUAGE", "fr")
    run("--db", sqlite_url, "ask")  # French once, then English again in the same process
    monkeypatch.delenv("LAYOFFBOT_LANGUAGE")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    capsys.readouterr()
    assert run("--db", sqlite_url, "ask")[0] == 2
    assert capsys.readouterr().err == "error: give either a QUESTION or --batch FILE\n"


def test_doctor_in_french(sqlite_url: str, tmp_path: Path) -> None:
    assert run("--db", sqlite_url, "db", "upgrade", "--create")[0] == 0
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {**os.environ, "LAYOFFBOT_LANGUAGE": "fr"}
    env.pop("DISCORD_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "--db", sqlite_url, "doctor"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and done.stderr == ""
    assert lines[0] == f"ok    réglages : lus dans {config}."
    assert lines[1].startswith("FAIL  jeton : DISCORD_TOKEN n'est pas défini. Correctif : mettez le jeton du bot")
    assert lines[2].startswith("ok    base : ") and lines[2].endswith(f"son schéma est à jour ({head_revision()}).")
    assert lines[3].startswith("warn  connaissances : seulement les ") and " Correctif : importez " in lines[3]
    assert lines[4:] == ["skip  Discord : non vérifié sans jeton.", "1 vérification(s) en échec, 1 avertissement(s)."]
