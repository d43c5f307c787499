"""Normalising questions: case, accents, dashes, apostrophes, number words."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.language.text import _clean_any, clean, fold, folded_text, name_key, strip_accents, tokenize


def words(text: str) -> str:
    return folded_text(tokenize(text))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("How many people did Amazon cut in 2022–23?", "how many people did amazon cut in 2022 - 23"),
        ("2022—2023", "2022 - 2023"),
        ("Combien d’entreprises ?", "combien d entreprises"),
        ("Licenciés en DÉCEMBRE", "licencies en decembre"),
        ("«Amazon»", "amazon"),
        ("a\u00a0b\u202fc", "a b c"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_case_accents_dashes_apostrophes(raw: str, expected: str) -> None:
    assert words(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("layoffs in twenty twenty two", "layoffs in 2022"),
        ("twenty twenty-three", "2023"),
        ("nineteen ninety nine", "1999"),
        ("two thousand and twenty three", "2023"),
        ("deux mille vingt-trois", "2023"),
        ("quatre-vingt-dix-neuf postes", "99 postes"),
        ("soixante-dix", "70"),
        ("twelve thousand jobs", "12000 jobs"),
        ("1.5 million", "1500000"),
        ("27,000 people", "27000 people"),
        ("plus de 57 000 travailleurs", "plus de 57000 travailleurs"),
        ("10k jobs", "10000 jobs"),
    ],
)
def test_number_words_become_digits(raw: str, expected: str) -> None:
    assert words(raw) == expected


@pytest.mark.parametrize("raw", ["un an", "une entreprise", "Sept 2023"])
def test_words_that_only_look_like_numbers_stay_words(raw: str) -> None:
    assert words(raw) == fold(raw)


def test_tokens_keep_the_original_spelling_for_capitalisation() -> None:
    tokens = tokenize("did Paper cut jobs")
    assert [t.raw for t in tokens] == ["did", "Paper", "cut", "jobs"]
    assert tokens[1].is_capitalised and not tokens[0].is_capitalised


def test_control_characters_become_spaces() -> None:
    assert clean("a\x00b\tc\r\nd") == "a b c d"


@pytest.mark.parametrize(
    ("a", "b"),
    [("UIPath", "UiPath"), ("Booking.com", "booking com"), (" Wayfair ", "wayfair"), ("AT&T", "at and t")],
)
def test_name_keys_merge_case_twins_and_spacing(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_plain_ascii_is_cleaned_as_any_text_is(text: str) -> None:
    """The shortcut for ASCII questions gives what the full treatment gives (backquotes, controls, spaces)."""
    assert clean(text) == _clean_any(text)
    assert strip_accents(text) == "".join(c for c in unicodedata.normalize("NFKD", text)
                                          if not unicodedata.combining(c))


def test_the_ascii_shortcut_keeps_what_matters() -> None:
    assert clean("Amazon`s\x00cuts \t\n in  2023 ") == "Amazon's cuts in 2023"
