"""Reading what people hand us: a size limit whatever the path names, and one sentence when refused."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from knowledge.errors import InvalidInput
from knowledge.files import read_limited, read_stream


def test_a_file_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_bytes(b"x" * 1000)
    assert read_limited(path, 1000) == b"x" * 1000


def test_a_larger_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(10**12)  # sparse: a terabyte that takes no room
    with pytest.raises(InvalidInput, match=r"huge.csv: it is larger than 1 MB, the limit for a tracker export\.$"):
        read_limited(path, 1 << 20, "a tracker export")


def test_an_endless_device_is_cut_at_the_limit() -> None:
    with pytest.raises(InvalidInput, match="/dev/zero: it is larger than 64 KB"):
        read_limited("/dev/zero", 64 * 1024)


def test_a_fifo_with_nobody_writing_reads_as_empty_and_one_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read_limited(fifo, 100) == b""  # and opening it did not wait for a writer
    writer = os.open(fifo, os.O_RDWR)  # a writer that is there before the reader, as with <(command)
    os.write(writer, b"a,b\n" * 10)
    closing = threading.Timer(0.2, os.close, (writer,))
    closing.start()
    try:
        assert read_limited(fifo, 100) == b"a,b\n" * 10
    finally:
        closing.join()
    os.write(writer := os.open(fifo, os.O_RDWR), b"x" * 101)
    try:
        with pytest.raises(InvalidInput, match="larger than 100 bytes"):
            read_limited(fifo, 100)
    finally:
        os.close(writer)


@pytest.mark.parametrize(("name", "message"), [
    ("missing.csv", "there is no such file"),
    ("", "it is a folder; give the path of a file"),
])
def test_missing_files_and_folders(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_limited(tmp_path / name if name else tmp_path, 100)


def test_standard_input_has_the_limit_too() -> None:
    assert read_stream(io.BytesIO(b"q\n" * 10), 20) == b"q\n" * 10
    with pytest.raises(InvalidInput, match="standard input: it is larger than 19 bytes"):
        read_stream(io.BytesIO(b"q\n" * 10), 19)
