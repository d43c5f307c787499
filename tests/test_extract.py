"""Fact extraction from articles: each phenomenon on its own, then the labelled set as a whole.

Every sentence here is our own wording.  The labelled set (tests/articles)
guards against regressions: precision and recall must stay at the levels
reached when it was labelled.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.drafts import FactDraft
from knowledge.intake.articles import REVIEW_BELOW, ArticleMeta, Candidate
from knowledge.intake.articles.articles import parse_article
from knowledge.intake.articles.extract import extract_facts
from knowledge.language.companies import CompanyMatcher, NameEntry
from knowledge.language.text import name_key
from tests.support.extraction import DIMENSIONS, bundled_matcher, bundled_parents, evaluate, load_labels

ARTICLES = Path(__file__).resolve().parent / "articles"
REAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "suites" / "articles-dev" / "articles"
# Reached when the set was labelled (1.0 / 1.0); a little room for a harmless change of wording.
MIN_PRECISION = 0.95
MIN_RECALL = 0.95


@pytest.fixture(scope="module")
def known() -> tuple[CompanyMatcher, object]:
    matcher, name_of = bundled_matcher()
    return matcher, name_of


def extract(known, body: str, published: date = date(2023, 1, 5), language: str = "en",
            title: str | None = None) -> list[Candidate]:
    matcher, name_of = known
    meta = ArticleMeta("https://news.example.org/a", title, "Example", published, language)
    return extract_facts(body, meta, matcher, name_of)


def drafts(candidates: list[Candidate], kind: str | None = None) -> list[FactDraft]:
    return [c.draft for c in candidates if kind is None or c.draft.kind == kind]


def only(candidates: list[Candidate], kind: str = "layoff") -> FactDraft:
    found = drafts(candidates, kind)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("slightly more than 18,000 employees", "slightly_more_than", 18000, None),
        ("more than 27,000 employees", "more_than", 27000, None),
        ("about 10,000 employees", "about", 10000, 10000),
        ("around 10,000 employees", "about", 10000, 10000),
        ("roughly 10,000 employees", "about", 10000, 10000),
        ("some 10,000 employees", "about", 10000, 10000),
        ("nearly 5,000 employees", "nearly", None, 5000),
        ("almost 5,000 employees", "nearly", None, 5000),
        ("at least 600 employees", "at_least", 600, None),
        ("up to 900 employees", "up_to", None, 900),
        ("between 100 and 200 employees", "range", 100, 200),
        ("1,250 employees", "exact", 1250, 1250),
        ("several hundred employees", "several_hundred", 200, 999),
        ("hundreds of employees", "hundreds", 200, 999),
        ("dozens of employees", "dozens", 24, 99),
        ("thousands of employees", "thousands", 2000, 9999),
        ("several thousand employees", "several_thousand", 2000, 9999),
        ("twelve hundred employees", "exact", 1200, 1200),
    ],
)
def test_english_qualifiers(known, phrase: str, qualifier: str, low: int | None, high: int | None) -> None:
    fact = only(extract(known, f"Quillbyte said on Tuesday it would lay off {phrase}."))
    assert (fact.company, fact.qualifier, fact.count_min, fact.count_max) == ("Quillbyte", qualifier, low, high)


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("environ 400 postes", "about", 400, 400),
        ("quelque 400 postes", "about", 400, 400),
        ("près de 400 postes", "nearly", None, 400),
        ("au moins 400 postes", "at_least", 400, None),
        ("jusqu'à 400 postes", "up_to", None, 400),
        ("plus de 11 000 postes", "more_than", 11000, None),
        ("11\u202f000 postes", "exact", 11000, 11000),
        ("onze mille postes", "exact", 11000, 11000),
        ("entre 80 et 120 postes", "range", 80, 120),
        ("plusieurs centaines de postes", "several_hundred", 200, 999),
        ("des centaines de postes", "hundreds", 200, 999),
        ("des dizaines de postes", "dozens", 24, 99),
        ("des milliers de postes", "thousands", 2000, 9999),
        ("plusieurs milliers de postes", "several_thousand", 2000, 9999),
        ("une vingtaine de postes", "about", 20, 20),
    ],
)
def test_french_qualifiers_and_numbers(known, phrase: str, qualifier: str, low: int | None,
                                       high: int | None) -> None:
    candidates = extract(known, f"La start-up Quillbyte a annoncé mardi la suppression de {phrase}.", language="fr")
    fact = only(candidates)
    assert (fact.company, fact.qualifier, fact.count_min, fact.count_max) == ("Quillbyte", qualifier, low, high)


def test_machine_translated_numbers_and_calques(known) -> None:
    body = "The company of software Veltrona has dismissed around of 2.000 workers, what represent 9 per cent."
    fact = only(extract(known, body))
    assert (fact.count_min, fact.count_max, fact.qualifier) == (2000, 2000, "about")
    fr = extract(known, "L'entreprise de logiciel Quorvis a licencié plus que 1.100 personnes.", language="fr")
    assert (only(fr).count_min, only(fr).qualifier) == (1100, "more_than")


def test_count_and_share_of_one_round_make_one_candidate(known) -> None:
    candidates = extract(known, "Meta has laid off 11,000 employees, about 13 percent of its total headcount.")
    fact = only(candidates)
    assert (fact.count_min, fact.percent, fact.percent_qualifier) == (11000, 13.0, "about")
    fr = extract(known, "Meta a annoncé mercredi la suppression de 11 000 emplois, soit environ 13 % de ses "
                        "effectifs.", date(2022, 11, 9), "fr")
    assert (only(fr).count_min, only(fr).percent, only(fr).announced) == (11000, 13.0, date(2022, 11, 9))


def test_share_alone_and_fractions(known) -> None:
    fact = only(extract(known, "Dropline plans to lay off nearly 5% of its workforce."))
    assert (fact.count_min, fact.percent, fact.percent_qualifier) == (None, 5.0, "nearly")
    fifth = only(extract(known, "Pellucid Games will lay off 1,200 staff, close to a fifth of its employees."))
    assert (fifth.percent, fifth.percent_qualifier) == (20.0, "nearly")


def test_unconfirmed_or_denied_figures_are_not_asserted(known) -> None:
    body = ("At a conference, an investor asked the owner how much he would save after firing half of Twitter, "
            "and he neither confirmed nor corrected the figure.")
    assert not [d for d in drafts(extract(known, body)) if d.count_min or d.count_max or d.percent]
    denied = extract(known, "Halvern Systems denied a report that it planned to cut half of its workforce.")
    assert not drafts(denied, "layoff")


def test_hedges_lower_confidence_but_plans_stay(known) -> None:
    plan = extract(known, "Cartavia said it plans to cut 150 jobs.")
    rumour = extract(known, "Cartavia could cut 150 jobs, people familiar with the matter said.")
    assert only(plan).count_min == only(rumour).count_min == 150
    assert only(rumour).confidence < 0.6 < only(plan).confidence


def test_headcount_with_its_date_and_qualifier(known) -> None:
    body = ("Salesforce had just under 80,000 employees at the end of October, up from about 48,000 three years "
            "earlier.")
    facts = {d.count_max: d for d in drafts(extract(known, body, date(2023, 1, 4)), "headcount")}
    assert (facts[80000].qualifier, facts[80000].announced) == ("nearly", date(2022, 10, 31))
    assert (facts[48000].qualifier, facts[48000].announced) == ("about", date(2019, 10, 31))
    fr = extract(known, "Orvanta Cloud, qui compte 60 000 personnes, a supprimé 300 postes.", date(2024, 4, 5), "fr")
    assert only(fr, "headcount").count_min == 60000


def test_headcount_of_a_unit_is_not_the_company(known) -> None:
    body = "Halvern Systems will cut 300 roles and could sell its consulting arm, which employs around 600 people."
    assert not drafts(extract(known, body), "headcount")


def test_running_totals(known) -> None:
    body = ("Brightwell Media said on Monday it would lay off another 220 employees, bringing the total number of "
            "jobs it has cut since October to 1,040.")
    facts = {d.count_min: d for d in drafts(extract(known, body, date(2023, 11, 16)), "layoff")}
    assert facts[220].announced == date(2023, 11, 13) and not facts[220].cumulative
    total = facts[1040]
    assert total.cumulative and (total.period_start, total.period_end) == (date(2023, 10, 1), date(2023, 11, 16))
    fr = extract(known, "Kestrio a annoncé 450 suppressions de postes, portant le total à environ 1 900 depuis "
                        "octobre.", date(2024, 2, 8), "fr")
    fr_total = next(d for d in drafts(fr, "layoff") if d.cumulative)
    assert (fr_total.count_min, fr_total.qualifier, fr_total.period_start) == (1900, "about", date(2023, 10, 1))


def test_industry_figures_have_no_company(known) -> None:
    body = ("More than 57,000 tech workers have been laid off this year at 229 companies, according to the tracker "
            "Layoffs.fyi.")
    candidates = extract(known, body, date(2024, 4, 5))
    layoff, companies = only(candidates), only(candidates, "companies")
    assert (layoff.company, layoff.count_min, layoff.qualifier, layoff.cumulative) == (None, 57000, "more_than", True)
    assert (layoff.period_start, layoff.period_end) == (date(2024, 1, 1), date(2024, 4, 5))
    assert (companies.company, companies.count_min, companies.count_max) == (None, 229, 229)


@pytest.mark.parametrize(
    ("when", "published", "expected"),
    [
        ("on Wednesday", date(2023, 1, 4), date(2023, 1, 4)),  # the publication day itself
        ("on Monday", date(2023, 1, 5), date(2023, 1, 2)),
        ("mercredi", date(2022, 11, 10), date(2022, 11, 9)),
        ("on 3 March", date(2024, 4, 5), date(2024, 3, 3)),
        ("on March 3", date(2024, 2, 1), date(2023, 3, 3)),  # not yet this year: last year's
        ("on March 3, 2022", date(2024, 2, 1), date(2022, 3, 3)),
        ("yesterday", date(2024, 2, 1), date(2024, 1, 31)),
    ],
)
def test_days_resolved_against_publication(known, when: str, published: date, expected: date) -> None:
    assert only(extract(known, f"Quillbyte laid off 300 employees {when}.", published)).announced == expected


@pytest.mark.parametrize(
    ("when", "published", "start", "end"),
    [
        ("in November", date(2023, 1, 4), date(2022, 11, 1), date(2022, 11, 30)),
        ("in November", date(2023, 11, 20), date(2023, 11, 1), date(2023, 11, 30)),
        ("late last year", date(2023, 2, 1), date(2022, 10, 1), date(2022, 12, 31)),
        ("fin de l'année dernière", date(2023, 2, 1), date(2022, 10, 1), date(2022, 12, 31)),
        ("earlier this month", date(2023, 2, 16), date(2023, 2, 1), date(2023, 2, 16)),
        ("last week", date(2024, 3, 22), date(2024, 3, 11), date(2024, 3, 17)),
    ],
)
def test_periods_resolved_against_publication(known, when: str, published: date, start: date, end: date) -> None:
    fact = only(extract(known, f"Quillbyte cut 300 jobs {when}.", published))
    assert (fact.period_start, fact.period_end, fact.announced) == (start, end, None)


def test_article_without_a_date_is_dated_by_publication(known) -> None:
    assert only(extract(known, "Quillbyte has laid off 300 employees.", date(2024, 3, 1))).announced == date(2024, 3, 1)


def test_weekday_that_contradicts_its_date(known) -> None:
    body = "Orvanta Cloud a supprimé plusieurs centaines de postes, comme il a été annoncé mercredi 3 mars."
    fact = only(extract(known, body, date(2024, 4, 5), "fr"))
    assert fact.announced == date(2024, 3, 3)
    assert fact.caveats == ({"code": "weekday_mismatch", "weekday": "wednesday", "date": "2024-03-03",
                             "actual": "sunday", "likely": "2024-04-03"},)
    no_likely = only(extract(known, "Veltrona dismissed 200 workers on Wednesday 2 May.", date(2023, 5, 4)))
    assert no_likely.caveats[0]["actual"] == "tuesday" and "likely" not in no_likely.caveats[0]


def test_secondary_rounds_are_their_own_candidates(known) -> None:
    body = ("Salesforce said on Wednesday it plans to cut about 8,000 jobs. Other companies cut too, with Meta "
            "cutting 13% of staff in November, and Snap laying off 20% of employees in August.")
    facts = {d.company: d for d in drafts(extract(known, body, date(2023, 1, 4)), "layoff")}
    assert (facts["Meta"].percent, facts["Meta"].period_start) == (13.0, date(2022, 11, 1))
    assert (facts["Snap"].percent, facts["Snap"].period_start) == (20.0, date(2022, 8, 1))
    by_company = {c.draft.company: c.confidence for c in extract(known, body, date(2023, 1, 4))}
    assert by_company["Meta"] < by_company["Salesforce"]
    earlier = drafts(extract(known, "Amazon will cut 18,000 jobs, after about 10,000 in November.",
                             date(2023, 1, 5)), "layoff")
    assert {(d.count_min, d.period_start) for d in earlier} == {(18000, None), (10000, date(2022, 11, 1))}


def test_known_companies_use_their_canonical_name(known) -> None:
    assert only(extract(known, "Facebook parent Meta fires 11,000 employees.")).company == "Meta"
    assert only(extract(known, "Twitter laid off 3,700 employees on Friday.")).company == "X"
    assert only(extract(known, "Meta, the parent company of Facebook, laid off 11,000 employees.")).company == "Meta"


def test_unknown_companies_by_how_the_sentence_treats_them(known) -> None:
    cases = {
        "Zentrico Labs said on Tuesday it would cut 140 jobs.": "Zentrico Labs",
        "Velmora, the maker of scheduling software, will lay off 200 workers.": "Velmora",
        "Layoffs at Drummond Analytics affect 120 employees.": "Drummond Analytics",
        "La start-up parisienne Lumeo a annoncé le licenciement de 85 salariés.": "Lumeo",
    }
    for body, name in cases.items():
        assert only(extract(known, body)).company == name, body


def test_never_a_company_from_an_ordinary_word_or_a_person() -> None:
    names = ["Paper", "Unit", "Loop", "Wise", "Amazon"]
    matcher = CompanyMatcher([NameEntry(name_key(n), i, n) for i, n in enumerate(names, 1)], 0.8)
    meta = ArticleMeta("https://news.example.org/b", None, None, date(2024, 1, 10), "en")
    body = ("The paper said the unit would cut 300 jobs in a loop of wise decisions. "
            "Chief executive Marta Okafor said 40 employees would leave.")
    companies = {c.draft.company for c in extract_facts(body, meta, matcher, dict(enumerate(names, 1)).get)}
    assert companies <= {None}


def test_teams_and_reasons_use_vocabulary_keys(known) -> None:
    body = ("Nuvélia a annoncé mardi la suppression de 230 postes, invoquant le ralentissement économique. "
            "Les départs concerneront principalement les équipes commerciales et marketing.")
    candidates = extract(known, body, date(2023, 10, 11), "fr")
    assert only(candidates, "teams").labels == ("sales", "marketing")
    reason = only(candidates, "reason")
    assert reason.labels == ("economic_uncertainty",) and reason.announced == date(2023, 10, 10)
    unit = extract(known, "Corlis Health will cut 1,300 jobs, mainly in the Clinical Insights unit.")
    assert only(unit, "teams").detail == "Clinical Insights unit"


def test_reasons_of_analysts_or_rumours_are_not_the_company_s(known) -> None:
    body = ("Velora said it had raised $120 million. Analysts at the research firm Corvane said many companies "
            "were still correcting for hiring sprees during the pandemic.")
    assert not extract(known, body)


def test_duplicates_within_an_article_become_one_candidate(known) -> None:
    body = ("Corlis Health will cut 1,300 jobs, about 8% of its workforce, the company said on Thursday. "
            "In a separate statement, Corlis Health said it would eliminate 1,300 positions by the end of March.")
    candidates = extract(known, body, date(2024, 1, 11), title="Corlis Health to cut 1,300 jobs")
    fact = only(candidates)
    assert (fact.count_min, fact.percent, fact.announced) == (1300, 8.0, date(2024, 1, 11))
    assert candidates[0].evidence.startswith("Corlis Health will cut 1,300 jobs, about 8%")


def test_candidates_are_pending_valid_cited_and_summarised_in_our_words(known) -> None:
    body = "Salesforce said on Wednesday it plans to lay off 10% of its workforce, about 8,000 employees."
    candidate = extract(known, body, date(2023, 1, 4))[0]
    draft = candidate.draft
    assert draft.status == "pending" and draft.validated() == draft
    assert 0 < candidate.confidence <= 1 and draft.confidence == candidate.confidence
    source, evidence = draft.sources[0]
    assert (source.url, source.kind, source.published, evidence) == (
        "https://news.example.org/a", "article", date(2023, 1, 4), body)
    assert candidate.evidence == body
    assert draft.summary == "Salesforce announced on 4 January 2023 that it plans to cut about 8,000 jobs (10% of staff)."
    assert draft.summary not in body


def test_labelled_articles_precision_and_recall() -> None:
    score = evaluate(ARTICLES)
    assert len(list(ARTICLES.glob("*.txt"))) >= 18
    assert score.precision() >= MIN_PRECISION, score.spurious
    assert score.recall() >= MIN_RECALL, score.missed
    for kind in ("layoff", "headcount", "companies"):
        assert score.precision(kind) >= MIN_PRECISION, (kind, score.spurious)


def test_labelled_article_files_are_well_formed() -> None:
    for path in ARTICLES.glob("*.txt"):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        assert meta.language in {"en", "fr"} and body, path.name


@pytest.mark.skipif(not REAL.is_dir(), reason="the evaluation suite's real articles are not beside the project")
def test_real_articles_give_their_main_figures(known) -> None:
    found = {}
    for path in sorted(REAL.glob("*.txt")):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        found[path.name] = drafts(extract_facts(body, meta, *known))
    layoffs = {(d.company, d.count_min, d.percent, d.announced) for facts in found.values() for d in facts
               if d.kind == "layoff"}
    assert ("Meta", 11000, 13.0, date(2022, 11, 9)) in layoffs
    assert ("Salesforce", 8000, 10.0, date(2023, 1, 4)) in layoffs
    assert ("X", None, None, date(2022, 11, 4)) in layoffs
    headcounts = {(d.company, d.count_min, d.count_max) for facts in found.values() for d in facts
                  if d.kind == "headcount"}
    assert {("X", 7500, 7500), ("Salesforce", None, 80000)} <= headcounts


# -- issue 12: reporting the rules were not written for ---------------------------------------------


def test_a_unit_s_share_of_its_parent_s_round_is_the_unit_s_own_fact(known) -> None:
    body = ("Amazon said on Tuesday it would eliminate roughly 14,000 corporate roles. The cuts include several "
            "hundred positions at its cloud unit, Amazon Web Services, and about 90 at the livestreaming service "
            "Twitch, according to people familiar with the plans.")
    matcher, name_of = known
    meta = ArticleMeta("https://news.example.org/a", None, "Example", date(2025, 10, 29), "en")
    candidates = extract_facts(body, meta, matcher, name_of, bundled_parents())
    facts = {c.draft.company: c for c in candidates if c.draft.kind == "layoff"}
    assert facts["Amazon"].draft.count_min == 14000
    aws, twitch = facts["AWS"], facts["Twitch"]
    assert (aws.draft.qualifier, aws.draft.count_min, aws.draft.count_max) == ("several_hundred", 200, 999)
    assert (twitch.draft.count_min, twitch.draft.qualifier) == (90, "about")
    assert aws.draft.announced == twitch.draft.announced == date(2025, 10, 28)  # the round's day
    assert aws.parent == twitch.parent == "Amazon"
    assert aws.confidence >= REVIEW_BELOW  # the article's own news, from unnamed sources


def test_an_owner_the_article_names_is_the_candidate_s_parent(known) -> None:
    body = ("Brightloom, the payments unit of Zentrico Labs, is laying off 60 employees, the company said on Monday. "
            "Le groupe Solvane a confirmé mardi la suppression de 600 postes, dont 150 chez sa filiale "
            "d'hébergement Datavista.")
    candidates = {c.draft.company: c for c in extract(known, body, date(2023, 11, 30))}
    assert candidates["Brightloom"].parent == "Zentrico Labs"
    assert (candidates["Datavista"].draft.count_min, candidates["Datavista"].parent) == (150, "Solvane")
    assert candidates["Solvane"].draft.count_min == 600


@pytest.mark.parametrize("body", [
    "Wondery, the podcast network Amazon bought in 2020, is laying off 12,000 employees.",
    "Norvik Systems, which went public in 2006 and now employs some 130,000 people, is cutting 12,000 jobs.",
    "Tallis Retail will cut 12,000 jobs after sales fell 7% to $2.1 billion in the first quarter.",
])
def test_the_year_of_another_event_never_dates_the_cut(known, body: str) -> None:
    """A report of a 12,000-job cut gives the cut's own month, not the year of the purchase or listing."""
    candidates = extract(known, body, date(2024, 1, 18))
    facts, layoff = drafts(candidates), only(candidates)
    assert (layoff.count_min, layoff.announced, layoff.period_start, layoff.cumulative) == (12000, date(2024, 1, 18),
                                                                                          None, False)
    assert all(d.announced == date(2024, 1, 18) for d in facts)


