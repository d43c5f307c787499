"""What each sentence states: layoff rounds, head counts, totals, teams, reasons.

A sentence may carry several facts about several companies ("Meta cutting
13% of staff in November, and Snap laying off 20% of employees in
August"), so every figure is attributed on its own: to the company that is
the subject of its clause, to the date nearest to it, to a running total
when the sentence says so.  A count and a share of the same round side by
side ("11,000 employees, about 13 percent of its headcount") make one
statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.extract import cues
from knowledge.extract.companies import Mention
from knowledge.extract.dates import Calendar, When, find_dates
from knowledge.extract.figures import Count, Share, find_counts, find_shares
from knowledge.extract.names import ORG_NOUNS
from knowledge.extract.sentences import Sentence
from knowledge.models import FactKind
from knowledge.text import fold
from knowledge.vocabulary import REASONS, TEAMS

# Layoffs as an event a company carries out (not just the word "cut").
EVENT = cues.words(
    r"lay(?:s|ing)? off|laid off|layoffs?|lay - offs?|job cuts?|job losses|(?:cut|cuts|cutting|eliminat\w+|slash\w*"
    r"|shed\w*|ax\w*|reduc\w+|trim\w*) (?:\w+ ){0,4}?(?:jobs|staff|workforce|positions|roles|employees|headcount"
    r"|workers"
    r"|people)|fir(?:e|ed|es|ing) (?:\w+ ){0,3}(?:employees|workers|staff|people)|redundanc\w+|downsiz\w+"
    r"|workforce reduction|reduction in force|licenci\w+|suppressions? (?:de |d )?(?:\w+ ){0,3}(?:postes?|emplois?)"
    r"|supprim\w+ (?:\w+ ){0,5}(?:postes?|emplois?)|(?:postes?|emplois?) (?:\w+ ){0,3}supprim\w+|plan social"
    r"|coupes? (?:d |dans |de )(?:\w+ ){0,2}(?:emplois?|effectifs|postes?)|reduire (?:ses |les |son )?effectifs"
    r"|(?:lost|lose) their jobs|perdu leur emploi"
)
_PASSIVE_AFTER = re.compile(
    r"^(?:(?!and |et |will |would |to |plans? |va |vont |prevoit |doit |have |has |had |a |ont )[\w-]+ ){0,5}?"
    r"(?:will be |were |are |have been |had been |being |to be |would be |seront |ont ete |sont "
    r"|seraient |vont etre |a ete |serait |doivent etre |devraient etre |pourraient etre |)?(?:cut|lost|eliminated"
    r"|axed|affected|laid off|let go|impacted|made redundant|losing|lose|supprimes?|supprimees?|licencies?"
    r"|licenciees?|touches?|touchees?|concernes?|concernees?|menaces?|remercies?)\b"
)
# "After Amazon's cuts, the startup said it would...": "the startup" is the article's company, not Amazon.
_DEFINITE_AFTER_BREAK = re.compile(rf"(?:^|[,;:] )(?:\w+ ){{0,3}}?(?:the|le|la|l) (?:[\w-]+ )?(?:{ORG_NOUNS})\b")
_TEAM_NOT_AFTER = re.compile(r"^\W*(?:computing )?(?:company|giant|firm|provider|maker|startup|entreprise|geant"
                             r"|specialist|specialiste|leader|fournisseur|business of|customers?|clients?|partners?"
                             r"|contracts?|contrats?|partenaires?)\b")
_UNIT = (r"division|divisions|unit|units|business|team|teams|group|department|arm|segment|organisation|organization"
         r"|studio|studios|lab|labs")
_UNIT_FR = r"division|divisions|unite|unites|equipe|equipes|pole|departement|branche|activite|activites|filiale"
_UNIT_EN = re.compile(rf"\b(?:its|the|their) (?P<name>(?:[A-Z][\w&'-]*\s){{1,4}})(?P<unit>{_UNIT})\b")
_UNIT_FR_NAMED = re.compile(rf"\b(?:{_UNIT_FR}) (?P<name>(?:[A-Z][\w&'-]*\s?){{1,4}})")
_REASON_PHRASE = re.compile(
    r"\b(?:because of|due to|citing|amid|after losing|following the loss of|after the loss of"
    r"|en raison (?:de|d'|du|des)|à cause (?:de|d'|du|des)|face à|sur fond de|après avoir perdu"
    r"|après la perte (?:de|d'))"
    r"\s+(?P<why>[^,;.()]{6,120})", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """One fact a sentence states, before it becomes a draft."""

    kind: FactKind
    sentence: Sentence
    company: Mention | None  # None: the whole industry, or undecided for teams/reasons
    how: str  # subject, focus, industry: how the company was found
    count: Count | None = None
    share: Share | None = None
    when: When | None = None
    labels: tuple[str, ...] = ()
    detail: str | None = None
    cumulative: bool = False
    plan: bool = False
    speculative: bool = False
    secondary: bool = False


@dataclass(frozen=True)
class Context:
    """What every sentence of one article is read against."""

    calendar: Calendar
    focus: Mention | None  # the company the article is about


@dataclass(frozen=True)
class _Figure:
    """A figure before it is dated: what it counts and whom it is about."""

    kind: FactKind
    anchor: int
    start: int
    end: int
    company: Mention | None
    how: str
    count: Count | None = None
    share: Share | None = None


def read_sentence(sentence: Sentence, mentions: list[Mention], context: Context) -> list[Statement]:
    folded = sentence.folded
    event = bool(EVENT.search(folded))
    layoff_words = event or bool(cues.LAYOFF.search(folded))
    denied = bool(cues.DENIAL.search(folded)) or bool(cues.NO_LAYOFFS.search(folded))
    speculative = bool(cues.SPECULATION.search(folded))
    figures = _figures(sentence, mentions, context, layoff_words, denied)
    anchors = {f.anchor for f in figures}
    dates = [d for d in find_dates(sentence, context.calendar) if not any(d.start <= a < d.end for a in anchors)]
    dated = assign_dates(sentence, figures, dates, mentions)
    statements: list[Statement] = []
    for index, figure in enumerate(figures):
        when = dated.get(index)
        role = figure.count.role if figure.count else "verb"
        if role == "compared" and when is None:
            continue  # "up from 48,000" with no date says nothing we can file
        statements.append(_statement(sentence, figure, when, context, speculative))
    if event and not denied and not any(s.kind == FactKind.LAYOFF for s in statements):
        statements.extend(_uncounted(sentence, mentions, dates, context))
    if layoff_words and not denied:
        statements.extend(_teams(sentence, mentions, statements, context))
    if not speculative:
        statements.extend(_reasons(sentence, mentions, statements, context, layoff_words))
    return statements


def _figures(sentence: Sentence, mentions: list[Mention], context: Context, layoff_words: bool,
             denied: bool) -> list[_Figure]:
    counts = find_counts(sentence)
    shares = find_shares(sentence)
    figures: list[_Figure] = []
    used_shares: set[int] = set()
    previous_kind: FactKind | None = None
    for count in counts:
        kind = _count_kind(sentence, count, layoff_words, previous_kind)
        if kind is None or (kind != FactKind.HEADCOUNT and denied):
            continue
        if kind == FactKind.HEADCOUNT and not _headcount_of_company(sentence, count, mentions):
            continue
        share = None
        if kind == FactKind.LAYOFF:
            share = _paired_share(count, shares, counts, used_shares)
            if share is not None:
                used_shares.add(share.anchor)
        start = min(count.start, share.start) if share else count.start
        end = max(count.end, share.end) if share else count.end
        company, how = subject_of(sentence, count.anchor, start, end, mentions, context)
        previous_kind = kind
        if not _attributable(kind, company, how):
            continue
        figures.append(_Figure(kind, count.anchor, start, end, company, how, count, share))
    if layoff_words and not denied:
        for share in shares:
            if share.anchor in used_shares:
                continue
            company, how = subject_of(sentence, share.anchor, share.start, share.end, mentions, context)
            if _attributable(FactKind.LAYOFF, company, how):
                figures.append(_Figure(FactKind.LAYOFF, share.anchor, share.start, share.end, company, how,
                                       share=share))
    return sorted(figures, key=lambda f: f.start)


def _attributable(kind: FactKind, company: Mention | None, how: str) -> bool:
    if how == "ambiguous" or (company is None and how != "industry"):
        return False
    return not (how == "industry" and kind == FactKind.HEADCOUNT)


def _count_kind(sentence: Sentence, count: Count, layoff_words: bool, previous: FactKind | None) -> FactKind | None:
    passive = bool(_PASSIVE_AFTER.match(" ".join(w.text for w in sentence.words[count.end:count.end + 8])))
    if count.companies:
        return FactKind.COMPANIES if layoff_words else None
    if count.role == "headcount" and not passive:
        return FactKind.HEADCOUNT
    if count.role == "compared":
        return previous
    if passive or count.role == "verb":
        return FactKind.LAYOFF
    if count.role in {"total", "earlier"}:
        return FactKind.LAYOFF if layoff_words else None
    return FactKind.LAYOFF if layoff_words and count.noun else None


def _headcount_of_company(sentence: Sentence, count: Count, mentions: list[Mention]) -> bool:
    """ "its consulting arm, which employs 600 people" counts a unit, not the company."""
    words = sentence.words
    for i in range(count.start - 1, max(-1, count.start - 5), -1):
        if words[i].text in {"which", "that", "who", "qui"} and i >= 2 and words[i - 1].text == ",":
            owner = i - 2
            if any(m.start <= owner < m.end for m in mentions):
                return True
            return bool(re.fullmatch(rf"(?:{ORG_NOUNS})", words[owner].text)) or words[owner].text in {
                "lyonnaise", "parisienne", "francaise", "americaine", "allemande", "europeenne", "britannique"}
    return True


def _paired_share(count: Count, shares: list[Share], counts: list[Count], used: set[int]) -> Share | None:
    """The share stated beside a count of the same round, if any."""
    best: Share | None = None
    for share in shares:
        if share.anchor in used:
            continue
        gap = share.start - count.end if share.start >= count.end else count.start - share.end
        if gap > 8:
            continue
        low, high = sorted((share.anchor, count.anchor))
        if any(low < other.anchor < high for other in counts if other is not count):
            continue
        if best is None or abs(share.anchor - count.anchor) < abs(best.anchor - count.anchor):
            best = share
    return best


def _statement(sentence: Sentence, figure: _Figure, when: When | None, context: Context,
               speculative: bool) -> Statement:
    kind, company, count, share = figure.kind, figure.company, figure.count, figure.share
    role = count.role if count else "verb"
    after = " ".join(w.text for w in sentence.words[figure.end:figure.end + 4])
    cumulative = kind in {FactKind.LAYOFF, FactKind.COMPANIES} and (
        role == "total" or bool(cues.TOTAL_AFTER.match(after)) or (when is not None and when.is_running)
        or figure.how == "industry")
    lead = " ".join(w.text for w in sentence.words[max(0, figure.start - 12):figure.start])
    secondary = role == "earlier" or (
        company is not None and context.focus is not None and company.key != context.focus.key)
    return Statement(
        kind=kind, sentence=sentence, company=company, how=figure.how, count=count, share=share, when=when,
        cumulative=cumulative, plan=bool(cues.PLAN.search(lead)) or bool(cues.PLAN.search(sentence.folded)),
        speculative=speculative, secondary=secondary,
    )


def subject_of(sentence: Sentence, anchor: int, start: int, end: int, mentions: list[Mention],
               context: Context) -> tuple[Mention | None, str]:
    """The company a figure is about, and how it was decided (subject, focus, industry, ambiguous)."""
    after_at = [m for m in mentions if end <= m.start <= end + 4 and not m.dependent
                and sentence.words[m.start - 1].text in {"at", "chez", "from", "within", "au", "across"}]
    if after_at:
        return after_at[0], "subject"
    before = [m for m in mentions if m.end <= start and not m.dependent]
    if before:
        subject = before[-1]
        between = " ".join(w.text for w in sentence.words[subject.end:start])
        if context.focus and not between.startswith(",") and _DEFINITE_AFTER_BREAK.search(between):
            return context.focus, "focus"
        if subject.listed:
            return None, "ambiguous"
        return subject, "subject"
    after = [m for m in mentions if m.start >= end and not m.dependent]
    if after and not _figure_between(sentence, end, after[0].start):
        return (None, "ambiguous") if after[0].listed else (after[0], "subject")
    dependent = [m for m in mentions if m.dependent and (m.end <= start or m.start >= end)]
    if dependent:
        return dependent[0], "subject"
    if cues.INDUSTRY.search(sentence.folded):
        return None, "industry"
    return context.focus, "focus"


def _figure_between(sentence: Sentence, start: int, end: int) -> bool:
    return any(w.is_number for w in sentence.words[start:end])


def clauses(sentence: Sentence) -> list[int]:
    """The clause each word belongs to, clauses being separated by commas, semicolons, colons, brackets."""
    numbers, current = [], 0
    for word in sentence.words:
        if word.text in {",", ";", ":", "(", ")"}:
            current += 1
        numbers.append(current)
    return numbers


def assign_dates(sentence: Sentence, figures: list[_Figure], dates: list[When],
                 mentions: list[Mention]) -> dict[int, When]:
    """Each figure's date: the nearest one in its clause, in a clause before it, or in a reporting clause
    after it ("..., the company said on Thursday").  A date serves one figure of each kind and is never
    reached across another figure of that kind or another company's mention."""
    if not dates or not figures:
        return {}
    clause = clauses(sentence)
    reporting = {c for c in set(clause) if cues.SAID.search(" ".join(
        w.text for w, n in zip(sentence.words, clause, strict=True) if n == c))}
    pairs = []
    for f_index, figure in enumerate(figures):
        low, high = _segment(sentence, figure, mentions)
        own = set(clause[figure.start:figure.end])
        for d_index, when in enumerate(dates):
            if when.start < low or when.end > high:
                continue
            after = when.start >= figure.end
            if after and clause[when.start] not in own and clause[when.start] not in reporting:
                continue
            lo, hi = (figure.end, when.start) if after else (when.end, figure.start)
            if any(lo <= other.anchor < hi for other in figures if other is not figure and other.kind == figure.kind):
                continue
            gap = hi - lo
            pairs.append((gap, 0 if after else 1, f_index, d_index))
    assigned: dict[int, When] = {}
    used: set[tuple[int, FactKind]] = set()
    for _, _, f_index, d_index in sorted(pairs):
        kind = figures[f_index].kind
        if f_index in assigned or (d_index, kind) in used:
            continue
        assigned[f_index] = dates[d_index]
        used.add((d_index, kind))
    return assigned


