"""Questions about a team, a division or a person rather than a company ("Did Prime Video have layoffs?",
"Who is Matt Garman?"): the facts whose words name them.

Articles' facts name teams (as vocabulary keys) and people (in their summary
and detail); trackers' rows name neither, so only the other facts are read,
listed once per snapshot.
"""

from __future__ import annotations

import re

from knowledge.answering.answer import Line, Reply
from knowledge.answering.answerers.teams import team_name
from knowledge.answering.context import Context
from knowledge.answering.lines import line, verdict
from knowledge.answering.retrieve import Round, period_fit
from knowledge.answering.rounds import round_line
from knowledge.answering.scope import is_tracker_fact
from knowledge.answering.snapshot import FactView, Snapshot
from knowledge.language import phrases as ph
from knowledge.language.text import fold
from knowledge.language.vocabulary import TEAMS_BY_KEY
from knowledge.types import FactKind

_ORDER: dict[str, int] = {FactKind.TEAMS: 0, FactKind.CONTEXT: 1, FactKind.LAYOFF: 2}


def mentioned(ctx: Context) -> Reply | None:
    """The facts naming the teams or people the question names, or None when no fact does."""
    query = ctx.query
    found: dict[int, FactView] = {}
    articles = _articles(ctx.snapshot)
    for key in query.teams:
        team = TEAMS_BY_KEY[key]
        for fact, text in articles:
            if key in fact.labels or (fact.kind == FactKind.LAYOFF and team.pattern.search(text)):
                found.setdefault(fact.id, fact)
    for name in query.unknown_names:
        wanted = re.findall(r"[^\W_]+", fold(name))
        for fact, text in articles:
            if wanted and all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in wanted):
                found.setdefault(fact.id, fact)
    period = query.period
    facts = [f for f in found.values() if f.kind in _ORDER and period_fit(period, f) >= 0.9]
    if not facts:
        return None
    facts.sort(key=lambda f: (_ORDER[f.kind], -f.when.toordinal()))
    lines = [_line(ctx, fact) for fact in facts[:2]]
    if query.yes_no:
        lines[0] = verdict(ctx.lang, True, lines[0])
    return Reply(True, lines, 1.0)


def _line(ctx: Context, fact: FactView) -> Line:
    lang = ctx.lang
    if fact.kind == FactKind.TEAMS and fact.labels:
        items = ph.join([team_name(ctx, key) for key in fact.labels], lang)
        return line(ph.say(lang, "teams", when=ph.when(fact.period, lang), who=fact.company or "", items=items),
                    ctx.cite.refs(fact))
    if fact.kind == FactKind.CONTEXT:
        if lang == "en" and fact.summary:
            return line(fact.summary, ctx.cite.refs(fact))
        return line(ph.say(lang, "context", who=fact.company or "", when=ph.when(fact.period, lang),
                           text=fact.detail or fact.summary), ctx.cite.refs(fact))
    return round_line(ctx, Round((fact,)), None)


def _articles(snapshot: Snapshot) -> list[tuple[FactView, str]]:
    """The facts that are not trackers' rows (the only ones whose words name teams and people), with their
    words folded once."""
    found = snapshot.memo.get("article_facts")
    if found is None:
        found = snapshot.memo["article_facts"] = [(f, fold(f"{f.summary} {f.detail or ''}"))
                                                  for f in snapshot.facts.values() if not is_tracker_fact(f)]
    return found  # type: ignore[return-value]
