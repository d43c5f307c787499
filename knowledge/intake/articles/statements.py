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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from knowledge.intake.articles import cues
from knowledge.intake.articles.companies import Mention, referred
from knowledge.intake.articles.costs import SEVERANCE, find_cost
from knowledge.intake.articles.dates import Calendar, When, find_dates
from knowledge.intake.articles.figures import Count, Share, find_counts, find_shares
from knowledge.intake.articles.names import ORG_NOUNS
from knowledge.intake.articles.sentences import Sentence
from knowledge.language.text import fold
from knowledge.language.vocabulary import REASONS, TEAMS
from knowledge.types import FactKind

# Layoffs as an event a company carries out (not just the word "cut").
EVENT = cues.words(
    r"lay(?:s|ing)? off|laid off|layoffs?|lay - offs?|job cuts?|job losses|(?:cut|cuts|cutting|eliminat\w+|slash\w*"
    r"|shed\w*|ax\w*|reduc\w+|trim\w*|shrink\w*|shrank) (?:\w+ ){0,4}?(?:jobs|staff|workforce|positions|roles"
    r"|employees|headcount"
    r"|workers"
    r"|people)|fir(?:e|ed|es|ing) (?:\w+ ){0,3}(?:employees|workers|staff|people)|redundanc\w+|downsiz\w+"
    r"|workforce reduction|reduction in force|licenci\w+|suppressions? (?:de |d )?(?:\w+ ){0,3}(?:postes?|emplois?)"
    r"|supprim\w+ (?:\w+ ){0,5}(?:postes?|emplois?)|(?:postes?|emplois?) (?:\w+ ){0,3}supprim\w+|plan social"
    r"|coupes? (?:d |dans |de )(?:\w+ ){0,2}(?:emplois?|effectifs|postes?)|reduire (?:ses |les |son )?effectifs"
    r"|(?:lost|lose) their jobs|perdu leur emploi"
)
_PASSIVE_AFTER = re.compile(
    r"^(?:(?!and |et |will |would |to |plans? |va |vont |prevoit |doit |have |has |had |a |ont |not |never |ne |n "
    r"|pas |jamais |won t |un)[\w-]+ ){0,5}?"
    r"(?:will be |were |are |have been |had been |being |to be |would be |seront |ont ete |sont "
    r"|seraient |vont etre |a ete |serait |doivent etre |devraient etre |pourraient etre |)?(?:cut|lost|eliminated|go"
    r"|disappear|disparaitre|disparaitront"
    r"|axed|affected|laid off|let go|impacted|made redundant|losing|lose|supprimes?|supprimees?|licencies?"
    r"|licenciees?|touches?|touchees?|concernes?|concernees?|menaces?|remercies?)\b"
)
# "After Amazon's cuts, the startup said it would...": "the startup" is the article's company, not Amazon.
_DEFINITE_AFTER_BREAK = re.compile(rf"(?:^|[,;:] )(?:\w+ ){{0,3}}?(?:the|le|la|l) (?:[\w-]+ )?(?:{ORG_NOUNS})\b")
# A team word that describes a company ("cloud software provider"), a market ("cloud spending") or partners.
_TEAM_NOT_AFTER = re.compile(
    # "sales are still 20% below their peak", "sales were up 4%": a market's figures, not a team
    r"^[^\w,;]*(?:(?:are|were|is|was|have been|had been|remain(?:ed|s)?) (?:still |now |about |roughly )?(?:\d+|down|up"
    r"|below|above|higher|lower|flat)"
    # "cloud-security firm Vaultrix", "cloud computing company": a team word describing a company
    r"|-\w+ (?:\w+ )?(?:company|giant|firm|provider|maker|startup|start-up|specialist|vendor|group)"
    r"|(?:computing |software |services? |platform |technology )?(?:company|giant|firm|provider|maker|startup"
    r"|start-up|scale-up"
    r"|entreprise|geant|specialist|specialiste|leader|fournisseur|business of|customers?|clients?|partners?"
    r"|contracts?|contrats?|partenaires?|spending|budgets?|demand|market|markets|prices|costs|growth|revenue"
    r"|depenses|marche|demande|prix|croissance|software|products?|tools|apps?|platforms?|solutions|systems"
    r"|logiciels?|produits|outils|applications?))\b")
_UNIT = (r"divisions?|units?|business(?:es)?|teams?|groups?|departments?|arms?|segments?|organi[sz]ations?"
         r"|studios?|labs?|subsidiar(?:y|ies)|brands?")
