"""Finding the companies a question is about.

Names and aliases are matched exactly first (longest span wins), then typos
are corrected with rapidfuzz against names of the same number of words.  Two
rules keep ~2,900 tracker names from firing on ordinary words:

* a name that is also an ordinary word ("Paper", "Unit", "ON") counts only
  when it is written as a name: capitalised inside the sentence, or at the
  start right before "layoffs"/"'s";
* a typo is corrected towards a company only when the word is not at least as
  close to an ordinary word, and only for words long enough that one edit
  still leaves them recognisable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.language.lexicon import WORDS, is_ordinary
from knowledge.language.text import Token, name_key

_MIN_FUZZY_LENGTH = 5
_MAX_REMEMBERED = 50_000  # typo corrections and suggestions a matcher remembers before starting afresh
K = TypeVar("K")
V = TypeVar("V")
_LAYOFF_WORDS = {
    "layoff", "layoffs", "lays", "laid", "cut", "cuts", "job", "jobs", "s", "fired", "licenciements",
    "suppressions", "a", "staff", "employees", "workforce", "headcount", "timeline", "history",
}
_LEXICON = sorted(WORDS)


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A name or alias under which a company can be asked about."""

    key: str
    company_id: int
    display: str
    alias: bool = False


@dataclass(frozen=True, slots=True)
class CompanyMatch:
    company_id: int
    written: str  # the words as the question wrote them
    score: float  # 1.0 exact; lower for corrected typos
    via: str  # "name", "alias", "typo", or "joined" (a one-word name written as two words)
    start: int  # word positions in the question
    end: int
    tokens: tuple[int, int] = (0, 0)  # the question's tokens it spans (`knowledge.language.text.tokenize`)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # folded
    raw: str
    first: bool  # first word of the question
    token: int = 0  # the token it comes from


