"""Normalising free text so that every later stage compares like with like.

Questions arrive with typographic dashes, curly apostrophes, accents, mixed
case and numbers written out in words.  Everything downstream (company
linking, periods, intents, extraction) works on the *folded* form produced
here, while tokens keep a pointer to the original spelling because
capitalisation is evidence that a plain word is being used as a name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from knowledge.language.numbers import merge_number_words

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u02bc\u02b9\u0060\u00b4\uff07"), "'")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"), '"')
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TRANSLATION = {**_DASHES, **_APOSTROPHES, **_QUOTES, **_SPACES, **_INVISIBLE}

# A token is a run of letters/digits, optionally joined by inner dots, commas or
# apostrophes inside numbers ("27,000", "1.5") or names ("booking.com"), or a
# single punctuation mark that matters for periods ("2022-23") and percentages.
_TOKEN = re.compile(
    r"\d+[^\W_]*[^\W\d_][^\W_]*"  # digits run into letters: "23andMe", "10k", "4th", "1er"
    r"|\d+(?:[.,]\d+)*"  # numbers, with grouping or decimals
    r"|[^\W\d_]+(?:[.&+][^\W\d_]+)*(?:\d+[^\W\d_]*)*"  # words, allowing "booking.com", "at&t", "10x"-like tails
    r"|[-%/&+@#$€£]"
)


def clean(text: str) -> str:
    """Unify the characters people type interchangeably, keep case and accents.

    Control characters are replaced by spaces so that a question pasted with
    stray bytes still reads as words; runs of whitespace collapse to one.
    """
    if text.isascii():
        # The same result, faster on what most questions are: compatibility forms, typographic marks and
        # format or separator characters are all outside ASCII, but for the backquote and control characters.
        return _SPACE_RUN.sub(" ", _ASCII_CONTROL.sub(" ", text.translate(_ASCII_TRANSLATION))).strip()
    return _clean_any(text)


def _clean_any(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATION)
    text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
    return _SPACE_RUN.sub(" ", text).strip()


_ASCII_TRANSLATION = {key: value for key, value in _TRANSLATION.items() if key < 128}
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACE_RUN = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to strip
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, accent-free, typographically uniform text for comparisons."""
    return strip_accents(clean(text)).casefold()


def name_key(name: str) -> str:
    """The key under which a company name or alias is stored and looked up.

    Punctuation that people drop or vary ("Booking.com" / "booking com",
    "23andMe" / "23 and me" stays as typed) is reduced to single spaces so that
    case twins and spacing variants collapse onto one key.
    """
    if name.isascii():
        # What `fold` changes in ASCII (case, controls, spacing, a backquote for an apostrophe) never turns a
        # separator into a letter or digit, nor the reverse: the words found are the same, lower-cased. A
        # tracker import keys a million names; this is several times faster than folding each.
        return " ".join(_NAME_WORD.findall(name.lower().replace("&", " and ")))
    folded = fold(name).replace("&", " and ")
    return " ".join(_NAME_WORD.findall(folded))


_NAME_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or meaningful punctuation mark of a text.

    `text` is folded (what comparisons use), `raw` is exactly as written (what
    capitalisation checks use), `value` is set for numbers, including numbers
    that were written out in words ("twenty twenty two" -> 2022).
    """

    text: str
    raw: str
    start: int
    end: int
    value: float | None = None

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def is_capitalised(self) -> bool:
        return bool(self.raw) and self.raw[0].isupper()


def tokenize(text: str) -> list[Token]:
    """Split cleaned text into tokens, with number words merged into numbers."""
    cleaned = clean(text)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(cleaned):
        raw = match.group(0)
        folded = strip_accents(raw).casefold()
        value = _plain_number(folded)
        tokens.append(Token(folded, raw, match.start(), match.end(), value))
    return merge_number_words(tokens)


def _plain_number(folded: str) -> float | None:
    """The value of a number token; None for words, and for digits too many to be a figure (they overflow)."""
    value = _digits_value(folded)
    return value if value is not None and math.isfinite(value) else None


def _digits_value(folded: str) -> float | None:
    if not folded[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", folded):
        return float(folded.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", folded):
        return float(folded.replace(",", "."))
    if re.fullmatch(r"\d+k", folded):
        return float(folded[:-1]) * 1000
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", folded):
        return float(folded.replace(".", ""))
    return None


def folded_text(tokens: list[Token]) -> str:
    """The tokens joined by single spaces: the string pattern rules run on.

    Numbers are written as plain digits, so "twenty twenty-two" and "2022"
    read the same to every rule.
    """
    return " ".join(_digits(t) if t.is_number else t.text for t in tokens)


def _digits(token: Token) -> str:
    value = token.value
    assert value is not None
    return str(int(value)) if value == int(value) else str(value)