def test_a_founding_year_is_never_a_figure_or_a_date(known) -> None:
    grown = "Alphabet, which has grown since its founding in 1998 to 190,000 employees, is cutting 12,000 jobs."
    assert [(d.count_min, d.count_max) for d in drafts(extract(known, grown), "layoff")] == [(12000, 12000)]
    year_like = only(extract(known, "Quillbyte will cut between 1500 and 2000 jobs.", date(2023, 1, 20)))
    assert (year_like.count_min, year_like.count_max, year_like.announced, year_like.cumulative) == (
        1500, 2000, date(2023, 1, 20), False)
    never = "Since it was founded in 1998, Alphabet has never cut 12,000 jobs at once."
    assert not drafts(extract(known, never), "layoff")


@pytest.mark.parametrize(("body", "language"), [
    ("Up to 300 jobs could go at Halcyon Pay.", "en"),
    ("Halcyon Pay plans to cut 300 jobs. No decision has been made, the people said.", "en"),
    ("Selon la direction, jusqu'à 200 postes pourraient disparaître chez Halcyon.", "fr"),
])
def test_speculation_stays_under_the_review_threshold(known, body: str, language: str) -> None:
    layoff = [c for c in extract(known, body, language=language) if c.draft.kind == "layoff"]
    assert layoff and all(c.confidence < REVIEW_BELOW for c in layoff)


