"""Query + snapshot -> Answer: choosing what to say and citing every figure.

Each kind of question has one small function that picks facts (through
`knowledge.retrieve`) and words them (through `knowledge.phrases`).  Every
sentence that states a figure carries the citation markers of the facts it
came from; a figure no fact holds is never written, and when the knowledge
does not answer, the reply declines and says what is known instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from knowledge import phrases as ph
from knowledge.answer import Answer, Citation
from knowledge.companies import CompanyMatch
from knowledge.intents import Intent
from knowledge.models import FactKind, SourceKind
from knowledge.periods import Period, years
from knowledge.retrieve import (
    IndustryTotal,
    Round,
    Total,
    biggest,
    dataset_coverage,
    industry_facts,
    industry_total,
    layoff_facts,
    period_fit,
    rank,
    relevant,
    rounds_of,
    stated_total,
    total_of,
)
from knowledge.settings import AnswerSettings
from knowledge.snapshot import FactView, Snapshot, SourceView
from knowledge.understand import Query
from knowledge.vocabulary import REASONS_BY_KEY, TEAMS_BY_KEY

_SOURCES_PER_FACT = 2  # enough to show agreement without drowning the answer


class _Citations:
    """Numbers sources in the order the text first cites them; facts share their source's number."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[int, int] = {}  # source id -> reference number
        self._pairs: set[tuple[int, int]] = set()

    def mark(self, *facts: FactView) -> str:
        return _markers({number for fact in facts for number in self._own(fact)})

    def mark_source(self, fact: FactView, source: SourceView) -> str:
        """Cite one particular source of a fact (e.g. a tracker export behind a total)."""
        return _markers({self._number(fact, source)})

    def mark_counted(self, *facts: FactView) -> str:
        """Cite facts a sentence adds up without listing them one by one.

        Tracker rows cite their export, one reference for all of them, so a total
        over dozens of rounds stays readable and every figure in it is still cited.
        """
        numbers: set[int] = set()
        for fact in facts:
            exports = [c.source for c in fact.citations if c.source.kind == SourceKind.DATASET]
            numbers |= {self._number(fact, exports[0])} if exports else self._own(fact)
        return _markers(numbers)

    def _own(self, fact: FactView) -> set[int]:
        # A row's own link says more than the export it sits in; the export is
        # cited only for facts with no other source (and for totals, separately).
        own = [c for c in fact.citations if c.source.kind != SourceKind.DATASET] or list(fact.citations)
        return {self._number(fact, cited.source) for cited in own[:_SOURCES_PER_FACT]}

    def _number(self, fact: FactView, source: SourceView) -> int:
        number = self._numbers.setdefault(source.id, len(self._numbers) + 1)
        if (fact.id, source.id) not in self._pairs:
            self._pairs.add((fact.id, source.id))
            self.items.append(Citation(number, fact, source))
        return number