_UNIT_FR = r"division|divisions|unite|unites|equipe|equipes|pole|departement|branche|activite|activites|filiale"
_CAP = r"[A-ZÀ-Ý][\w&'’.-]*"
# Words that make "its ... business" the company as a whole or its main line, not a named unit.
_GENERIC_UNIT_WORDS = (r"own|core|main|entire|whole|overall|largest|biggest|other|new|remaining|existing|global"
                       r"|broader|wider|underlying|primary|principal|most|various|several|many|two|three|four")
# Units named in the source's words: "its Core and Document Workflows businesses", "its AI unit Watson Health",
# "son studio de Leamington", "la division Cloud".
# In lower case: "its mobile division", "the company's legacy desktop product group", "its mortgage unit".
_LOWER_CASE_UNIT = re.compile(
    rf"\b(?:its|their|the company['’]s) (?P<name>(?!(?:{_GENERIC_UNIT_WORDS})\b)(?:[a-z][\w-]* ){{1,3}}"
    rf"(?:division|unit|group|business|arm|segment|studio|organi[sz]ation))\b")
_NAMED_UNITS = (
    re.compile(rf"\b(?:its|the|their) (?P<name>(?:[\w-]+ ){{0,3}}?(?:{_UNIT}) {_CAP}(?:\s{_CAP}){{0,3}})"),
    re.compile(rf"\b(?:its|the|their) (?P<name>(?:{_CAP}\s(?:(?:and|&|of)\s)?){{1,5}}(?:{_UNIT}))\b"),
    re.compile(rf"\b(?P<name>(?:{_UNIT_FR}|studios?|sites?|usines?|bureaux?|centres?)(?: (?:de |d'|d’)[a-zé]+)?"
               rf" (?:de |d'|d’|du ){_CAP}(?:[\s-]{_CAP}){{0,3}}(?:,? (?:et|and) (?:de |d'|d’|du )?{_CAP}"
               rf"(?:[\s-]{_CAP}){{0,3}})?)"),
    re.compile(rf"\b(?P<name>(?:{_UNIT_FR}) {_CAP}(?:\s{_CAP}){{0,3}})"),
    _LOWER_CASE_UNIT,
)
# The cause in the source's own words, kept beside the vocabulary labels so an answer can quote it.
_REASON_PHRASE = re.compile(
    r"\b(?:because of|due to|citing|amid|after losing|following the loss of|after the loss of|blam(?:ed|es|ing)"
    r"|point(?:ed|s|ing) to|attribut(?:ed|es|ing) (?:it|them|the (?:cuts|layoffs|decision|move)) to"
    r"|en raison (?:de|d'|d’|du|des)|[àa] cause (?:de|d'|d’|du|des)|face [àa]|sur fond de|apr[èe]s avoir perdu"
    r"|apr[èe]s la perte (?:de|d'|d’)|invoqu\w*|[ée]voqu\w*|justifi\w* (?:\w+ ){1,3}?par|en pointant"
    r"|after a (?:\w+ )?(?:loss|drop|fall|decline) (?:of|in)"
    r"|after(?= (?:it|the company|its|their|the company's) (?:[\w-]+ ){0,4}?(?:failed|lost|missed|collapsed)\b)"
    # "after a planned expansion into Spain was abandoned", "after its contract was cancelled"
    r"|after(?= (?:a|an|the|its|their) (?:[\w-]+ ){1,6}?(?:was|were|had been|has been) (?:abandoned|cancell?ed"
    r"|scrapped|shelved|halted|blocked|rejected|terminated|lost|delayed)\b)"
    # "as it exits home lending", "as it pulls out of Europe": the business it leaves
    r"|as it(?= (?:exits|leaves|quits|abandons|pulls out of|withdraws from|retreats from)\b)"
    r"|(?:alors qu|tandis qu)['’]?elle(?= (?:quitte|abandonne|se retire|sort)\b))"
    r"\s+(?P<why>[^,;.()]{6,140}?)(?=\s+(?:pour justifier|to justify|to explain|pour expliquer)\b|[,;.()]|$)",
    re.IGNORECASE)


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
    speculative: bool = False  # only considered ("could cut"): never a fact without review
    secondary: bool = False
    attributed: bool = False  # reported from unnamed sources, not confirmed by the company
    earlier: bool = False  # an earlier round of the article's own company
    current: bool = False  # told as news of the day ("is cutting", "said it would"), not as a past round
    inferred: bool = False  # a team or reason from a sentence that only refers back to the cuts


@dataclass(frozen=True)
class Context:
    """What every sentence of one article is read against."""

    calendar: Calendar
    focus: Mention | None  # the company the article is about
    described: dict[str, frozenset[str]] = field(default_factory=dict)  # how the article describes each company
    named: dict[str, Mention] = field(default_factory=dict)  # each company's first mention, by key
    # The company "the company" or "it" means in this sentence when the one before was about another company
    # than the article's ("Lendwise said it was letting go of 60 workers. The company employs about 450 people.")
    topic: Mention | None = None
    anchor: date | None = None  # the day the sentence before dated its news, for "a day earlier", "la veille"

    @property
    def referent(self) -> Mention | None:
        """Whom a sentence that names no company is about."""
        return self.topic or self.focus


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