def test_a_decided_cut_is_not_speculation_because_something_else_in_the_sentence_is(known) -> None:
    body = "Salesforce will cut 8,000 jobs in January; analysts said more cuts could follow."
    assert only(extract(known, body, date(2023, 1, 4))).confidence >= REVIEW_BELOW
    may = only(extract(known, "LinkedIn let go of 280 people in May.", date(2025, 8, 20)))
    assert may.confidence >= REVIEW_BELOW  # the month, not the modal


def test_unnamed_sources_lower_confidence_without_making_it_doubtful(known) -> None:
    plain = only(extract(known, "Cartavia plans to cut 150 jobs."))
    sourced = only(extract(known, "Cartavia plans to cut 150 jobs, according to people familiar with the matter."))
    assert REVIEW_BELOW <= sourced.confidence < plain.confidence


@pytest.mark.parametrize("body", [
    "Tallis Retail will cut 300 jobs; its sales team of 40 people is not affected.",
    "Tallis Retail will lay off 300 workers, its chief executive, 52, said on Tuesday.",
    "Tallis Retail, whose shares have lost 40% of their value this year, will cut 300 jobs.",
])
def test_figures_that_are_not_layoffs_make_no_layoff(known, body: str) -> None:
    facts = drafts(extract(known, body, date(2024, 5, 9)))
    assert [(d.kind, d.company, d.count_min, d.percent) for d in facts] == [("layoff", "Tallis Retail", 300, None)]