def _segment(sentence: Sentence, figure: _Figure, mentions: list[Mention]) -> tuple[int, int]:
    """Words a figure's date may come from: from its subject's mention to the next other company's."""
    owners = [m for m in mentions if m.end <= figure.start and not m.dependent]
    low = owners[-1].start if owners else 0
    key = figure.company.key if figure.company else None
    high = min((m.start for m in mentions if m.start >= figure.end and not m.dependent and m.key != key),
               default=len(sentence.words))
    return low, high


def _uncounted(sentence: Sentence, mentions: list[Mention], dates: list[When], context: Context) -> list[Statement]:
    """ "Twitter started widespread layoffs on Friday": a round without a figure."""
    match = EVENT.search(sentence.folded)
    assert match is not None
    position, _ = sentence.span(match.start(), match.end())
    company, how = subject_of(sentence, position, position, position + 1, mentions, context)
    if company is None or how != "subject":
        return []
    probe = _Figure(FactKind.LAYOFF, position, position, position + 1, company, how)
    when = assign_dates(sentence, [probe], dates, mentions).get(0)
    is_focus = context.focus is not None and company.key == context.focus.key
    if not is_focus and when is None:
        return []
    return [Statement(FactKind.LAYOFF, sentence, company, how, when=when, secondary=not is_focus,
                      plan=bool(cues.PLAN.search(sentence.folded)),
                      speculative=bool(cues.SPECULATION.search(sentence.folded)),
                      cumulative=when is not None and when.is_running)]