def read_sentence(sentence: Sentence, mentions: list[Mention], context: Context,
                  follows_cuts: bool = False) -> list[Statement]:
    """What one sentence states; `follows_cuts` when one of the sentences just before reported job cuts,
    so that "That amounts to about 320 jobs" or "The decision affects its Watson unit" are read as about them."""
    folded = sentence.folded
    event = bool(EVENT.search(folded))
    stated = event or bool(cues.LAYOFF.search(folded))
    inferred = not stated and follows_cuts and bool(cues.REFERS_BACK.search(folded))
    layoff_words = stated or inferred
    denied = bool(cues.DENIAL.search(folded)) or bool(cues.NO_LAYOFFS.search(folded))
    speculative = _considered(folded)
    attributed = bool(cues.ATTRIBUTION.search(folded))
    figures = _figures(sentence, mentions, context, layoff_words, denied)
    if any(f.kind == FactKind.LAYOFF and f.how != "industry" for f in figures):
        layoff_words = True  # "entraînant le départ de 185 employés": the figure itself says people go
    spans = [(f.count.start, f.count.end) for f in figures if f.count] + [
        (f.share.start, f.share.number_end) for f in figures if f.share]
    dates = [d for d in find_dates(sentence, context.calendar, context.anchor)
             if not any(d.start < end and start < d.end for start, end in spans)]  # "between 1500 and 2000 jobs"
    dated = assign_dates(sentence, figures, dates, mentions)
    statements: list[Statement] = []
    for index, figure in enumerate(figures):
        when = dated.get(index)
        role = figure.count.role if figure.count else "verb"
        if role == "compared" and when is None:
            continue  # "up from 48,000" with no date says nothing we can file
        statements.append(_statement(sentence, figure, when, context, attributed))
    if event and not denied and not any(s.kind == FactKind.LAYOFF for s in statements):
        statements.extend(_uncounted(sentence, mentions, dates, context))
    if layoff_words and not denied:
        statements.extend(_teams(sentence, mentions, statements, context))
    if not speculative:
        # a chief explaining, just after the cuts were reported: what they give is the reason for them
        explaining = follows_cuts and bool(cues.EXECUTIVE_SAYS.search(folded))
        reasons = _reasons(sentence, mentions, statements, context, layoff_words or explaining)
        if follows_cuts and not (layoff_words or explaining) and _company_says(sentence, mentions):
            # the company itself saying why ("Hollis said demand had slowed"): read as explaining the cuts when
            # that gives more than the sentence gives alone
            told = _reasons(sentence, mentions, statements, context, True)
            if sum(len(r.labels) for r in told) > sum(len(r.labels) for r in reasons):
                reasons, explaining = told, True
        statements.extend(replace(r, inferred=True) if explaining and not stated else r for r in reasons)
    if layoff_words or follows_cuts or SEVERANCE.search(folded):
        statements.extend(_costs(sentence, mentions, statements, context))
    if inferred:
        explained = bool(cues.BECAUSE.search(folded))  # "the decision came because of ...": a reason all the same
        statements = [replace(st, inferred=True) for st in statements
                      if not (explained and st.kind == FactKind.REASON)] + [
            st for st in statements if explained and st.kind == FactKind.REASON]
    return statements


_SAYS = re.compile(r"^(?:also |further |then )?(?:said|says|told|explained|added|stated|a (?:indique|explique|precise"
                   r"|ajoute|declare)|indique|explique|precise|ajoute)\b")
_COMPANY_SAID_AFTER = re.compile(
    r", (?:(?:the (?:company|firm|group)|it) (?:also )?(?:said|says|added|explained|told \w+)"
    r"|(?:a )?(?:indique|explique|precise|ajoute) (?:la direction|l entreprise|le groupe|la societe))"
    r"(?: (?:in a|on|dans un|dans une) [\w ]{0,30})?$")
_THE_COMPANY = re.compile(r"^(?:the (?:company|firm|group)|l entreprise|la societe|le groupe|la direction) ")


def _company_says(sentence: Sentence, mentions: list[Mention]) -> bool:
    """ "Hollis said demand had slowed", "La direction explique ...": the company itself speaking, as the
    sentence's subject, just after its cuts were reported."""
    folded = sentence.folded
    opening = _THE_COMPANY.match(folded)
    if opening:
        return bool(_SAYS.match(folded[opening.end():]))
    if _COMPANY_SAID_AFTER.search(folded):
        return True  # "Orders came in below expectations, the company said."
    first = mentions[0] if mentions else None
    if first is None or first.start != 0 or first.dependent:
        return False
    return bool(_SAYS.match(" ".join(w.text for w in sentence.words[first.end:first.end + 4])))


