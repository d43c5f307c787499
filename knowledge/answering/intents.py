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


def _p(expression: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{expression})(?!\w)")


LAYOFF_WORDS = _p(
    r"lay(?:s|ing)? ?offs?|laid ?off|layoff\w*|lay-?off\w*|cut(?:s|ting)?|job cuts|fir(?:e|ed|es|ing)"
    r"|let go|sack\w*|redundan\w*|eliminat\w*|downsiz\w*|shed\w*|slash\w*|axe[ds]?|terminat\w*|furlough\w*"
    r"|reduction(?:s)? in force|rif|workforce reduction|job loss\w*|lost (?:their )?jobs|jobs? lost|headcount"
    r"|licenci\w*|supprim\w*|suppressions?|coupes?|plans? sociaux?|plan social|reductions? d effectifs?"
    r"|departs?|postes?|emplois?|vir(?:e|es|er)|remercie\w*|workforce|staff|employees|layoffs\.fyi|tracker"
)
_INDUSTRY_WORDS = _p(
    r"tech (?:workers|employees|industry|sector|companies|jobs|layoffs|staff|firms)|industry|industrie"
    r"|across (?:the )?(?:tech|industry|sector|companies)|worldwide|globally|overall|secteur|tech sector"
    r"|in tech|de la tech|du secteur|travailleurs|all companies|toutes les entreprises|layoffs\.fyi|tracker"
    r"|how many (?:people|workers|employees|jobs)(?: \w+){0,3} (?:were|have been|got|lost)"
    r"|combien de (?:personnes|salaries|employes|travailleurs|emplois)(?: \w+){0,3} (?:ont ete|a ete)"
)

_INTENT_RULES: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (Intent.COMPANIES, _p(
        r"how many (?:tech )?(?:companies|firms|businesses|startups|employers)|number of (?:companies|firms)"
        r"|combien d (?:entreprises|societes|firmes|start ?ups|employeurs)|nombre d (?:entreprises|societes)")),
    (Intent.SHARE, _p(
        r"percent(?:age)?|%|share|proportion|fraction|pourcentage|quelle part|what part|pour ?cent")),
    (Intent.HEADCOUNT, _p(
        r"how many (?:\w+ ){0,2}(?:does|did|do) (?:\w+ ){1,4}(?:have|had|employ)|employ(?:s|ed)? how many"
        r"|(?:headcount|workforce|staff) (?:size|of)|how (?:big|large) (?:is|was)|size of"
        r"|how many (?:people|employees|staff|workers) (?:work|works|worked|are employed)"
        r"|combien de (?:personnes|salaries|employes) (?:travaillent|travaillaient)"
        r"|combien (?:d )?(?:employes|salaries|personnes) (?:compte|comptait|emploie|employait|avait)")),
    (Intent.BIGGEST, _p(
        r"biggest|largest|greatest|most (?:people|layoffs|jobs|cuts|employees)|the most|top"
        r"|plus (?:grande?s?|importante?s?|gros(?:se)?)|le plus (?:de|d|licencie\w*|supprime\w*)|la plus")),
    (Intent.TEAMS, _p(
        r"(?:which|what) (?:\w+ )?(?:teams?|divisions?|departments?|units?|groups?|businesses|orgs?"
        r"|organi[sz]ations?|parts?|roles?|areas?|functions?)|teams? (?:were |was )?(?:affected|hit|impacted|cut)"
        r"|who (?:was|were|got) (?:affected|hit|impacted|laid off|cut)"
        r"|quel(?:le)?s? (?:\w+ )?(?:equipes?|divisions?|services?|unites?|activites?|departements?|postes?)"
        r"|qui (?:a|ont) ete (?:touche|licencie)\w*")),
    (Intent.REASON, _p(r"why|reasons?|raisons?|pourquoi|what led|what caused|motif|explain")),
    (Intent.WHEN, _p(
        r"when|quand|what date|which date|quelle date|a quelle date|what day|which day|quel jour|which month"
        r"|quel mois|(?:did|do|does) (?:\w+ ){1,5}(?:start|begin)|began|a commence|ont commence")),
    (Intent.WHO, _p(r"^(?:who|qui)|who (?:is|was|led|leads|ordered|announced|decided|runs|heads)")),
    (Intent.TOTAL, _p(r"total|in all|altogether|combined|cumulative|sum|au total|en tout|cumul\w*")),
    (Intent.COUNT, _p(r"how many|how much|number of|count|figures?|combien|nombre|chiffres?")),
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
    for intent, pattern in _INTENT_RULES:
        if pattern.search(folded):
            if intent is Intent.WHO and not has_company:
                continue
            return intent
    return Intent.TIMELINE if has_company else Intent.COUNT


def mentions_layoffs(folded: str) -> bool:
    return bool(LAYOFF_WORDS.search(folded))


def asks_about_industry(folded: str) -> bool:
    return bool(_INDUSTRY_WORDS.search(folded))
