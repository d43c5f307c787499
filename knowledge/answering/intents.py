"""What a question asks, and in which language it is asked.

Intents are recognised by patterns over the folded text, in English and
French.  The order of `_INTENT_RULES` matters: the more specific readings
("what share", "which teams", "how many companies") are tried before the
general "how many".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from knowledge.language.text import Token


class Intent(StrEnum):
    COUNT = "count"  # how many people were laid off
    SHARE = "share"  # what share of staff
    WHEN = "when"  # when it happened
    TEAMS = "teams"  # which teams or divisions
    REASON = "reason"  # why
    WHO = "who"  # who leads or announced it
    BIGGEST = "biggest"  # the largest layoff of a period
    TOTAL = "total"  # a total over a period
    HEADCOUNT = "headcount"  # how many people a company employs
    COMPANIES = "companies"  # how many companies cut jobs
    TIMELINE = "timeline"  # an open request: "Amazon layoffs"
    COMPARE = "compare"  # which of two cut more ("Did Meta cut more than Google in 2023?")
    RANKING = "ranking"  # the top companies, industries, countries… by people laid off
    LIST = "list"  # which companies (industries, countries…) cut jobs
    YESNO = "yesno"  # "Did Stripe lay off staff in 2023?"
    COST = "cost"  # what the cuts cost the company: severance, restructuring charges
    LATEST = "latest"  # the most recent rounds ("What's the latest layoff?")


def _p(expression: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{expression})(?!\w)")


# What a question can measure the size of besides a company: its layoffs ("the size of Tekion's layoff").
_CUT_NOUNS = (r"(?:s )?(?:layoffs?|lay offs?|job cuts|cuts?|round|rounds|reductions?|redundanc\w+|downsizing"
              r"|licenciements?|suppressions?|plan social|vagues?)")


LAYOFF_WORDS = _p(
    r"lay(?:s|ing)? ?offs?|laid ?off|layoff\w*|lay-?off\w*|cut(?:s|ting)?|job cuts|fir(?:e|ed|es|ing)"
    r"|let go|sack\w*|redundan\w*|eliminat\w*|downsiz\w*|shed\w*|slash\w*|axe[ds]?|terminat\w*|furlough\w*"
    r"|reduction(?:s)? in force|rif|workforce reduction|job loss\w*|lost (?:their )?jobs|jobs? lost|headcount"
    r"|licenci\w*|supprim\w*|suppressions?|coupes?|plans? sociaux?|plan social|reductions? d effectifs?"
    r"|departs?|postes?|emplois?|vir(?:e|es|er)|remercie\w*|workforce|staff|employees|layoffs\.fyi|tracker"
    r"|affected|impacted|hardest hit|hit hardest|touche\w*|frappe\w*|plans? de depart"
)
_INDUSTRY_WORDS = _p(
    r"tech (?:workers|employees|industry|sector|companies|jobs|layoffs|staff|firms)|industry|industrie"
    r"|across (?:the )?(?:tech|industry|sector|companies)|worldwide|globally|overall|secteur|tech sector"
    r"|in tech|de la tech|du secteur|travailleurs|all companies|toutes les entreprises|layoffs\.fyi|tracker"
    r"|how many (?:people|workers|employees|jobs)(?: \w+){0,3} (?:were|have been|got|lost)"
    r"|combien de (?:personnes|salaries|employes|travailleurs|emplois)(?: \w+){0,3} (?:ont ete|a ete)"
)

# In the text intents are read from, every industry, place or stage named is the word FILTER.
FILTER = "filter"
_COMPANY_NOUNS = (r"(?:companies|firms|businesses|startups|start ups?|employers|unicorns|entreprises|societes|firmes"
                  r"|employeurs|jeunes pousses)")

_INTENT_RULES: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (Intent.COST, _p(
        r"cost(?:s|ing)?|severance(?: pay| packages?)?|restructuring (?:charges?|costs?)|termination benefits"
        r"|(?:how much|what) (?:\w+ ){0,4}(?:charges?|spend|pay out|paid out)"
        r"|indemnites?(?: de depart)?|indemnisations?|cout(?:s|e|es|ee|ees|era|eront|erait|er|ent)?|couterait"
        r"|charges? de restructuration")),
    (Intent.COMPANIES, _p(
        rf"how many (?:(?:tech|filter|[a-z]+ funded|funded|based) )*{_COMPANY_NOUNS}"
        rf"|number of (?:(?:tech|filter) )*{_COMPANY_NOUNS}|count of {_COMPANY_NOUNS}"
        r"|combien d (?:(?:filter )?(?:entreprises|societes|firmes|start ?ups?|employeurs|jeunes pousses))"
        r"|combien de (?:start ?ups?|societes|jeunes pousses)|nombre d (?:entreprises|societes)")),
    (Intent.SHARE, _p(
        r"percent(?:age)?|%|share|proportion|fraction|pourcentage|quelle part|what part|pour ?cent")),
    (Intent.HEADCOUNT, _p(
        # "how many layoffs did Google have" counts cuts, not staff
        rf"how many (?!(?:\w+ ){{0,2}}{_CUT_NOUNS}\b)(?:\w+ ){{0,2}}(?:does|did|do) (?:\w+ ){{1,4}}(?:have|had|employ)"
        r"|employ(?:s|ed)? how many"
        r"|(?:headcount|workforce|staff) (?:size|of)"
        rf"|how (?:big|large) (?:is|was)(?! (?:\w+ ){{0,3}}{_CUT_NOUNS})|size of(?! (?:\w+ ){{0,3}}{_CUT_NOUNS})"
        r"|how many (?:people|employees|staff|workers) (?:work|works|worked|are employed)"
        r"|combien de (?:personnes|salaries|employes) (?:travaillent|travaillaient)"
        r"|combien (?:d )?(?:employes|salaries|personnes) (?:compte|comptait|emploie|employait|avait)")),
    # "the latest layoff", "recent layoffs in fintech", "le dernier licenciement"; "last" only right before the
    # cut ("last year's layoffs" is a period)
    (Intent.LATEST, _p(
        rf"(?:latest|most recent|newest|recent) (?:\w+ ){{0,2}}{_CUT_NOUNS}|last {_CUT_NOUNS}"
        rf"|{_CUT_NOUNS} (?:\w+ ){{0,2}}(?:lately|recently)"
        rf"|(?:dernier|derniere|derniers|dernieres|plus recents?) {_CUT_NOUNS}|{_CUT_NOUNS} (?:les )?plus recents?"
        rf"|{_CUT_NOUNS} recents?")),
    (Intent.BIGGEST, _p(
        r"biggest|largest|greatest|most (?:people|layoffs|jobs|cuts|employees)|the most|top"
        r"|plus (?:grande?s?|importante?s?|gros(?:se)?)|le plus (?:de|d|licencie\w*|supprime\w*)|la plus")),
    (Intent.TEAMS, _p(
        r"(?:which|what) (?:\w+ )?(?:teams?|divisions?|departments?|units?|groups?|businesses|orgs?"
        r"|organi[sz]ations?|parts?|roles?|areas?|functions?|studios?|sites?|offices?|plants?|factories|factory"
        r"|branch(?:es)?|subsidiar(?:y|ies)|locations?)|teams? (?:were |was )?(?:affected|hit|impacted|cut)"
        r"|who (?:was|were|got) (?:affected|hit|impacted|laid off|cut)"
        r"|quel(?:le)?s? (?:\w+ )?(?:equipes?|divisions?|services?|unites?|activites?|departements?|postes?"
        r"|studios?|sites?|bureaux|bureau|usines?|filiales?|branches?|implantations?)"
        r"|qui (?:a|ont) ete (?:touche|licencie)\w*")),
    (Intent.REASON, _p(r"why|reasons?|raisons?|pourquoi|what led|what caused|motif|explain")),
    (Intent.WHEN, _p(
        r"when|quand|what date|which date|quelle date|a quelle date|what day|which day|quel jour|which month"
        r"|quel mois|(?:did|do|does) (?:\w+ ){1,5}(?:start|begin)|began|a commence|ont commence")),
    (Intent.WHO, _p(r"^(?:who|qui)|who (?:is|was|led|leads|ordered|announced|decided|runs|heads)")),
    (Intent.TOTAL, _p(r"total|in all|altogether|combined|cumulative|sum|au total|en tout|cumul\w*")),
    (Intent.COUNT, _p(r"how many|how much|number of|count|figures?|combien|nombre|chiffres?|size|how big|how large"
                      r"|ampleur|taille")),
)

_FRENCH_MARKERS = frozenset(
    """
    combien de des le la les ont est licencie licencies licenciees licenciee licenciements entreprises
    personnes employes pourquoi quand quelles quelle quels equipes en depuis annee du au qu suppressions
    emplois il elle ils t a ete sont plus que qui touche touchees salaries effectifs part pourcentage
    cette derniere dernier debut mois chez postes supprime supprimes travailleurs
    """.split()
)
_ENGLISH_MARKERS = frozenset(
    """
    how many did the of in people employees lay off laid what why when which layoffs cut cuts were was
    have has by since this year so far teams affected percent share staff workforce biggest who jobs did
    does much tech workers fired last their its between and
    """.split()
)
_FRENCH_ONLY = re.compile(r"[àâçéèêëîïôûùüÿœ]|\b(?:a-t-(?:il|elle)|qu'|d'|l')", re.IGNORECASE)


def detect_language(raw: str, tokens: Sequence[Token], default: str) -> str:
    """'fr' or 'en', by marker words; `default` when the text gives no sign."""
    words = [t.text for t in tokens if not t.is_number]
    french: float = sum(w in _FRENCH_MARKERS for w in words)
    english = sum(w in _ENGLISH_MARKERS for w in words)
    if _FRENCH_ONLY.search(raw):
        french += 1.5
    if french == english:
        return default
    return "fr" if french > english else "en"


def detect_intent(folded: str, has_company: bool) -> Intent:
    """The main thing asked; an open request about a company is a timeline."""
    return named_intent(folded, has_company) or (Intent.TIMELINE if has_company else Intent.COUNT)


def named_intent(folded: str, has_company: bool) -> Intent | None:
    """What the words of a question ask, or None when they ask nothing in particular ("and Google?"): a
    follow-up that asks nothing keeps what the question before it asked."""
    for intent, pattern in _INTENT_RULES:
        if pattern.search(folded):
            if intent is Intent.WHO and not has_company:
                continue
            return intent
    return None


def mentions_layoffs(folded: str) -> bool:
    return bool(LAYOFF_WORDS.search(folded))


def asks_about_industry(folded: str) -> bool:
    return bool(_INDUSTRY_WORDS.search(folded))


class Measure(StrEnum):
    """What a total, a ranking or a comparison counts."""

    PEOPLE = "people"
    COMPANIES = "companies"
    ROUNDS = "rounds"


class Group(StrEnum):
    """What a ranking or a list is made of."""

    COMPANY = "company"
    INDUSTRY = "industry"
    COUNTRY = "country"
    CITY = "city"
    STAGE = "stage"
    YEAR = "year"
    MONTH = "month"


_GROUPS: tuple[tuple[Group, str], ...] = (
    (Group.INDUSTRY, r"industry|industries|sectors?|fields?|secteurs?|industries?|domaines?"),
    (Group.COUNTRY, r"country|countries|nations?|pays"),
    (Group.CITY, r"city|cities|hubs?|metros?|villes?"),
    (Group.STAGE, r"(?:funding )?stages?|stades?"),
    (Group.YEAR, r"years?|annees?"),
    (Group.MONTH, r"months?|mois"),
    (Group.COMPANY, r"compan(?:y|ies)|firms?|startups?|start ups?|employers?|businesses|entreprises?|societes?"
                    r"|firmes?|employeurs?|jeunes pousses"),
)
_WHICH = r"(?:which|what|name|list|quel|quelle|quels|quelles|nommez|citez|liste[rz]?)"
_SUPERLATIVE = _p(
    r"most|biggest|largest|greatest|highest|worst|hardest|top|heaviest|fewest|least|lowest|smallest"
    r"|le plus|la plus|les plus|le moins|la moins|les moins|plus touche\w*|plus grand\w*|plus gros\w*")
_ASCENDING = _p(r"fewest|least|lowest|smallest|le moins|la moins|les moins")
# "the biggest layoff", "le plus grand licenciement": one round, not a total.
_ONE_ROUND = _p(
    r"(?:biggest|largest|greatest|heaviest|worst) (?:single )?(?:layoff|lay off|job cut|round|cut|wave)(?! \w*s\b)"
    r"|plus (?:grand|gros|important)e? (?:licenciement|plan social|vague|suppression)(?!s)")
_COMPARE = _p(
    r"(?:more|fewer|less|bigger|larger|smaller|higher|lower) (?:\w+ ){0,5}than|plus (?:\w+ ){0,4}que"
    r"|moins (?:\w+ ){0,4}que|davantage (?:\w+ ){0,4}que|vs|versus|compare\w*|comparaison|comparer|compar\w+"
    r"|(?:which|who|lequel|laquelle|qui) (?:\w+ ){0,4}(?:more|most|plus|moins|fewer|less|bigger|larger|greater)"
    r"\b.* (?:or|ou) \w+")
# "Did layoffs go up or down in 2024?": a year set against the year before (see `understand._sides`).
TREND = _p(
    r"(?:go|gone|went|going) (?:up or down|down or up)|up or down|increas\w*|decreas\w*|more or fewer"
    r"|(?:en )?hausse ou (?:en )?baisse|augment\w* ou (?:diminu|baiss)\w*|(?:en )?hausse|(?:en )?baisse")
# what a trend must be about to be one of layoffs ("did Meta's headcount decrease?" is about its staff)
TREND_OF_LAYOFFS = _p(
    rf"{_CUT_NOUNS}|laid ?off|lay(?:s|ing)? ?off|let go|job loss\w*|lost (?:their )?jobs|licenci\w*"
    r"|suppressions? (?:d )?(?:emplois?|postes?)")
_FEWER = _p(r"fewer|less|smaller|lower|moins")
_YESNO = re.compile(
    r"^(?:(?:in|en|during|since|depuis|by|so far in) \d{4} )?"
    r"(?:did|does|do|has|have|had|was|were|is|are|any|can|could|est ce (?:que|qu)|y a t il|y a il"
    r"|y a t il eu|y a eu)\b|\b(?:a|ont) t (?:il|elle|ils|elles) (?!combien)")
_OPEN_QUESTION = _p(r"how|what|which|who|when|why|where|combien|quel\w*|qui|quand|pourquoi|comment")
_ROUND_WORDS = _p(r"rounds?|waves?|events?|announcements?|vagues?|annonces?|plans sociaux")
_COMPANY_MEASURE = _p(rf"most {_COMPANY_NOUNS}|number of {_COMPANY_NOUNS}|le plus d {_COMPANY_NOUNS}"
                      r"|shutdowns|closures|fermetures")
_TOP_N = re.compile(r"(?:top|the|les|first|premieres?|premiers|which|what|name|list|quels|quelles|nommez|citez)"
                    r" (?P<n>\d{1,2})(?!\d)|(?P<m>\d{1,2}) "
                    r"(?:biggest|largest|most|top|plus|premier|premieres|premiers|\w+ (?:with|qui|ayant))")


_GROUP_NOUN = "|".join(f"(?P<{group.value}>{nouns})" for group, nouns in _GROUPS)
_GROUP_ASKED = re.compile(
    rf"(?<!\w)(?:{_WHICH}|top|the \d+|les \d+) (?:(?:\w+) ){{0,3}}?(?:{_GROUP_NOUN})(?!\w)")


def group_asked(folded: str) -> Group | None:
    """What a "which …" question asks about ("which country", "les 3 entreprises qui…"): the first group noun."""
    match = _GROUP_ASKED.search(folded)
    if match:
        return next(group for group in Group if match[group.value])
    if re.search(r"^(?:who|qui) (?:\w+ ){0,2}(?:laid|cut|fired|shed|slashed|licencie|supprime|a licencie|a supprime)",
                 folded):
        return Group.COMPANY
    return None


def detect_shape(folded: str, has_company: bool, companies: int, compare: bool = True, trend: bool = False
                 ) -> tuple[Intent | None, Group | None, int | None, str, bool]:
    """(intent, group, how many, order, yes/no) beyond the plain intents: comparisons, rankings, lists, yes/no.

    `folded` is the question with every industry, place or stage named replaced by `FILTER`; `trend` says it
    asks whether layoffs went up or down (a comparison of two years).
    """
    yes_no = bool(_YESNO.search(folded)) and not _OPEN_QUESTION.search(folded)
    order = "least" if _ASCENDING.search(folded) else "most"
    if compare and (trend or _COMPARE.search(folded)):
        return Intent.COMPARE, None, None, "fewer" if _FEWER.search(folded) else "more", yes_no
    group = None if has_company and companies == 1 else group_asked(folded)
    superlative = bool(_SUPERLATIVE.search(folded))
    top = _top(folded)
    if group is not None and (superlative or top):
        if group is Group.COMPANY and _ONE_ROUND.search(folded) and not top:
            return Intent.BIGGEST, None, None, order, yes_no
        return Intent.RANKING, group, top, order, yes_no
    if group is not None and not has_company:
        return Intent.LIST, group, top, order, yes_no
    if yes_no:
        return Intent.YESNO, None, None, order, True
    return None, None, top, order, False


def _top(folded: str) -> int | None:
    match = _TOP_N.search(folded)
    if not match:
        return None
    n = int(match["n"] or match["m"])
    return n if 0 < n <= 50 else None


def measure_asked(folded: str) -> Measure:
    if _COMPANY_MEASURE.search(folded):
        return Measure.COMPANIES
    if _ROUND_WORDS.search(folded) and not re.search(r"people|employees|workers|personnes|salaries|employes", folded):
        return Measure.ROUNDS
    return Measure.PEOPLE
