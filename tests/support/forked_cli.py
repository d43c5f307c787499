"""Runs `python -m bot` many times from one interpreter that has imported it once.

Starting Python and importing SQLAlchemy, Alembic and discord.py costs about half a second of CPU
per command; the failure matrix in test_cli_failures.py runs about a hundred commands.  This
server imports everything once, then for each request forks a child that runs the `bot` package's
`__main__` exactly as `python -m bot` would: its own process, its own standard input, output and
error (files, not the server's pipes), its own environment and its own exit status.

Protocol: one JSON object per line on standard input, {"argv": [...], "env": {...}, "stdin": PATH|null};
one JSON object per line on standard output, {"returncode": N, "stdout": "...", "stderr": "..."}.

Start it as `python -m tests.support.forked_cli` from the repository root, so `tests.support` imports as
everywhere else.
"""

from __future__ import annotations

import json
import os
import runpy
import signal
import sys
import tempfile
import time
import traceback
from typing import Any

import bot.cli  # noqa: F401  (imported once, before any fork)
import bot.discord.runner  # noqa: F401

TIMEOUT = 60.0


def main() -> None:
    requests = os.fdopen(os.dup(0), "r")
    replies = os.fdopen(os.dup(1), "w")
    for line in requests:
        replies.write(json.dumps(run(json.loads(line))) + "\n")
        replies.flush()


def run(request: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            _child(request, out.fileno(), err.fileno())
        status = _wait(child)
        out.seek(0)
        err.seek(0)
        return {"returncode": status, "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace")}


def _wait(child: int) -> int:
    deadline = time.monotonic() + TIMEOUT
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
        time.sleep(0.005)


def _child(request: dict[str, Any], out: int, err: int) -> None:
    code = 1
    try:
        os.environ.clear()
        os.environ.update(request["env"])
        source = os.open(request.get("stdin") or os.devnull, os.O_RDONLY)
        os.dup2(source, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the process's own, for its whole life)
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        sys.argv = ["bot", *request["argv"]]
        try:
            runpy.run_module("bot", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            if done.code is not None and not isinstance(done.code, int):
                print(done.code, file=sys.stderr)
        except BaseException:  # what the interpreter itself would print for an uncaught exception
            traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


if __name__ == "__main__":
    main()