def _round_owner(sentence: Sentence, mentions: list[Mention], statements: list[Statement],
                 context: Context) -> tuple[Mention | None, When | None, str]:
    """The company (and date) the sentence's teams or reasons belong to."""
    for statement in statements:
        if statement.kind == FactKind.LAYOFF and statement.company is not None:
            return statement.company, statement.when, statement.how
    subjects = [m for m in mentions if not m.dependent and not m.listed]
    if subjects:
        return subjects[0], None, "subject"
    if any(not m.dependent for m in mentions):
        return None, None, "ambiguous"
    return context.focus, None, "focus"


def _teams(sentence: Sentence, mentions: list[Mention], statements: list[Statement],
           context: Context) -> list[Statement]:
    found = team_labels(sentence, mentions)
    detail = unit_detail(sentence, [key for key, _ in found])
    if not found and not detail:
        return []
    by_owner: dict[str | None, tuple[Mention, When | None, str, list[str]]] = {}
    for key, position in found or [("", len(sentence.words))]:
        company, when, how = _owner_at(position, sentence, mentions, statements, context)
        if company is None:
            continue
        entry = by_owner.setdefault(company.key, (company, when, how, []))
        if key:
            entry[3].append(key)
    teams = []
    for index, (company, when, how, labels) in enumerate(by_owner.values()):
        secondary = context.focus is not None and company.key != context.focus.key
        teams.append(Statement(FactKind.TEAMS, sentence, company, how, when=when, labels=tuple(labels),
                               detail=detail if index == 0 else None, secondary=secondary))
    return teams


