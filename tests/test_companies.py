"""Company linking: names, aliases, typos, and no false matches on plain words."""

from __future__ import annotations

import pytest

from knowledge.language.companies import CompanyMatcher, NameEntry
from knowledge.language.text import name_key, tokenize

NAMES = [
    "Amazon", "Microsoft", "Meta", "Gather", "Gatherly", "MicroVision", "Thimble", "Kitopi", "Arrival",
    "Paper", "Unit", "ON", "Loop", "Wise", "Stem", "Beam", "Article", "Wish", "Monarch Tractor",
    "Booking.com", "23andMe", "X", "99", "Electronic Arts", "Alto Pharmacy",
]
ALIASES = {"Facebook": "Meta", "Twitter": "X", "Amazon Web Services": "Amazon"}
IDS = {name: index for index, name in enumerate(NAMES, start=1)}


@pytest.fixture(scope="module")
def matcher() -> CompanyMatcher:
    entries = [NameEntry(name_key(name), IDS[name], name) for name in NAMES]
    entries += [NameEntry(name_key(alias), IDS[target], alias, alias=True) for alias, target in ALIASES.items()]
    return CompanyMatcher(entries, fuzzy_cutoff=0.8)


def found(matcher: CompanyMatcher, question: str) -> list[str]:
    names = {v: k for k, v in IDS.items()}
    return [names[m.company_id] for m in matcher.find(tokenize(question))]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many people did Amazon cut?", ["Amazon"]),
        ("how many people did amazon cut", ["Amazon"]),
        ("facebook layoffs 2022", ["Meta"]),
        ("How many people did Twitter lay off in 2023?", ["X"]),
        ("Monarch Tractor layoffs in November 2024", ["Monarch Tractor"]),
        ("booking.com layoffs", ["Booking.com"]),
        ("How many people did 23andMe lay off in 2023?", ["23andMe"]),
        ("Electronic Arts and Microsoft job cuts", ["Electronic Arts", "Microsoft"]),
    ],
)
def test_names_and_aliases(matcher: CompanyMatcher, question: str, expected: list[str]) -> None:
    assert found(matcher, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("amazn layoffs 2022-23", "Amazon"),
        ("How many people did Microsft lay off?", "Microsoft"),
        ("how many people did Gahter cut in June 2022", "Gather"),
        ("how many people did MciroVision cut in March 2026", "MicroVision"),
        ("how many people did Amazno cut in February 2024", "Amazon"),
        ("how many people did Tihmble cut in July 2022", "Thimble"),
        ("how many people did Kiotpi cut in November 2022", "Kitopi"),
        ("how many people did Arrivla cut in January 2023", "Arrival"),
        ("Monarch Tracter layoffs", "Monarch Tractor"),
    ],
)
def test_typos_are_corrected(matcher: CompanyMatcher, question: str, expected: str) -> None:
    matches = matcher.find(tokenize(question))
    assert [m.via for m in matches] == ["typo"]
    assert found(matcher, question) == [expected]
    assert 0.8 <= matches[0].score < 1


@pytest.mark.parametrize(
    "question",
    [
        "How many people were laid off in the tech industry this year?",
        "what did the paper say about layoffs on the west coast",
        "Which unit was hit by the loop of cuts, and was it wise?",
        "Layoffs at a stem cell lab, beam me the numbers",
        "I wish I knew how many people lost their jobs",
        "Read the article about the 99 layoffs on Monday",
        "how many layofs in 2023",  # a typo of an ordinary word is not a company
        "How many employes were let go?",
        "x marks the spot",
    ],
)
def test_plain_words_are_not_companies(matcher: CompanyMatcher, question: str) -> None:
    assert found(matcher, question) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many people did Paper lay off in 2023?", "Paper"),
        ("What percent of its workforce did Article cut in August 2022?", "Article"),
        ("How many people did Wish lay off in 2023?", "Wish"),
        ("How many jobs did ON cut?", "ON"),
        ("Unit layoffs in 2023", "Unit"),
        ("Did Beam or Stem cut jobs?", "Beam"),
    ],
)
def test_plain_word_names_written_as_names(matcher: CompanyMatcher, question: str, expected: str) -> None:
    assert found(matcher, question)[0] == expected


def test_lookup_and_suggestions(matcher: CompanyMatcher) -> None:
    assert matcher.lookup("UIPATH") is None
    assert matcher.lookup("FACEBOOK") == IDS["Meta"]
    assert [name for _, name in matcher.suggest("Amazonn")] == ["Amazon"]
    assert matcher.suggest("Zentrico Labs") == []


def test_an_ordinary_word_is_not_read_as_a_misspelt_part_of_a_name() -> None:
    matcher = CompanyMatcher([NameEntry("capital one", 1, "Capital One"), NameEntry("monarch tractor", 2,
                                                                                  "Monarch Tractor")])
    assert matcher.find(tokenize("What is the capital of France?")) == []
    assert [m.company_id for m in matcher.find(tokenize("capital onne layoffs"))] == [1]
    assert [m.company_id for m in matcher.find(tokenize("Monarch Tracter layoffs"))] == [2]


