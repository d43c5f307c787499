"""Reading the files people hand us, with a size limit whatever the file is.

A path may name a regular file, a folder, a FIFO or process substitution
(`<(curl ...)`), a device such as /dev/zero, or standard input.  `read_limited`
never holds more than the limit plus one byte, never blocks opening a FIFO
that nobody writes to, and turns every refusal into `InvalidInput` with one
sentence naming the file and the cause.  Tracker exports, articles, question
batches, JSON backups and configuration files are all read through it.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path
from typing import BinaryIO

from knowledge.errors import InvalidInput

_CHUNK = 1 << 20


def read_limited(path: Path | str, limit: int, what: str = "this file") -> bytes:
    """The bytes of `path`, refused when there are more than `limit`; `what` names its use in messages
    ("a tracker export")."""
    name = str(path)
    try:
        # Non-blocking, so opening a FIFO with no writer returns at once (and then reads as empty).
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _unreadable(name, error) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(f"Cannot read {name}: it is a folder; give the path of a file.")
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise too_large(name, limit, what)
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return read_stream(handle, limit, what, name)
    except OSError as error:
        raise _unreadable(name, error) from None
    finally:
        os.close(descriptor)


def read_stream(stream: BinaryIO, limit: int, what: str = "this input", name: str = "standard input") -> bytes:
    """At most `limit` bytes from an open stream (standard input), refused when it holds more."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise too_large(name, limit, what)
    return b"".join(chunks)


def too_large(name: str, limit: int, what: str) -> InvalidInput:
    return InvalidInput(f"Cannot read {name}: it is larger than {_size(limit)}, the limit for {what}.")


def _unreadable(name: str, error: OSError) -> InvalidInput:
    if isinstance(error, FileNotFoundError):
        return InvalidInput(f"Cannot read {name}: there is no such file.")
    if isinstance(error, PermissionError):
        return InvalidInput(f"Cannot read {name}: this user may not read it (permission denied).")
    if isinstance(error, IsADirectoryError):
        return InvalidInput(f"Cannot read {name}: it is a folder; give the path of a file.")
    return InvalidInput(f"Cannot read {name}: {error.strerror or error}.")


def _size(limit: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if limit >= factor:
            return f"{limit / factor:g} {unit}"
    return f"{limit} bytes"
