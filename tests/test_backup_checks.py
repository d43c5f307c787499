"""Restoring a backup checks every row like every other way in, names the first bad one, and writes nothing else."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, load_settings
from knowledge.errors import InvalidInput
from knowledge.facts.feedback import GivenAnswer, record_answers
from knowledge.storage.backup import export_data, read_json, restore
from knowledge.storage.store import Store
from tests.support.lived_in import lived_in

ROOT = Path(__file__).resolve().parent.parent
@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("lived")
    return lived_in(f"sqlite:///{folder / 'kb.db'}", folder)


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('empty') / 'kb.db'}")
    yield store
    store.close()


def without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported_at"}


def holds_nothing(store: Store) -> bool:
    return all(not rows for name, rows in without_time(export_data(store)).items()
               if isinstance(rows, list))


def test_a_knowledge_base_that_went_through_every_change_round_trips(database_url: str, tmp_path: Path,
                                                                      exported: dict[str, Any]) -> None:
    assert {r["action"] for r in exported["revision"]} >= {"import", "edit", "undo", "retract", "restore", "extract",
                                                           "approve", "merge", "reject", "create"}
    target = Store.open(database_url)
    try:
        restore(target, copy.deepcopy(exported))
        assert without_time(export_data(target)) == without_time(exported)
    finally:
        target.close()


def fact_where(data: dict[str, Any], summary_part: str) -> dict[str, Any]:
    return next(row for row in data["fact"] if summary_part in row["summary"])


def revisions_of(data: dict[str, Any], fact_id: int) -> list[dict[str, Any]]:
    return sorted((r for r in data["revision"] if r["fact_id"] == fact_id), key=lambda r: r["version"])


def set_field(table: str, field: str, value: Any, pick: Callable[[dict[str, Any]], dict[str, Any]] | None = None):
    def change(data: dict[str, Any]) -> dict[str, Any]:
        row = pick(data) if pick else data[table][0]
        row[field] = value
        return row
    return change


def acme(data: dict[str, Any]) -> dict[str, Any]:
    return fact_where(data, "Acme laid off")


def dune(data: dict[str, Any]) -> dict[str, Any]:
    return fact_where(data, "Dune laid off")


def tracked_source(data: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in data["source"] if row["url"] == "https://news.example/acme")


def latest_revision(pick: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda data: revisions_of(data, pick(data)["id"])[-1]


def blank_source(data: dict[str, Any]) -> dict[str, Any]:
    source = tracked_source(data)
    source.update(url=None, title=None, publisher=None)
    return source


def cite_twice(data: dict[str, Any]) -> dict[str, Any]:
    """The second citation of a fact made to cite the same source as its first."""
    first: dict[int, dict[str, Any]] = {}
    for citation in data["citation"]:
        if citation["fact_id"] in first:
            citation["source_id"] = first[citation["fact_id"]]["source_id"]
            return citation
        first[citation["fact_id"]] = citation
    raise AssertionError("no fact has two citations")


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


# (what is forged, the change, table and field the refusal names, words it says)
BAD_ROWS: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]], str, str, str]] = [
    ("negative count", set_field("fact", "count_min", -5, acme), "fact", "count_min", "between 0 and 5,000,000"),
    ("huge count", set_field("fact", "count_max", 10**9, acme), "fact", "count_max", "between 0 and"),
    ("bounds reversed", set_field("fact", "count_max", 1, acme), "fact", "count_max", "lower bound"),
    ("share over 100%", set_field("fact", "percent", 140.0, dune), "fact", "percent", "at most 100%"),
    ("share of 0", set_field("fact", "percent", 0, dune), "fact", "percent", "more than 0%"),
    ("unknown qualifier", set_field("fact", "qualifier", "roughly", acme), "fact", "qualifier", "Unknown qualifier"),
    ("forged status", set_field("fact", "status", "hacked", acme), "fact", "status", "Unknown status"),
    ("unknown kind", set_field("fact", "kind", "rumour", acme), "fact", "kind", "Unknown kind"),
    ("period backwards", lambda d: {**set_field("fact", "period_start", "2024-05-01", acme)(d),
                                    **set_field("fact", "period_end", "2024-01-01", acme)(d)},
     "fact", "period_end", "end before it starts"),
    ("date out of range", set_field("fact", "announced", "1890-01-01", acme), "fact", "announced", "out of range"),
    ("not a date", set_field("fact", "announced", "15/04/2024", acme), "fact", "announced", "not a date"),
    ("summary too long", set_field("fact", "summary", "x" * 600, acme), "fact", "summary", "too long"),
    ("unknown label", set_field("fact", "labels", "space_lasers", acme), "fact", "labels", "Unknown team or reason"),
    ("caveats not JSON", set_field("fact", "caveats", "[{", acme), "fact", "caveats", "not well-formed JSON"),
    ("unknown caveat", set_field("fact", "caveats", '[{"code": "trust_me"}]', acme), "fact", "caveats",
     "only known caveat"),
    ("confidence over 1", set_field("fact", "confidence", 7.5, acme), "fact", "confidence", "between 0 and 1"),
    ("bool as a number", set_field("fact", "cumulative", 1, acme), "fact", "cumulative", "true or false"),
    ("count as text", set_field("fact", "count_min", "150", acme), "fact", "count_min", "whole number"),
    ("count as a float", set_field("fact", "count_min", 150.5, acme), "fact", "count_min", "whole number"),
    ("zero id", set_field("fact", "id", 0, acme), "fact", "id", "positive whole number"),
    ("negative id", set_field("company", "id", -3), "company", "id", "positive whole number"),
    ("id as text", set_field("source", "id", "7"), "source", "id", "whole number"),
    ("missing company", set_field("fact", "company_id", 999_999, acme), "fact", "company_id",
     "refers to company id 999999"),
    ("javascript link", set_field("source", "url", "javascript:alert(1)", tracked_source), "source", "url",
     "http:// or https://"),
    ("link that hides its host", set_field("source", "url", "https://evil.example\\@reuters.com/x", tracked_source),
     "source", "url", "no backslashes"),
    ("unknown source language", set_field("source", "language", "klingon"), "source", "language", "Unknown source"),
    ("unknown source kind", set_field("source", "kind", "rumour"), "source", "kind", "Unknown source kind"),
    ("source with nothing", blank_source, "source", "url", "needs a link, a title or a publisher"),
    ("mention as author", set_field("fact", "updated_by", "@everyone", dune), "fact", "updated_by",
     "mention or link syntax"),
    ("masked link as author", set_field("revision", "actor", "[Reuters](https://evil.example)",
                                        latest_revision(dune)), "revision", "actor", "mention or link syntax"),
    ("role mention as voter", set_field("feedback", "voter", "<@&1200000000000000100>"), "feedback", "voter",
     "mention or link syntax"),
    ("invisible characters in an author", set_field("revision", "actor", "mona\u202e (1)", latest_revision(dune)),
     "revision", "actor", "control or invisible"),
    ("author impersonating the importer", set_field("fact", "updated_by", "import", dune), "fact", "updated_by",
     "latest revision was by 'mona (1300000000000000002)'"),
    ("status changed outside the history", set_field("fact", "status", "retracted", acme), "fact", "status",
     "its latest revision recorded 'active'"),
    ("figure changed outside the history", set_field("fact", "count_min", 100, acme), "fact", "count_min",
     "its latest revision recorded 170"),
    ("version ahead of the history", set_field("fact", "version", 9, acme), "fact", "version", "history ends at 2"),
    ("revision JSON malformed", set_field("revision", "after", "{", latest_revision(acme)), "revision", "after",
     "not well-formed JSON"),
    ("revision JSON nested deeply", set_field("revision", "before", deep(5_000), latest_revision(acme)),
     "revision", "before", "nested too deeply"),
    ("revision state not an object", set_field("revision", "before", "[]", latest_revision(acme)), "revision",
     "before", "JSON object"),
    ("revision of a missing fact", set_field("revision", "fact_id", 999_999), "revision", "fact_id",
     "refers to fact id 999999"),
    ("revision numbered twice", lambda d: set_field("revision", "version", 1, latest_revision(acme))(d),
     "revision", "version", "already has a revision 1"),
    ("odd action", set_field("revision", "action", "DROP TABLE"), "revision", "action", "not an action"),
    ("citation of a missing source", set_field("citation", "source_id", 999_999), "citation", "source_id",
     "refers to source id 999999"),
    ("citation twice", cite_twice, "citation", "fact_id, source_id", "another row has the same value"),
    ("key that is not the name's", set_field("company", "key", "someone else"), "company", "key", "the key of"),
    ("name without letters", lambda d: {**set_field("company", "name", "!!!")(d),
                                        **set_field("company", "key", "")(d)}, "company", "name",
     "not a usable company name"),
    ("escape codes in a name", set_field("alias", "name", "Amazon\x1b[31m"), "alias", "name", "control characters"),
    ("alias shadowing a company", lambda d: {**set_field("alias", "name", d["company"][-1]["name"])(d),
                                             **set_field("alias", "key", d["company"][-1]["key"])(d)},
     "alias", "key", "also a company's"),
    ("parent loop", lambda d: set_field("company", "parent_id", d["company"][0]["id"],
                                        lambda d: d["company"][0])(d), "company", "parent_id", "back to itself"),
    ("question in another language", set_field("question", "language", "xx"), "question", "language",
     "answered in en or fr"),
    ("question server that is not an id", set_field("question", "guild_id", "evil"), "question", "guild_id",
     "Discord ID"),
    ("feedback on non-ids", set_field("feedback", "fact_ids", "1;DROP"), "feedback", "fact_ids", "fact ids"),
    ("negative counter", set_field("counter", "value", -1), "counter", "value", "cannot be negative"),
    ("odd setting key", set_field("setting", "key", "bundled seed\n"), "setting", "key", "lower-case letters"),
    ("unknown column", set_field("fact", "is_admin", True, acme), "fact", "is_admin", "no such column"),
    ("text too long for its column", set_field("company", "industry", "x" * 101), "company", "industry", "too long"),
]


@pytest.mark.parametrize(("forged", "change", "table", "field", "words"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_a_bad_row_is_named_and_nothing_is_written(empty: Store, exported: dict[str, Any], forged: str,
                                                   change: Callable[[dict[str, Any]], dict[str, Any]], table: str,
                                                   field: str, words: str) -> None:
    data = copy.deepcopy(exported)
    changed = change(data)
    with pytest.raises(InvalidInput) as refused:
        restore(empty, data)
    message = str(refused.value)
    assert message.startswith("The backup was not restored, nothing was changed: ")
    assert f"{table} " in message and f"field {field}: " in message and words in message, message
    if isinstance(changed.get("id"), int) and field != "id":
        assert f"{table} id {changed['id']}, " in message, message
    assert "\n" not in message
    assert holds_nothing(empty)


def test_unknown_or_missing_tables_and_odd_shapes_are_refused(empty: Store, exported: dict[str, Any]) -> None:
    cases: list[tuple[Any, str]] = [
        ({**exported, "users": []}, "tables this version does not know ('users')"),
        ({k: v for k, v in exported.items() if k != "question"}, "no 'question' table"),
        ({**exported, "fact": {"1": {}}}, "'fact' table is not a list"),
        ({**exported, "alias": ["Amazon"]}, "alias row 1, field -: a row must be a JSON object"),
        ({**exported, "feedback": [{k: v for k, v in exported["feedback"][0].items() if k != "voter"}]},
         "field voter: the column is missing"),
        ({**exported, "version": 2}, "version 2 of the format"),
        ({**exported, "schema": "0001"}, "made at schema 0001"),
        ([exported], "not a layoffbot export"),
    ]
    for data, words in cases:
        with pytest.raises(InvalidInput) as refused:
            restore(empty, data)
        assert words in str(refused.value), str(refused.value)
    assert holds_nothing(empty)


def test_restoring_refuses_a_database_holding_anything_and_leaves_it_as_it_was(database_url: str,
                                                                               exported: dict[str, Any]) -> None:
    target = Store.open(database_url)
    try:
        target.bump_generation()  # a new database's change counter is the one thing it may hold
        record_answers(target, [GivenAnswer(7, "What about Initech?", "en", False)])
        with pytest.raises(InvalidInput, match=r"empty database; this one already holds 1 question row\(s\)"):
            restore(target, copy.deepcopy(exported))
        data = export_data(target)
        assert [q["text"] for q in data["question"]] == ["What about Initech?"]  # the old restore deleted it
        assert not data["fact"] and not data["company"]
    finally:
        target.close()


def test_a_new_database_with_only_its_counter_is_empty_enough(database_url: str, exported: dict[str, Any]) -> None:
    target = Store.open(database_url)
    try:
        target.bump_generation()
        counts = restore(target, copy.deepcopy(exported))
        assert counts["fact"] == len(exported["fact"])
        assert target.generation() == next(r["value"] for r in exported["counter"] if r["key"] == "generation")
    finally:
        target.close()


def test_files_are_read_within_a_limit_and_refused_in_one_line(tmp_path: Path, exported: dict[str, Any]) -> None:
    good = tmp_path / "backup.json"
    good.write_text(json.dumps(exported), encoding="utf-8")
    size = good.stat().st_size
    assert read_json(good, size)["format"] == "layoffbot-export"
    cases = {
        "too big": (good, size - 1, "the limit for a backup"),
        "endless": (Path("/dev/zero"), 1024 * 1024, "the limit for a backup"),
        "deep": (tmp_path / "deep.json", 10**7, "deep.json nests too deeply"),
        "malformed": (tmp_path / "bad.json", 10**7, "bad.json is not valid JSON (line 1"),
        "not text": (tmp_path / "binary.json", 10**7, "binary.json is not UTF-8 text"),
        "NaN": (tmp_path / "nan.json", 10**7, "NaN is not a number JSON allows"),
        "folder": (tmp_path, 10**7, "Cannot read"),
        "missing": (tmp_path / "nothing.json", 10**7, "Cannot read"),
    }
    (tmp_path / "deep.json").write_text(deep(200_000), encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"format": ', encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00{")
    (tmp_path / "nan.json").write_text('{"count": NaN}', encoding="utf-8")
    for name, (path, limit, words) in cases.items():
        with pytest.raises(InvalidInput) as refused:
            read_json(path, limit)
        assert words in str(refused.value), (name, str(refused.value))


def test_the_command_line_says_one_line_for_a_file_over_the_configured_limit(tmp_path: Path,
                                                                              exported: dict[str, Any]) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("[database]\nmax_backup_bytes = 1000\n", encoding="utf-8")
    for args, words in ((["--config", str(config)], "larger than 1000 bytes, the limit for a backup "
                                                    "(database.max_backup_bytes in the configuration)"),
                        ([], "field count_min: A head count must be between 0 and 5,000,000 (got -5)")):
        if not args:
            acme(exported)["count_min"] = -5
            backup.write_text(json.dumps(exported), encoding="utf-8")
            acme(exported)["count_min"] = 170
        target = tmp_path / f"target{len(args)}.db"
        done = subprocess.run([sys.executable, "-m", "bot", *args, "--db", f"sqlite:///{target}", "kb", "import",
                               str(backup), "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert done.returncode == 2
        assert done.stderr.splitlines() == [f"error: {done.stderr.removeprefix('error: ').strip()}"]
        assert words in done.stderr, done.stderr


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "true", '"100MB"'])
def test_the_backup_size_limit_must_be_a_positive_number_of_bytes(tmp_path: Path, value: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[database]\nmax_backup_bytes = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="database.max_backup_bytes must be a whole number of bytes"):
        load_settings(str(config))


def test_the_backup_size_limit_defaults_to_100_mb(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[database]\n", encoding="utf-8")
    assert load_settings(str(config)).max_backup_bytes == 100 * 1024 * 1024