GENERIC = [
    "How many people were laid off in the tech industry this year?",
    "how many tech workers lost their jobs in 2023",
    "Which company had the biggest layoff in 2022?",
    "What share of staff did companies cut on average last year?",
    "Combien de salariés de la tech ont été licenciés depuis le début de l'année ?",
    "Quelle entreprise a le plus licencié en 2023 ?",
    "Why do companies lay off people when the economy slows?",
    "Tell me about recent layoffs in health care and retail",
    "Were there any cuts in sales or marketing teams in March?",
    "What happened after the pandemic hiring spree?",
    "Is this a good time to look for a new job?",
    "how many startups shut down since october 2025",
]


def test_plain_word_names_among_thousands_do_not_fire_on_ordinary_questions() -> None:
    """Every ordinary word of the lexicon is also a company here, beside 3,000 made-up names."""
    from knowledge.language.lexicon import WORDS

    names = sorted(WORDS) + [f"Zq{n:04d}vex" for n in range(3000)]
    matcher = CompanyMatcher([NameEntry(name_key(name), n, name.capitalize()) for n, name in enumerate(names)])
    for question in GENERIC:
        assert matcher.find(tokenize(question)) == [], question


def test_corrections_and_suggestions_asked_again_are_the_same_and_a_new_name_is_considered() -> None:
    matcher = CompanyMatcher([NameEntry("kitopi", 1, "Kitopi"), NameEntry("thimble", 2, "Thimble")])
    asked = "How many people did Kitopo lay off?"
    first, again = ([(m.company_id, m.score, m.via) for m in matcher.find(tokenize(asked))] for _ in range(2))
    assert first == again == [(1, 0.833, "typo")]
    assert matcher.suggest("Kitopo") == matcher.suggest("Kitopo") == [(1, "Kitopi")]
    suggested = matcher.suggest("Kitopo")
    suggested.clear()  # a caller's list is its own: what the matcher remembers is unchanged
    assert matcher.suggest("Kitopo") == [(1, "Kitopi")]
    # a company added since, spelt as asked: the extended matcher finds it, not the correction remembered
    extended = matcher.extended([NameEntry("kitopo", 3, "Kitopo")])
    assert [(m.company_id, m.via) for m in extended.find(tokenize(asked))] == [(3, "name")]
    closer = matcher.extended([NameEntry("kitopa", 4, "Kitopa")])
    assert closer.suggest("Kitopo", limit=2) == [(1, "Kitopi"), (4, "Kitopa")]
    assert [(m.company_id, m.via) for m in matcher.find(tokenize(asked))] == [(1, "typo")]


def test_a_span_with_an_ordinary_word_is_corrected_to_the_closest_name_holding_that_word_there() -> None:
    """Only names with the span's ordinary words in place are compared with it (an index by position and word), and
    the correction is the closest of those: what scanning every name of that many words and keeping the closest
    such name finds, in an extended matcher too."""
    from rapidfuzz.distance import OSA

    from knowledge.language.companies import _beats_ordinary_words, _is_ordinary_name
    from knowledge.language.lexicon import is_ordinary

    names = ["Capital One", "Capitol Bank", "Blue Apron", "Blue Origin", "Open Door", "Opendoor Labs", "Red Hat",
             "Red Hot Labs", "Labs One", "Kite Pay", "Kate Pay", "One Medical", "Won Medical"]
    base = CompanyMatcher([NameEntry(name_key(n), i, n) for i, n in enumerate(names[:-3])])
    extended = base.extended([NameEntry(name_key(n), i, n) for i, n in enumerate(names) if i >= len(names) - 3])
    spans = ["capitol one", "blue aprin", "blu origin", "open dor", "red hot", "red hut", "kyte pay", "one medecal",
             "labs onne", "capital of", "did kate", "kite cut", "blue blue", "won medical"]
    keys = [name_key(n) for n in names]
    for span in spans:
        words = span.split(" ")
        admissible = [k for k in keys if k.count(" ") == 1 and all(
            w == part or not is_ordinary(w) for w, part in zip(words, k.split(), strict=True))]
        scored = [(OSA.normalized_similarity(span, k), -n, k) for n, k in enumerate(admissible)]
        best = max(scored, default=None)
        expected = best[2] if best and best[0] >= 0.8 and _beats_ordinary_words(words, best[0]) \
            and not _is_ordinary_name(best[2]) else None
        found = extended._correction(2, span)
        assert (found[0] if found else None) == expected, span


def test_a_one_word_name_written_as_two_words_is_found() -> None:
    """"open door" is Opendoor and "pay pal" PayPal (longer spans first, then the two words joined, then one
    word: not the company Open); ordinary words joined count only when written as a name, as for any name made of
    ordinary words."""
    names = ["Opendoor", "Open", "PayPal", "Workday", "Red Hat"]
    matcher = CompanyMatcher([NameEntry(name_key(n), i, n) for i, n in enumerate(names)])

    def named(question: str) -> list[str]:
        return [names[m.company_id] for m in matcher.find(tokenize(question))]

    assert named("how many did open door cut in 2022") == ["Opendoor"]
    assert named("pay pal layoffs") == ["PayPal"]
    assert named("Did Open lay off people?") == ["Open"]
    assert named("red hat layoffs") == ["Red Hat"]
    assert named("What work day were the cuts announced?") == []
    assert named("How many people did Work Day lay off?") == ["Workday"]
