"""Every command, as a real process, against each kind of bad input.

Each must end with exactly one line on standard error that names the real cause, a non-zero exit
status and no traceback; a database is created only by the commands that create on purpose.
Every case is its own process running `python -m bot`'s main module, forked from a server that has
imported it once (tests/support/forked_cli.py: a hundred fresh interpreters would cost a minute of CPU), and
the cases share one prepared knowledge base, copied where a case could change it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from knowledge.facts.imports import import_tracker
from knowledge.intake.articles import ArticleMeta
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import write_json

ROOT = Path(__file__).resolve().parent.parent
HEADER = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
ROW = "Acme{n},SF Bay Area,{count}.0,5/15/2026,,Crypto,https://news.example/acme{n},Unknown,134,United States,5/15/2026"
ARTICLE = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, as "
           "demand for its data-centre hardware slowed.")
# Where `run` would find Discord if a case ever got that far: nowhere, at once.
NO_DISCORD = {"DISCORD_TOKEN": "cli.failures.token", "LAYOFFBOT_DISCORD_API": "http://127.0.0.1:9/api/v10",
              "LAYOFFBOT_DISCORD_GATEWAY": "ws://127.0.0.1:9/gateway"}

# Every subcommand, with placeholders for the files and ids each needs.
COMMANDS: dict[str, list[str]] = {
    "ask": ["ask", "How many people did Amazon cut in 2022-23?"],
    "ask --batch": ["ask", "--batch", "{questions}", "--json"],
    "kb import": ["kb", "import", "{csv}", "--format", "layoffs-fyi"],
    "kb import json": ["kb", "import", "{backup}", "--format", "json"],
    "kb export": ["kb", "export", "--output", "{out}/export.json"],
    "kb export csv": ["kb", "export", "--format", "csv", "--output", "{out}/csv"],
    "kb ingest": ["kb", "ingest", "{article}", "--url", "https://wire.example/quillon-2", "--published", "2024-03-06",
                  "--language", "en"],
    "kb review": ["kb", "review"],
    "kb approve": ["kb", "approve", "{pending}"],
    "kb reject": ["kb", "reject", "{pending}"],
    "kb edit": ["kb", "edit", "{fact}", "--count-min", "175", "--count-max", "175"],
    "kb show": ["kb", "show", "{fact}"],
    "kb history": ["kb", "history", "{fact}"],
    "db upgrade": ["db", "upgrade"],
    "db status": ["db", "status"],
    "run": ["run"],
}
READERS = ("ask", "ask --batch", "kb export", "kb export csv", "kb review", "kb show", "kb history", "db status", "run")
WRITERS = ("kb import", "kb ingest", "kb approve", "kb reject", "kb edit")


@dataclass(frozen=True)
class Prepared:
    """A knowledge base with an imported fact and a pending candidate, and the files commands read."""

    folder: Path
    database: Path
    files: dict[str, str]

    def argv(self, command: str, **files: str) -> list[str]:
        values = {**self.files, **files}
        return [part.format(**values) for part in COMMANDS[command]]

    def copy(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(self.database, folder / "kb.db"))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    folder = tmp_path_factory.mktemp("cli-failures")
    csv = folder / "tracker.csv"
    csv.write_text(f"{HEADER}\n{ROW.format(n='', count=150)}\n", encoding="utf-8")
    database = folder / "kb.db"
    kb = KnowledgeBase.open(f"sqlite:///{database}", AnswerSettings(refresh_interval=0))
    try:
        import_tracker(kb.facts, read_tracker(csv))
        fact = kb.ask("How many people did Acme lay off in May 2026?", date(2026, 6, 1)).citations[0].fact.id
        meta = ArticleMeta(url="https://wire.example/quillon", title=None, publisher="Example Wire",
                           published=date(2024, 3, 6), language="en")
        pending = kb.ingest(ARTICLE, meta, "test").candidates[0][0]
        write_json(kb.store, folder / "backup.json")
    finally:
        kb.close()
    fresh = folder / "fresh.csv"  # rows the knowledge base does not hold yet: importing them must write
    fresh.write_text(f"{HEADER}\n{ROW.format(n='-fresh', count=75)}\n", encoding="utf-8")
    article = folder / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    questions = folder / "questions.txt"
    questions.write_text("How many jobs did AWS cut?\n", encoding="utf-8")
    out = folder / "out"
    out.mkdir()
    files = {"csv": str(csv), "fresh": str(fresh), "backup": str(folder / "backup.json"), "article": str(article),
             "questions": str(questions), "out": str(out), "fact": str(fact), "pending": str(pending)}
    return Prepared(folder, database, files)


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    prefix: Sequence[str] = ()
    stdin: str | None = None  # a path whose content is the process's standard input
    env: dict[str, str] | None = None


# One command server per prefix (forked_cli.py), kept for the whole module: each costs an interpreter's start.
_SERVERS: dict[tuple[str, ...], subprocess.Popen[str]] = {}


@pytest.fixture(scope="module", autouse=True)
def command_servers() -> Iterator[None]:
    yield
    for server in _SERVERS.values():
        assert server.stdin is not None
        server.stdin.close()
        server.wait(30)
    _SERVERS.clear()


def run_all(cases: Iterable[Case]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run each case as its own `python -m bot` process, forked from the command server for its prefix."""
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    for case in cases:
        prefix = tuple(case.prefix)
        if prefix not in _SERVERS or _SERVERS[prefix].poll() is not None:
            _SERVERS[prefix] = subprocess.Popen([*prefix, sys.executable, "-m", "tests.support.forked_cli"],
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        server = _SERVERS[prefix]
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(json.dumps({"argv": case.argv, "env": {**os.environ, **NO_DISCORD, **(case.env or {})},
                                       "stdin": case.stdin}) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
        assert line, f"the command server stopped (status {server.poll()})"
        reply = json.loads(line)
        results[case.name] = subprocess.CompletedProcess(case.argv, reply["returncode"], reply["stdout"],
                                                         reply["stderr"])
    return results


def problems_with_failure(done: subprocess.CompletedProcess[str], *causes: str) -> str | None:
    """None when the process failed politely: non-zero, one line on stderr naming every cause, no traceback."""
    lines = done.stderr.splitlines()
    if done.returncode == 0:
        return f"exit status 0; stdout {done.stdout[:200]!r}"
    if len(lines) != 1 or not lines[0].startswith("error: ") or "Traceback" in done.stderr:
        return f"{len(lines)} lines on stderr: {done.stderr[:1500]!r}"
    missing = [cause for cause in causes if cause.casefold() not in lines[0].casefold()]
    return f"{lines[0]!r} does not name {missing}" if missing else None


def check(results: dict[str, subprocess.CompletedProcess[str]],
          expect: Callable[[str, subprocess.CompletedProcess[str]], str | None]) -> None:
    failures = {name: problem for name, done in results.items() if (problem := expect(name, done))}
    assert not failures, "\n".join(f"{name}: {problem}" for name, problem in failures.items())


# -- the database URL -------------------------------------------------------------------------------

BAD_URLS = {
    "notaurl": ("notaurl", "sqlite:///", "postgresql://"),
    "mysql://u:hunter2@db.example/layoffs": ("SQLite and PostgreSQL", "not mysql"),
    "http://example.com/kb": ("SQLite and PostgreSQL", "not http"),
    "postgresql://": ("names no server",),
    "postgresql:///layoffbot": ("names no server",),
    "postgres://u@db.example": ("names no database",),
    "sqlite:///": ("names no file",),
}


def test_a_malformed_database_url_is_one_line_for_every_command(prepared: Prepared) -> None:
    # The URL is checked where every engine is made, so each command meets one of the bad URLs (and each
    # bad URL a few commands); test_database_errors.py takes every URL through the check itself.
    urls = list(BAD_URLS)
    cases = [Case(command, ["--db", urls[i % len(urls)], *prepared.argv(command)])
             for i, command in enumerate(COMMANDS)]
    results = run_all(cases)

    def expect(name: str, done: subprocess.CompletedProcess[str]) -> str | None:
        url = urls[list(COMMANDS).index(name) % len(urls)]
        return problems_with_failure(done, *BAD_URLS[url]) or (
            "the password was shown" if "hunter2" in done.stderr else None)

    check(results, expect)


def test_the_database_url_from_the_environment_is_checked_too(prepared: Prepared) -> None:
    [done] = run_all([Case("ask", ["ask", "q"], env={"LAYOFFBOT_DATABASE_URL": "mysql://u@db.example/x"})]).values()
    assert problems_with_failure(done, "SQLite and PostgreSQL") is None, done.stderr


# -- a SQLite file that does not exist --------------------------------------------------------------

def test_a_missing_database_file_is_created_only_on_purpose(prepared: Prepared, tmp_path: Path) -> None:
    def missing(command: str) -> Path:  # a misspelt folder, as in sqlite:////srv/layofbot/kb.db
        return tmp_path / command.replace(" ", "-") / "layofbot" / "kb.db"

    cases = [Case(command, ["--db", f"sqlite:///{missing(command)}", *prepared.argv(command)]) for command in COMMANDS]
    cases.append(Case("db upgrade --create", ["--db", f"sqlite:///{missing('db upgrade --create')}", "db", "upgrade",
                                              "--create"]))
    cases.append(Case("kb import --create", ["--db", f"sqlite:///{missing('kb import --create')}",
                                             *prepared.argv("kb import"), "--create"]))
    cases.append(Case("kb show (environment)", prepared.argv("kb show"),
                      env={"LAYOFFBOT_DATABASE_URL": f"sqlite:///{missing('kb show env')}"}))
    results = run_all(cases)
    creators = ("kb import", "kb import json", "kb ingest", "db upgrade --create", "kb import --create")

    def expect(name: str, done: subprocess.CompletedProcess[str]) -> str | None:
        path = missing("kb show env" if name == "kb show (environment)" else name)
        if name in creators:
            if done.returncode != 0 or f"created a new knowledge base at {path}" not in done.stdout:
                return f"did not create it: {done.returncode} {done.stdout[:300]!r} {done.stderr[:300]!r}"
            return None if path.is_file() else "said it created the file, but there is none"
        if path.parent.exists():
            return f"created {path.parent}"
        if name.startswith("ask"):  # answers from the bundled facts, in memory, and says so
            note = done.stderr.splitlines()
            if done.returncode != 0 or len(note) != 1 or not note[0].startswith(f"note: There is no knowledge base "
                                                                                 f"at {path}"):
                return f"{done.returncode} {done.stderr!r}"
            return None if "AWS" in done.stdout or "Amazon" in done.stdout else f"no answer: {done.stdout!r}"
        return problems_with_failure(done, f"There is no knowledge base at {path}", "db upgrade --create")

    check(results, expect)


# -- files that cannot be read as given -------------------------------------------------------------

def file_cases(prepared: Prepared, path: str, *, config: bool = True, stdin: bool = False) -> list[Case]:
    cases = [Case("ask --batch", prepared.argv("ask --batch", questions=path)),
             Case("kb import", prepared.argv("kb import", csv=path)),
             Case("kb import json", prepared.argv("kb import json", backup=path)),
             Case("kb ingest", prepared.argv("kb ingest", article=path))]
    if config:
        cases.append(Case("--config", ["--config", path, "ask", "q"]))
    if stdin:
        cases.append(Case("ask --batch -", prepared.argv("ask --batch", questions="-"), stdin=path))
        cases.append(Case("kb ingest -", prepared.argv("kb ingest", article="-"), stdin=path))
    database = ["--db", f"sqlite:///{prepared.copy(prepared.folder / 'files')}"]
    return [Case(case.name, case.argv if case.name == "--config" else [*database, *case.argv], stdin=case.stdin)
            for case in cases]


def test_a_folder_given_as_a_file(prepared: Prepared, tmp_path: Path) -> None:
    cases = file_cases(prepared, str(tmp_path))
    cases.append(Case("kb export", ["--db", f"sqlite:///{prepared.database}",
                                    *prepared.argv("kb export")[:-1], str(tmp_path)]))
    check(run_all(cases), lambda name, done: problems_with_failure(done, str(tmp_path), "folder" if name != "kb export"
                                                                   else "is a directory"))


def test_an_unreadable_file(prepared: Prepared, tmp_path: Path) -> None:
    secret = tmp_path / "unreadable.csv"
    secret.write_text(f"{HEADER}\n", encoding="utf-8")
    secret.chmod(0)
    prefix = permissions_bind()
    cases = [Case(case.name, case.argv, prefix=prefix) for case in file_cases(prepared, str(secret))]
    check(run_all(cases), lambda name, done: problems_with_failure(done, str(secret), "permission denied"))


def test_endless_huge_and_special_files(prepared: Prepared, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: past every limit (tracker exports: 256 MB), taking no room on disk
        handle.truncate(257 * 1024 * 1024)
    fifo = tmp_path / "nobody-writes-here.csv"
    os.mkfifo(fifo)
    results = run_all([*file_cases(prepared, "/dev/zero", stdin=True),
                       *[Case(f"huge {case.name}", case.argv) for case in file_cases(prepared, str(huge),
                                                                                     config=False)],
                       Case("fifo", ["--db", f"sqlite:///{prepared.database}", *prepared.argv("kb import",
                                                                                               csv=str(fifo))])])

    def expect(name: str, done: subprocess.CompletedProcess[str]) -> str | None:
        if name == "--config":
            return problems_with_failure(done, "/dev/zero", "No configuration file")
        if name == "fifo":
            return problems_with_failure(done, "is empty")
        return problems_with_failure(done, "larger than", "the limit")

    check(results, expect)


# -- the database itself ----------------------------------------------------------------------------

def test_an_unreachable_postgresql_server(prepared: Prepared) -> None:
    url = "postgresql://layoffbot:s3cret@127.0.0.1:1/layoffbot"
    results = run_all(Case(command, ["--db", url, *prepared.argv(command)]) for command in COMMANDS)
    check(results, lambda name, done: problems_with_failure(done, "127.0.0.1:1", "does not answer",
                                                           "connection refused") or
          ("the password was shown" if "s3cret" in done.stderr else None))


def test_a_read_only_database_file(prepared: Prepared, tmp_path: Path) -> None:
    database = prepared.copy(tmp_path / "ro")
    database.chmod(0o444)
    prefix = permissions_bind()
    url = ["--db", f"sqlite:///{database}"]
    # `run` is left out: it only reads at start-up, and would then go on to connect to Discord.
    cases = [Case(command, [*url, *prepared.argv(command, csv=prepared.files["fresh"])], prefix=prefix)
             for command in (*WRITERS, "ask", "kb show", "kb review", "db status")]
    results = run_all(cases)

    def expect(name: str, done: subprocess.CompletedProcess[str]) -> str | None:
        if name in WRITERS:
            return problems_with_failure(done, str(database), "read-only", "may not write to the file")
        return None if done.returncode == 0 and not done.stderr else f"reading failed: {done.stderr!r}"

    check(results, expect)


def test_a_read_only_folder_or_file_system(prepared: Prepared, tmp_path: Path) -> None:
    # SQLite writes its shared-memory file beside the database even to read it: with the folder or the
    # whole file system read-only, readers fail too, and the line says which.
    folder = prepared.copy(tmp_path / "locked").parent
    folder.chmod(0o555)
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    commands = ("kb import", "kb edit", "ask", "kb show", "db status")
    cases = [Case(f"folder {command}", ["--db", f"sqlite:///{folder / 'kb.db'}",
                                        *prepared.argv(command, csv=prepared.files["fresh"])],
                  prefix=permissions_bind()) for command in commands]
    remount = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'
    read_only_mount = in_mount_namespace(remount, str(prepared.folder), str(mounted))
    cases += [Case(f"mount {command}", ["--db", f"sqlite:///{mounted / 'kb.db'}",
                                        *prepared.argv(command, csv=prepared.files["fresh"])], prefix=read_only_mount)
              for command in commands]
    try:
        results = run_all(cases)
    finally:
        folder.chmod(0o755)
    check(results, lambda name, done: problems_with_failure(
        done, *(("may not write to its folder", str(folder)) if name.startswith("folder") else
                ("read-only file system", str(mounted)))))


def test_a_full_disk(prepared: Prepared, tmp_path: Path) -> None:
    mount = tmpfs_mounts(tmp_path)
    big = tmp_path / "big.csv"
    big.write_text("\n".join([HEADER, *(ROW.format(n=n, count=100 + n) for n in range(3000))]) + "\n",
                   encoding="utf-8")
    url = ["--db", f"sqlite:///{tmp_path / 'disk' / 'kb.db'}"]
    room = 1024 * 1024 - prepared.database.stat().st_size - 160 * 1024
    # Full to the last byte, SQLite cannot even map its shared memory: every command fails, writers and
    # readers alike. With a little room left, reading works and a large import fills it.
    commands = [c for c in COMMANDS if c not in ("run", "kb import json", "kb export", "kb export csv")]
    cases = [Case(command, [*url, *prepared.argv(command)], prefix=mount(prepared.database, 2 << 20))
             for command in commands]
    cases.append(Case("large import", [*url, *prepared.argv("kb import", csv=str(big))],
                      prefix=mount(prepared.database, room)))
    check(run_all(cases), lambda name, done: problems_with_failure(done, str(tmp_path / "disk" / "kb.db"),
                                                                  "disk", "is full", "free some space"))


# -- what is ours: a reference, and the traceback only with -v ---------------------------------------

def test_an_error_of_ours_is_one_line_with_a_reference(prepared: Prepared, tmp_path: Path) -> None:
    # A date column holding something that is not a date: no user input explains it, so it is ours to look
    # into: a reference on the one line, and the traceback only when asked for with -v.
    database = prepared.copy(tmp_path / "odd")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE fact SET period_start = 'not a date' WHERE id = ?", (int(prepared.files["fact"]),))
    url = f"sqlite:///{database}"
    quiet, verbose, batch = run_all([Case("quiet", ["--db", url, *prepared.argv("kb show")]),
                                     Case("verbose", ["-v", "--db", url, *prepared.argv("kb show")]),
                                     Case("batch", ["--db", url, *prepared.argv("ask --batch")])]).values()
    assert problems_with_failure(quiet, "went wrong on our side", "reference", "-v") is None, quiet.stderr
    assert quiet.returncode == 1
    reference = quiet.stderr.split("reference ", 1)[1][:8]
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr and "not a date" in verbose.stderr
    assert verbose.stderr.splitlines()[-1].startswith("error: something went wrong on our side (reference ")
    assert reference not in verbose.stderr  # every failure gets its own reference
    # In a batch, each question that fails is answered with its reference, and the batch goes on.
    assert batch.returncode == 0 and batch.stderr == "", batch.stderr
    assert [json.loads(line)["error"] for line in batch.stdout.splitlines()][0]


# -- helpers that make a case real when tests run as root --------------------------------------------

def permissions_bind() -> list[str]:
    """A command prefix under which file permissions bind: root passes them unless it drops the capabilities
    that override them (tests often run as root in containers)."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root, where file permissions do not bind, and setpriv cannot drop the override")
    return prefix


def in_mount_namespace(script: str, *args: str) -> list[str]:
    """A command prefix that runs `script` (which ends by exec'ing "$@") in a private mount namespace, so
    what it mounts disappears with the command; skips the test where mounting is not permitted."""
    namespace = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    prefix = [*namespace, "sh", "-c", script, "sh", *args]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip(f"cannot mount in a private namespace here ({probe.stderr.strip()[:200] if probe else 'no unshare'})")
    return prefix


def tmpfs_mounts(tmp_path: Path) -> Callable[[Path, int], list[str]]:
    """A factory of command prefixes that run the command on a 1 MB tmpfs at tmp_path/disk, holding a copy of
    the database and a filler file of the given size."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = ('disk=$1 seed=$2 fill=$3; shift 3; mount -t tmpfs -o size=1m tmpfs "$disk" && cp "$seed" "$disk/kb.db" '
              '&& { head -c "$fill" /dev/zero > "$disk/filler" 2>/dev/null; exec "$@"; }')
    in_mount_namespace(script, str(disk), "/dev/null", "0")
    return lambda seed, fill: in_mount_namespace(script, str(disk), str(seed), str(fill))
