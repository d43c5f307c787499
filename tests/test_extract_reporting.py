"""Patterns of real reporting the second held-out set (tests/articles/heldout2) showed the rules missed.

Each test is one pattern, in sentences of our own that differ from the held-out articles: the
held-out articles measure the rules, these pin what was fixed after that one measurement.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.drafts import FactDraft
from knowledge.intake.articles import REVIEW_BELOW, ArticleMeta, Candidate
from knowledge.intake.articles.articles import parse_article
from knowledge.intake.articles.extract import extract_facts
from knowledge.language.companies import CompanyMatcher
from tests.support.extraction import bundled_matcher, bundled_parents, load_labels


@pytest.fixture(scope="module")
def known() -> tuple[CompanyMatcher, object]:
    return bundled_matcher()


def extract(known, body: str, published: date, language: str = "en") -> list[Candidate]:
    matcher, name_of = known
    meta = ArticleMeta("https://news.example.org/b", None, "Example", published, language)
    return extract_facts(body, meta, matcher, name_of, bundled_parents())


def confident(candidates: list[Candidate], kind: str | None = None) -> list[FactDraft]:
    return [c.draft for c in candidates if c.confidence >= REVIEW_BELOW and (kind is None or c.draft.kind == kind)]


def one(candidates: list[Candidate], kind: str = "layoff") -> FactDraft:
    found = confident(candidates, kind)
    assert len(found) == 1, found
    return found[0]


# -- what is only considered, and by whom ------------------------------------------------------------


def test_a_share_only_considered_never_completes_the_cut_that_was_confirmed(known) -> None:
    body = ("Logistics start-up Brisko is weighing cutting up to a third of its 900 staff, people familiar said. "
            "A spokesman confirmed that about 25 employees had been laid off this week.")
    candidates = extract(known, body, date(2025, 2, 6))
    cut = one(candidates)
    assert (cut.count_min, cut.percent, cut.period_start, cut.period_end) == (
        25, None, date(2025, 2, 3), date(2025, 2, 6))
    weighed = [c for c in candidates if c.draft.kind == "layoff" and c.draft.percent is not None]
    assert weighed and all(c.confidence < REVIEW_BELOW for c in weighed)


@pytest.mark.parametrize("body", [
    "Board members at Tessaline had discussed cutting as many as 700 jobs, the newspaper reported.",
    "Tessaline va fermer un site. Le syndicat redoute que la direction ne supprime jusqu'à 700 postes l'an prochain.",
])
def test_cuts_discussed_or_feared_are_speculation(known, body: str) -> None:
    candidates = extract(known, body, date(2024, 6, 6), "fr" if "syndicat" in body else "en")
    assert not confident(candidates, "layoff")
    assert any(c.draft.count_max == 700 and c.draft.company == "Tessaline" for c in candidates)  # for a moderator


def test_letting_go_of_workers_is_a_cut(known) -> None:
    fact = one(extract(known, "Rental platform Dovecote said on Tuesday it was letting go of 45 workers.",
                       date(2025, 5, 8)))
    assert (fact.company, fact.count_min, fact.announced) == ("Dovecote", 45, date(2025, 5, 6))


# -- dates -------------------------------------------------------------------------------------------


def test_since_the_start_of_the_month_is_this_month_not_a_running_total(known) -> None:
    body = "Marvelo a supprimé 35 postes depuis le début du mois."
    fact = one(extract(known, body, date(2024, 10, 17), "fr"))
    assert (fact.cumulative, fact.period_start, fact.period_end) == (False, date(2024, 10, 1), date(2024, 10, 17))


def test_a_date_since_which_with_a_when_clause_dates_what_the_clause_says(known) -> None:
    body = ("Corbin Labs will cut 200 jobs, it said on Monday. It is the first reduction since March 2022, "
            "when it laid off 4% of its staff.")
    earlier = next(d for d in confident(extract(known, body, date(2024, 3, 14)), "layoff") if d.percent == 4.0)
    assert (earlier.cumulative, earlier.period_start, earlier.period_end) == (
        False, date(2022, 3, 1), date(2022, 3, 31))
    running = one(extract(known, "Corbin Labs has cut 600 jobs since March 2022.", date(2024, 3, 14)))
    assert (running.cumulative, running.period_start) == (True, date(2022, 3, 1))


def test_a_day_earlier_counts_back_from_the_sentence_before(known) -> None:
    body = ("Ravelin said on Friday it would cut 300 jobs. A day earlier, Quintor announced it would lay off "
            "about 120 people.")
    quintor = next(d for d in confident(extract(known, body, date(2024, 8, 10)), "layoff") if d.company == "Quintor")
    assert quintor.announced == date(2024, 8, 8)


def test_another_company_confirming_a_cut_is_news_of_the_day(known) -> None:
    body = ("Le studio Morlaix va supprimer 60 postes, a annoncé mardi la direction. L'américain Salesforce a confirmé "
            "la suppression d'environ 90 postes en France.")
    salesforce = next(d for d in confident(extract(known, body, date(2024, 5, 16), "fr"), "layoff")
                      if d.company == "Salesforce")
    assert salesforce.announced == date(2024, 5, 16)


# -- whose figure ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "language"), [
    ("Gaming studio Ferrow laid off 80 people. More than 9,000 people in the sector have lost their jobs so far "
     "this year, according to an independent count.", "en"),
    ("Le studio Ferrow a licencié 80 personnes. Selon le cabinet Datalune, plus de 9 000 emplois ont été supprimés "
     "dans la tech française cette année.", "fr"),
])
def test_a_figure_for_the_sector_is_the_industry_s_not_a_company_s(known, body: str, language: str) -> None:
    total = next(d for d in confident(extract(known, body, date(2024, 9, 5), language), "layoff")
                 if d.count_min == 9000)
    assert (total.company, total.cumulative) == (None, True)


def test_the_company_after_another_company_s_news_is_that_company(known) -> None:
    body = ("Orlin Systems said on Monday it would cut 400 jobs. Elsewhere, data firm Pertica said on Tuesday it had "
            "laid off 35 people. The company employs about 260 people.")
    headcount = [c.draft for c in extract(known, body, date(2025, 1, 9)) if c.draft.kind == "headcount"]
    assert [(d.company, d.count_min) for d in headcount] == [("Pertica", 260)]


def test_a_chief_named_after_a_comma_is_a_person_and_a_post_on_linkedin_says_where(known) -> None:
    body = ("Drayfield cut 70 people last week. Its founder, Lorna Abimbola, wrote in a post on LinkedIn that the "
            "company had hired ahead of demand.")
    candidates = extract(known, body, date(2025, 4, 3))
    assert {c.draft.company for c in candidates} == {"Drayfield"}
    assert one(candidates, "reason").labels == ("overhiring_pandemic",)


def test_a_named_division_is_the_company_s_unit_not_a_company(known) -> None:
    body = "Google told staff in its Fiber Labs division on Wednesday that about 300 jobs would be eliminated."
    candidates = extract(known, body, date(2024, 5, 2))
    assert (one(candidates).company, one(candidates).count_min) == ("Google", 300)
    assert one(candidates, "teams").detail == "Fiber Labs division"


def test_the_group_described_before_which_employs_is_the_company(known) -> None:
    body = ("L'éditeur Lorvane va supprimer 150 postes. Le groupe nantais, qui emploie quelque 3 000 personnes, "
            "invoque la baisse de la demande.")
    assert one(extract(known, body, date(2024, 2, 1), "fr"), "headcount").count_min == 3000


def test_the_worldwide_headcount_is_the_company_s(known) -> None:
    body = "Ostrale va supprimer 90 postes. Ostrale emploie 1 100 personnes en France et 8 500 dans le monde."
    assert one(extract(known, body, date(2024, 2, 1), "fr"), "headcount").count_min == 8500


# -- figures that are not cuts -----------------------------------------------------------------------


def test_a_share_of_the_cuts_is_not_a_share_of_staff(known) -> None:
    body = ("Lintwell will cut 240 jobs, it said on Monday. Half of the positions being eliminated are in "
            "its Dublin office.")
    assert [d.percent for d in confident(extract(known, body, date(2024, 6, 6)), "layoff")] == [None]


def test_that_compares_with_is_not_a_headcount(known) -> None:
    body = ("Korvell said on Monday it would cut 200 jobs. More than 8,000 tech workers were laid off in March, "
            "according to a tracker. That compares with about 15,000 in March last year.")
    assert not [c for c in extract(known, body, date(2024, 4, 4)) if c.draft.kind == "headcount"]


def test_a_comparison_with_last_year_s_total_is_read(known) -> None:
    body = ("Au total, plus de 2 500 postes ont été supprimés dans la tech en France depuis le début de l'année, "
            "contre environ 900 sur l'ensemble de 2023.")
    totals = {(d.count_min, d.period_start) for d in confident(extract(known, body, date(2024, 10, 3), "fr"), "layoff")}
    assert totals == {(2500, date(2024, 1, 1)), (900, date(2023, 1, 1))}


def test_the_loss_of_all_its_jobs_is_a_cut(known) -> None:
    body = "Le studio Vireton a fermé ses portes la semaine dernière, entraînant la perte de ses 35 emplois."
    candidates = extract(known, body, date(2024, 11, 14), "fr")
    assert one(candidates).count_min == 35
    assert one(candidates, "reason").labels == ("shutdown",)
    assert not confident(candidates, "headcount")


def test_another_round_told_with_the_first_one_s_words(known) -> None:
    body = "Harrowgate cut 500 jobs in March 2023 and another 300 in October."
    rounds = {(d.count_min, d.period_start) for d in confident(extract(known, body, date(2024, 2, 1)), "layoff")}
    assert rounds == {(500, date(2023, 3, 1)), (300, date(2023, 10, 1))}
    body = "Norlande a supprimé 200 postes en mai, puis une deuxième vague de 150 en septembre."
    assert {d.count_min for d in confident(extract(known, body, date(2023, 11, 2), "fr"), "layoff")} == {200, 150}


# -- costs -------------------------------------------------------------------------------------------


def test_savings_a_year_are_not_a_cost_and_a_provision_is(known) -> None:
    body = ("Sorvane va supprimer 300 postes, a annoncé jeudi la direction. Le plan doit réduire les coûts de "
            "20 millions d'euros par an. Le groupe va provisionner 35 millions d'euros pour les indemnités.")
    costs = confident(extract(known, body, date(2024, 3, 14), "fr"), "cost")
    assert [(d.count_min, d.detail) for d in costs] == [(35, "EUR million")]


def test_severance_said_a_few_sentences_after_the_cuts_is_their_cost(known) -> None:
    body = ("Calderon Games will lay off 180 employees, it said on Tuesday. Most of them work in marketing. "
            "The studio released two titles last year. Its biggest game sold a million copies. "
            "Calderon expects to record charges of $12 million to $14 million in connection with the plan.")
    cost = one(extract(known, body, date(2024, 9, 12)), "cost")
    assert (cost.count_min, cost.count_max, cost.qualifier, cost.announced) == (12, 14, "range", date(2024, 9, 10))


# -- teams and reasons -------------------------------------------------------------------------------


def test_words_describing_a_company_or_a_market_are_not_teams(known) -> None:
    body = ("Cloud-security firm Nerival laid off 40 people on Monday. "
            "An analyst said online ticket sales are still 30% below their peak.")
    assert not confident(extract(known, body, date(2024, 7, 4)), "teams")


def test_a_team_listed_before_customer_success_is_still_a_team(known) -> None:
    body = "Varnley will cut 120 jobs, mostly in engineering, customer success and finance, it said on Monday."
    assert one(extract(known, body, date(2024, 7, 4)), "teams").labels == (
        "engineering", "customer_support", "finance")


def test_units_named_in_lower_case_or_as_french_sites_are_kept_in_the_source_s_words(known) -> None:
    teams = one(extract(known, "Pellworth will cut 90 jobs in its payments division, it said on Monday.",
                        date(2024, 7, 4)), "teams")
    assert teams.detail == "payments division"
    body = "Talvane va supprimer 100 postes. Les départs toucheront les sites de Lyon et de Lille, a indiqué Talvane."
    assert one(extract(known, body, date(2024, 7, 4), "fr"), "teams").detail == "sites de Lyon et de Lille"
    body = "Talvane va supprimer 100 postes. Les départs toucheront ses centres d'appels, a indiqué Talvane."
    assert one(extract(known, body, date(2024, 7, 4), "fr"), "teams").labels == ("customer_support",)


def test_a_team_of_the_company_named_after_it_is_its_team(known) -> None:
    body = "Salesforce va supprimer 80 postes en France. Les équipes marketing de Salesforce seront les plus touchées."
    assert one(extract(known, body, date(2024, 7, 4), "fr"), "teams").labels == ("marketing",)


def test_a_unit_s_teams_are_dated_by_its_share_of_the_round(known) -> None:
    body = ("Le groupe Norvane a annoncé lundi 300 suppressions de postes, dont 60 chez sa filiale Kelvio. "
            "Chez Kelvio, ce sont surtout les équipes d'exploitation qui sont concernées.")
    teams = next(d for d in confident(extract(known, body, date(2024, 7, 4), "fr"), "teams") if d.company == "Kelvio")
    assert (teams.labels, teams.announced) == (("operations",), date(2024, 7, 1))


@pytest.mark.parametrize(("sentence", "labels"), [
    ("Tarrow said demand from hospital customers had slowed over the past year.", ("weak_demand",)),
    ("Orders from carmakers came in below expectations, the company said.", ("weak_demand",)),
    ("The company said it needed to bring costs in line with revenue.", ("cost_cutting",)),
    ("« Nous avons surdimensionné nos usines », a reconnu le président de Tarrow.", ("overexpansion",)),
])
def test_reasons_in_the_ways_companies_put_them(known, sentence: str, labels: tuple[str, ...]) -> None:
    body = "Tarrow will lay off 250 workers, it said on Tuesday. " + sentence
    assert one(extract(known, body, date(2024, 7, 4), "fr" if "«" in sentence else "en"), "reason").labels == labels


def test_a_sentence_about_the_whole_industry_gives_no_reason_of_the_company(known) -> None:
    body = ("Toymaker Bellfast will cut 60 jobs, it said on Monday. "
            "The toy industry has been hit by layoffs since the pandemic boom faded.")
    assert not confident(extract(known, body, date(2024, 7, 4)), "reason")


@pytest.mark.parametrize(("body", "detail"), [
    ("Hartwell laid off 40 people in May after a planned merger with a rival was abandoned.",
     "a planned merger with a rival was abandoned"),
    ("Hartwell said on Monday it would cut 40 jobs as it exits the consumer market.",
     "exits the consumer market"),
])
def test_causes_outside_the_vocabulary_keep_the_source_s_words(known, body: str, detail: str) -> None:
    assert one(extract(known, body, date(2024, 7, 4)), "reason").detail == detail


def test_second_held_out_article_files_are_well_formed() -> None:
    folder = Path(__file__).resolve().parent / "articles" / "heldout2"
    labels = load_labels(folder)
    articles = {path.name for path in folder.glob("*.txt")}
    assert len(articles) == 10 and set(labels) == articles
    for path in folder.glob("*.txt"):
        meta, body = parse_article(path.read_text(encoding="utf-8"))
        assert meta.language in {"en", "fr"} and body, path.name


# -- found while probing the same patterns in other words --------------------------------------------


def test_the_workforce_left_after_a_cut_is_a_headcount(known) -> None:
    body = "Brantis trimmed its workforce by 4% to about 11,500 employees, it said on Tuesday."
    candidates = extract(known, body, date(2024, 6, 13))
    assert (one(candidates).count_min, one(candidates).percent) == (None, 4.0)
    assert one(candidates, "headcount").count_min == 11500


def test_a_count_with_the_employer_named_before_its_noun(known) -> None:
    body = "About 4,000 Brantis workers, or 5% of its workforce, will lose their jobs, the company said on Tuesday."
    fact = one(extract(known, body, date(2024, 6, 13)))
    assert (fact.company, fact.count_min, fact.percent) == ("Brantis", 4000, 5.0)


def test_a_count_beside_a_share_cut_by_a_verb_is_the_same_round(known) -> None:
    body = "Brantis supprime 8 % de ses effectifs, soit environ 400 postes, a annoncé l'entreprise mercredi."
    fact = one(extract(known, body, date(2024, 6, 13), "fr"))
    assert (fact.count_min, fact.qualifier, fact.percent, fact.announced) == (400, "about", 8.0, date(2024, 6, 12))


@pytest.mark.parametrize(("body", "language", "cut", "staff"), [
    ("Brantis va licencier. Le plan concerne 230 salariés, sur un effectif total de 1 900 personnes.", "fr", 230, 1900),
    ("Brantis will cut 1,200 jobs. The cuts represent about 6% of the company's 20,000 employees.", "en", 1200, 20000),
])
def test_the_whole_workforce_beside_a_cut_is_a_headcount(known, body: str, language: str, cut: int,
                                                          staff: int) -> None:
    candidates = extract(known, body, date(2024, 6, 13), language)
    assert one(candidates).count_min == cut and not one(candidates).cumulative
    assert one(candidates, "headcount").count_min == staff


def test_each_company_of_a_roundup_keeps_its_own_day(known) -> None:
    body = ("Korvex said on Monday it would lay off 900 workers. Two days later, rival Sendra cut 300 jobs, and on "
            "Thursday Pallum said it would shed about 5% of its staff.")
    days = {d.company: d.announced for d in drafts_of(extract(known, body, date(2024, 6, 14)), "layoff")}
    assert days == {"Korvex": date(2024, 6, 10), "Sendra": date(2024, 6, 12), "Pallum": date(2024, 6, 13)}


def test_a_rival_that_had_cut_too_is_named_as_the_one_cutting(known) -> None:
    body = ("Le fabricant de logiciels Ovalis a annoncé jeudi 200 suppressions de postes. Son concurrent Brevan "
            "avait, lui, licencié 80 personnes en mai.")
    cuts = {(d.company, d.count_min) for d in drafts_of(extract(known, body, date(2024, 6, 14), "fr"), "layoff")}
    assert cuts == {("Ovalis", 200), ("Brevan", 80)}


def drafts_of(candidates: list[Candidate], kind: str) -> list[FactDraft]:
    return [c.draft for c in candidates if c.draft.kind == kind]


def test_a_second_round_after_a_year_keeps_that_year(known) -> None:
    body = "Brantis cut 600 jobs in January 2023 and 200 in March."
    rounds = {(d.count_min, d.period_start) for d in drafts_of(extract(known, body, date(2024, 6, 13)), "layoff")}
    assert rounds == {(600, date(2023, 1, 1)), (200, date(2023, 3, 1))}


def test_a_part_of_something_else_is_no_cut(known) -> None:
    body = "In 2023, Brantis cut 400 jobs, and 2 of its 5 studios closed."
    assert [d.count_min for d in drafts_of(extract(known, body, date(2024, 6, 13)), "layoff")] == [400]