def _figures(sentence: Sentence, mentions: list[Mention], context: Context, layoff_words: bool,
             denied: bool) -> list[_Figure]:
    shares = find_shares(sentence)
    # "supprime 8 % de ses effectifs, soit environ 400 postes": a share led by a verb of cutting says the
    # sentence is about cuts, so the count beside it is one too
    counted = layoff_words or any(share.verb for share in shares)
    # "one in ten employees", "10 to 15 percent": the numbers of a share are not head counts
    counts = [c for c in find_counts(sentence) if not any(s.start <= c.anchor < s.number_end for s in shares)]
    figures: list[_Figure] = []
    used_shares: set[int] = set()
    previous_kind: FactKind | None = None
    for count in counts:
        kind = _count_kind(sentence, count, counted, previous_kind)
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
    if not denied:
        for share in shares:
            if share.anchor in used_shares or not (layoff_words or share.verb):
                continue
            company, how = subject_of(sentence, share.anchor, share.start, share.end, mentions, context)
            if _attributable(FactKind.LAYOFF, company, how):
                figures.append(_Figure(FactKind.LAYOFF, share.anchor, share.start, share.end, company, how,
                                       share=share))
    return sorted(_worldwide_headcount(sentence, figures), key=lambda f: f.start)


_WORLDWIDE = re.compile(r"^(?:\w+ )?(?:worldwide|globally|around the world|across the world|in total|in all"
                        r"|dans le monde|au niveau mondial|a travers le monde|au total|dans le monde entier)\b")


def _worldwide_headcount(sentence: Sentence, figures: list[_Figure]) -> list[_Figure]:
    """ "6 200 personnes en France et 24 000 dans le monde": the company's headcount is the worldwide one."""
    def after(figure: _Figure) -> str:
        return " ".join(w.text for w in sentence.words[figure.end:figure.end + 5])

    headcounts = [f for f in figures if f.kind == FactKind.HEADCOUNT]
    if len(headcounts) < 2 or not any(_WORLDWIDE.match(after(f)) for f in headcounts):
        return figures
    return [f for f in figures if f.kind != FactKind.HEADCOUNT or _WORLDWIDE.match(after(f))]


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
    if count.role in {"total", "total after", "earlier"}:
        return FactKind.LAYOFF if layoff_words else None
    return FactKind.LAYOFF if layoff_words and count.noun else None


def _headcount_of_company(sentence: Sentence, count: Count, mentions: list[Mention]) -> bool:
    """ "its consulting arm, which employs 600 people", "its sales team of 40" count a unit, not the company."""
    words = sentence.words
    lead = " ".join(w.text for w in words[max(0, count.start - 3):count.start])
    if re.search(r"(?:team|teams|unit|division|department|arm|studio|equipe|service|pole|site|office|plant|usine)"
                 r" (?:of|de|d)$", lead):
        return False
    for i in range(count.start - 1, max(-1, count.start - 5), -1):
        if words[i].text in {"which", "that", "who", "qui"} and i >= 2 and words[i - 1].text == ",":
            owner = i - 2
            if any(m.start <= owner < m.end for m in mentions):
                return True
            # "the company, which ...", "le groupe lyonnais, qui ...", "la start-up parisienne, qui ..."
            return any(re.fullmatch(rf"(?:{ORG_NOUNS})", w.text) for w in words[max(0, owner - 2):owner + 1])
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
               attributed: bool) -> Statement:
    kind, company, count, share = figure.kind, figure.company, figure.count, figure.share
    role = count.role if count else "verb"
    after = " ".join(w.text for w in sentence.words[figure.end:figure.end + 4])
    # "600 personnes au total à travers le monde" is one round in full; "27,000 in total across 2022 and 2023"
    # or "1,040 in all, including the 600 cut in January" add rounds up.
    summed = role == "total after" or bool(cues.TOTAL_AFTER.match(after))
    cumulative = kind in {FactKind.LAYOFF, FactKind.COMPANIES} and (
        role == "total" or (summed and (when is not None or bool(cues.EARLIER.search(sentence.folded))))
        or (when is not None and when.is_running) or figure.how == "industry")
    lead = " ".join(w.text for w in sentence.words[max(0, figure.start - 12):figure.start])
    other = company is not None and context.focus is not None and company.key != context.focus.key \
        and figure.how != "unit"  # a unit's share of the article's round is the article's own news
    secondary = role == "earlier" or other
    return Statement(
        kind=kind, sentence=sentence, company=company, how=figure.how, count=count, share=share, when=when,
        cumulative=cumulative, plan=bool(cues.PLAN.search(lead)) or bool(cues.PLAN.search(sentence.folded)),
        speculative=speculative_at(sentence, figure.start, figure.end), secondary=secondary, attributed=attributed,
        earlier=secondary and not other, current=role != "earlier" and bool(_CURRENT.search(lead)),
    )


