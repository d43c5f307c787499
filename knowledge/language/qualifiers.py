"""How exact a figure is, in the words people write before it, in English and French.

"more than 300", "au moins 1 000", "several hundred", "des milliers": shared by the article reader
(`knowledge.intake.articles`) and moderators' forms (`knowledge.intake.forms`), which must read the
same phrase as the same qualifier.  Patterns run on folded words (lower case, no accents, numbers
as digits; see `knowledge.language.text`).
"""

from __future__ import annotations

import re

from knowledge.types import Qualifier

# How exact a figure is, said just before it.  Longest phrases first.
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    (r"slightly (?:more than|over)|just (?:over|above)|a little (?:more than|over)|a bit more than"
     r"|legerement plus (?:de|d)|un peu plus (?:de|d)|juste au - dessus (?:de|d)|tout juste plus (?:de|d)",
     Qualifier.SLIGHTLY_MORE_THAN),
    (r"more than|over|upwards of|in excess of|north of|more of|plus (?:de|d|que)|au - dela (?:de|d)|superieur a"
     r"|plus (?:de|d) l ordre (?:de|d)", Qualifier.MORE_THAN),
    (r"at least|no fewer than|no less than|a minimum of|au moins|pas moins (?:de|d)|au minimum", Qualifier.AT_LEAST),
    (r"up to|as many as|as much as|jusqu a|jusqu au|pouvant aller jusqu a", Qualifier.UP_TO),
    (r"just under|just below|just shy of|nearly|almost|close to|not far from|a little under|a little less than"
     r"|pres (?:de|d)|presque|quasiment|pas loin (?:de|d)|un peu moins (?:de|d)|juste en (?:dessous|deca) (?:de|d)"
     r"|juste sous|frolant", Qualifier.NEARLY),
    (r"fewer than|less than|under|below|moins (?:de|d)|inferieur a", Qualifier.FEWER_THAN),
    (r"about|around|roughly|approximately|some|an estimated|estimated|circa|approx|(?:around|about|approximately) of"
     r"|environ|quelque|quelques"
     r"|autour (?:de|d)|a peu pres|approximativement|aux alentours (?:de|d)|de l ordre (?:de|d)|quelques|pres d environ"
     r"|d environ|(?:de|d) quelque", Qualifier.ABOUT),
)
QUALIFIER = "(?:" + "|".join(f"(?:{expression})" for expression, _ in QUALIFIERS) + ")"
_QUALIFIER_PATTERNS = tuple((re.compile(rf"(?:{expression})$"), qualifier) for expression, qualifier in QUALIFIERS)


def qualifier_of(phrase: str | None) -> Qualifier:
    """The qualifier a matched phrase expresses (exact when there is none)."""
    if not phrase:
        return Qualifier.EXACT
    phrase = phrase.strip()
    for pattern, qualifier in _QUALIFIER_PATTERNS:
        if pattern.fullmatch(phrase):
            return qualifier
    return Qualifier.EXACT


# Orders of magnitude without a number.
VAGUE: tuple[tuple[str, Qualifier, int, int], ...] = (
    (r"tens of thousands|des dizaines de milliers|dizaines de milliers", Qualifier.THOUSANDS, 20_000, 99_999),
    (r"several 1000|a few 1000|plusieurs milliers|quelques milliers|plusieurs 1000|quelques 1000",
     Qualifier.SEVERAL_THOUSAND, 2_000, 9_999),
    (r"thousands|des milliers|milliers", Qualifier.THOUSANDS, 2_000, 9_999),
    (r"several 100|a few 100|plusieurs centaines|quelques centaines|plusieurs 100|quelques 100",
     Qualifier.SEVERAL_HUNDRED, 200, 999),
    (r"hundreds|des centaines|centaines", Qualifier.HUNDREDS, 200, 999),
    (r"dozens|a few dozen|several dozen|des dizaines|quelques dizaines|plusieurs dizaines|dizaines",
     Qualifier.DOZENS, 24, 99),
)
VAGUE_WORDS = "(?:" + "|".join(expression for expression, *_ in VAGUE) + ")"
_VAGUE_PATTERNS = tuple((re.compile(expression), (qualifier, low, high)) for expression, qualifier, low, high in VAGUE)


def vague_of(phrase: str) -> tuple[Qualifier, int, int]:
    for pattern, (qualifier, low, high) in _VAGUE_PATTERNS:
        if pattern.fullmatch(phrase):
            return qualifier, low, high
    raise ValueError(phrase)