class CompanyMatcher:
    """Exact and fuzzy company lookup over a fixed set of names."""

    def __init__(self, entries: Iterable[NameEntry], fuzzy_cutoff: float = 0.8) -> None:
        self._exact: dict[str, NameEntry] = {}
        for entry in entries:
            if entry.key and not entry.key.replace(" ", "").isdigit():
                self._exact.setdefault(entry.key, entry)
        self._by_length: dict[int, list[str]] = {}
        for key in self._exact:
            self._by_length.setdefault(key.count(" ") + 1, []).append(key)
        self._longest = max(self._by_length, default=1)
        self._firsts = {key.split(" ", 1)[0] for key in self._exact}  # no name starts with any other word
        self._cutoff = fuzzy_cutoff
        # Keys by number of characters (for each number of words, and all together under 0), in their order: a
        # typo is only compared with names of a length it can reach (see `_reachable`).
        self._sizes: dict[int, tuple[list[str], bytearray]] = {}
        # Names of several words by (position, word), for the ordinary words among them: a misspelt span that holds
        # an ordinary word is compared only with names holding that word there (see `_correction`).
        self._at: dict[tuple[int, str], list[str]] = {}
        for key in self._exact:
            self._sized(key)
        self._corrections: dict[tuple[int, str], tuple[str, float] | None] = {}
        self._suggestions: dict[tuple[str, int, float], list[tuple[int, str]]] = {}

    def _sized(self, key: str) -> None:
        for words in (0, key.count(" ") + 1):
            keys, sizes = self._sizes.setdefault(words, ([], bytearray()))
            keys.append(key)
            sizes.append(min(len(key), 255))
        if " " in key:
            for position, word in enumerate(key.split(" ")):
                if is_ordinary(word):
                    self._at.setdefault((position, word), []).append(key)

    def extended(self, entries: Iterable[NameEntry]) -> CompanyMatcher:
        """A matcher that also knows `entries` (companies and aliases added since), leaving this one as it is."""
        matcher = CompanyMatcher((), self._cutoff)
        matcher._exact = dict(self._exact)
        matcher._by_length = {length: list(keys) for length, keys in self._by_length.items()}
        matcher._sizes = {words: (list(keys), bytearray(sizes)) for words, (keys, sizes) in self._sizes.items()}
        matcher._at = {at: list(keys) for at, keys in self._at.items()}
        for entry in entries:
            if entry.key and not entry.key.replace(" ", "").isdigit() and entry.key not in matcher._exact:
                matcher._exact[entry.key] = entry
                matcher._by_length.setdefault(entry.key.count(" ") + 1, []).append(entry.key)
                matcher._sized(entry.key)
        matcher._firsts = self._firsts | {key.split(" ", 1)[0] for key in matcher._exact}
        matcher._longest = max(matcher._by_length, default=1)
        return matcher  # with nothing remembered: new names may be closer than those found before

    def _reachable(self, words: int, text: str, low: float, high: float) -> list[str]:
        """Keys of `words` words (0: any) between `low` and `high` times as long as `text`, in their usual order.

        A name much shorter or longer than the text cannot reach the similarity asked for, whatever its letters
        (an edit distance is at least the difference in length), so leaving it out changes no result, ties
        included: the others keep their order.
        """
        keys, sizes = self._sizes.get(words, ([], bytearray()))
        lowest, highest = math.floor(low * len(text)), math.ceil(high * len(text))
        wanted = bytes(lowest <= n <= highest or n == 255 for n in range(256))
        return list(compress(keys, sizes.translate(wanted)))

    def lookup(self, name: str) -> int | None:
        """The company a name or alias designates exactly, if any."""
        entry = self._exact.get(name_key(name))
        return entry.company_id if entry else None

    def suggest(self, name: str, limit: int = 3, cutoff: float = 75) -> list[tuple[int, str]]:
        """Companies whose names look like `name`, best first (for "did you mean")."""
        key = name_key(name)
        if not key:
            return []
        remembered = self._suggestions.get((key, limit, cutoff))
        if remembered is not None:
            return list(remembered)
        # fuzz.ratio is at most 1 - |a - b| / (a + b) for lengths a and b
        share = 1 - cutoff / 100
        choices = self._reachable(0, key, (1 - share) / (1 + share), (1 + share) / (1 - share)) if share < 1 \
            else list(self._exact)
        found = process.extract(key, choices, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=cutoff,
                                processor=None)
        seen: dict[int, str] = {}
        for choice, _, _ in found:
            entry = self._exact[choice]
            seen.setdefault(entry.company_id, entry.display)
        suggested: list[tuple[int, str]] = list(seen.items())[:limit]
        _remember(self._suggestions, (key, limit, cutoff), suggested)  # asked again by each question naming it
        return list(suggested)

    def find(self, tokens: Sequence[Token], reserved: Sequence[tuple[int, int]] = ()) -> list[CompanyMatch]:
        """Companies named in a question, in order of mention.

        `reserved` are token spans already read as something else (a country, an
        industry): a name may not overlap one unless it strictly contains it
        ("Clarify Health" is a company; "Health" alone is an industry), and no
        typo is corrected inside one.
        """
        words = _words(tokens)
        casing = _casing_is_informative(words)
        matches: list[CompanyMatch] = []
        covered = [any(start <= w.token < end for start, end in reserved) for w in words]
        i = 0
        while i < len(words):
            match = self._exact_at(words, i, casing, reserved)
            if match:
                matches.append(match)
                for j in range(match.start, match.end):
                    covered[j] = True
                i = match.end
            else:
                i += 1
        matches.extend(self._typos(words, covered, casing))
        return sorted(matches, key=lambda m: m.start)

    def _exact_at(self, words: list[_Word], i: int, casing: bool,
                  reserved: Sequence[tuple[int, int]]) -> CompanyMatch | None:
        starts_a_name = words[i].text in self._firsts
        # A one-word name written as two ("open door" for Opendoor, "pay pal"): what two words make together is
        # tried after the names of two words or more, before those of one.
        joined = words[i].text + words[i + 1].text if i + 1 < len(words) else ""
        if not starts_a_name and joined not in self._exact:
            return None
        for length in range(min(max(self._longest, 2 if joined else 1), len(words) - i), 0, -1):
            span = words[i:i + length]
            keys = [" ".join(w.text for w in span)] + ([joined] if length == 2 else [])
            for key in keys:
                entry = self._exact.get(key)
                tokens = (span[0].token, span[-1].token + 1)
                if entry and _written_as_name(span, words, i + length, entry.display, casing) \
                        and not _clashes(tokens, reserved):
                    via = "alias" if entry.alias else "joined" if key is joined else "name"
                    return CompanyMatch(entry.company_id, " ".join(w.raw for w in span), 1.0, via, i, i + length,
                                        tokens)
        return None

    def _typos(self, words: list[_Word], covered: list[bool], casing: bool) -> list[CompanyMatch]:
        found: list[CompanyMatch] = []
        i = 0
        while i < len(words):
            best: CompanyMatch | None = None
            for length in (2, 1):
                span = words[i:i + length]
                if len(span) < length or any(covered[i:i + length]):
                    continue
                if not _may_be_misspelt_name(span, casing):
                    continue
                hit = self._correction(length, " ".join(w.text for w in span))
                if hit is None:
                    continue
                entry = self._exact[hit[0]]
                if best is None or hit[1] > best.score:
                    best = CompanyMatch(entry.company_id, " ".join(w.raw for w in span), round(hit[1], 3),
                                        "typo", i, i + length, (span[0].token, span[-1].token + 1))
            if best:
                found.append(best)
                for j in range(best.start, best.end):
                    covered[j] = True
                i = best.end
            else:
                i += 1
        return found

    def _correction(self, length: int, text: str) -> tuple[str, float] | None:
        """The name `text` (`length` folded words) misspells, with its similarity, or None.

        Remembered: it depends on nothing else (the matcher's names are fixed), and the same words come back
        in question after question ("workforce", a misspelt "Amazn"), each costing a fuzzy search of every
        name of a reachable length.
        """
        key = (length, text)
        if key in self._corrections:
            return self._corrections[key]
        words = text.split(" ")
        # An ordinary word in a span of several is written right or the span is no name (`_differs_in_names_only`):
        # only names with that word there can be what it misspells.  "did Amazn" is compared with the names that
        # begin with "did" (none, usually) instead of every two-word name.
        fixed = [(position, word) for position, word in enumerate(words) if is_ordinary(word)] if length > 1 else []
        if fixed:
            choices = min((self._at.get(at, []) for at in fixed), key=len)
            choices = [choice for choice in choices if all(choice.split(" ")[i] == word for i, word in fixed)]
        # an optimal string alignment's similarity is at most 1 - |a - b| / max(a, b)
        elif self._cutoff > 0:
            choices = self._reachable(length, text, self._cutoff, 1 / self._cutoff)
        else:
            choices = self._by_length.get(length, [])
        hit = process.extractOne(text, choices, scorer=OSA.normalized_similarity, processor=None,
                                 score_cutoff=self._cutoff) if choices else None
        found = (hit[0], float(hit[1])) if hit and _beats_ordinary_words(words, hit[1]) \
            and _differs_in_names_only(words, hit[0]) and not _is_ordinary_name(hit[0]) else None
        return _remember(self._corrections, key, found)


