"""Numbers written in words, in English and French, read as values.

People ask about "twenty twenty two" and articles say "plusieurs centaines"
or "deux mille vingt-trois"; the rest of the core only ever sees digits.
This module turns runs of number words (and "1.5 million", "27 000") into a
single numeric token.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.language.text import Token

_UNITS = {
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    # French ("un"/"une" are handled apart: mostly they are articles)
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
_HUNDRED = {"hundred", "cent", "cents"}
_SCALES = {
    "thousand": 1_000, "mille": 1_000, "k": 1_000, "million": 1_000_000, "millions": 1_000_000,
    "billion": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
}
_ARTICLES = {"un", "une"}
_JOINERS = {"-", "and", "et"}
_MONTH_LIKE = {"sept"}  # "Sept 2023" is September, not seven


def is_number_word(word: str) -> bool:
    return word in _UNITS or word in _TENS or word in _HUNDRED or word in _SCALES or word in _ARTICLES


def merge_number_words(tokens: Sequence[Token]) -> list[Token]:
    """Replace each run of number words by one numeric token.

    Digits followed by a scale word ("1.5 million") and French thousands
    written with a space ("27 000") are merged too.  Words that only look like
    numbers in context ("un" as an article, "sept" before a year) are left.
    """
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        run_end = _number_run_end(tokens, i)
        if run_end > i:
            value = _words_value([t.text for t in tokens[i:run_end] if t.text not in _JOINERS])
            if value is not None:
                merged.append(_span(tokens, i, run_end, value))
                i = run_end
                continue
        if tokens[i].is_number:
            end, digits = _digits_with_tail(tokens, i)
            merged.append(_span(tokens, i, end, digits))
            i = end
            continue
        merged.append(tokens[i])
        i += 1
    return merged


def _number_run_end(tokens: Sequence[Token], start: int) -> int:
    """Index just past a run of number words starting at `start` (== start when none)."""
    first = tokens[start].text
    if not is_number_word(first) or first == "k":
        return start
    if first in _ARTICLES and not _followed_by_number_word(tokens, start):
        return start
    if first in _MONTH_LIKE and start + 1 < len(tokens) and (tokens[start + 1].value or 0) >= 1000:
        return start
    end = start + 1
    while end < len(tokens):
        word = tokens[end].text
        if word in _JOINERS and end + 1 < len(tokens) and is_number_word(tokens[end + 1].text) \
                and tokens[end + 1].text != "k" and _joins(tokens[end - 1].text, word, tokens[end + 1].text):
            end += 2
        elif is_number_word(word) and word != "k":
            end += 1
        else:
            break
    while end > start and tokens[end - 1].text in _JOINERS:
        end -= 1
    return end


def _joins(before: str, joiner: str, after: str) -> bool:
    """Whether "and"/"et" joins two parts of one number ("one hundred and five", "vingt et un") rather than two
    numbers ("twenty twenty two and twenty twenty three"); a hyphen always joins ("twenty-two")."""
    if joiner == "-":
        return True
    if joiner == "and":
        return before in _HUNDRED or before in _SCALES
    return before in _TENS and after in {"un", "une", "onze"}


def _followed_by_number_word(tokens: Sequence[Token], i: int) -> bool:
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return nxt in _SCALES and nxt != "k" or nxt in _HUNDRED


def _words_value(words: list[str]) -> int | None:
    """The value of number words, including year style ("twenty twenty two")."""
    year = _year_style(words)
    if year is not None:
        return year
    total = current = 0
    previous: str | None = None
    for word in words:
        if word in _ARTICLES:
            current += 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            if previous == "quatre" and word.startswith("vingt"):
                current += 80 - 4  # French "quatre-vingt" is 4 x 20
            else:
                current += _TENS[word]
        elif word in _HUNDRED:
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        previous = word
    return total + current


def _year_style(words: list[str]) -> int | None:
    """'nineteen ninety nine' -> 1999, 'twenty twenty two' -> 2022, else None."""
    if len(words) < 2 or words[0] not in {"nineteen", "twenty"}:
        return None
    if words[1] not in _TENS and words[1] not in {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                                   "sixteen", "seventeen", "eighteen", "nineteen"}:
        return None
    rest = _words_value(words[1:])
    if rest is None or rest >= 100:
        return None
    century = 1900 if words[0] == "nineteen" else 2000
    return century + rest


def _digits_with_tail(tokens: Sequence[Token], i: int) -> tuple[int, float]:
    """Extend a digit token with a scale word or a space-grouped thousands part.

    A value too large for a float stops the extension: "1 000 000 …" run on for
    a hundred groups is not a figure, and an infinite value breaks every later
    comparison and conversion.
    """
    value = tokens[i].value
    assert value is not None
    end = i + 1
    # "27 000", "1 200 000": groups of exactly three digits separated by one space
    while (
        end < len(tokens)
        and len(tokens[end].raw) == 3
        and tokens[end].raw.isdigit()
        and tokens[end].start == tokens[end - 1].end + 1
        and value == int(value)
        and value < 1000 ** (end - i)
        and math.isfinite(value * 1000)
    ):
        value = value * 1000 + float(tokens[end].raw)
        end += 1
    if end < len(tokens) and tokens[end].text in _SCALES and math.isfinite(value * _SCALES[tokens[end].text]):
        value *= _SCALES[tokens[end].text]
        end += 1
    return end, value


def _span(tokens: Sequence[Token], start: int, end: int, value: float) -> Token:
    first, last = tokens[start], tokens[end - 1]
    if end - start == 1:
        return replace(first, value=value)
    raw = " ".join(t.raw for t in tokens[start:end])
    return replace(first, text=raw.casefold(), raw=raw, end=last.end, value=value)