def test_head_counts_in_reporting_style(known) -> None:
    fr = extract(known, "Ledger a annoncé jeudi se séparer de 12 % de ses salariés, soit 90 personnes sur 750 "
                        "employés.", date(2023, 10, 5), "fr")
    assert (only(fr).count_min, only(fr).percent, only(fr, "headcount").count_min) == (90, 12.0, 750)
    group = extract(known, "Le groupe Viréo emploie aujourd'hui quelque 17 000 salariés et va supprimer 1 200 postes.",
                    date(2024, 6, 13), "fr")
    assert (only(group, "headcount").count_min, only(group, "headcount").qualifier) == (17000, "about")
    claims = extract(known, "Ombrelle, qui revendique 2,3 millions de clients et 3 100 employés, va supprimer 250 "
                            "postes.", date(2023, 5, 25), "fr")
    assert only(claims, "headcount").count_min == 3100


def test_a_definite_description_finds_the_company_the_article_described_so(known) -> None:
    body = ("Brixley Data, the Austin-based analytics firm, said on Monday it would cut 400 jobs. "
            "Rival Corevo, a Seattle-based cloud provider, is also trimming staff. "
            "The Seattle-based company will lay off 120 people, or 5% of its workforce.")
    facts = {d.count_min: d for d in drafts(extract(known, body, date(2024, 3, 5)), "layoff")}
    assert (facts[400].company, facts[120].company, facts[120].percent) == ("Brixley Data", "Corevo", 5.0)


