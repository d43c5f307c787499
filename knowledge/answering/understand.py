"""Question -> Query: language, companies, filters, periods and what is asked of them.

Understanding reads, in order: the industries, places, funding stages and
shutdown words a question names (a filter word is never read as a company
name, unless a company's longer name contains it: "Clarify Health"); the
companies; the periods; then what is asked, read on the question with every
filter replaced by one placeholder word, so "how many health tech startups"
reads as "how many <filter> startups".  Finally it notes what it could not
place: a year no calendar holds, a question about the future, a subject no
layoff fact covers (revenue, hiring), and, in a question that does not talk
about layoffs at all, words it does not know.  Composition declines on those
rather than answering around them.
"""

from __future__ import annotations

import re
from datetime import date

from knowledge.answering.intents import (
    FILTER,
    TREND,
    TREND_OF_LAYOFFS,
    Intent,
    asks_about_industry,
    detect_language,
    detect_shape,
    measure_asked,
    mentions_layoffs,
    named_intent,
)
from knowledge.answering.query import Query, Side
from knowledge.answering.scope import terms_of
from knowledge.answering.snapshot import Snapshot
from knowledge.language.companies import CompanyMatch
from knowledge.language.dimensions import SHUTDOWN, Dimension, Filter, Filters, Mention, Terms
from knowledge.language.lexicon import is_ordinary
from knowledge.language.periods import MONTHS, Period, periods_named, unreadable_years, year
from knowledge.language.phrases import number
from knowledge.language.text import Token, clean, folded_text, tokenize
from knowledge.language.topics import UNDERSTOOD, asks_about_future, is_understood, off_topic
from knowledge.language.vocabulary import ANY_TEAM, TEAMS

__all__ = ["Query", "understand"]

# In lower-case questions a name can only be found by where it sits.
_SUBJECT = re.compile(
    r"(?:did|does|do|has|have|at|chez|for|about|sur) (?P<name>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,3}?)"
    r" (?:lay|laid|cut|fire|fired|let|shed|slash|have|had|announce|employ|layoffs?|job)\b"
    r"|^(?P<lead>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,2}?) (?:layoffs?|job cuts|licenciements)\b"
    r"|combien (?:de |d )?\w+ (?P<fr>[a-z0-9][\w.&-]*(?: [\w.&-]+){0,3}?) (?:a|ont)(?: t (?:il|elle))? "
)
# A question word asks something; about a company with no word of layoffs, only these ask about its layoffs.
_ASKS = re.compile(r"(?<!\w)(?:what|which|who|where|how|why|when|quel\w*|qui|ou|comment|pourquoi|quand)(?!\w)")
_OPEN_ABOUT = re.compile(
    r"(?<!\w)(?:what (?:about|happened|s happening|is happening|s going on|is going on|s new|news)|any news|latest"
    r"|quoi de neuf|que s est il passe|qu est ce qui s est passe|et (?:pour|chez))(?!\w)")
_FIRST = re.compile(r"\b(?:start|started|begin|began|first|commence|debut|premier|premiere)\b")
# A shutdown word about part of a company ("the studio closure", "closed its office") is no company's shutdown.
_PART = frozenset(
    "studio studios office offices plant plants store stores site sites factory factories warehouse warehouses "
    "branch branches unit units division divisions team teams facility facilities location locations usine usines "
    "bureau bureaux magasin magasins entrepot entrepots filiale".split())
_NOT_A_WORD = frozenset({"-", "'", "%", "/", "&", "+", "@", "#", "$", "€", "£"})


