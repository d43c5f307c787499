"""The answerers, one module per kind of question; importing the package registers them all."""

from knowledge.answering.answerers import (  # noqa: F401  (each registers itself)
    cost,
    count,
    headcount,
    industry,
    ranking,
    reason,
    share,
    teams,
    timeline,
    when,
    who,
    yesno,
)
from knowledge.answering.answerers.registry import COMPANY, INDUSTRY

__all__ = ["COMPANY", "INDUSTRY"]