def _owner_at(position: int, sentence: Sentence, mentions: list[Mention], statements: list[Statement],
              context: Context) -> tuple[Mention | None, When | None, str]:
    """The company (and round date) a team named at word `position` belongs to: the nearest subject before it."""
    before = [m for m in mentions if m.end <= position and not m.dependent and not m.listed]
    if before:
        company = before[-1]
        for statement in statements:
            if statement.kind == FactKind.LAYOFF and statement.company is not None \
                    and statement.company.key == company.key:
                return company, statement.when, statement.how
        return company, None, "subject"
    return _round_owner(sentence, mentions, statements, context)


def team_labels(sentence: Sentence, mentions: list[Mention]) -> list[tuple[str, int]]:
    """Vocabulary teams the sentence says were hit, with the word each is named at.

    Words that describe a company ("le studio de jeux vidéo Brumelle",
    "cloud computing company") are not teams that lost jobs.
    """
    plain = sentence.plain
    found: list[tuple[str, int]] = []
    for team in TEAMS:
        for match in team.pattern.finditer(plain):
            if _TEAM_NOT_AFTER.match(plain[match.end():]):
                continue
            first = sentence.word_at_plain(match.start())
            last = sentence.word_at_plain(max(match.start(), match.end() - 1))
            if any(first <= m.start < m.end <= last + 1 or m.start <= first < m.end for m in mentions):
                continue  # part of a company's name
            if any(last < m.start <= last + 3 and not any(w.is_punctuation for w in sentence.words[last:m.start])
                   for m in mentions):
                continue  # describes the company named right after it
            found.append((team.key, first))
            break
    return sorted(found, key=lambda item: item[1])