def speculative_at(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the words leading to a figure, or the verb right after it, only consider the cut.

    "Halcyon is considering cutting half of its staff" and "up to 200 jobs could go" are speculation;
    "Salesforce will cut 8,000 jobs; analysts said more could follow" is not, for the 8,000.
    """
    words = sentence.words
    first = start
    while first > 0 and start - first < 14 and words[first - 1].text not in {";", ":"}:
        first -= 1
    lead = _MONTH_MAY.sub(" ", " ".join(w.text for w in words[first:start]))
    after = " ".join(w.text for w in words[end:end + 4])
    return bool(cues.SPECULATION.search(lead)) or bool(re.match(
        r"^(?:(?:\w+ ){0,2})(?:could|might|pourrai(?:t|ent))\b", after))


# Just before a figure: a cut happening now or announced now, whatever the company ("is cutting", "said it would").
_CURRENT = re.compile(r"(?:\b(?:is|are)(?: \w+ly)? \w+ing|\b(?:said|says|announced|announces) (?:\w+ )?(?:it|they) "
                      r"(?:would|will|plans|is|are)|\b(?:will|plans? to|is set to|va|vont|prevoit|annonce)\b"
                      r"|\b(?:a|ont) (?:confirme|annonce|officialise|presente)\b|\b(?:confirmed|confirms)\b)"
                      r"(?: [\w-]+){0,4}$")


def _considered(folded: str) -> bool:
    """Whether a sentence only considers cuts ("could", "is weighing"); "in May" is a month, not the modal."""
    return bool(cues.SPECULATION.search(_MONTH_MAY.sub(" ", folded)))


# "in May", "May 3", "early May": the month, not the modal.
_MONTH_MAY = re.compile(r"(?:(?<=in )|(?<=of )|(?<=since )|(?<=early )|(?<=late )|(?<=mid )|(?<=until )|(?<=by )"
                        r"|(?<=through ))may\b|\bmay(?= \d)")


def subject_of(sentence: Sentence, anchor: int, start: int, end: int, mentions: list[Mention],
               context: Context) -> tuple[Mention | None, str]:
    """The company a figure is about, and how it was decided (subject, focus, industry, ambiguous)."""
    unit = _unit_after(sentence, end, mentions)
    if unit is not None:
        part = bool(_PART_OF.search(sentence.folded)) and any(m.key != unit.key for m in mentions if not m.dependent)
        return unit, "unit" if part or _PART_OF.search(" ".join(w.text for w in sentence.words[:start])) else "subject"
    before = [m for m in mentions if m.end <= start and not m.dependent]
    if before:
        subject = before[-1]
        between = " ".join(w.text for w in sentence.words[subject.end:start])
        if context.focus and not between.startswith(",") and _DEFINITE_AFTER_BREAK.search(between):
            return _reference(between, context)
        if subject.listed:
            return None, "ambiguous"
        return subject, "subject"
    last = max((m.end for m in mentions if m.end <= start), default=0)
    lead = " ".join(w.text for w in sentence.words[last:start])  # not the description that introduces a name
    key = referred(lead, context.described)
    if key is not None and key in context.named:
        return context.named[key], "reference"  # "The Seattle-based firm", described so earlier
    after = [m for m in mentions if m.start >= end and not m.dependent]
    if after and not _figure_between(sentence, end, after[0].start):
        return (None, "ambiguous") if after[0].listed else (after[0], "subject")
    dependent = [m for m in mentions if m.dependent and not m.aside and (m.end <= start or m.start >= end)]
    if dependent:
        return dependent[0], "subject"
    if cues.INDUSTRY.search(sentence.folded):
        return None, "industry"
    return context.referent, "focus"


# "several hundred positions at its cloud unit, Amazon Web Services", "150 chez sa filiale Datavista"
_AT_UNIT = re.compile(
    r"^(?:at|chez|within|au sein de|from|across|a) (?:(?:its|the|their|sa|son|ses|leur|leurs|la|le|l) )?"
    r"(?:[\w-]+ ){0,5}?(?:, )?$"
    rf"|^(?:in|dans|en) (?:(?:its|their|sa|son|ses|leur|leurs) )(?:[\w-]+ ){{0,3}}?(?:{_UNIT}|{_UNIT_FR}|filiale) "
    r"(?:[\w-]+ ){0,2}(?:, )?$")
# The figure is a company's share of a larger round: "the cuts include ...", "dont 150 chez ..."
_PART_OF = cues.words(r"include|includes|including|included|among them|of which|dont|parmi (?:eux|lesquels|elles)"
                      r"|notamment|y compris|incluant|comprennent|comprend")


def _unit_after(sentence: Sentence, end: int, mentions: list[Mention]) -> Mention | None:
    """The company named just after a figure as where the cuts fall ("at its cloud unit, AWS")."""
    for mention in mentions:
        if mention.dependent or not end <= mention.start <= end + 9:
            continue
        between = " ".join(w.text for w in sentence.words[end:mention.start])
        if _AT_UNIT.match(between + " " if between else ""):
            return mention
    return None


def _reference(text: str, context: Context) -> tuple[Mention | None, str]:
    """The company a definite description refers to: the one the article described so, else its own."""
    key = referred(text, context.described)
    if key is not None and key in context.named:
        return context.named[key], "reference"
    return context.referent, "focus"


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
        compared = figure.count is not None and figure.count.role == "compared"
        for d_index, when in enumerate(dates):
            if when.start < low or when.end > high:
                continue
            after = when.start >= figure.end
            if compared and not after:
                continue  # "..., contre 900 sur l'ensemble de 2023": the date before is the first figure's
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
    # "On Tuesday, eBay said ...": a date before the subject is its own unless another company comes first;
    # then only from the clause that names the subject ("..., and on Thursday Pallum said")
    low = owners[-1].start if len(owners) > 1 else 0
    if len(owners) > 1:
        breaks = [i + 1 for i in range(owners[-2].end, owners[-1].start) if sentence.words[i].text in {",", ";"}]
        low = breaks[-1] if breaks else low
    key = figure.company.key if figure.company else None
    high = min((m.start for m in mentions if m.start >= figure.end and not m.dependent and m.key != key),
               default=len(sentence.words))
    if high < len(sentence.words):  # "..., and on Thursday Pallum said": that clause is the next company's
        breaks = [i for i in range(figure.end, high) if sentence.words[i].text in {",", ";"}]
        high = breaks[-1] if breaks else high
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
    if when is not None and (when.is_running or (when.end_date - when.start_date).days > 31):
        when = None  # "would begin this year", "in recent months": too loose to date a round without a figure
    is_focus = context.focus is not None and company.key == context.focus.key
    if not is_focus and when is None:
        return []
    return [Statement(FactKind.LAYOFF, sentence, company, how, when=when, secondary=not is_focus,
                      plan=bool(cues.PLAN.search(sentence.folded)),
                      speculative=speculative_at(sentence, position, position + 1),
                      attributed=bool(cues.ATTRIBUTION.search(sentence.folded)),
                      cumulative=when is not None and when.is_running)]


def _round_owner(sentence: Sentence, mentions: list[Mention], statements: list[Statement],
                 context: Context) -> tuple[Mention | None, When | None, str]:
    """The company (and date) the sentence's teams or reasons belong to."""
    for statement in statements:
        if statement.kind == FactKind.LAYOFF and statement.company is not None and statement.how != "unit":
            return statement.company, statement.when, statement.how
    owners = [m for m in mentions if not m.unit]
    subjects = [m for m in owners if not m.dependent and not m.listed]
    if subjects:
        return subjects[0], None, "subject"
    if any(not m.dependent for m in owners):
        return None, None, "ambiguous"
    return context.referent, None, "focus"


def _teams(sentence: Sentence, mentions: list[Mention], statements: list[Statement],
           context: Context) -> list[Statement]:
    found = team_labels(sentence, mentions)
    cutting = {st.company.key for st in statements if st.kind == FactKind.LAYOFF and st.company is not None}
    companies = [m for m in mentions if not m.unit or m.key in cutting]  # a unit with its own figure is no team
    detail = unit_detail(sentence, [key for key, _ in found], companies)
    if not found and not detail:
        return []
    by_owner: dict[str | None, tuple[Mention, When | None, str, list[str]]] = {}
    found = [(key, position) for key, position in found if not _in_headcount(position, statements)]
    if not found and not detail:
        return []
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


def _in_headcount(position: int, statements: list[Statement]) -> bool:
    """ "which employs 1.5 million people, most of them in its warehouses": where staff work, not who lost jobs."""
    figures = [st for st in statements if st.count is not None and st.count.end <= position]
    if not figures:
        return False
    nearest = max(figures, key=lambda st: st.count.end if st.count is not None else 0)
    return nearest.kind == FactKind.HEADCOUNT and position - nearest.count.end <= 8 if nearest.count else False


def _owner_at(position: int, sentence: Sentence, mentions: list[Mention], statements: list[Statement],
              context: Context) -> tuple[Mention | None, When | None, str]:
    """The company (and round date) a team named at word `position` belongs to: the nearest subject before it."""
    before = [m for m in mentions if m.end <= position and not m.dependent and not m.listed and not m.unit]
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
                   and not _team_of(sentence, last, m.start) for m in mentions) \
                    or _names_unit(sentence, first, last, mentions):
                continue  # describes the company named right after it
            if _spared(sentence, first, last):
                continue
            found.append((team.key, first))
            break
    return sorted(found, key=lambda item: item[1])


