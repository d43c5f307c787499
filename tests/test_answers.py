"""Composing answers: exact, qualified, cited, in the asker's language, never invented."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from knowledge.answering.answer import Answer
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.helpers import TODAY, add

VOI = "https://voi.id/fr/teknologi/371187"


def body_numbers(answer: Answer) -> set[float]:
    return {float(n.replace(",", "").replace("\u202f", "")) for n in re.findall(r"\d[\d,\u202f]*", answer.body)
            if n.strip(",")}


def allowed_numbers(answer: Answer) -> set[float]:
    """Numbers a fact holds, their sums, and the dates of cited facts."""
    allowed: set[float] = set()
    for fact in answer.facts:
        allowed |= {float(v) for v in (fact.count_min, fact.count_max, fact.percent) if v is not None}
        days = (fact.announced, *((fact.period.start, fact.period.end) if fact.period else ()))
        for day in days:
            if day:
                allowed |= {float(day.year), float(day.day), float(day.year % 100)}
    counts = [f.count_min for f in answer.facts if f.count_min is not None]
    allowed.add(float(sum(counts)))
    allowed |= {float(i) for i in range(0, 11)}  # "3 rounds", citation markers
    return allowed


# -- the bundled knowledge ------------------------------------------------------------------------


def test_the_readme_example(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("How many people did Amazon cut in 2022–23?", TODAY)
    assert answer.answered
    assert answer.text == (
        "Amazon laid off more than 27,000 people across 2022 and 2023, after hiring too many people during "
        "the pandemic. [1]\n"
        f"[1] VOI (French edition, machine-translated from Indonesian) — {VOI}"
    )


def test_french_question_french_answer(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("Combien de personnes Amazon a-t-il licenciées en 2022 et 2023 ?", TODAY)
    assert answer.language == "fr"
    assert answer.body.startswith("Amazon a licencié plus de 27\u202f000 personnes en 2022 et 2023")
    assert "pandémie" in answer.body


def test_vague_figures_keep_their_words(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("How many jobs did AWS cut?", TODAY)
    assert "several hundred" in answer.body
    assert body_numbers(answer) <= {3.0, 2024.0, 1.0}  # the date and [1]: no invented head count
    fr = seed_kb.ask("Combien d'emplois AWS a-t-il supprimés ?", TODAY)
    assert "plusieurs centaines de personnes" in fr.body


def test_the_inconsistent_weekday_is_noted_not_corrected(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("How many jobs did AWS cut?", TODAY)
    assert "on 3 March 2024" in answer.body
    assert answer.notes == (
        "Note: the source dates this “Wednesday 3 March”, but 3 March 2024 was a Sunday; it may mean 3 April 2024.",
    )
    fr = seed_kb.ask("Combien d'emplois AWS a-t-il supprimés ?", TODAY)
    assert "mercredi 3 mars" in fr.text and "dimanche" in fr.text


def test_teams_reason_who_headcount(seed_kb: KnowledgeBase) -> None:
    teams = seed_kb.ask("Which AWS teams were affected by the 2024 cuts?", TODAY)
    assert "sales, marketing, global services and physical stores technology" in teams.body
    reason = seed_kb.ask("Why did Amazon lay off so many people in 2022-2023?", TODAY)
    assert "hired too many people during the pandemic" in reason.body
    who = seed_kb.ask("Who leads the reorganisation at AWS?", TODAY)
    assert "Matt Garman" in who.body
    size = seed_kb.ask("How many people work in AWS's sales organisation?", TODAY)
    assert "60,000" in size.body and "sales, marketing and services organisation" in size.body
    fr_teams = seed_kb.ask("Quelles équipes d'AWS ont été touchées ?", TODAY)
    assert "ventes" in fr_teams.body and "marketing" in fr_teams.body


def test_industry_figures(seed_kb: KnowledgeBase) -> None:
    workers = seed_kb.ask("How many tech workers have been laid off so far this year?", TODAY)
    assert "More than 57,000 tech workers" in workers.body
    companies = seed_kb.ask("Combien d'entreprises ont licencié depuis le début de l'année ?", TODAY)
    assert companies.language == "fr" and "229" in companies.body


def test_a_parent_reaches_its_subsidiary_and_says_which_is_which(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("Amazon layoffs", TODAY)
    assert "AWS, several hundred people" in answer.body
    assert "across 2022 and 2023: more than 27,000 people" in answer.body
    assert answer.body.index("AWS") < answer.body.index("27,000")  # most recent first


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("How many people did Apple lay off in 2023?", "I know of Apple, but I have no facts about its layoffs"),
        ("How many people did Amazon lay off in 2019?", "I have no facts about Amazon's layoffs in 2019"),
        ("What is the capital of France?", "I can only answer questions about layoffs"),
        ("How many employees did Zentrico Labs lay off in 2023?", "I have no facts about Zentrico Labs"),
        ("Combien de personnes Apple a-t-elle licenciées en 2023 ?", "Je connais Apple"),
    ],
)
def test_declines_say_so_and_state_no_figure(seed_kb: KnowledgeBase, question: str, says: str) -> None:
    answer = seed_kb.ask(question, TODAY)
    assert not answer.answered
    assert says in answer.body
    assert answer.citations == ()
    assert all(n >= 1990 for n in body_numbers(answer)), answer.body  # years only
    assert answer.suggestions


def test_a_decline_says_what_is_known_nearby(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("How many people did Amazon lay off in 2019?", TODAY)
    assert "2022–2024" in answer.body
    assert "How many people did Amazon lay off in 2024?" in answer.suggestions


def test_typo_confidence_and_threshold(sqlite_url: str) -> None:
    strict = KnowledgeBase.open(sqlite_url, AnswerSettings(min_confidence=0.95, refresh_interval=0))
    try:
        assert strict.ask("How many people did Amazon cut in 2022-23?", TODAY).answered
        declined = strict.ask("How many people did Amazn cut in 2022-23?", TODAY)
        assert not declined.answered and "Did you mean Amazon?" in declined.suggestions
    finally:
        strict.close()


# -- knowledge bases built for one test -----------------------------------------------------------

Fact = Callable[..., FactDraft]


def fact(company: str | None, count: int | None, day: date, *, kind: str = "layoff", qualifier: str = "exact",
         percent: float | None = None, source: str = "tracker", url: str | None = None, cumulative: bool = False,
         start: date | None = None, summary: str = "") -> FactDraft:
    link = url or f"https://news.example/{(company or 'industry').replace(' ', '-')}/{day.isoformat()}/{count}"
    return FactDraft(
        kind=kind, company=company, count_min=count, count_max=count if qualifier == "exact" else None,
        qualifier=qualifier if count is not None else None, percent=percent, announced=day,
        period_start=start, period_end=day if start else None, cumulative=cumulative,
        summary=summary or f"{company} cut {count}", sources=((SourceDraft(url=link, kind=source,
                                                                           publisher="Example News"), None),),
    )


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Callable[..., KnowledgeBase]]:
    opened: list[KnowledgeBase] = []

    def make(*drafts: FactDraft, companies: tuple[tuple[str, str | None, tuple[str, ...]], ...] = ()) -> KnowledgeBase:
        base = KnowledgeBase.open(f"sqlite:///{tmp_path / f'kb{len(opened)}.db'}", AnswerSettings(refresh_interval=0),
                                  bundled=False)
        with base.store.session() as session:
            for name, parent, aliases in companies:
                base.store.company_id(session, name, parent=parent, aliases=aliases)
            session.commit()
        for draft in drafts:
            add(base.store, draft, actor="test")
        opened.append(base)
        return base

    yield make
    for base in opened:
        base.close()


def test_cumulative_totals_are_not_added_to_the_rounds_they_contain(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Amazon", 10000, date(2022, 11, 16)),
        fact("Amazon", 18000, date(2023, 1, 4), source="article", cumulative=True, qualifier="exact",
             url="https://news.example/amazon-total"),
        fact("Amazon", 9000, date(2023, 3, 20)),
    )
    answer = kb.ask("How many people did Amazon lay off between November 2022 and March 2023?", TODAY)
    assert "27,000" in answer.body and "37,000" not in answer.body
    assert "18,000" in answer.body and "9,000" in answer.body
    assert len({c.number for c in answer.citations}) == 2


def test_a_stated_total_is_preferred_to_a_sum(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Amazon", 10000, date(2022, 11, 16)),
        fact("Amazon", 9000, date(2023, 3, 20)),
        fact("Amazon", 27000, date(2023, 12, 31), start=date(2022, 1, 1), qualifier="more_than", cumulative=True,
             source="article", url="https://news.example/amazon-2022-23"),
    )
    answer = kb.ask("How many people did Amazon cut in 2022-23?", TODAY)
    assert "more than 27,000" in answer.body and "19,000" not in answer.body
    assert [c.source.url for c in answer.citations] == ["https://news.example/amazon-2022-23"]


def test_distinct_rounds_are_summed_and_each_cited(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Wish", 150, date(2023, 1, 31), percent=17),
        fact("Wish", 255, date(2023, 7, 27), percent=34),
        fact("Wish", 190, date(2022, 3, 1)),
        companies=(("Wish", None, ()),),
    )
    answer = kb.ask("How many people did Wish lay off in 2023?", TODAY)
    assert "405" in answer.body and "across 2 rounds" in answer.body
    assert "190" not in answer.body
    assert len({c.number for c in answer.citations}) == 2
    assert body_numbers(answer) <= allowed_numbers(answer)


def test_the_same_round_reported_twice_counts_once(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(fact("Navan", 145, date(2023, 12, 5), percent=5), fact("Navan", 145, date(2023, 12, 6)))
    answer = kb.ask("How many people did Navan lay off in 2023?", TODAY)
    assert "145" in answer.body and "290" not in answer.body
    assert len({c.number for c in answer.citations}) == 2  # both reports cited


def test_disagreeing_sources_show_both_figures(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Meta", 11000, date(2022, 11, 9), source="article", url="https://a.example/meta"),
        fact("Meta", 12000, date(2022, 11, 10), source="article", url="https://b.example/meta"),
        companies=(("Meta", None, ("Facebook",)),),
    )
    answer = kb.ask("How many people did Facebook lay off in November 2022?", TODAY)
    assert "disagree" in answer.body
    assert "11,000 people [1]" in answer.body and "12,000 people [2]" in answer.body
    assert "23,000" not in answer.body
    assert "Meta (Facebook)" in answer.body


def test_share_questions_pick_facts_with_a_share(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Impossible Foods", 140, date(2023, 1, 26), percent=20),
        fact("Impossible Foods", 50, date(2023, 1, 10)),
    )
    answer = kb.ask("What percent of its workforce did Impossible Foods cut in January 2023?", TODAY)
    assert "20%" in answer.body
    missing = kb.ask("What percent of its workforce did Impossible Foods cut in 2022?", TODAY)
    assert not missing.answered


def test_biggest_layoff_of_a_year(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(
        fact("Booking.com", 4375, date(2020, 7, 30), percent=25),
        fact("Uber", 3700, date(2020, 5, 6)),
        fact("Airbnb", 1900, date(2020, 5, 5)),
        fact("Katerra", 2434, date(2021, 6, 1)),
    )
    answer = kb.ask("Biggest layoff in 2020?", TODAY)
    assert answer.body.startswith("The biggest layoff in 2020 in my records: Booking.com cut 4,375 people")
    assert answer.body.index("Uber") < answer.body.index("Airbnb")
    assert "Katerra" not in answer.body


def test_an_undisclosed_round_is_never_zero(build: Callable[..., KnowledgeBase]) -> None:
    kb = build(fact("Arrival", None, date(2023, 10, 5), percent=25), fact("Arrival", 800, date(2023, 1, 30)))
    answer = kb.ask("How many people did Arrival lay off in 2023?", TODAY)
    assert "800" in answer.body and " 0 " not in answer.body
    assert "25%" in answer.body or "undisclosed" in answer.body


def test_a_broader_figure_is_labelled_as_such(seed_kb: KnowledgeBase) -> None:
    answer = seed_kb.ask("How many people did Amazon lay off in 2023?", TODAY)
    assert answer.answered
    assert answer.body.startswith("I have no separate figure in 2023.")
    assert "across 2022 and 2023" in answer.body


QUESTIONS = [
    "How many people did Amazon cut in 2022–23?", "amazn layoffs 2022-23", "How many jobs did AWS cut?",
    "Amazon layoffs", "licenciements Amazon", "Which AWS teams were hit?", "Why did AWS cut jobs?",
    "How many tech workers were laid off so far this year?", "How many people did AWS lay off in 2024?",
    "Combien d'entreprises ont licencié depuis le début de l'année ?", "How many did Amazon cut in Q1 2024?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_number_comes_from_a_cited_fact(seed_kb: KnowledgeBase, question: str) -> None:
    answer = seed_kb.ask(question, TODAY)
    assert answer.answered, answer.body
    assert answer.citations
    assert body_numbers(answer) <= allowed_numbers(answer), answer.body
    for number, citation in ((c.number, c) for c in answer.citations):
        assert f"[{number}]" in answer.body and f"[{number}]" in answer.text.split("\n", 1)[0] + answer.text
        assert citation.source.url or citation.source.publisher


def test_json_shape(seed_kb: KnowledgeBase) -> None:
    data = seed_kb.ask("How many people did Amazon cut in 2022–23?", TODAY).as_json()
    assert set(data) >= {"question", "language", "answered", "text", "facts", "suggestions"}
    first = data["facts"][0]
    assert set(first) >= {"id", "company", "kind", "count_min", "count_max", "qualifier", "percent",
                          "period_start", "period_end", "announced", "summary", "source"}
    assert first["count_min"] == 27000 and first["qualifier"] == "more_than"
    assert first["period_start"] == "2022-01-01" and first["period_end"] == "2023-12-31"
    assert first["source"] == {"title": None, "publisher": "VOI", "url": VOI, "published": None, "language": "fr"}


def test_the_fact_worded_closest_to_the_question_comes_first(build: Callable[..., KnowledgeBase]) -> None:
    teams = [
        FactDraft(kind="teams", company="Amazon", detail=detail, announced=day, summary=summary,
                  sources=((SourceDraft(url=f"https://news.example/{n}", publisher="Example"), None),))
        for n, (detail, day, summary) in enumerate([
            ("Twitch streaming staff", date(2024, 1, 10), "Amazon's cuts hit Twitch."),
            ("Prime Video and Amazon MGM Studios", date(2024, 1, 10), "Amazon's cuts hit Prime Video and MGM."),
        ])
    ]
    kb = build(*teams)
    answer = kb.ask("Which Amazon teams were cut in January 2024, was Prime Video hit?", TODAY)
    assert answer.body.index("Prime Video") < answer.body.index("Twitch")


def test_a_reason_says_the_sources_own_words_too(build: Callable[..., KnowledgeBase]) -> None:
    """The vocabulary's clause reads the same in both languages; the source's words are what it blamed."""
    reason = FactDraft(kind="reason", company="Ledger", labels=("economic_uncertainty",), announced=date(2023, 10, 5),
                       detail='un " contexte macroéconomique " compliqué', summary="Ledger cut jobs.",
                       sources=((SourceDraft(url="https://news.example/ledger", publisher="Example"), None),))
    kb = build(reason)
    answer = kb.ask("Quelle raison Ledger invoque-t-il pour ses licenciements d'octobre 2023 ?", TODAY)
    assert answer.body.startswith("Ledger a supprimé des emplois le 5 octobre 2023 parce que l'économie est "
                                  "incertaine (selon la source : « un contexte macroéconomique compliqué »).")
    english = kb.ask("Why did Ledger cut jobs in October 2023?", TODAY)
    assert "(in the source's words: “un contexte macroéconomique compliqué”)" in english.body


def test_a_change_is_answered_at_once_on_a_machine_booted_a_moment_ago(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The monotonic clock starts near zero at boot: "never checked" must not look like "checked at 0 s",
    # or a long refresh interval would keep the empty snapshot built before anything was loaded.
    clock = iter(range(5, 10_000))
    monkeypatch.setattr("knowledge.kb.time.monotonic", lambda: float(next(clock)))
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=3600), bundled=False)
    try:
        assert "300" not in kb.ask("How many people did Acme lay off in 2023?", TODAY).body
        kb.add(FactDraft(kind="layoff", company="Acme", count_min=300, count_max=300, qualifier="exact",
                         announced=date(2023, 5, 2), summary="Acme cut 300 jobs.",
                         sources=((SourceDraft(url="https://news.example/acme", publisher="Example"), None),)),
               "moderator")
        assert "300" in kb.ask("How many people did Acme lay off in 2023?", TODAY).body
    finally:
        kb.close()


def test_a_company_s_total_without_a_period_adds_up_every_round_on_record(tmp_path: Path) -> None:
    """"How many people has X laid off in total?": every round on record added up (each once), between its first
    and last round, a declared derived figure; without "in total" the question still lists the rounds."""
    from tests.support.tagged_tracker import tagged_kb

    kb = tagged_kb(tmp_path)
    try:
        total = kb.ask("How many people has Acme Pay laid off in total?", TODAY)
        assert total.body.startswith("Acme Pay laid off 500 people between 10 January 2023 and 5 June 2023, across 2 "
                                     "rounds.")
        assert [(d.value, d.op) for d in total.derived] == [(500, "sum"), (2, "count")]
        assert kb.ask("Acme Pay layoffs", TODAY).body.startswith("Acme Pay: 2 layoff rounds on record")
    finally:
        kb.close()