def test_the_firm_described_so_earlier_is_the_article_s_own(known) -> None:
    body = ("Corevo, the Seattle-based cloud software provider, is laying off 350 employees. The Seattle-based firm "
            "cut 120 jobs in October.")
    facts = drafts(extract(known, body, date(2024, 6, 13)), "layoff")
    assert len(facts) == 2 and {d.company for d in facts} == {"Corevo"}


def test_teams_in_reporting_style(known) -> None:
    body = ("Lumora Health is laying off about 170 people. The reductions hit its customer success, recruiting and "
            "product design teams hardest, while engineering was largely spared. Teams in devices and services "
            "are among the most affected.")
    assert set(only(extract(known, body), "teams").labels) == {"customer_support", "recruiting", "design", "devices"}
    warehouses = ("Amazon, which employs about 1.5 million people, most of them in its warehouses, will cut 14,000 "
                  "corporate roles.")
    assert not drafts(extract(known, warehouses), "teams")
    fr = extract(known, "Texane se sépare de 140 collaborateurs ; les postes supprimés sont surtout dans le "
                        "marketing, tandis que l'équipe de recherche sera renforcée.", language="fr")
    assert only(fr, "teams").labels == ("marketing",)


def test_units_named_in_the_source_s_words(known) -> None:
    body = ("Quillbyte is laying off 3,900 employees. The decision is related to the spinoff of its Kyndryl "
            "business and part of its AI unit Watson Health.")
    assert only(extract(known, body), "teams").detail == "Kyndryl business; AI unit Watson Health"
    fr = extract(known, "Ubisoft a annoncé lundi la fermeture de son studio de Leamington, entraînant le départ de "
                        "185 employés.", date(2025, 1, 27), "fr")
    assert only(fr, "teams").detail == "studio de Leamington"


