"""Per-member rate limits for questions, shared by /ask, mentions and DMs."""

from __future__ import annotations

import time

from discord.app_commands import Cooldown


class Cooldowns:
    """At most `rate` questions per `per` seconds for each member; buckets expire when idle."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, Cooldown] = {}
        self._swept = time.time()

    def retry_after(self, user_id: int) -> float:
        """0 when the question may go ahead (and counts it), else seconds to wait."""
        now = time.time()
        if now - self._swept > self.per * 2:
            self._buckets = {k: v for k, v in self._buckets.items() if now - v._last < self.per}
            self._swept = now
        bucket = self._buckets.setdefault(user_id, Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now) or 0.0
