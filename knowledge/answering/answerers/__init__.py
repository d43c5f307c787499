"""The answerers, one module per kind of question; importing the package registers them all."""

from knowledge.answering.answerers import (  # noqa: F401  (each registers itself)
    count,
    headcount,
    industry,
    reason,
    share,
    teams,
    timeline,
    when,
    who,
)
from knowledge.answering.answerers.registry import COMPANY, INDUSTRY

__all__ = ["COMPANY", "INDUSTRY"]