@pytest.mark.parametrize(("body", "labels"), [
    ("Amazon will cut 14,000 corporate roles. In a message to staff, its human resources chief said the company "
     "wanted to operate with fewer layers and move faster as it invests in artificial intelligence.",
     {"efficiency", "artificial_intelligence"}),
    ('"We grew too fast," Stenner\'s chief executive said as the company announced 320 job cuts.',
     {"overexpansion"}),
    ("Quenby said it would lay off 300 developers; it had to rein in costs after a sharp drop in revenue.",
     {"cost_cutting", "falling_revenue"}),
    ("La direction de Viréo justifie ces 1 200 départs par le ralentissement de la demande.", {"weak_demand"}),
])
def test_reasons_in_reporting_style(known, body: str, labels: set[str]) -> None:
    assert set(only(extract(known, body), "reason").labels) == labels


def test_what_is_not_the_company_s_reason(known) -> None:
    despite = ("eBay will cut 1,000 jobs; despite the challenging macroeconomic environment, it can do better, "
               "its chief executive said.")
    assert not drafts(extract(known, despite), "reason")
    analyst = ("IBM will cut 3,900 jobs. An analyst at Investing.com said investors had hoped for deeper "
               "cost-cutting, which amounted to only 1.5% of the workforce.")
    assert {d.company for d in drafts(extract(known, analyst))} == {"IBM"}
    assert not drafts(extract(known, analyst), "reason")
    shares = "Tallis Retail will cut 1,100 jobs. Its shares fell after it reported a 7% drop in sales."
    assert not drafts(extract(known, shares), "reason")


def test_the_source_s_own_words_for_a_reason_are_kept(known) -> None:
    body = ("eBay will cut about 1,000 jobs. CEO Jamie Iannone blamed a mismatch between overall headcount and "
            "expenses and the growth of the business.")
    reason = only(extract(known, body, date(2024, 1, 24)), "reason")
    assert reason.detail == "a mismatch between overall headcount and expenses and the growth of the business"


def test_who_announced_the_cuts(known) -> None:
    body = ("In a Thursday message to Dropbox employees, cofounder and CEO Drew Houston announced the decision to "
            "cut the company's workforce by 16%, or 500 employees. Jesse Cohen, an analyst at Vantage, said the "
            "cuts were small.")
    fact = only(extract(known, body, date(2023, 4, 27)))
    assert (fact.company, fact.count_min, fact.percent) == ("Dropbox", 500, 16.0)
    assert fact.note == "Announced by cofounder and CEO Drew Houston, in a message, as the source reports."


