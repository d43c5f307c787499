"""Understanding industries, places, funding stages and shutdowns, what is asked of them, and what is not
understood (the vocabulary of `knowledge.language.dimensions` and `topics`, read by `understand`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from knowledge.answering.intents import Group, Intent, Measure
from knowledge.answering.query import Query
from knowledge.kb import KnowledgeBase
from knowledge.language.dimensions import Dimension, Terms, tag_keys
from knowledge.language.periods import year, years
from knowledge.language.text import folded_text, tokenize
from tests.support.helpers import TODAY
from tests.support.tagged_tracker import tagged_kb


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    base = tagged_kb(tmp_path_factory.mktemp("dimensions"))
    yield base
    base.close()


def keys(query: Query, dimension: Dimension, exclude: bool = False) -> set[str]:
    item = next((f for f in query.filters.items if f.dimension is dimension and f.exclude is exclude), None)
    return set(item.keys) if item else set()


@pytest.mark.parametrize(
    ("words", "dimension", "key"),
    [
        ("fintech", Dimension.INDUSTRY, "Finance"),
        ("la fintech", Dimension.INDUSTRY, "Finance"),
        ("health tech", Dimension.INDUSTRY, "Healthcare"),
        ("health-tech", Dimension.INDUSTRY, "Healthcare"),
        ("healthcare", Dimension.INDUSTRY, "Healthcare"),
        ("la santé", Dimension.INDUSTRY, "Healthcare"),
        ("web3", Dimension.INDUSTRY, "Crypto"),
        ("la crypto", Dimension.INDUSTRY, "Crypto"),
        ("mobility", Dimension.INDUSTRY, "Transportation"),
        ("retailers", Dimension.INDUSTRY, "Retail"),
        ("proptech", Dimension.INDUSTRY, "Real Estate"),
        ("le secteur du voyage", Dimension.INDUSTRY, "Travel"),
        ("the US", Dimension.COUNTRY, "United States"),
        ("USA", Dimension.COUNTRY, "United States"),
        ("America", Dimension.COUNTRY, "United States"),
        ("les États-Unis", Dimension.COUNTRY, "United States"),
        ("the UK", Dimension.COUNTRY, "United Kingdom"),
        ("Indian", Dimension.COUNTRY, "India"),
        ("en Allemagne", Dimension.COUNTRY, "Germany"),
        ("Bangalore", Dimension.CITY, "Bengaluru"),
        ("Bengaluru", Dimension.CITY, "Bengaluru"),
        ("San Francisco", Dimension.CITY, "SF Bay Area"),
        ("Toronto", Dimension.CITY, "Toronto"),  # a city of the data, known by its own name
        ("Series B", Dimension.STAGE, "Series B"),
        ("Series B-funded", Dimension.STAGE, "Series B"),
        ("seed-stage", Dimension.STAGE, "Seed"),
        ("seed-funded", Dimension.STAGE, "Seed"),
        ("post-IPO", Dimension.STAGE, "Post-IPO"),
        ("publicly listed", Dimension.STAGE, "Post-IPO"),
        ("cotées", Dimension.STAGE, "Post-IPO"),
    ],
)
def test_each_dimension_is_understood(kb: KnowledgeBase, words: str, dimension: Dimension, key: str | None) -> None:
    query = kb.understand(f"How many people were laid off by {words} companies in 2023?", TODAY)
    assert keys(query, dimension) == ({key} if key else set()), query.filters
    assert query.companies == ()


@pytest.mark.parametrize("question", [
    "How many startups shut down in 2023?", "How many companies went out of business in 2023?",
    "How many companies closed down entirely in 2023?", "Combien d'entreprises ont fermé en 2023 ?",
    "Combien de start-up ont mis la clé sous la porte en 2023 ?",
])
def test_shutdowns_are_understood(kb: KnowledgeBase, question: str) -> None:
    query = kb.understand(question, TODAY)
    assert query.filters.shutdown and query.intent is Intent.COMPANIES


@pytest.mark.parametrize("question", [
    "How many jobs did Ubisoft cut after shutting down XDefiant?",  # a product shut down, not the company
    "How many people were affected by the studio closure?", "Which offices closed?",
])
def test_a_part_of_a_company_closing_is_no_shutdown(kb: KnowledgeBase, question: str) -> None:
    assert not kb.understand(question, TODAY).filters.shutdown


def test_filters_combine(kb: KnowledgeBase) -> None:
    query = kb.understand("fintech layoffs in India in 2023", TODAY)
    assert (keys(query, Dimension.INDUSTRY), keys(query, Dimension.COUNTRY)) == ({"Finance"}, {"India"})
    assert query.period == year(2023)
    query = kb.understand("Series B startups in Germany last year", date(2024, 3, 1))
    assert (keys(query, Dimension.STAGE), keys(query, Dimension.COUNTRY)) == ({"Series B"}, {"Germany"})
    assert query.period == year(2023)


def test_startups_do_not_restrict_the_stage(kb: KnowledgeBase) -> None:
    query = kb.understand("How many health tech startups cut jobs in 2022?", TODAY)
    assert keys(query, Dimension.INDUSTRY) == {"Healthcare"} and query.filters.on(Dimension.STAGE) is None
    assert query.intent is Intent.COMPANIES


def test_a_filter_word_is_never_read_as_a_company(kb: KnowledgeBase) -> None:
    """The export has a company called Retail; "retail" is the industry. A longer name holding a filter word
    ("Clarify Health") is the company."""
    snapshot = kb.snapshot()
    assert snapshot.matcher.lookup("Retail") is not None
    query = kb.understand("How many people did Retail lay off in 2024?", TODAY)
    assert query.companies == () and keys(query, Dimension.INDUSTRY) == {"Retail"}
    query = kb.understand("How many people did Clarify Health lay off in 2022?", TODAY)
    assert [m.written for m in query.companies] == ["Clarify Health"] and not query.filters
    query = kb.understand("How many people were laid off in India in 2023?", TODAY)
    assert query.unknown_names == () and keys(query, Dimension.COUNTRY) == {"India"}
    query = kb.understand("How many workers did Series B-funded companies let go in 2020?", TODAY)
    assert query.unknown_names == () and query.companies == ()


def test_a_city_named_like_a_company_is_the_city_only_where_a_place_is_expected(kb: KnowledgeBase) -> None:
    """The export has a company called Austin, and rounds of companies based in Austin."""
    query = kb.understand("How many people did Austin lay off in 2021?", TODAY)
    assert [m.written for m in query.companies] == ["Austin"] and not query.filters
    query = kb.understand("How many people were laid off in Austin in 2022?", TODAY)
    assert query.companies == () and keys(query, Dimension.CITY) == {"Austin"}


def test_exclusions_and_regions(kb: KnowledgeBase) -> None:
    query = kb.understand("Which country outside the United States had the most layoffs in 2023?", TODAY)
    assert keys(query, Dimension.COUNTRY, exclude=True) == {"United States"} and query.companies == ()
    query = kb.understand("Quel pays, en dehors des États-Unis, a compté le plus de licenciés en 2020 ?", TODAY)
    assert keys(query, Dimension.COUNTRY, exclude=True) == {"United States"}
    query = kb.understand("How many people were laid off in Europe in 2023?", TODAY)
    item = query.filters.on(Dimension.COUNTRY)
    assert item is not None and item.region == "Europe" and {"Germany", "Norway", "France"} <= item.keys
    assert "United States" not in item.keys


def test_us_is_the_country_only_where_it_names_one(kb: KnowledgeBase) -> None:
    assert keys(kb.understand("US layoffs in 2023", TODAY), Dimension.COUNTRY) == {"United States"}
    assert not kb.understand("Tell us about layoffs in 2023", TODAY).filters


def test_tracker_values_are_normalised() -> None:
    terms = Terms.build()
    assert tag_keys(terms, Dimension.INDUSTRY, "Fin-Tech") == ("Finance",)
    assert tag_keys(terms, Dimension.INDUSTRY, "Crypto Currency") == ("Crypto",)
    assert tag_keys(terms, Dimension.INDUSTRY, "CryptoCurrency") == ("Crypto",)
    assert tag_keys(terms, Dimension.INDUSTRY, "Unknown") == ()
    assert tag_keys(terms, Dimension.COUNTRY, "United States.") == ("United States",)
    assert tag_keys(terms, Dimension.COUNTRY, "UAE") == ("United Arab Emirates",)
    assert tag_keys(terms, Dimension.CITY, "Bengaluru, Non-U.S.") == ("Bengaluru",)
    assert tag_keys(terms, Dimension.CITY, "Shenzen, Non-U.S.") == ("Shenzen",)
    assert tag_keys(terms, Dimension.CITY, "Luxembourg, Raleigh") == ("Luxembourg", "Raleigh")
    assert tag_keys(terms, Dimension.CITY, "Non-U.S.") == ()
    assert tag_keys(terms, Dimension.STAGE, "Unknown") == ()


@pytest.mark.parametrize(
    ("question", "intent", "group", "top", "measure"),
    [
        ("What industry saw the most people laid off in 2024?", Intent.RANKING, Group.INDUSTRY, None,
         Measure.PEOPLE),
        ("Name the three healthcare companies with the biggest job cuts in 2022.", Intent.RANKING, Group.COMPANY, 3,
         Measure.PEOPLE),
        ("Top 5 countries by layoffs in 2023", Intent.RANKING, Group.COUNTRY, 5, Measure.PEOPLE),
        ("Which city had the most companies cutting jobs in 2023?", Intent.RANKING, Group.CITY, None,
         Measure.COMPANIES),
        ("Quel secteur a licencié le plus de personnes en 2022 ?", Intent.RANKING, Group.INDUSTRY, None,
         Measure.PEOPLE),
        ("Which year had the most layoffs?", Intent.RANKING, Group.YEAR, None, Measure.PEOPLE),
        ("Which fintech companies cut jobs in 2023?", Intent.LIST, Group.COMPANY, None, Measure.PEOPLE),
        ("Biggest layoff in 2020?", Intent.BIGGEST, None, None, Measure.PEOPLE),
        ("Which company had the biggest layoff in 2023?", Intent.BIGGEST, None, None, Measure.PEOPLE),
        ("Did Acme Pay lay off staff in 2023?", Intent.YESNO, None, None, Measure.PEOPLE),
        ("Were there any layoffs in Toronto in 2023?", Intent.YESNO, None, None, Measure.PEOPLE),
    ],
)
def test_what_is_asked(kb: KnowledgeBase, question: str, intent: Intent, group: Group | None, top: int | None,
                       measure: Measure) -> None:
    query = kb.understand(question, TODAY)
    assert (query.intent, query.group, query.top, query.measure) == (intent, group, top, measure)


@pytest.mark.parametrize(
    ("question", "sides", "polarity", "yes_no"),
    [
        ("In 2023, did Acme Pay lay off more employees than Cobalt Health?", ["Acme Pay", "Cobalt Health"], "more",
         True),
        ("En 2023, Acme Pay a-t-elle supprimé plus d'emplois que Cobalt Health ?", ["Acme Pay", "Cobalt Health"],
         "more", True),
        ("Did Acme Pay cut fewer jobs than Kite in 2023?", ["Acme Pay", "Kite"], "fewer", True),
        ("Which laid off more people in 2023, Acme Pay or Kite?", ["Acme Pay", "Kite"], "more", False),
        ("Acme Pay vs Kite layoffs 2023", ["Acme Pay", "Kite"], "more", False),
        ("Did India lay off more people than Germany in 2023?", ["India", "Germany"], "more", True),
        ("Were there more layoffs in 2023 than in 2022?", ["in 2023", "in 2022"], "more", True),
        ("Did Ion Motors lay off more than 500 people in 2022?", ["Ion Motors", "500"], "more", True),
    ],
)
def test_comparisons_have_two_sides(kb: KnowledgeBase, question: str, sides: list[str], polarity: str,
                                    yes_no: bool) -> None:
    query = kb.understand(question, TODAY)
    assert query.intent is Intent.COMPARE
    assert [s.label for s in query.sides] == sides
    assert (query.polarity, query.yes_no) == (polarity, yes_no)


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        ("What was Amazon's total revenue in 2024?", "revenue"),
        ("How many people did Salesforce hire in 2024?", "hiring"),
        ("How many new hires did Microsoft make in 2024?", "hiring"),
        ("Who is the CEO of Amazon?", "leaders"),
        ("Who runs Google these days?", "leaders"),
        ("What's the market cap of Zoom?", "markets"),
        ("What is Meta's share price?", "markets"),
        ("What is the average salary at Google?", "pay"),
        ("Quel est le chiffre d'affaires d'Amazon en 2023 ?", "revenue"),
        ("How many early-stage startups cut jobs in 2023?", "company_kinds"),
    ],
)
def test_what_no_layoff_fact_holds_is_noticed(kb: KnowledgeBase, question: str, concept: str) -> None:
    query = kb.understand(question, TODAY)
    assert query.off_topic is not None and query.off_topic.concept.key == concept


@pytest.mark.parametrize("question", [
    "Combien coûteront à Cisco les indemnités de départ en 2024 ?", "How much did Spotify's restructuring cost in 2023?",
])
def test_what_cuts_cost_is_a_question_of_its_own(kb: KnowledgeBase, question: str) -> None:
    query = kb.understand(question, TODAY)
    assert query.off_topic is None and query.intent == "cost" and not query.future


@pytest.mark.parametrize("question", [
    "What share of its staff did Meta cut in 2022?", "How many employees did Twitter have before the layoffs?",
    "Why did Salesforce cut jobs after hiring too many people?", "How many job losses in 2023?",
    "Combien de salariés de la tech ont été licenciés en 2023 ?", "Did Prime Video have layoffs?",
])
def test_layoff_questions_are_not_off_topic(kb: KnowledgeBase, question: str) -> None:
    assert kb.understand(question, TODAY).off_topic is None


def test_years_and_futures(kb: KnowledgeBase) -> None:
    assert kb.understand("How many people did Stripe lay off in 1066?", TODAY).impossible_years == (1066,)
    assert kb.understand("Layoffs in 3024", TODAY).impossible_years == (3024,)
    assert kb.understand("Acme Pay cut 1500 jobs in 2023", TODAY).impossible_years == ()
    assert kb.understand("How many tech workers will lose their jobs next year?", TODAY).future
    assert kb.understand("How many people will be laid off in 2028?", TODAY).period == year(2028)
    assert not kb.understand("How many employees did IBM say it would lay off in January 2023?", TODAY).future


def test_years_in_words_stay_two_years() -> None:
    """ "twenty twenty two and twenty twenty three" used to be read as one number, 2065."""
    tokens = tokenize("how many workers did amazon fire in twenty twenty two and twenty twenty three")
    assert folded_text(tokens).endswith("in 2022 and 2023")
    assert folded_text(tokenize("one hundred and five")) == "105"
    assert folded_text(tokenize("vingt et un")) == "21"


def test_the_question_is_echoed_exactly_as_asked(kb: KnowledgeBase) -> None:
    question = "How many people did Amazon cut in 2022–23?\u2028"
    answer = kb.ask(question, TODAY)
    assert answer.as_json()["question"] == question
    assert answer.question == "How many people did Amazon cut in 2022-23?"  # as understood
    assert kb.understand(question, TODAY).period == years(2022, 2023)


def test_the_latest_layoffs_are_the_newest_rounds_up_to_today(kb: KnowledgeBase) -> None:
    """"What's the latest layoff?": the newest rounds on record up to today, newest first, an article's as well as
    a tracker's; within a filter or a period when one is named; each with its own figure and citation."""
    latest = kb.ask("What's the latest layoff?", TODAY)
    assert latest.answered and latest.intent == "latest" and not latest.derived
    assert latest.body.startswith("The most recent layoff in my records: Nova Security, 90 people on 15 March 2024.")
    assert [f.company for f in latest.facts] == ["Nova Security", "AWS", "Retail"]  # AWS: the bundled article
    assert [f.company for f in kb.ask("the 2 most recent layoffs", TODAY).facts] == ["Nova Security", "AWS"]
    before = kb.ask("What's the latest layoff?", date(2024, 3, 10))  # a day asked before Nova Security's round
    assert [f.company for f in before.facts][:1] == ["AWS"]
    canada = kb.ask("Latest layoffs in Canada", TODAY)
    assert canada.body.startswith("The most recent layoff in Canada in my records: Helio, a round of undisclosed "
                                  "size on 9 September 2023.") and "Gale Travel, 60 people" in canada.body
    french = kb.ask("Quels sont les derniers licenciements au Canada ?", TODAY)
    assert french.body.startswith("Le licenciement le plus récent au Canada dans mes données : Helio")
    assert [f.company for f in kb.ask("latest layoffs in 2022", TODAY).facts] == [
        "Ion Motors", "Fjord Data", "Clarify Health"]
    assert kb.ask("last year's layoffs", TODAY).intent != "latest"  # a period, not the latest