def _team_of(sentence: Sentence, last: int, company: int) -> bool:
    """ "le support client de Nuvio", "the sales team at Corevo": the company's own team, not its description."""
    between = [w.text for w in sentence.words[last + 1:company]]
    return between in (["de"], ["d"], ["du"], ["of"], ["at"], ["chez"], ["team", "at"], ["teams", "at"], ["team", "of"],
                       ["teams", "of"])


def _names_unit(sentence: Sentence, first: int, last: int, mentions: list[Mention]) -> bool:
    """ "its cloud unit, Amazon Web Services": the team word describes the company named after the comma."""
    words = sentence.words
    if first == 0 or words[first - 1].text not in {"its", "the", "their", "sa", "son", "ses", "leur", "la", "le", "l"}:
        return False
    comma = next((i for i in range(last + 1, min(len(words), last + 4)) if words[i].text == ","), None)
    return comma is not None and bool(re.fullmatch(rf"{_UNIT}|{_UNIT_FR}|filiale|service|network|platform|arm",
                                                   words[comma - 1].text)) \
        and any(m.start == comma + 1 for m in mentions)


_SPARED_AFTER = re.compile(
    r"^(?:[\w-]+ ){0,5}?(?:(?:was|were|is|are|will be|would be|remain|remains|has been|have been|sera|seront|a ete"
    r"|ont ete|est|sont|reste|restent|resteront) )?(?:largely |mostly |entirely |almost entirely |not |pas |ne |n )?"
    r"(?:spared|unaffected|not affected|untouched|exempt|protected|strengthened|reinforced|expanded|growing"
    r"|(?:still |continues? to |keeps? )?hiring|epargnee?s?|renforcee?s?|preservee?s?|pas concernee?s?"
    r"|pas touchee?s?|non concernee?s?|epargne|(?:continue\w* (?:a|de) )?recrut(?:e|ent|era|eront))\b")
