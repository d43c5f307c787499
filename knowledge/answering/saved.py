"""Snapshots saved on disk, so that a process starting on an unchanged knowledge base does not build one.

Building a snapshot reads every active fact and indexes it: a quarter of a second on the tracker's 4,400 facts,
seconds at 100,000, most of what a one-question command costs.  The file written here holds the snapshot with
its tag index, under a name made from the database's identity, and the *stamp* it was built at: the generation,
the newest recorded change, the schema's revision, and the code's own (a snapshot pickled by other code is
never read).  A process that finds a file whose stamp it can vouch for loads it and, if the knowledge moved on
since, applies the changes like any process holding a snapshot (`knowledge.answering.snapshot.apply_changes`);
anything else (another database, a migration, new code, a damaged file) makes it build from scratch and write
the file again.

The files are pickles, readable by whoever can write the folder: it is the user's own cache folder, created
readable by them alone.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from knowledge.answering.snapshot import Snapshot

log = logging.getLogger(__name__)

FORMAT = 3  # the layout of the file itself (3: the stamp names the newest revision row)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a saved snapshot was built from; see `knowledge.storage.store.Store.snapshot_stamp`."""

    instance: str  # the database's identity: when its first revision was written
    generation: int
    newest_change: int  # the id of the newest change row then (0: none)
    newest_generation: int  # the generation that row records: a database with another history has another
    revision: str | None  # the schema's
    newest_revision: int  # the id of the newest revision row then (0: none)
    newest_revision_at: str  # when it was written: a copy of the file put back and changed since has another


def path_for(folder: Path, database: str) -> Path:
    """The file for a database (its URL without password): one file per database, whatever its state."""
    name = hashlib.sha256(database.encode("utf-8")).hexdigest()[:24]
    return folder / f"snapshot-{name}.pickle"


def load(path: Path) -> tuple[Stamp, Snapshot] | None:
    """The snapshot saved at `path` and its stamp; None when there is none this code can use."""
    collecting = gc.isenabled()
    try:
        with path.open("rb") as file:
            header = pickle.load(file)
            if header != (FORMAT, code_version()):
                return None
            # Nothing unpickled is garbage, yet the collector would walk the growing heap again and again
            # while its hundred thousand objects are made (a fifth of the load), and once turned back on, walk
            # them all at its next collection: they are frozen first, as a snapshot built here would be
            # (`knowledge.kb._settle`; frozen objects are still freed when no longer referenced).
            gc.disable()
            stamp, snapshot = pickle.load(file)
            gc.freeze()
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged, truncated or foreign file is only a cache: built again
        log.warning("the saved snapshot %s could not be read (%s): building it again", path, error)
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(stamp, Stamp) or not isinstance(snapshot, Snapshot):
        return None
    return stamp, snapshot


def save(path: Path, stamp: Stamp, snapshot: Snapshot) -> None:
    """Write the snapshot atomically (readers see the old file or the new, never half of one); failures are
    logged, not raised: the cache is an optimisation."""
    kept: dict[object, object] = {key: value for key, value in snapshot.memo.items()
                                  if key in ("tag_index", "article_facts")}
    import tempfile  # here: a process that only loads (a one-question command) is spared its 10 ms of imports

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=".snapshot-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump((FORMAT, code_version()), file, protocol=pickle.HIGHEST_PROTOCOL)
                _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump((stamp, replace(snapshot, memo=kept)))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        log.warning("the snapshot could not be saved to %s: %s", path, error)


class _Pickler(pickle.Pickler):
    """Pickles a frozen dataclass as a call of its class with its fields' values.

    By default a frozen dataclass with slots is rebuilt through `dataclasses._dataclass_setstate`, which looks
    its fields up again for every object: unpickling the tracker's 23,000 facts, sources, citations, names and
    tags spent more time there than in pickle itself.  The class's own `__init__` sets the same fields in one
    call.  Classes whose `__init__` does not take every field as it is (a field left out of it, keyword-only
    fields, a `__post_init__`) keep the default."""

    def reducer_override(self, obj: Any) -> Any:
        kind: type = type(obj)
        names = _init_fields(kind)
        if names is None:
            return NotImplemented
        return kind, tuple(getattr(obj, name) for name in names)


@cache
def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields a frozen dataclass's `__init__` takes in order, when it takes all and does nothing else."""
    if not dataclasses.is_dataclass(cls) or not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return None  # not frozen: pickle's own handling sets the attributes directly
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(not f.init or f.kw_only for f in fields):
        return None
    names = tuple(f.name for f in fields)
    code = getattr(cls.__init__, "__code__", None)  # the generated one: it takes exactly the fields, in order
    if code is None or code.co_argcount != len(names) + 1 or code.co_varnames[1:code.co_argcount] != names:
        return None
    return names


_VERSION: list[str] = []


def code_version() -> str:
    """A fingerprint of the core's code (each module's size and modification time): a snapshot holds objects of
    its classes and the vocabulary it was indexed with, so any change to it makes saved snapshots unusable."""
    if not _VERSION:
        digest = hashlib.sha256()
        root = Path(__file__).resolve().parents[1]  # the knowledge package
        for name, size, modified in sorted(_modules(str(root), "")):
            digest.update(f"{name}:{size}:{modified};".encode())
        _VERSION.append(digest.hexdigest()[:16])
    return _VERSION[0]


def _modules(folder: str, prefix: str) -> Iterator[tuple[str, int, int]]:
    """(path under the package, size, modification time) of every module below `folder`: os.scandir has the
    sizes and times at hand, where Path.rglob and a stat per file cost a one-question command 5 ms."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _modules(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                status = entry.stat()
                yield f"{prefix}{entry.name}", status.st_size, status.st_mtime_ns