@pytest.mark.parametrize(("phrase", "qualifier", "low", "high", "percent", "percent_qualifier"), [
    ("roughly one in ten employees", None, None, None, 10.0, "about"),
    ("nearly one-fifth of its staff", None, None, None, 20.0, "nearly"),
    ("10 to 15 percent of its staff", None, None, None, 15.0, "up_to"),
    ("some 300 jobs, close to one employee in five", "about", 300, 300, 20.0, "nearly"),
])
def test_hedges(known, phrase: str, qualifier: str | None, low: int | None, high: int | None,
                percent: float | None, percent_qualifier: str | None) -> None:
    fact = only(extract(known, f"Quenby Games said on Thursday it would lay off {phrase}."))
    assert (fact.qualifier, fact.count_min, fact.count_max, fact.percent, fact.percent_qualifier) == (
        qualifier, low, high, percent, percent_qualifier)
    fr = only(extract(known, "Quenby Games a annoncé jeudi la suppression de 10 % à 15 % de ses effectifs, soit près "
                             "d'un salarié sur cinq.", language="fr"))
    assert (fr.percent, fr.percent_qualifier) == (15.0, "up_to")


@pytest.mark.parametrize(("body", "published", "start", "end", "cumulative"), [
    ("Parcelwise, bought by Stonegate Partners in June, has cut about 1,250 jobs since the takeover.",
     date(2024, 11, 21), date(2024, 6, 1), date(2024, 11, 21), True),
    ("Depuis son rachat par le groupe Kessler en octobre, Maribel a perdu près de 130 emplois.",
     date(2024, 3, 21), date(2023, 10, 1), date(2024, 3, 21), True),
    ("In September last year, Cisco laid off 350 employees in Silicon Valley.", date(2024, 2, 15), date(2023, 9, 1),
     date(2023, 9, 30), False),
    ("The cuts follow Cisco's late-2022 cutbacks, which resulted in 5,000 layoffs.", date(2024, 2, 15),
     date(2022, 10, 1), date(2022, 12, 31), False),
])
def test_relative_dates_against_publication_and_the_article(known, body: str, published: date, start: date,
                                                            end: date, cumulative: bool) -> None:
    fact = [d for d in drafts(extract(known, body, published, "fr" if "Depuis" in body else "en"), "layoff")
            if d.count_min or d.count_max][0]
    assert (fact.period_start, fact.period_end, fact.cumulative) == (start, end, cumulative)


def test_a_day_that_opens_the_sentence_dates_its_cut(known) -> None:
    body = ("On Tuesday, eBay employees were told in an internal letter that the company will shrink its workforce by "
            "9%, or about 1,000 full-time jobs.")
    fact = only(extract(known, body, date(2024, 1, 24)))
    assert (fact.company, fact.count_min, fact.percent, fact.announced) == ("eBay", 1000, 9.0, date(2024, 1, 23))


def test_fiscal_periods_and_deadlines_do_not_date_a_cut(known) -> None:
    body = "Microsoft said it would cut 10,000 jobs by the end of the third quarter of fiscal 2023."
    fact = only(extract(known, body, date(2023, 1, 18)))
    assert (fact.announced, fact.period_start) == (date(2023, 1, 18), None)


def test_one_round_stated_vaguely_and_precisely_is_one_fact(known) -> None:
    body = ("Cisco has announced that it plans to lay off 5 per cent of its global workforce, amounting to thousands "
            "of employees. The latest job cuts are expected to affect more than 4,000 employees.")
    fact = only(extract(known, body, date(2024, 2, 15)))
    assert (fact.count_min, fact.qualifier, fact.percent) == (4000, "more_than", 5.0)


def test_a_round_in_full_is_not_a_running_total(known) -> None:
    body = "Spotify va se séparer de 6 % de ses effectifs, soit 600 personnes au total à travers le monde."
    fact = only(extract(known, body, date(2023, 1, 24), "fr"))
    assert (fact.count_min, fact.percent, fact.cumulative, fact.announced) == (600, 6.0, False, date(2023, 1, 24))


def test_only_confident_candidates_are_scored_and_the_doubtful_are_counted() -> None:
    score = evaluate(ARTICLES)
    assert score.doubtful >= 1 and score.doubtful_right < score.doubtful
    for dimension in DIMENSIONS:
        precision, recall = score.dimension(dimension)
        assert precision >= MIN_PRECISION and recall >= MIN_RECALL, dimension


def test_held_out_article_files_are_well_formed() -> None:
    folder = ARTICLES / "heldout"
    labels = load_labels(folder) if (folder / "labels.jsonl").is_file() else {}
    for path in folder.glob("*.txt"):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        assert meta.language in {"en", "fr"} and body and path.name in labels, path.name


# -- found by the held-out articles (scored once with the rules frozen at 1a82d53, then fixed) -----