_SPARED_BEFORE = re.compile(r"(?:except|apart from|other than|outside|sauf|hormis|a l exception (?:de|des|du|d)"
                            r"|en dehors (?:de|des|du|d)|while|tandis que|alors que|but not|mais pas)(?: \S+){0,3}$")


def _spared(sentence: Sentence, first: int, last: int) -> bool:
    """ "while engineering was largely spared", "l'équipe de recherche sera renforcée": a team that keeps its jobs."""
    words = sentence.words
    end = last + 1
    while end < len(words) and end - last <= 8 and words[end].text not in {";", ":", ",", "(", ")"}:
        end += 1
    after = " ".join(w.text for w in words[last + 1:end])
    before = " ".join(w.text for w in words[max(0, first - 5):first])
    return bool(_SPARED_AFTER.match(after)) or bool(_SPARED_BEFORE.search(before))


def unit_detail(sentence: Sentence, labels: list[str], mentions: Sequence[Mention] = ()) -> str | None:
    """Named units the vocabulary does not know ("its Reality Labs division", "son studio de Leamington"),
    in the source's words; units overlapping `mentions` (companies with facts of their own) are left out."""
    words = sentence.words
    spans = [(words[m.start].start, words[m.end - 1].end) for m in mentions]
    phrases: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _NAMED_UNITS:
        for found in pattern.finditer(sentence.cleaned):
            start, end = found.span("name")
            if any(a < end and start < b for a, b in taken + spans):
                continue
            phrase = found.group("name").strip().rstrip(".,;:")
            if any(key in labels for key in _labels_in(phrase)):
                continue
            if pattern is _LOWER_CASE_UNIT and _labels_in(phrase):
                continue  # "its cloud unit": the vocabulary's team, named or described, not a unit of its own
            taken.append((start, end))
            phrases.append((start, phrase))
    return "; ".join(phrase for _, phrase in sorted(phrases)) or None


def _labels_in(phrase: str) -> list[str]:
    folded = fold(phrase)
    return [team.key for team in TEAMS if team.pattern.search(folded)]


# Reasons that only ever explain cuts; the others ("revenue fell", "AI", "demand slowed") are often just news
# and count as reasons only where the sentence ties them to the cuts.
_INTRINSIC_REASONS = frozenset({"overhiring_pandemic", "overexpansion", "restructuring", "efficiency", "cost_cutting",
                                "fix_areas", "refocus", "shutdown"})


