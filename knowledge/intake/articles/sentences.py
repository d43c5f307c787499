"""Cutting an article into sentences, and each sentence into words rules can read.

Evidence must be quoted as the article wrote it, so sentences are slices of
the original text.  Rules, though, run on a folded form: lower case, no
accents, numbers as digits ("onze mille", "11 000" and "11,000" all read
"11000").  `knowledge.language.text.tokenize` drops punctuation, yet commas and
parentheses tell an apposition ("Meta, the parent company of Facebook,")
from a subject, so they are put back here as words of their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from knowledge.language.text import Token, clean, fold, strip_accents, tokenize

# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr inc corp co ltd llc plc no vs etc approx est dept gen gov sen rep
jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
m mme mmes mlle me cie ste
""".split())
_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_DATELINE = re.compile(
    r"^\s*(?:\((?:[^()]{0,120})\)\s*"  # "(AUSTIN, AP)", "(By ..., New York Times, syndicated)"
    r"|[A-ZÀ-Þ][A-ZÀ-Þ .'-]{1,40}(?:\([^()]{0,40}\))?\s*[-–—:]\s+)"  # "JAKARTA - ", "PARIS (AFP) — "
)
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_PUNCTUATION = {",": ",", ";": ";", ":": ":", "(": "(", ")": ")", "?": "?", "!": "!"}


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a sentence as rules see it, or a punctuation mark that matters."""

    text: str  # folded; numbers as plain digits
    raw: str  # as written
    start: int  # offsets in the sentence's cleaned text
    end: int
    value: float | None = None
    token: Token | None = None  # None for punctuation

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def is_punctuation(self) -> bool:
        return self.token is None

    @property
    def is_capitalised(self) -> bool:
        return bool(self.raw) and (self.raw[0].isupper() or (len(self.raw) > 1 and self.raw[1].isupper()))


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a title) of an article, with its folded word form."""

    raw: str  # exactly as in the article
    index: int  # position in the article; the title is -1
    cleaned: str = ""
    words: tuple[Word, ...] = ()
    folded: str = ""  # words joined by single spaces: what patterns run on
    plain: str = ""  # `knowledge.language.text.fold` of the sentence: what vocabulary patterns run on
    _starts: tuple[int, ...] = field(default=(), repr=False)
    _plain_starts: tuple[int, ...] = field(default=(), repr=False)
    # Readings other modules derive from the sentence once (its capitalised runs, ...), kept beside it.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def is_title(self) -> bool:
        return self.index < 0

    def word_at(self, offset: int) -> int:
        """Index of the word holding character `offset` of `folded`."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def word_at_plain(self, offset: int) -> int:
        """Index of the word holding character `offset` of `plain`."""
        return max(0, bisect.bisect_right(self._plain_starts, offset) - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Word indices [first, last + 1) covered by characters [start, end) of `folded`."""
        return self.word_at(start), self.word_at(max(start, end - 1)) + 1

    def find(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Matches of `pattern` on `folded`, optionally within words [start, end)."""
        first = self._starts[start] if start < len(self._starts) else len(self.folded)
        last = self._starts[end] - 1 if end is not None and end < len(self._starts) else len(self.folded)
        return pattern.finditer(self.folded, first, max(first, last))

    def text_of(self, start: int, end: int) -> str:
        """The words [start, end) as written (for names and details)."""
        if start >= end:
            return ""
        return self.cleaned[self.words[start].start:self.words[end - 1].end]


def split_sentences(body: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs, each sentence a slice of `body` without its dateline."""
    found: list[tuple[int, str]] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        text, offset = paragraph.group(0), paragraph.start()
        start = 0
        for boundary in _END.finditer(text):
            if _is_abbreviation(text, boundary.start()):
                continue
            found.append((offset + start, text[start:boundary.start()]))
            start = boundary.end()
        found.append((offset + start, text[start:]))
    sentences = []
    for offset, sentence in found:
        dateline = _DATELINE.match(sentence)
        if dateline and dateline.end() < len(sentence):
            offset, sentence = offset + dateline.end(), sentence[dateline.end():]
        stripped = sentence.strip()
        if stripped:
            sentences.append((offset + sentence.index(stripped[0]), stripped))
    return sentences


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop just before `end` closes an abbreviation or an initial."""
    head = text[:end].rstrip("\"'»”)]")
    if not head.endswith("."):
        return False
    word = re.search(r"([^\W\d_]+)\.$", head)
    if not word:
        return False
    letters = word.group(1)
    if len(letters) == 1 and letters.isupper():
        return True  # an initial: "J. Smith", "U.S."
    if re.search(r"(?:\b[^\W\d_]\.){2,}$", head):
        return True  # "a.m.", "U.S."
    return letters.casefold() in _ABBREVIATIONS


def analyse(raw: str, index: int) -> Sentence:
    """The word form of one sentence."""
    cleaned = clean(raw)
    words: list[Word] = []
    previous_end = 0
    for token in tokenize(raw):
        for position, char in enumerate(cleaned[previous_end:token.start], start=previous_end):
            if char in _PUNCTUATION:
                words.append(Word(char, char, position, position + 1))
        if token.text in {"cent", "cents"} and words and words[-1].text in {"per", "pour"}:
            token = replace(token, value=None)  # "per cent", "pour cent": a percent sign, not a hundred
        words.append(Word(_folded(token), token.raw, token.start, token.end, _value(token), token))
        previous_end = token.end
    for position, char in enumerate(cleaned[previous_end:], start=previous_end):
        if char in _PUNCTUATION:
            words.append(Word(char, char, position, position + 1))
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word.text) + 1
    plain_starts = _plain_offsets(cleaned, words)
    return Sentence(raw, index, cleaned, tuple(words), " ".join(w.text for w in words), fold(raw), tuple(starts),
                    plain_starts)


def _plain_offsets(cleaned: str, words: list[Word]) -> tuple[int, ...]:
    """Where each word starts in the sentence's plain form, counted piece by piece (linear, not quadratic):
    folding works character by character and every word starts on a base character."""
    offsets, total, previous = [], 0, 0
    for word in words:
        total += len(strip_accents(cleaned[previous:word.start]).casefold())
        offsets.append(total)
        previous = word.start
    return tuple(offsets)


def _value(token: Token) -> float | None:
    """A number's value; "2.000" and "7.500" (thousands written the continental way) are 2,000 and 7,500.

    News never gives head counts to three decimals, and machine translations
    from Indonesian or German keep the dot as the thousands separator.
    """
    if token.value is not None and _DOTTED_THOUSANDS.fullmatch(token.raw):
        return float(token.raw.replace(".", ""))
    return token.value


def _folded(token: Token) -> str:
    value = _value(token)
    if value is None:
        return token.text
    if value == int(value):
        return str(int(value))
    return f"{value:g}"