def understand(question: str, snapshot: Snapshot, today: date, default_language: str = "en",
               max_length: int = 500) -> Query:
    text = clean(question)[:max_length]
    tokens = tokenize(text)
    folded = folded_text(tokens)
    words = folded.split(" ") if folded else []
    terms = terms_of(snapshot)
    mentions = _mentions(terms, tokens)
    shutdown_spans = _shutdown(words)
    reserved = [(m.start, m.end) for m in mentions] + shutdown_spans
    companies = tuple(snapshot.matcher.find(tokens, reserved))
    mentions = [m for m in mentions if not any(c.tokens[0] <= m.start and m.end <= c.tokens[1] for c in companies)]
    filters = _filters(mentions, bool(shutdown_spans))
    covered = _covered(len(words), mentions, shutdown_spans, companies)
    shaped = _with_placeholders(words, mentions)
    language = detect_language(text, tokens, default_language)
    named = named_intent(shaped, bool(companies))
    intent = named or (Intent.TIMELINE if companies else Intent.COUNT)
    periods, period = periods_named(folded, today)
    sides: tuple[Side, ...] = ()
    # "did layoffs go up?" is a trend; "why did Amazon increase its layoffs?", "did its headcount decrease?" ask
    # something else
    trend = named in (None, Intent.COUNT, Intent.TOTAL) and bool(TREND.search(shaped)) \
        and bool(TREND_OF_LAYOFFS.search(shaped))
    shape = detect_shape(shaped, bool(companies), len({c.company_id for c in companies}), trend=trend)
    if shape[0] is Intent.COMPARE:
        # a trend with no year named ("are layoffs going up or down?"): the last whole year against the one before
        weighed = periods or ([year(today.year - 1)] if trend else [])
        sides = _sides(companies, mentions, filters, weighed, period, tokens, terms, language, trend)
        if not sides:
            shape = detect_shape(shaped, bool(companies), len({c.company_id for c in companies}), compare=False)
    found, group, top, order, yes_no = shape
    if trend and found is Intent.COMPARE and len(periods) < 2:
        yes_no = False  # "go up or down?": the two years set side by side say which, a yes would not
    if found is not None:
        intent = named = found
    if intent is Intent.COUNT and filters.shutdown and not companies:
        intent = Intent.COMPANIES  # "how many … shut down": companies that did
    unknown = () if companies else _unknown_names(tokens, folded, covered)
    residual = " ".join(w if not covered[i] else "_" for i, w in enumerate(words) if w != "-")
    about_layoffs = mentions_layoffs(folded) or bool(SHUTDOWN.search(folded))  # a studio's closure too
    unclear = () if about_layoffs else _unclear(words, covered, unknown, tokens, _ASKED_WITH.get(intent, frozenset()))
    if not about_layoffs and companies and intent is Intent.TIMELINE and _ASKS.search(shaped) \
            and not _OPEN_ABOUT.search(shaped):
        unclear = unclear or ("",)  # "What does Stripe do?": a question, but not about its layoffs
    # An industry or a place alone ("crypto 2022") is a layoff question; beside words nothing understood
    # ("the capital of France") it is not.
    on_topic = bool(companies) or about_layoffs or (bool(filters) and not unclear)
    return Query(
        question=text,
        folded=folded,
        language=language,
        intent=intent,
        companies=companies,
        period=period,
        industry=not companies and not unknown and (asks_about_industry(folded) or bool(filters) or intent in {
            Intent.BIGGEST, Intent.COMPANIES, Intent.RANKING, Intent.LIST, Intent.LATEST}),
        on_topic=on_topic,
        unknown_names=unknown,
        numbers=tuple(t.value for t in tokens if t.value is not None and not _is_year(t.value) and t.value > 0),
        today=today,
        first=bool(_FIRST.search(folded)),
        filters=filters,
        group=group,
        top=top,
        order="most" if intent is Intent.COMPARE else order,
        measure=measure_asked(shaped),
        sides=sides,
        polarity=order if intent is Intent.COMPARE else "more",
        yes_no=yes_no,
        teams=_teams(residual),
        off_topic=None if intent in {Intent.REASON, Intent.TEAMS, Intent.COST} else off_topic(residual),
        future=intent is not Intent.COST and asks_about_future(folded),  # a cost is told as expected
        impossible_years=tuple(unreadable_years(folded)),
        unclear=unclear,
        asked=question,
        intent_named=named is not None,
    )


def _is_year(value: float) -> bool:
    return value == int(value) and 1990 <= value <= 2100


def _mentions(terms: Terms, tokens: list[Token]) -> list[Mention]:
    """Dimension mentions, with positions in tokens (hyphens and apostrophes are not words to the vocabulary)."""
    words: list[str] = []
    owner: list[int] = []
    capitals: set[int] = set()
    for index, token in enumerate(tokens):
        if token.text in _NOT_A_WORD:
            continue
        parts = [str(int(token.value))] if token.is_number and token.value is not None and \
            token.value == int(token.value) else \
            [p for p in re.split(r"[\s'.]+", token.text) if p]
        for part in parts:
            if len(token.raw) > 1 and token.raw.isupper():
                capitals.add(len(words))
            words.append(part)
            owner.append(index)
    found = []
    for mention in terms.find(words, frozenset(capitals)):
        start, end = owner[mention.start], owner[mention.end - 1] + 1
        found.append(Mention(mention.dimension, mention.keys, start, end, mention.exclude, mention.region))
    return found