def _markers(numbers: set[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(numbers))


@dataclass
class _Reply:
    """What one handler found to say."""

    answered: bool
    lines: list[str] = field(default_factory=list)
    confidence: float = 0.0
    suggestions: list[str] = field(default_factory=list)


class Composer:
    def __init__(self, query: Query, snapshot: Snapshot, settings: AnswerSettings) -> None:
        self.query = query
        self.snapshot = snapshot
        self.settings = settings
        self.lang = query.language
        self.cite = _Citations()

    # -- entry point ----------------------------------------------------------------------------

    def answer(self) -> Answer:
        query = self.query
        if query.companies:
            reply = self._about_companies()
        elif not query.on_topic:
            reply = _Reply(False, [ph.say(self.lang, "decline_off_topic")], suggestions=self._examples())
        elif query.unknown_names:
            reply = self._unknown_company(query.unknown_names[0])
        else:
            reply = self._about_industry()
        if reply.answered and reply.confidence < self.settings.min_confidence:
            reply = _Reply(False, [ph.say(self.lang, "decline_unclear")], reply.confidence,
                           reply.suggestions or self._examples())
        return self._finish(reply)

    def timeline(self, match: CompanyMatch) -> Answer:
        """Every layoff round of a company (and its subsidiaries), in the query's period if it has one."""
        return self._finish(self._timeline(match, self.snapshot.family(match.company_id)))

    def _finish(self, reply: _Reply) -> Answer:
        query = self.query
        citations = tuple(self.cite.items) if reply.answered else ()
        return Answer(
            question=query.question,
            language=self.lang,
            answered=reply.answered,
            body="\n".join(reply.lines),
            citations=citations,
            notes=self._notes(citations),
            suggestions=tuple(dict.fromkeys(reply.suggestions)),
            confidence=reply.confidence,
            intent=query.intent.value,
            references=tuple(self._reference(c) for c in {c.number: c for c in citations}.values()),
        )

    def _rank(self, facts: Sequence[FactView], period: Period | None) -> list[FactView]:
        return rank(facts, period, self.query.numbers, self.query.folded)

    # -- companies ------------------------------------------------------------------------------

    def _about_companies(self) -> _Reply:
        seen: dict[int, CompanyMatch] = {}
        for match in self.query.companies:
            seen.setdefault(match.company_id, match)
        replies = [self._about_company(match) for match in list(seen.values())[:3]]
        answered = [r for r in replies if r.answered]
        if not answered:
            return _Reply(False, [line for r in replies for line in r.lines],
                          suggestions=[s for r in replies for s in r.suggestions])
        return _Reply(True, [line for r in replies for line in r.lines],
                      min(r.confidence for r in answered), [s for r in replies for s in r.suggestions])

    def _about_company(self, match: CompanyMatch) -> _Reply:
        ids = self.snapshot.family(match.company_id)
        intent = self.query.intent
        handlers = {
            Intent.SHARE: self._share,
            Intent.WHEN: self._when,
            Intent.TEAMS: self._teams,
            Intent.REASON: self._reason,
            Intent.WHO: self._who,
            Intent.HEADCOUNT: self._headcount,
            Intent.BIGGEST: self._company_biggest,
        }
        if intent in handlers:
            reply = handlers[intent](match, ids)
        elif intent is Intent.TIMELINE and self.query.period is None:
            reply = self._timeline(match, ids)
        else:
            reply = self._count(match, ids)
        reply.confidence *= match.score
        if match.via == "typo":
            reply.suggestions.insert(0, ph.say(self.lang, "did_you_mean", names=self.snapshot.company_name(
                match.company_id)))
        return reply

    def _who_label(self, fact: FactView | None, match: CompanyMatch | None = None) -> str:
        """The entity a figure is about, as the asker will recognise it."""
        if fact is None or fact.company is None:
            return match.written if match else ""
        if match and match.company_id == fact.company_id and match.via == "alias":
            return f"{fact.company} ({match.written})"
        return fact.company

    def _count(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        facts = layoff_facts(self.snapshot, ids)
        if not facts:
            return self._decline_company(match, ids)
        period = self.query.period
        if period is None:
            rounds = rounds_of(facts)
            if len(rounds) == 1:
                return _Reply(True, [self._round_sentence(rounds[0], match)], 1.0)
            return self._timeline(match, ids)
        stated = stated_total([f for f in facts if f.company_id == match.company_id] or facts, period)
        if stated is not None:
            return _Reply(True, [self._stated_sentence(stated, match)], 1.0)
        inside = [f for f in facts if period_fit(period, f) >= 0.9]
        if inside:
            return self._rounds_reply(rounds_of(inside), match, period)
        broader = [f for f in facts if f.period and f.period.contains(period) and f.has_count]
        if broader:
            best = self._rank(broader, period)[0]
            line = ph.say(self.lang, "broader_only", when=ph.when(period, self.lang),
                          sentence=self._stated_sentence(best, match))
            return _Reply(True, [line], 0.6)
        return self._decline_company(match, ids)

    def _rounds_reply(self, rounds: list[Round], match: CompanyMatch, period: Period) -> _Reply:
        if len(rounds) == 1:
            return _Reply(True, [self._round_sentence(rounds[0], match, period)], 1.0)
        total = total_of(rounds)
        if len(total.rounds) == 1:
            return _Reply(True, [self._round_sentence(total.rounds[0], match, period)], 1.0)
        return _Reply(True, [self._total_sentence(total, match, period)], 1.0)

    def _stated_sentence(self, fact: FactView, match: CompanyMatch | None) -> str:
        what = ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, self.lang), self.lang)
        text = ph.say(self.lang, "stated_total", who=self._who_label(fact, match), what=what,
                      when=ph.when(fact.period, self.lang))
        reason = self._reason_for(fact)
        markers = self.cite.mark(fact)
        if reason is not None:
            clause = ph.join([self._reason_clause(key, "after") for key in reason.labels], self.lang)
            if clause:
                text += f", {clause}"
            markers = self.cite.mark(fact, reason)
        return f"{ph.sentence(text)} {markers}"

    def _reason_for(self, fact: FactView) -> FactView | None:
        """A reason stated for the same company and period as a figure."""
        if fact.company_id is None or fact.period is None:
            return None
        for other in self.snapshot.by_company.get(fact.company_id, ()):
            if other.kind == FactKind.REASON and other.labels and other.period == fact.period:
                return other
        return None

    def _round_sentence(self, round_: Round, match: CompanyMatch | None, period: Period | None = None) -> str:
        fact = round_.main
        who = self._who_label(fact, match)
        when = ph.when(fact.period, self.lang)
        if round_.disputed:
            items = [f"{self._figure(f)} {self.cite.mark(f)}" for f in round_.facts]
            return ph.sentence(ph.say(self.lang, "dispute", who=who, when=when, items="; ".join(items)))
        return f"{ph.sentence(self._round_text(fact, who, when))} {self.cite.mark(*round_.facts)}"

    def _round_text(self, fact: FactView, who: str, when: str) -> str:
        share = ph.qualified_percent(fact.percent, fact.percent_qualifier, self.lang) if fact.percent else None
        if fact.has_count:
            what = self._figure(fact)
            key = "laid_off_share" if share else "laid_off"
            return ph.say(self.lang, key, who=who, what=what, share=share, when=when)
        if share:
            return ph.say(self.lang, "cut_share", who=who, share=share, when=when)
        return ph.say(self.lang, "round_on", who=who, when=when)

    def _figure(self, fact: FactView) -> str:
        if not fact.has_count:
            return ph.say(self.lang, "unknown_size")
        return ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, self.lang), self.lang)

    def _total_sentence(self, total: Total, match: CompanyMatch, period: Period) -> str:
        who = self._who_label(total.rounds[0].main, match) if len({r.main.company_id for r in total.rounds}) == 1 \
            else match.written
        parts: list[str] = []
        if total.parts:
            # When sources disagree on a round, an exact total is the range their figures give, not one side's sum.
            what = ph.people(ph.qualified(total.low, total.high, total.qualifier, self.lang), self.lang)
            parts.append(ph.say_n(self.lang, "total_rounds", len(total.parts), who=who, what=what,
                                  when=ph.when(period, self.lang)))
        shown, rest = total.parts[: self.settings.max_citations], total.parts[self.settings.max_citations:]
        items = [self._round_item(r, match) for r in shown]
        if rest:  # the total adds these up too, so they are cited too
            items.append(f"{ph.say_n(self.lang, 'rounds_more', len(rest))} "
                         f"{self.cite.mark_counted(*[f for r in rest for f in r.facts])}")
        lines = [ph.sentence(parts[0]) if parts else ""]
        if items:
            lines.append(ph.sentence(ph.say(self.lang, "rounds_list", items="; ".join(items))))
        extras = [self._round_item(r, match) for r in total.vague]
        if extras:
            lines.append(ph.sentence(ph.say(self.lang, "plus_vague", items="; ".join(extras))))
        if total.unsized:
            markers = self.cite.mark_counted(*[r.main for r in total.unsized])
            lines.append(f"{ph.sentence(ph.say_n(self.lang, 'plus_unsized', len(total.unsized)))} {markers}")
        return " ".join(line for line in lines if line)

    def _round_item(self, round_: Round, match: CompanyMatch | None) -> str:
        fact = round_.main
        label = self._who_label(fact, match)
        prefix = f"{label}, " if match and fact.company_id != match.company_id else ""
        when = ph.when(fact.period, self.lang)
        if round_.disputed:
            return f"{prefix}{self._alternatives(round_, self._figure)} {when}"
        return f"{prefix}{self._figure(fact)} {when} {self.cite.mark(*round_.facts)}"

    def _alternatives(self, round_: Round, figure: Callable[[FactView], str]) -> str:
        """A disputed round in a list: each source's figure beside that source's marker, never one figure
        cited to a source that gives another ("11,000 people [1] / 12,000 people [2] (sources disagree)")."""
        items = " / ".join(f"{figure(f)} {self.cite.mark(f)}" for f in round_.facts)
        return ph.say(self.lang, "disputed_item", items=items)

    def _timeline(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        facts = relevant(layoff_facts(self.snapshot, ids), {FactKind.LAYOFF}, self.query.period, 0.9)
        if not facts:
            return self._decline_company(match, ids)
        rounds = sorted(rounds_of(facts), key=lambda r: r.main.when, reverse=True)
        years = [y for r in rounds for y in r.main.years]
        span = f" ({ph.year_span(range(min(years), max(years) + 1), self.lang)})" if years else ""
        name = self.snapshot.company_name(match.company_id) or match.written
        lines = [ph.say_n(self.lang, "timeline_head", len(rounds), who=name, span=span)]
        shown = rounds[: self.settings.max_citations]
        for round_ in shown:
            when = self._short_when(round_.main)
            if round_.disputed:
                what = self._label(round_.main, match) + self._alternatives(round_, self._item_figure)
                lines.append(f"• {ph.say(self.lang, 'timeline_item', when=when, what=what)}")
                continue
            item = ph.say(self.lang, "timeline_item", when=when, what=self._item(round_.main, match))
            lines.append(f"• {item} {self.cite.mark(*round_.facts)}")
        if len(rounds) > len(shown):
            lines.append(ph.say(self.lang, "timeline_more", n=ph.number(len(rounds) - len(shown), self.lang)))
        return _Reply(True, lines, 1.0)

    def _item(self, fact: FactView, match: CompanyMatch | None) -> str:
        """A round in a list: "14,000 people (1% of staff)", "AWS, several hundred people"."""
        return self._label(fact, match) + self._item_figure(fact)

    @staticmethod
    def _label(fact: FactView, match: CompanyMatch | None) -> str:
        """"AWS, " before a subsidiary's round in a list about its parent."""
        return f"{fact.company}, " if match and fact.company_id != match.company_id and fact.company else ""

    def _item_figure(self, fact: FactView) -> str:
        share = ""
        if fact.percent:
            share = ph.say(self.lang, "share_of_staff",
                           share=ph.qualified_percent(fact.percent, fact.percent_qualifier, self.lang))
        if fact.has_count:
            what = self._figure(fact) + (f" ({share})" if share else "")
        else:
            what = share or ph.say(self.lang, "no_figure")
        return what

    def _short_when(self, fact: FactView) -> str:
        if fact.period is None:
            return "?"
        if fact.period.start == fact.period.end:
            return ph.day(fact.period.start, self.lang)
        return ph.when(fact.period, self.lang)

    def _company_biggest(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        facts = [f for f in relevant(layoff_facts(self.snapshot, ids), {FactKind.LAYOFF}, self.query.period, 0.9)
                 if f.has_count and not f.cumulative]
        if not facts:
            return self._count(match, ids)
        best = max(facts, key=lambda f: f.size)
        return _Reply(True, [self._round_sentence(Round((best,)), match)], 1.0)

    def _share(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = [f for f in relevant(layoff_facts(self.snapshot, ids), {FactKind.LAYOFF}, period, 0.9) if f.percent]
        if not facts:
            return self._decline_company(match, ids, what="kind_share")
        rounds = sorted(rounds_of(self._rank(facts, period)), key=lambda r: r.main.when, reverse=True)
        lines = [self._round_sentence(r, match) for r in rounds[:3]]
        return _Reply(True, lines, 1.0)

    def _when(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = relevant(layoff_facts(self.snapshot, ids), {FactKind.LAYOFF}, period, 0.9)
        facts = [f for f in facts if f.when != date.min and not f.cumulative] or facts
        if not facts:
            return self._decline_company(match, ids, what="kind_dates")
        rounds = rounds_of(facts)
        if self._asks_for_start() or len(rounds) == 1:
            first = rounds[0].main
            if first.period and first.period.start == first.period.end:
                text = ph.say(self.lang, "started", who=self._who_label(first, match),
                              day=ph.day(first.period.start, self.lang))
                return _Reply(True, [f"{ph.sentence(text)} {self.cite.mark(*rounds[0].facts)}"], 1.0)
            return _Reply(True, [self._round_sentence(rounds[0], match)], 1.0)
        ordered = sorted(rounds, key=lambda r: r.main.when, reverse=True)
        return _Reply(True, [self._round_sentence(r, match) for r in ordered[:3]], 1.0)

    def _asks_for_start(self) -> bool:
        return any(word in self.query.folded.split() for word in ("start", "started", "begin", "began", "first",
                                                                 "commence", "debut", "premier", "premiere"))

    def _teams(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = self._rank(relevant(self.snapshot.facts_about(ids), {FactKind.TEAMS}, period, 0.9), period)
        if not facts:
            detailed = [f for f in relevant(layoff_facts(self.snapshot, ids), {FactKind.LAYOFF}, period, 0.9)
                        if f.detail]
            if not detailed:
                return self._decline_company(match, ids, what="kind_teams")
            facts = self._rank(detailed, period)
        lines = []
        for fact in facts[:2]:
            names = [self._team_name(key) for key in fact.labels] or ([fact.detail] if fact.detail else [])
            text = ph.say(self.lang, "teams", when=ph.when(fact.period, self.lang), who=self._who_label(fact, match),
                          items=ph.join(names, self.lang))
            lines.append(f"{ph.sentence(text)} {self.cite.mark(fact)}")
        return _Reply(True, lines, 1.0)

    def _team_name(self, key: str) -> str:
        team = TEAMS_BY_KEY.get(key)
        if team is None:
            return key
        return team.fr if self.lang == "fr" else team.en

    def _reason(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = self._rank(relevant(self.snapshot.facts_about(ids), {FactKind.REASON}, period, 0.9), period)
        if not facts:
            return self._decline_company(match, ids, what="kind_reason")
        lines = []
        for fact in facts[:2]:
            who, when = self._who_label(fact, match), ph.when(fact.period, self.lang)
            if fact.labels:
                clause = ph.join([self._reason_clause(key, "because") for key in fact.labels], self.lang)
                text = ph.say(self.lang, "reason", who=who, when=when, clause=clause)
            else:
                text = ph.say(self.lang, "reason_free", who=who, when=when, text=fact.detail or fact.summary)
            lines.append(f"{ph.sentence(text)} {self.cite.mark(fact)}")
        return _Reply(True, lines, 1.0)

    def _reason_clause(self, key: str, form: str) -> str:
        reason = REASONS_BY_KEY.get(key)
        if reason is None:
            return ""
        if self.lang == "fr":
            if form == "after":
                return reason.fr_after
            clause = reason.fr_because
            return f"parce qu'{clause}" if clause[:1] in "aeéiouy" else f"parce que {clause}"
        return reason.en_after if form == "after" else f"because {reason.en_because}"

    def _who(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = self._rank(relevant(self.snapshot.facts_about(ids), {FactKind.CONTEXT}, period, 0.9), period)
        if not facts:
            return self._teams(match, ids)
        lines = []
        for fact in facts[:2]:
            if self.lang == "en" and fact.summary:
                text = fact.summary
            else:
                text = ph.say(self.lang, "context", who=self._who_label(fact, match),
                              when=ph.when(fact.period, self.lang), text=fact.detail or fact.summary)
            lines.append(f"{ph.sentence(text)} {self.cite.mark(fact)}")
        return _Reply(True, lines, 1.0)

    def _headcount(self, match: CompanyMatch, ids: list[int]) -> _Reply:
        period = self.query.period
        facts = self._rank(relevant(self.snapshot.facts_about(ids), {FactKind.HEADCOUNT}, period, 0.3), period)
        if not facts:
            return self._decline_company(match, ids, what="kind_headcount")
        fact = facts[0]
        scope = ph.say(self.lang, "headcount_scope", scope=fact.detail) if fact.detail else ""
        as_of = ph.say(self.lang, "as_of", day=ph.day(fact.when, self.lang)) if fact.when != date.min else ""
        what = ph.people(ph.qualified(fact.count_min, fact.count_max, fact.qualifier, self.lang), self.lang)
        text = ph.say(self.lang, "headcount", who=self._who_label(fact, match), what=what, scope=scope, when=as_of)
        return _Reply(True, [f"{ph.sentence(text)} {self.cite.mark(fact)}"], 1.0)

    # -- the whole industry ---------------------------------------------------------------------

    def _about_industry(self) -> _Reply:
        intent = self.query.intent
        if intent in {Intent.REASON, Intent.TEAMS, Intent.SHARE, Intent.WHEN, Intent.WHO, Intent.HEADCOUNT}:
            return _Reply(False, [ph.say(self.lang, "decline_needs_company")], suggestions=self._examples())
        if intent is Intent.BIGGEST:
            return self._industry_biggest()
        if intent is Intent.COMPANIES:
            return self._industry_companies()
        return self._industry_count()

    def _industry_period(self) -> Period | None:
        if self.query.period is not None:
            return self.query.period
        dates = self.snapshot._dates
        if not dates:
            return None
        return Period(dates[0], dates[-1], "range")

    def _industry_biggest(self) -> _Reply:
        period = self._industry_period()
        if period is None:
            return self._decline_industry()
        top = biggest(self.snapshot, period)
        if not top:
            return self._decline_industry()
        first = top[0].main
        share = f" ({ph.qualified_percent(first.percent, first.percent_qualifier, self.lang)})" if first.percent else ""
        text = ph.say(self.lang, "biggest", when=ph.when(period, self.lang), who=first.company,
                      what=self._figure(first), share=share, day=ph.when(first.period, self.lang))
        lines = [f"{ph.sentence(text)} {self.cite.mark(first)}"]
        rest = [f"{r.main.company}, {self._figure(r.main)} {ph.when(r.main.period, self.lang)} {self.cite.mark(r.main)}"
                for r in top[1:]]
        if rest:
            lines.append(ph.sentence(ph.say(self.lang, "biggest_next", items="; ".join(rest))))
        return _Reply(True, lines, 1.0)

    def _industry_companies(self) -> _Reply:
        return self._industry(FactKind.COMPANIES, "companies_stated", "companies_sum")

    def _industry_count(self) -> _Reply:
        return self._industry(FactKind.LAYOFF, "industry_stated", "industry_sum")

    def _industry(self, kind: str, stated_key: str, sum_key: str) -> _Reply:
        """An industry-wide figure: a source's own (preferred), else what the trackers add up to.

        A running total ("so far this year", as of a source's date) answers a "so far"
        question; for a whole period the trackers' sum comes first and the running
        total follows, labelled with its date.
        """
        period = self._industry_period()
        stated = self._rank([f for f in industry_facts(self.snapshot, kind) if period_fit(period, f) >= 0.9], period)
        total = industry_total(self.snapshot, period) if period is not None else None
        so_far = self.query.period is None or self.query.period.grain in {"to_date", "since"}
        lines: list[str] = []
        if total is not None and (not stated or (stated[0].period and stated[0].period.grain == "to_date"
                                                   and not so_far)):
            lines.append(self._tracker_sentence(total, sum_key, period))
            if stated:
                fact = stated[0]
                text = ph.say(self.lang, "running_total_too", publisher=self._publisher(fact),
                              what=self._stated_figure(fact, kind), when=ph.when(fact.period, self.lang))
                lines.append(f"{ph.sentence(text)} {self.cite.mark(fact)}")
            return _Reply(True, lines, 0.9)
        if stated:
            fact = stated[0]
            text = ph.say(self.lang, stated_key, what=ph.qualified(fact.count_min, fact.count_max, fact.qualifier,
                                                                   self.lang),
                          when=ph.when(fact.period, self.lang), publisher=self._publisher(fact))
            return _Reply(True, [f"{ph.sentence(text)} {self.cite.mark(fact)}"], 1.0)
        return self._decline_industry()

    def _stated_figure(self, fact: FactView, kind: str) -> str:
        figure = ph.qualified(fact.count_min, fact.count_max, fact.qualifier, self.lang)
        return ph.people(figure, self.lang, "companies" if kind == FactKind.COMPANIES else "people")

    def _tracker_sentence(self, total: IndustryTotal, key: str, period: Period | None) -> str:
        when = ph.when(period, self.lang)
        companies = ph.say_n(self.lang, "n_companies", total.companies)
        if key == "companies_sum":
            text = ph.say(self.lang, key, what=companies, when=when)
        else:
            text = ph.say(self.lang, key, what=ph.qualified(total.low, total.low, total.qualifier, self.lang),
                          when=when, rounds=ph.say_n(self.lang, "layoff_rounds", total.rounds), companies=companies)
            if total.unsized:
                text += ph.say_n(self.lang, "industry_unsized", total.unsized)
        sentence = f"{ph.sentence(text)} {self._cite_datasets(total.facts)}"
        coverage = [ph.say(self.lang, "coverage", publisher=source.publisher or source.title or "",
                           first=ph.month_name(first.year, first.month, self.lang),
                           last=ph.month_name(last.year, last.month, self.lang))
                    for source, (first, last) in dataset_coverage(self.snapshot, total.facts)]
        return " ".join([sentence, *coverage])

    def _cite_datasets(self, facts: Sequence[FactView]) -> str:
        """Cite the tracker exports behind a total (not each of its thousands of rows)."""
        markers: dict[int, str] = {}
        for fact in facts:
            for cited in fact.citations:
                if cited.source.kind == SourceKind.DATASET and cited.source.id not in markers:
                    markers[cited.source.id] = self.cite.mark_source(fact, cited.source)
        if markers:
            return "".join(markers.values())
        return self.cite.mark(*sorted(facts, key=lambda f: f.size, reverse=True)[:3])

    def _publisher(self, fact: FactView) -> str:
        source = fact.citations[0].source if fact.citations else None
        return (source.publisher or source.title or source.url or "") if source else ""

    # -- declining ------------------------------------------------------------------------------

    def _decline_company(self, match: CompanyMatch, ids: list[int], what: str | None = None) -> _Reply:
        name = self.snapshot.company_name(match.company_id) or match.written
        facts = layoff_facts(self.snapshot, ids)
        period = self.query.period
        when = f" {ph.when(period, self.lang)}" if period else ""
        if not self.snapshot.facts_about(ids):
            lines = [ph.say(self.lang, "decline_no_facts", who=name), self._known_companies()]
        elif what:
            lines = [ph.say(self.lang, "decline_kind", what=ph.say(self.lang, what), who=name, when=when)]
        else:
            lines = [ph.say(self.lang, "decline_period", who=name, when=ph.when(period, self.lang) if period else "")]
        years = sorted({y for f in facts for y in f.years})
        suggestions = []
        if years:
            lines.append(ph.say(self.lang, "known_years", who=name, years=ph.year_span(years, self.lang)))
            suggestions.append(ph.say(self.lang, "example_count", who=name, year=years[-1]))
            suggestions.append(ph.say(self.lang, "example_open", who=name))
        return _Reply(False, [" ".join(line for line in lines if line)], suggestions=suggestions or self._examples())

    def _unknown_company(self, name: str) -> _Reply:
        lines = [ph.say(self.lang, "decline_unknown_company", name=name)]
        similar = [display for cid, display in self.snapshot.matcher.suggest(name)
                   if self.snapshot.by_company.get(cid)]
        suggestions = []
        if similar:
            lines.append(ph.say(self.lang, "did_you_mean", names=ph.join(similar, self.lang)))
            suggestions += [ph.say(self.lang, "example_open", who=s) for s in similar]
        else:
            lines.append(self._known_companies())
        return _Reply(False, [" ".join(line for line in lines if line)], suggestions=suggestions + self._examples())

    def _known_companies(self) -> str:
        """The companies the knowledge base knows most about, with their years."""
        ranked = _busiest(self.snapshot)[:3]
        known = []
        for _, cid in ranked:
            years = sorted({y for f in self.snapshot.by_company[cid] for y in f.years})
            name = self.snapshot.company_name(cid)
            known.append(f"{name} ({ph.year_span(years, self.lang)})" if years else str(name))
        return ph.say(self.lang, "known_companies", names=ph.join(known, self.lang)) if known else ""

    def _decline_industry(self) -> _Reply:
        when = ph.when(self.query.period, self.lang) if self.query.period else ""
        return _Reply(False, [ph.say(self.lang, "decline_industry", when=when).replace(" .", ".")],
                      suggestions=self._examples())

    def _examples(self) -> list[str]:
        """Questions the knowledge base can answer, from the companies it knows best."""
        busiest = _busiest(self.snapshot)[:2]
        examples = []
        for _, cid in busiest:
            name = self.snapshot.company_name(cid)
            facts = [f for f in self.snapshot.by_company[cid] if f.kind == FactKind.LAYOFF and f.when != date.min]
            if name and facts:
                examples.append(ph.say(self.lang, "example_count", who=name, year=facts[-1].when.year))
        return examples

    # -- notes and references -------------------------------------------------------------------

    def _notes(self, citations: Sequence[Citation]) -> tuple[str, ...]:
        notes: list[str] = []
        for fact in {c.fact.id: c.fact for c in citations}.values():
            for caveat in fact.caveats:
                note = self._caveat(caveat)
                if note and note not in notes:
                    notes.append(note)
        return tuple(notes)

    def _caveat(self, caveat: dict[str, str]) -> str | None:
        if caveat.get("code") != "weekday_mismatch":
            return None
        stated = date.fromisoformat(caveat["date"])
        likely = ph.day(date.fromisoformat(caveat["likely"]), self.lang) if caveat.get("likely") else "?"
        stated_day = ph.day(stated, self.lang).rsplit(" ", 1)[0]
        return ph.say(self.lang, "note_weekday", stated_weekday=ph.weekday(caveat["weekday"], self.lang),
                      stated_day=stated_day, date=ph.day(stated, self.lang),
                      actual_weekday=ph.weekday(caveat["actual"], self.lang), likely=likely)

    def _reference(self, citation: Citation) -> str:
        return ph.say(self.lang, "reference", n=citation.number, source=describe_source(citation.source, self.lang))


def _busiest(snapshot: Snapshot) -> list[tuple[int, int]]:
    """(fact count, company id) of the companies with the most facts, most first; once per snapshot."""
    found = snapshot.memo.get("busiest")
    if found is None:
        found = snapshot.memo["busiest"] = sorted(
            ((len(v), cid) for cid, v in snapshot.by_company.items() if cid is not None), reverse=True)[:3]
    return found  # type: ignore[return-value]


def describe_source(source: SourceView, language: str) -> str:
    """"Publisher (notes), “Title”, date — link": what a reader needs to find the source."""
    publisher = source.publisher or ""
    if source.notes:
        publisher = f"{publisher} ({source.notes})" if publisher else source.notes
    parts = [p for p in (publisher, f"“{source.title}”" if source.title else "",
                         ph.day(source.published, language) if source.published else "") if p]
    head = ", ".join(parts) or (source.url or "")
    return f"{head} — {source.url}" if source.url and head != source.url else head


def compose(query: Query, snapshot: Snapshot, settings: AnswerSettings) -> Answer:
    return Composer(query, snapshot, settings).answer()


def company_timeline(snapshot: Snapshot, settings: AnswerSettings, company_id: int, language: str, today: date,
                     year: int | None = None) -> Answer:
    """All of a company's layoff rounds (optionally one year's), for paginated listings."""
    name = snapshot.company_name(company_id) or "?"
    match = CompanyMatch(company_id, name, 1.0, "name", 0, 1)
    query = Query(question=f"{name} {year or ''}".strip(), folded="", language=language, intent=Intent.TIMELINE,
                  companies=(match,), period=years(year, year) if year else None, industry=False, on_topic=True,
                  unknown_names=(), numbers=(), today=today)
    return Composer(query, snapshot, replace(settings, max_citations=10_000)).timeline(match)