def _remember(memo: dict[K, V], key: K, value: V) -> V:
    """`value`, kept in `memo` under `key`; a memo that grew to `_MAX_REMEMBERED` starts afresh first."""
    if len(memo) >= _MAX_REMEMBERED:
        memo.clear()
    memo[key] = value
    return value


def _clashes(tokens: tuple[int, int], reserved: Sequence[tuple[int, int]]) -> bool:
    """Whether a name's tokens overlap a reserved span without strictly containing it."""
    start, end = tokens
    for low, high in reserved:
        if start < high and low < end and not (start <= low and high <= end and end - start > high - low):
            return True
    return False


def _words(tokens: Sequence[Token]) -> list[_Word]:
    words: list[_Word] = []
    for index, token in enumerate(tokens):
        if token.is_number and not re.search(r"[a-z]", token.text):
            parts = [(token.text, token.raw)]
        else:
            parts = [(part, part) for part in name_key(token.raw).split()]
            raws = re.findall(r"[^\W_]+", token.raw.replace("&", " and "))
            if len(raws) == len(parts):
                parts = [(part, raw) for (part, _), raw in zip(parts, raws, strict=True)]
        for text, raw in parts:
            words.append(_Word(text, raw, not words, index))
    return words


def _casing_is_informative(words: list[_Word]) -> bool:
    """Whether the asker used capitals the usual way (not all lower or all upper case)."""
    letters = [w.raw for w in words if any(c.isalpha() for c in w.raw)]
    if not letters:
        return False
    if all(raw == raw.upper() for raw in letters) and len(letters) > 1:
        return False
    return any(raw[0].isupper() for raw in letters)


def _is_ordinary_name(key: str) -> bool:
    parts = key.split()
    return all(is_ordinary(part) for part in parts) or len(key.replace(" ", "")) <= 2


# English capitalises these whatever they mean, so a capital is no sign of a company name.
_ALWAYS_CAPITALISED = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday i".split()
)


def _written_as_name(span: list[_Word], words: list[_Word], after: int, display: str, casing: bool) -> bool:
    key = " ".join(w.text for w in span)
    if not _is_ordinary_name(key):
        return True
    if not casing or key in _ALWAYS_CAPITALISED:
        return False
    if display.isupper() and len(display) > 1:
        # "ON", "HP": all capitals in the name, so all capitals in the question
        return " ".join(w.raw for w in span) == display
    connectors = {"of", "and", "the", "de", "la"}  # "Bank of America": small words inside may stay lower-case
    if not span[0].raw[:1].isupper() or not all(w.raw[:1].isupper() for w in span[1:] if w.text not in connectors):
        return False
    if span[0].first:
        nxt = words[after].text if after < len(words) else ""
        return nxt in _LAYOFF_WORDS
    return True


def _may_be_misspelt_name(span: list[_Word], casing: bool) -> bool:
    if any(w.text.isdigit() for w in span):
        return False
    if len(span) == 1:
        word = span[0]
        if len(word.text) < _MIN_FUZZY_LENGTH or is_ordinary(word.text):
            return False
        # Whoever capitalises a sentence capitalises the names in it: a lower-case word there is a word
        # ("What's the weather in Paris?" is not about Feather).
        return not (casing and not word.raw[:1].isupper())
    return not all(is_ordinary(w.text) for w in span) and len(" ".join(w.text for w in span)) >= _MIN_FUZZY_LENGTH


def _differs_in_names_only(words: list[str], key: str) -> bool:
    """In a several-word name, only words that are not ordinary may be the misspelt ones.

    "capital of" is not a misspelling of "Capital One": "of" is an ordinary word
    written correctly, whereas "Monarch Tracter" misspells the unusual word.
    """
    if len(words) == 1:
        return True
    return all(word == part or not is_ordinary(word) for word, part in zip(words, key.split(), strict=False))


def _beats_ordinary_words(words: list[str], score: float) -> bool:
    """A typo is read as a name only when no ordinary word is as close to it."""
    if len(words) != 1:
        return True
    ordinary = process.extractOne(words[0], _LEXICON, scorer=OSA.normalized_similarity, processor=None,
                                  score_cutoff=score)
    return ordinary is None