def unit_detail(sentence: Sentence, labels: list[str]) -> str | None:
    """A named unit the vocabulary does not know ("its Reality Labs division"), in the source's words."""
    found = _UNIT_EN.search(sentence.cleaned) or _UNIT_FR_NAMED.search(sentence.cleaned)
    if not found:
        return None
    phrase = found.group("name") + found.group("unit") if found.re is _UNIT_EN else found.group(0)
    if any(key in labels for key in _labels_in(phrase)):
        return None
    return phrase.strip()


def _labels_in(phrase: str) -> list[str]:
    folded = fold(phrase)
    return [team.key for team in TEAMS if team.pattern.search(folded)]


def _reasons(sentence: Sentence, mentions: list[Mention], statements: list[Statement], context: Context,
             layoff_words: bool) -> list[Statement]:
    folded = sentence.folded
    if cues.DESPITE.search(folded):
        return []
    if not (layoff_words or cues.BECAUSE.search(folded) or cues.SAID.search(folded)):
        return []
    labels = reason_labels(sentence)
    detail = None
    if not labels and layoff_words:
        detail = _reason_detail(sentence)
    if not labels and not detail:
        return []
    company, when, how = _round_owner(sentence, mentions, statements, context)
    if company is None:
        return []
    secondary = context.focus is not None and company.key != context.focus.key
    return [Statement(FactKind.REASON, sentence, company, how, when=when, labels=tuple(labels), detail=detail,
                      secondary=secondary, speculative=bool(cues.SPECULATION.search(folded)))]


def reason_labels(sentence: Sentence) -> list[str]:
    found = [(m.start(), reason.key) for reason in REASONS if (m := reason.pattern.search(sentence.plain))]
    return [key for _, key in sorted(found)]


def _reason_detail(sentence: Sentence) -> str | None:
    match = _REASON_PHRASE.search(sentence.cleaned)
    return match.group("why").strip() if match else None
