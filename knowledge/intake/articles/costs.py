"""What job cuts cost the company, as reporting states it: severance, charges, restructuring costs.

"severance and other termination benefits costing approximately $800 million", "ce plan social devrait
coûter entre 35 et 45 millions en indemnités", "charges of $1.2 billion to $1.5 billion". A cost fact
keeps its amount in millions (or thousands, for smaller sums) of the currency the sentence names, so
the figure an answer shows ("about $800 million") is the fact's own figure: see `FactKind.COST`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.intake.articles.sentences import Sentence
from knowledge.language import qualifiers
from knowledge.types import Qualifier

# Words that make a sum of money the cost of the cuts (not revenue, a valuation or a salary).
COST_WORDS = re.compile(
    r"(?<![\w.])(?:severance|termination benefits|redundancy (?:pay|costs?)|restructuring (?:costs?|charges?|expenses?)"
    r"|(?:pre-?tax |one-time |one - time )?charges? (?:of|totall?ing|between)|cost(?:s|ing)?(?: the company)?"
    r"|expenses? (?:of|related)|indemnites?|indemnisations?|couter(?:a|ont|ait|aient)?|cout(?:s|era|eront)?"
    r"|charges? (?:de restructuration|exceptionnelles?)|provisions? (?:de|d|pour)|provisionn\w+)(?![\w])")
# Words that tie a sentence's sum of money to job cuts even when it names no cut itself: "charges of $40 million
# in connection with the plan", "des indemnités de départ", "provisionner 65 millions pour ... l'accompagnement".
SEVERANCE = re.compile(
    r"(?<![\w.])(?:severance|termination benefits|redundancy (?:pay|costs?)|restructuring (?:costs?|charges?)"
    r"|in connection with the (?:plan|cuts|layoffs|job cuts|restructuring|reductions)|indemnites? de (?:depart"
    r"|licenciement)|mesures d accompagnement|plan social|plan de sauvegarde)(?![\w])")
# A sum saved every year is what the cuts save, not what they cost: "réduire les coûts de 40 millions par an".
_SAVING_BEFORE = re.compile(
    r"(?:^| )(?:save|saves|saving|savings|reduce|reduces|reducing|cut|cutting|lower|lowering|trim|economiser"
    r"|economies|reduire|reduction|baisser|abaisser|diminuer|allege\w*)(?: [\w-]+){0,5}$")
_PER_YEAR = re.compile(r"^(?:(?:d |de )?(?:dollars?|euros?|livres?|pounds?) )?(?:(?:a|per|par|each|chaque)"
                       r" (?:year|an|annee)|annually|annuels?|annuellement)")
_CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
                    "chf": "CHF", "₹": "INR", "inr": "INR"}
_CURRENCY_AFTER = re.compile(r"^(?:d |de )?(dollars?|euros?|livres?|pounds?|usd|eur|gbp|chf|francs? suisses|roupies"
                             r"|rupees)\b")
_CURRENCY_NAMES = {"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
                   "livre": "GBP", "livres": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "chf": "CHF",
                   "franc suisse": "CHF", "francs suisses": "CHF", "roupies": "INR", "rupees": "INR"}
_RANGE_JOIN = {"to", "and", "et", "a", "-", "and $", "to $"}
_MILLION = 1_000_000
_THOUSAND = 1_000


@dataclass(frozen=True, slots=True)
class Cost:
    low: int  # in `unit`s of the currency
    high: int
    qualifier: Qualifier
    unit: str  # "USD million", "EUR thousand", "million" (currency not named)
    start: int  # words [start, end) of the amount
    end: int


def find_cost(sentence: Sentence) -> Cost | None:
    """The cost of job cuts the sentence states, if it names one: a sum of money beside cost words."""
    if not COST_WORDS.search(sentence.folded):
        return None
    words = sentence.words
    for index, word in enumerate(words):
        if not word.is_number or word.value is None:
            continue
        currency, start = _currency_before(sentence, index)
        low = high = word.value
        end = index + 1
        second = _second_of_range(sentence, end)
        if second is not None:
            high, end = second
        after = " ".join(w.text for w in words[end:end + 3])
        before = " ".join(w.text for w in words[max(0, start - 8):start])
        if _SAVING_BEFORE.search(before) or _PER_YEAR.match(" ".join(w.text for w in words[end:end + 4])):
            continue  # savings, not the cost of the cuts
        named = _CURRENCY_AFTER.match(after)
        if named:
            currency = currency or _CURRENCY_NAMES.get(named.group(1))
        if high >= _MILLION and low < 1000 and high % _MILLION == 0:
            low *= _scale(high)  # "entre 35 et 45 millions": the scale word is said once, for both
        if high < 100_000 or low > high or (currency is None and high < _MILLION):
            continue  # too small to be a company's cost of cuts, or a number with no money in it
        unit_size, unit = (_MILLION, "million") if low % _MILLION == 0 and high % _MILLION == 0 else \
            (_THOUSAND, "thousand")
        qualifier = Qualifier.RANGE if second is not None else \
            qualifiers.qualifier_of(_qualifier_before(sentence, start))
        return Cost(int(low // unit_size), int(high // unit_size), qualifier,
                    f"{currency} {unit}" if currency else unit, start, end)
    return None


def _currency_before(sentence: Sentence, index: int) -> tuple[str | None, int]:
    if index > 0:
        before = sentence.words[index - 1].text
        if before in _CURRENCY_BEFORE:
            return _CURRENCY_BEFORE[before], index - 1
    return None, index


def _second_of_range(sentence: Sentence, after: int) -> tuple[float, int] | None:
    """'$1.2 billion to $1.5 billion', 'entre 35 et 45 millions': the upper bound and where it ends."""
    words = sentence.words
    for join in (1, 2):
        if after + join < len(words) and " ".join(w.text for w in words[after:after + join]) in _RANGE_JOIN:
            candidate = words[after + join]
            if candidate.is_number and candidate.value is not None:
                return candidate.value, after + join + 1
    return None


def _scale(value: float) -> int:
    return 1_000_000_000 if value % 1_000_000_000 == 0 else _MILLION


def _qualifier_before(sentence: Sentence, start: int) -> str | None:
    before = " ".join(w.text for w in sentence.words[max(0, start - 4):start])
    found = re.search(rf"(?:{qualifiers.QUALIFIER})$", before)
    return found.group(0) if found else None