# Moving money or people toward AI is itself the reason given, wherever it is said.
_INVESTS_IN_AI = re.compile(
    r"\b(?:invest\w*|shift\w*|redirect\w*|reallocat\w*|focus\w*|pivot\w*|prioriti\w*|refocus\w*|double down"
    r"|resources? (?:to|toward)|investir|investissements?|reorient\w*|recentr\w*|miser|mise|accelerer|accelere"
    r"|redeploy\w*|redeploi\w*) (?:\w+ ){0,4}?(?:ai|artificial intelligence|ia|intelligence artificielle|generative ai"
    r"|gen ai)\b")


def _reasons(sentence: Sentence, mentions: list[Mention], statements: list[Statement], context: Context,
             layoff_words: bool) -> list[Statement]:
    folded = sentence.folded
    if cues.OUTSIDE_VIEW.search(folded):
        return []
    tied = layoff_words or bool(cues.BECAUSE.search(folded))
    if not (tied or cues.SAID.search(folded) or cues.PURPOSE.search(folded)):
        return []
    invests_in_ai = bool(_INVESTS_IN_AI.search(sentence.plain))
    labels = [key for key in reason_labels(sentence)
              if tied or key in _INTRINSIC_REASONS or (key == "artificial_intelligence" and invests_in_ai)]
    detail = _reason_detail(sentence) if tied else None
    if not labels and not detail:
        return []
    company, when, how = _round_owner(sentence, mentions, statements, context)
    if company is None or (how == "focus" and _INDUSTRY_SUBJECT.search(folded)):
        return []  # "The games industry has been hit hard since the pandemic boom faded": not the company's reason
    rounds = {(st.when.start_date, st.when.end_date) if st.when else None for st in statements
              if st.kind == FactKind.LAYOFF and st.company is not None and st.company.key == company.key}
    if len(rounds) > 1:
        when = None  # several rounds: the reason is the article's, for its main round
    secondary = context.focus is not None and company.key != context.focus.key
    return [Statement(FactKind.REASON, sentence, company, how, when=when, labels=tuple(labels), detail=detail,
                      secondary=secondary, speculative=_considered(folded))]


# A sentence about the whole industry, which names no company: "The games industry has been hit hard ...",
# "Many tech companies hired too quickly", "Dans le secteur, les start-up ont trop recruté".
_INDUSTRY_SUBJECT = re.compile(
    r"^(?:\W+ )?(?:(?:but|and|yet|mais|et|dans l ensemble|across the industry) )?(?:the |many |most |other |several "
    r"|les |le |la |l |de nombreuses |beaucoup d |nombre d |plusieurs |d autres )?(?:[\w-]+ ){0,2}?(?:industry|sector"
    r"|companies|startups|start - ups|firms|employers|secteur|industrie|entreprises|societes|acteurs)\b")


def _costs(sentence: Sentence, mentions: list[Mention], statements: list[Statement],
           context: Context) -> list[Statement]:
    """What the cuts cost, for the company whose round the sentence is about (or the article's)."""
    cost = find_cost(sentence)
    if cost is None:
        return []
    company, when, how = _round_owner(sentence, mentions, statements, context)
    if company is None:
        return []
    count = Count(cost.low, cost.high, cost.qualifier, cost.start, cost.end, cost.start, noun=True, companies=False,
                  role="cost")
    return [Statement(FactKind.COST, sentence, company, how, count=count, when=when, detail=cost.unit,
                      speculative=_considered(sentence.folded),
                      secondary=context.focus is not None and company.key != context.focus.key)]


def reason_labels(sentence: Sentence) -> list[str]:
    """Vocabulary reasons the sentence gives, in order, leaving out what it says happened despite them
    ("despite the challenging economy") and a takeover that only dates ("since the takeover")."""
    plain = sentence.plain
    excluded = [(m.start(), plain.find(",", m.end()) if plain.find(",", m.end()) >= 0 else len(plain))
                for m in _DESPITE_PLAIN.finditer(plain)]
    found = []
    for reason in REASONS:
        for match in reason.pattern.finditer(plain):
            if any(a <= match.start() < b for a, b in excluded):
                continue
            if reason.key == "ownership_change" and _SINCE_PLAIN.search(plain[max(0, match.start() - 12):
                                                                                   match.start()]):
                continue
            found.append((match.start(), reason.key))
            break
    return [key for _, key in sorted(found)]


_DESPITE_PLAIN = re.compile(r"\b(?:despite|although|even though|malgre|bien que|en depit)\b")
_SINCE_PLAIN = re.compile(r"\b(?:since|depuis)\b(?: \w+){0,2} ?$")


def _reason_detail(sentence: Sentence) -> str | None:
    match = _REASON_PHRASE.search(sentence.cleaned)
    return match.group("why").strip() if match else None