def _shutdown(words: list[str]) -> list[tuple[int, int]]:
    """Token spans of words saying a company shut down (not a studio or an office of it)."""
    folded = " ".join(words)
    spans = []
    for match in SHUTDOWN.finditer(folded):
        start = folded[:match.start()].count(" ")
        end = start + match.group(0).count(" ") + 1
        if any(w in _PART for w in words[max(0, start - 3):start]) or _part_follows(words[end:end + 4]) \
                or _has_object(words[end:end + 1]):
            continue
        spans.append((start, end))
    return spans


# What may follow a company's own shutdown ("shut down in 2023", "a fermé ses portes"); anything else is what
# it shut down ("shutting down XDefiant"), not the company.
_AFTER_SHUTDOWN = frozenset(
    "in en during durant since depuis last this before after by entirely completely altogether for good "
    "permanently definitivement totalement ses its their leurs doors portes operations shop and or et ou at au aux "
    "a ? t il elle ils elles y all today now yet recently already dans le la les l after apres avant lors".split())


def _has_object(after: list[str]) -> bool:
    return bool(after) and not after[0].isdigit() and after[0] not in _AFTER_SHUTDOWN


def _part_follows(after: list[str]) -> bool:
    """ "closure of its office", "fermeture d'un studio": the words after name a part of the company."""
    for word in after:
        if word in _PART:
            return True
        if word not in _SMALL:
            return False
    return False


_SMALL = frozenset("of de d du des its their the a an un une son sa ses le la les l".split())


def _filters(mentions: list[Mention], shutdown: bool) -> Filters:
    merged: dict[tuple[Dimension, bool], set[str]] = {}
    regions: dict[tuple[Dimension, bool], list[str]] = {}
    for mention in mentions:
        merged.setdefault((mention.dimension, mention.exclude), set()).update(mention.keys)
        regions.setdefault((mention.dimension, mention.exclude), []).append(mention.region)
    items = []
    for (dimension, exclude), keys in merged.items():
        named = regions[(dimension, exclude)]
        region = named[0] if len(named) == 1 else ""  # "Europe and India": the countries, named one by one
        items.append(Filter(dimension, frozenset(keys), exclude, region))
    return Filters(tuple(items), shutdown)


def _covered(count: int, mentions: list[Mention], shutdown: list[tuple[int, int]],
             companies: tuple[CompanyMatch, ...]) -> list[bool]:
    covered = [False] * count
    spans = [(m.start, m.end) for m in mentions] + shutdown + [c.tokens for c in companies]
    for start, end in spans:
        for i in range(start, min(end, count)):
            covered[i] = True
    return covered


def _with_placeholders(words: list[str], mentions: list[Mention]) -> str:
    """The folded question with each filter named replaced by one word (see `intents.FILTER`)."""
    starts = {m.start: m.end for m in mentions}
    out: list[str] = []
    i = 0
    while i < len(words):
        if i in starts:
            out.append(FILTER)
            i = max(starts[i], i + 1)
        else:
            if words[i] != "-":  # "a-t-elle", "lay-off": the hyphen is no word
                out.append(words[i])
            i += 1
    return " ".join(out)


