"""The answers one snapshot gave lately, so the same question asked again is answered at once.

People ask alike: when a company announces cuts, a server asks "how many did X cut?" many times within minutes,
and the command line's batch files repeat questions.  An answer depends only on the question, the day, the
language asked for, and the snapshot (the settings are fixed for a knowledge base's life), and answers are
frozen data, so giving the same object again is exact, not approximate.

The answers belong to one snapshot: when another one is current, they are all forgotten at once (keeping them
would also keep the old snapshot's facts alive in memory).  Least recently used answers go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from knowledge.answering.answer import Answer
from knowledge.answering.snapshot import Snapshot

Key = tuple[str, date, str]


class RecentAnswers:
    def __init__(self, size: int) -> None:
        self.size = size
        self._of: Snapshot | None = None
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self._lock = threading.Lock()  # the bot answers on its event loop, but tools may share a knowledge base

    def __len__(self) -> int:
        return len(self._answers)

    def forget(self) -> None:
        """Drop every answer (another snapshot is current now)."""
        with self._lock:
            self._of = None
            self._answers.clear()

    def get(self, snapshot: Snapshot, key: Key, answer: Callable[[], Answer]) -> Answer:
        """The answer remembered for `key` on `snapshot`, else `answer()` (remembered)."""
        if self.size <= 0:
            return answer()
        with self._lock:
            if snapshot is self._of:
                found = self._answers.get(key)
                if found is not None:
                    self._answers.move_to_end(key)
                    return found
        given = answer()  # outside the lock: another thread's question need not wait for this one
        with self._lock:
            if snapshot is not self._of:
                if self._of is not None and snapshot.generation < self._of.generation:
                    return given  # an older snapshot than the one remembered (a thread that was late)
                self._of = snapshot
                self._answers.clear()
            self._answers[key] = given
            if len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return given