def test_a_date_between_a_count_and_its_share_still_dates_the_count(known) -> None:
    body = ("Brenoa va licencier 70 salariés. Au total, l'entreprise aura supprimé 180 emplois depuis le début de "
            "l'année, soit près d'un quart de ses effectifs.")
    total = next(d for d in drafts(extract(known, body, date(2023, 6, 15), "fr"), "layoff") if d.count_min == 180)
    assert (total.cumulative, total.period_start, total.period_end, total.percent) == (
        True, date(2023, 1, 1), date(2023, 6, 15), 25.0)


def test_a_share_of_a_unit_is_not_the_company_s_share(known) -> None:
    body = "Microsoft said on Thursday it would lay off 1,900 people in its gaming division, about 8% of the unit's staff."
    fact = only(extract(known, body, date(2024, 1, 26)))
    assert (fact.count_min, fact.percent) == (1900, None)


def test_a_subsidiary_described_by_its_owner_keeps_its_cuts(known) -> None:
    body = ("Nuvio, filiale de logiciels de santé du groupe Maestral, va supprimer 95 postes, soit 18 % de son "
            "personnel, a annoncé mercredi la maison mère. Les équipes commerciales et le support client de Nuvio "
            "seront les plus touchés.")
    candidates = extract(known, body, date(2025, 4, 3), "fr",
                         title="Le groupe Maestral réduit la voilure chez sa filiale Nuvio")
    layoff = next(c for c in candidates if c.draft.kind == "layoff")
    assert (layoff.draft.company, layoff.draft.count_min, layoff.draft.percent, layoff.parent) == (
        "Nuvio", 95, 18.0, "Maestral")
    assert only(candidates, "teams").company == "Nuvio"


def test_vague_figures_shared_out_between_units(known) -> None:
    body = ("Amazon is cutting several hundred jobs in its devices organization. The reductions include about 100 "
            "roles at audiobook subsidiary Audible and dozens at Zoox, the self-driving car company Amazon bought in "
            "2020.")
    facts = {d.company: d for d in drafts(extract(known, body, date(2024, 11, 14)), "layoff")}
    assert (facts["Zoox"].qualifier, facts["Zoox"].count_min, facts["Zoox"].announced) == (
        "dozens", 24, date(2024, 11, 14))


@pytest.mark.parametrize(("body", "language", "labels"), [
    ('Caldera Systems is laying off 260 workers. "Demand for our testers has fallen faster than we expected," its '
     'chief executive wrote.', "en", {"weak_demand"}),
    ("LinkedIn said on Monday it would cut 716 positions as it shifts its focus to core markets. In a letter to "
     "staff, chief executive Rowan Hale said revenue growth had slowed as customers became more cautious.", "en",
     {"refocus", "customer_caution"}),
    ("Veltis va supprimer 380 postes. La direction invoque un ralentissement des commandes de ses clients.", "fr",
     {"weak_demand"}),
    ("Kalyx a licencié 320 travailleurs. Kalyx avait embauché agressivement pendant la pandémie et fait face à une "
     "demande plus faible, a dit le directeur général.", "fr", {"overhiring_pandemic", "weak_demand"}),
])
def test_more_ways_of_giving_a_reason(known, body: str, language: str, labels: set[str]) -> None:
    assert set(only(extract(known, body, language=language), "reason").labels) == labels


def test_a_failure_the_cuts_follow_is_kept_in_the_source_s_words(known) -> None:
    body = ("Lumenfield Bio will lay off about 140 employees after its lead drug candidate failed a late-stage trial, "
            "the company said on Wednesday.")
    reason = only(extract(known, body, date(2024, 5, 16)), "reason")
    assert reason.detail == "its lead drug candidate failed a late-stage trial"


def test_machine_translated_reporting_dates_and_teams(known) -> None:
    body = ("La compagnie Kalyx a licencié environ 320 travailleurs, elle a dit dans un dépôt réglementaire le mardi. "
            "Les coupes affectent principalement les équipes d'ingénierie et de recrutement, selon le document.")
    candidates = extract(known, body, date(2024, 2, 22), "fr")
    assert only(candidates).announced == date(2024, 2, 20)
    assert set(only(candidates, "teams").labels) == {"engineering", "recruiting"}


def test_two_words_of_prose_are_not_read_as_a_one_word_name() -> None:
    """A question's "open door layoffs" is Opendoor; an article's "open door policy" is not (a name written as two
    words counts in an article only capitalised, as a misspelt one does)."""
    matcher = CompanyMatcher([NameEntry(name_key("Opendoor"), 1, "Opendoor"), NameEntry(name_key("Acme"), 2, "Acme")])
    names = {1: "Opendoor", 2: "Acme"}.get
    meta = ArticleMeta("https://news.example.org/b", None, "Example", date(2023, 1, 5), "en")
    prose = extract_facts("Acme, known for its open door policy, said on Tuesday it would lay off 300 employees.",
                          meta, matcher, names)
    assert [c.draft.company for c in prose] == ["Acme"]
    named = extract_facts("Open Door said on Tuesday it would lay off 300 employees.", meta, matcher, names)
    assert [c.draft.company for c in named] == ["Opendoor"]
