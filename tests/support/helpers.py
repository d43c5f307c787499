"""Constants and small helpers shared by the tests."""

from __future__ import annotations

from datetime import date

TODAY = date(2024, 4, 10)  # the seed article's time: "so far this year" means 2024