def _sides(companies: tuple[CompanyMatch, ...], mentions: list[Mention], filters: Filters, periods: list[Period],
           period: Period | None, tokens: list[Token], terms: Terms, language: str, trend: bool = False
           ) -> tuple[Side, ...]:
    """The two things a comparison weighs: companies, values of one filter, periods, or a figure given; for a
    trend ("did layoffs go up in 2024?"), the year named and the year before it."""
    distinct: dict[int, CompanyMatch] = {}
    for match in companies:
        distinct.setdefault(match.company_id, match)
    if len(distinct) >= 2:
        return tuple(Side(m.written, (m,), filters, period) for m in list(distinct.values())[:2])
    for dimension in Dimension:
        named = [m for m in mentions if m.dimension is dimension and not m.exclude]
        if len(named) >= 2:
            sides = []
            for mention in named[:2]:
                item = Filter(dimension, mention.keys, region=mention.region)
                label = mention.region or " / ".join(terms.value(dimension, key).name(language)
                                                     for key in sorted(mention.keys))
                sides.append(Side(label, tuple(distinct.values()), filters.replaced(item), period))
            return tuple(sides)
    if trend and len(periods) == 1 and periods[0].grain == "year":
        periods = [periods[0], year(periods[0].start.year - 1)]
    if len(periods) >= 2:
        from knowledge.language.phrases import when

        return tuple(Side(when(p, language), tuple(distinct.values()), filters, p) for p in periods[:2])
    figures = [t.value for t in tokens if t.value is not None and not _is_year(t.value) and t.value > 0]
    if len(distinct) == 1 and figures:
        match = next(iter(distinct.values()))
        return (Side(match.written, (match,), filters, period),
                Side(number(figures[0], language), (), Filters(), period, figures[0]))
    return ()


def _unknown_names(tokens: list[Token], folded: str, covered: list[bool]) -> tuple[str, ...]:
    """Words that look like a company name, so a decline can say which one is unknown."""
    names: list[str] = []
    run: list[str] = []
    for index, token in enumerate(tokens):
        word = token.text
        # "Orranta Cloud": an ordinary word may continue a name, not start one
        looks_like_name = (
            not covered[index] and token.is_capitalised and not token.is_number and index > 0
            and word not in MONTHS and len(word) > 1 and (bool(run) or not is_ordinary(word))
        )
        if looks_like_name:
            run.append(token.raw)
        elif run:
            names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    if not names:
        name = _subject(tokens, folded, covered)
        if name:
            names.append(name)
    return tuple(dict.fromkeys(names))


def _subject(tokens: list[Token], folded: str, covered: list[bool]) -> str | None:
    """In a lower-case question, the name where a subject sits ("did zentrico labs lay off"), as written.

    The folded text has one word per token, so the words matched map back to
    tokens: the name is their words as typed, never the folded form ("twenty
    two" stays as typed, not "22"), without what lies between them (brackets,
    markup), and numbers at its edges are a figure beside the name, not part
    of it ("did 20 acme lay off").
    """
    match = _SUBJECT.search(folded)
    if not match:
        return None
    group = "name" if match["name"] else "lead" if match["lead"] else "fr"
    first = folded[:match.start(group)].count(" ")
    last = first + match[group].count(" ")
    while first <= last and tokens[first].is_number:
        first += 1
    while last >= first and tokens[last].is_number:
        last -= 1
    if any(covered[first:last + 1]):
        return None
    words = tokens[first:last + 1]
    if not any(not is_ordinary(t.text) and not t.is_number and t.text not in MONTHS and t.text not in _NOT_A_WORD
               and t.text not in UNDERSTOOD for t in words):
        return None
    return " ".join(t.raw for t in words)


def _teams(residual: str) -> tuple[str, ...]:
    """Teams or divisions the question names, outside companies and filters ("Prime Video", "Alexa teams")."""
    if not ANY_TEAM.search(residual):
        return ()
    return tuple(team.key for team in TEAMS if team.pattern.search(residual))


# Words a kind of question is asked with that mean something else elsewhere ("pay" is off-topic as salaries,
# but "how much severance did X pay" asks what its cuts cost).
_ASKED_WITH = {Intent.COST: frozenset({"pay", "paid", "paying", "pays", "offer", "offered", "payer", "paye", "verse",
                                        "verser", "versees", "verses"})}


def _unclear(words: list[str], covered: list[bool], unknown: tuple[str, ...], tokens: list[Token],
             allowed: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Words of a question that does not talk about layoffs which nothing understood ("market", "cap")."""
    named = {w for name in unknown for w in re.findall(r"[^\W_]+", clean(name).casefold())}
    found = []
    for i, word in enumerate(words):
        if covered[i] or tokens[i].is_number or word in MONTHS or word in named or word in _NOT_A_WORD \
                or word in allowed:
            continue
        if not is_understood(word):
            found.append(tokens[i].raw)
    return tuple(found)