@pytest.mark.parametrize("question", [
    "Did layoffs go up or down in 2023?", "Did layoffs increase in 2023?", "Have layoffs decreased in 2023?",
    "Did layoffs go up or down?",  # no year: the last whole year before today's (2023 on 10 April 2024)
])
def test_a_trend_sets_a_year_against_the_year_before(kb: KnowledgeBase, question: str) -> None:
    """"Did layoffs go up or down in 2023?" sets 2023 beside 2022 (no yes or no: the figures say which)."""
    answer = kb.ask(question, TODAY)
    assert answer.intent == "compare"
    assert answer.body.startswith("At least 12,551 people were laid off across all industries in 2023, against "
                                  "1,400 in 2022.")
    assert [(d.value, d.op) for d in answer.derived] == [(12551, "sum"), (1400, "sum")]
    french = kb.ask("Les licenciements sont-ils en hausse en 2023 ?", TODAY)
    assert french.body.startswith("Au moins 12\u202f551 personnes ont été licenciées dans tous les secteurs en "
                                  "2023, contre 1\u202f400 en 2022.")


def test_one_company_in_two_periods_is_named_as_who_laid_off(kb: KnowledgeBase) -> None:
    """A company set against itself in two years says the company laid off, not "all industries"."""
    answer = kb.ask("Did Acme Pay lay off more people in 2023 than in 2022?", TODAY)
    assert answer.body.startswith("Yes: Acme Pay laid off 500 people in 2023, against none on record in 2022.")
    assert kb.ask("Did Acme Pay lay off more people in 2022 than in 2023?", TODAY).body.startswith(
        "No: I have no layoffs on record for Acme Pay in 2022, against 500 in 2023.")


def test_a_rise_that_is_not_a_layoff_trend_is_not_read_as_one(kb: KnowledgeBase) -> None:
    """"Why did Acme Pay increase its layoffs?" asks why; "did its headcount decrease?" is about its staff."""
    assert kb.ask("Why did Acme Pay increase its layoffs?", TODAY).intent == "reason"
    assert kb.ask("Did Acme Pay's headcount decrease in 2023?", TODAY).intent != "compare"
    assert kb.ask("Did job cuts increase in 2023?", TODAY).intent == "compare"
