"""Properties that must hold for any input: answers never crash nor invent a number; imports are all or nothing.

Hypothesis runs derandomized (the same examples on every run) so a failure
is reproducible and CI never flakes; `_EXAMPLES` keeps the file to a few
seconds (LAYOFFBOT_PROPERTY_EXAMPLES=5000 explores further, still
reproducibly).  The knowledge base is the bundled facts, a small tracker
export and a few articles' facts written here, built once for the module.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from knowledge.answering.answer import Answer, Line, Run
from knowledge.drafts import FactDraft, SourceDraft
from knowledge.errors import InvalidInput
from knowledge.facts.imports import import_tracker
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from tests.support.helpers import TODAY, add
from tests.support.invented_numbers import InventedNumbers, numbers_in

_EXAMPLES = int(os.environ.get("LAYOFFBOT_PROPERTY_EXAMPLES", "600"))  # more for a deeper (slower) local run
PROPERTY = settings(derandomize=True, max_examples=_EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
OLDER = ("Company,Location_HQ,Industry,Laid_Off_Count,Percentage,Date,Source,Funds_Raised,Stage,Date_Added,Country,"
         "List_of_Employees_Laid_Off")
KAGGLE = "company,location,industry,total_laid_off,percentage_laid_off,date,stage,country,funds_raised_millions"
# Seven rounds for Acme in 2023 (more than an answer lists one by one), a share without a count, a round with
# no figure beside one with a figure, shares of 12.5%, 0.04% and 99.96%, a round two sources report, a name with digits, and rounds of Amazon beside the bundled total.
TRACKER = [
    CURRENT,
    "Acme Robotics,SF Bay Area,1200.0,1/10/2023,0.12,Hardware,https://news.example/acme-1,Series B,100,US,1/11/2023",
    "Acme Robotics,SF Bay Area,340.0,2/14/2023,,Hardware,https://news.example/acme-2,Series B,100,US,2/15/2023",
    "Acme Robotics,SF Bay Area,75.0,4/3/2023,0.035,Hardware,https://news.example/acme-3,Series B,100,US,4/4/2023",
    "Acme Robotics,SF Bay Area,410.0,6/21/2023,,Hardware,https://news.example/acme-4,Series B,100,US,6/22/2023",
    "Acme Robotics,SF Bay Area,55.0,8/30/2023,,Hardware,https://news.example/acme-5,Series B,100,US,8/31/2023",
    "Acme Robotics,SF Bay Area,960.0,10/5/2023,0.2,Hardware,https://news.example/acme-6,Series B,100,US,10/6/2023",
    "Acme Robotics,SF Bay Area,18.0,12/12/2023,,Hardware,https://news.example/acme-7,Series B,100,US,12/13/2023",
    "Acme Robotics,SF Bay Area,150.0,3/5/2024,0.1,Hardware,https://news.example/acme-8,Series B,100,US,3/6/2024",
    "Borealis Pay,London,,1/20/2024,0.25,Finance,https://news.example/borealis,Series C,80,United Kingdom,1/21/2024",
    "Quill,Austin,,5/13/2023,,Media,Internal memo,Seed,3,US,5/14/2023",
    "Quill,Austin,12.0,9/1/2023,,Media,https://news.example/quill,Seed,3,US,9/2/2023",
    "23andMe,SF Bay Area,75.0,6/8/2023,0.09,Healthcare,https://news.example/23andme,Post-IPO,1100,US,6/9/2023",
    "Lumen Health,Paris,1200.0,2/2/2024,0.3,Healthcare,https://news.example/lumen,Post-IPO,900,France,2/3/2024",
    "Lumen Health,Paris,1200.0,2/3/2024,0.3,Healthcare,https://other.example/lumen,Post-IPO,900,France,2/3/2024",
    "Lumen Health,Paris,300.0,9/14/2022,0.05,Healthcare,https://news.example/lumen-2,Post-IPO,900,France,9/15/2022",
    "Zeta Cloud,Berlin,64.0,7/7/2022,0.125,Infrastructure,https://news.example/zeta,Series A,20,Germany,7/8/2022",
    "Zeta Cloud,Berlin,12.0,8/1/2023,0.0004,Infrastructure,https://news.example/zeta-2,Series A,20,Germany,8/2/2023",
    "Zeta Cloud,Berlin,800.0,9/1/2023,0.9996,Infrastructure,https://news.example/zeta-3,Series A,20,Germany,9/2/2023",
    "Amazon,Seattle,10000.0,11/16/2022,0.03,Retail,https://news.example/amazon-1,Post-IPO,108,US,11/17/2022",
    "Amazon,Seattle,8000.0,1/4/2023,,Retail,https://news.example/amazon-2,Post-IPO,108,US,1/5/2023",
    "Amazon,Seattle,9000.0,3/20/2023,,Retail,https://news.example/amazon-3,Post-IPO,108,US,3/21/2023",
]
COMPANIES = ["Acme Robotics", "Borealis Pay", "Quill", "23andMe", "Lumen Health", "Zeta Cloud", "Amazon", "AWS",
             "Apple", "Zentrico Labs", "Meta", "Facebook", "Vantage Labs", "Orbit Games"]


def article(company: str | None, day: date, n: int, **values: object) -> FactDraft:
    """A fact from an article, for the figures trackers never give: ranges, qualifiers, disputes, totals."""
    source = SourceDraft(url=f"https://press.example/{(company or 'industry').replace(' ', '-')}/{day}/{n}",
                         publisher=f"Press {n}", kind="article")
    values.setdefault("kind", "layoff")
    values.setdefault("summary", f"{company} figures reported on {day.isoformat()}.")
    return FactDraft(company=company, announced=day, sources=((source, None),), **values)  # type: ignore[arg-type]


# Two accounts of one Meta round and one of another; a range, a "nearly", an "up to", "dozens", a share "about 13%", a running
# total and a head count at Vantage Labs, whose subsidiary is Orbit Games; industry figures for 2023.
ARTICLES = [
    article("Meta", date(2022, 11, 9), 1, count_min=11000, count_max=11000, qualifier="exact"),
    article("Meta", date(2022, 11, 10), 2, count_min=12000, count_max=12000, qualifier="exact"),
    article("Meta", date(2023, 3, 14), 12, count_min=10000, count_max=10000, qualifier="exact"),
    article("Vantage Labs", date(2024, 1, 17), 3, count_min=100, count_max=200, qualifier="range"),
    article("Vantage Labs", date(2024, 3, 12), 4, count_max=500, qualifier="nearly", percent=13,
            percent_qualifier="about"),
    article("Vantage Labs", date(2024, 3, 28), 5, count_min=900, count_max=900, qualifier="exact", cumulative=True,
            period_start=date(2024, 1, 1), period_end=date(2024, 3, 28)),
    article("Vantage Labs", date(2023, 6, 2), 6, count_max=80, qualifier="up_to", detail="its robotics division",
            labels=("engineering",)),
    article("Vantage Labs", date(2024, 2, 2), 7, kind="headcount", count_min=4200, count_max=4200, qualifier="exact"),
    article("Vantage Labs", date(2024, 3, 12), 8, kind="reason", labels=("cost_cutting",)),
    article("Orbit Games", date(2023, 9, 19), 9, count_min=24, count_max=99, qualifier="dozens"),
    article(None, date(2023, 12, 31), 10, count_min=262000, count_max=262000, qualifier="about", cumulative=True,
            period_start=date(2023, 1, 1), period_end=date(2023, 12, 31)),
    article(None, date(2023, 12, 31), 11, kind="companies", count_min=1190, count_max=1190, qualifier="exact",
            cumulative=True, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31)),
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    base = knowledge_base(tmp_path_factory.mktemp("properties"))
    yield base
    base.close()


def knowledge_base(folder: Path) -> KnowledgeBase:
    """The bundled facts, the tracker export above and the articles' facts, in a new SQLite file in `folder`."""
    base = KnowledgeBase.open(f"sqlite:///{folder / 'kb.db'}", AnswerSettings(refresh_interval=3600))
    path = folder / "tracker.csv"
    path.write_text("\n".join(TRACKER) + "\n", encoding="utf-8")
    import_tracker(base.facts, read_tracker(path))
    with base.store.session() as session:
        base.store.company_id(session, "Meta", aliases=("Facebook",))
        base.store.company_id(session, "Vantage Labs")
        base.store.company_id(session, "Orbit Games", parent="Vantage Labs")
        session.commit()
    for draft in ARTICLES:
        add(base.store, draft, actor="test")
    base.refresh()
    return base


@pytest.fixture(scope="module")
def checker(kb: KnowledgeBase) -> InventedNumbers:
    return InventedNumbers(kb.snapshot())


# -- questions ------------------------------------------------------------------------------------

INJECTIONS = [
    "'; DROP TABLE fact; --", "\" OR 1=1 --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "@everyone", "@here", "<@&123456789012345678>", "<@!42>", "<#555>", "<:pepe:123>", "```python\nprint(1)\n```",
    "```", "||spoiler||", "[click](https://evil.example/x)", "[Amazon](https://evil.example)", "{who}", "{0}",
    "%s%n", "${7*7}", "{{7*7}}", "\u202eedoc\u202c", "\x00", "\x1b[31m", "\u2028", "\r\n", "NaN", "1e309", "[1]",
    "99999999999999999999", "-1", "ﷺ", "‮", "👩‍💻🔥", "עברית", "العربية", "𝔸𝕞𝕒𝕫𝕠𝕟", "Ａｍａｚｏｎ",
]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


@st.composite
def typo(draw: st.DrawFn, text: str) -> str:
    if len(text) < 4 or not draw(st.booleans()):
        return text
    i = draw(st.integers(1, len(text) - 2))
    edit = draw(st.sampled_from(["drop", "swap", "double", "replace"]))
    if edit == "drop":
        return text[:i] + text[i + 1:]
    if edit == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if edit == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + draw(st.sampled_from("aeiounrst")) + text[i + 1:]


@st.composite
def period(draw: st.DrawFn, french: bool) -> str:
    year = draw(st.integers(2018, 2026))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 31))
    months = MONTHS_FR if french else MONTHS_EN
    if french:
        return draw(st.sampled_from([
            f"en {year}", f"en {months[month - 1]} {year}", f"au T{(month + 2) // 3} {year}", f"en {year} et {year + 1}",
            f"entre {months[month - 1]} {year} et {months[min(month + 3, 12) - 1]} {year + 1}", "l'année dernière",
            f"depuis {months[month - 1]} {year}", "depuis le début de l'année", f"le {day} {months[month - 1]} {year}",
            "cette année", f"au premier semestre {year}", "", "en deux mille vingt-trois",
        ]))
    return draw(st.sampled_from([
        f"in {year}", f"in {months[month - 1]} {year}", f"in Q{(month + 2) // 3} {year}", f"in {year}-{(year + 1) % 100}",
        f"between {months[month - 1]} {year} and {months[min(month + 3, 12) - 1]} {year + 1}", "last year",
        f"since {months[month - 1]} {year}", "so far this year", f"on {months[month - 1]} {day} {year}",
        "in the last 6 months", f"in the second half of {year}", "", "in twenty twenty three", f"in {year}–{year + 2}",
    ]))


@st.composite
def real_question(draw: st.DrawFn) -> str:
    """A question a person might ask about the companies and years of the knowledge base."""
    name = draw(typo(draw(st.sampled_from(COMPANIES))))
    other = draw(st.sampled_from(COMPANIES))
    french = draw(st.booleans())
    when = draw(period(french))
    if french:
        templates = [
            f"Combien de personnes {name} a-t-elle licenciées {when} ?", f"licenciements {name} {when}",
            f"Quelle part de ses effectifs {name} a-t-elle supprimée {when} ?", f"Quand {name} a-t-il commencé ?",
            f"Quelles équipes de {name} ont été touchées {when} ?", f"Pourquoi {name} a-t-il licencié {when} ?",
            f"Combien de salariés de la tech ont été licenciés {when} ?", f"Combien d'entreprises ont licencié {when} ?",
            f"Le plus grand licenciement {when} ?", f"Combien d'employés compte {name} ?", f"{name} et {other} {when}",
        ]
    else:
        templates = [
            f"How many people did {name} lay off {when}?", f"{name} layoffs {when}", f"how many did {name} cut {when}",
            f"What percent of its workforce did {name} cut {when}?", f"When did {name} start laying off staff?",
            f"Which {name} teams were affected {when}?", f"Why did {name} cut jobs {when}?",
            f"How many tech workers were laid off {when}?", f"How many companies cut jobs {when}?",
            f"Biggest layoff {when}?", f"How many employees does {name} have?", f"{name} and {other} layoffs {when}",
            f"What was {name}'s biggest layoff {when}?", f"How many people did {name} lay off in total {when}?",
        ]
    question = draw(typo(draw(st.sampled_from(templates))))
    return draw(st.sampled_from([question, question.lower(), question.upper()]))


hostile_text = st.text(st.characters(codec="utf-8"), max_size=200)
any_question = st.one_of(
    hostile_text,
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "So", "Sk"]), max_size=60),
    st.lists(st.sampled_from(INJECTIONS), min_size=1, max_size=5).map(" ".join),
    real_question(),
    st.tuples(st.sampled_from(INJECTIONS), real_question(), hostile_text).map(" ".join),
    st.tuples(real_question(), st.integers(500, 5000)).map(lambda qn: qn[0] + " " + "x" * qn[1]),
    st.lists(real_question(), min_size=2, max_size=6).map(" ".join),
)


def check_answer(answer: Answer) -> None:
    """What every answer satisfies, answered or declined."""
    assert isinstance(answer, Answer)
    assert answer.language in {"en", "fr"}
    assert answer.body.strip(), "an answer always says something"
    json.dumps(answer.as_json(), ensure_ascii=False)
    numbers = {c.number for c in answer.citations}
    assert answer.answered == bool(numbers), answer.body
    marked = {int(n) for n in re.findall(r"\[(\d+)\]", answer.body)}
    assert marked == numbers, f"markers {sorted(marked)} for references {sorted(numbers)}: {answer.body}"


@PROPERTY
@given(question=any_question)
@example(question="9" * 400)  # too large for a float
@example(question="Amazon " + " 000" * 120 + " layoffs")
def test_any_text_gets_an_answer_or_a_decline(kb: KnowledgeBase, question: str) -> None:
    check_answer(kb.ask(question, TODAY))
    check_answer(kb.ask(question, TODAY, language="fr"))


RELATIVE = ["last year", "in the last 6 months", "last month", "since October", "so far this year", "this month",
            "l'année dernière", "depuis octobre", "au cours des 3 derniers mois", "ce mois-ci", "in the past 50 years"]


@PROPERTY
@given(question=st.one_of(real_question(), st.sampled_from(RELATIVE).map(lambda when: f"Acme Robotics layoffs {when}")),
       today=st.dates())
@example(question="Acme Robotics layoffs last year", today=date(1, 1, 1))
@example(question="Acme Robotics layoffs in the last 6 months", today=date(1, 2, 1))
@example(question="Acme Robotics layoffs depuis octobre", today=date(1, 9, 30))
def test_any_today_gets_an_answer_or_a_decline(kb: KnowledgeBase, question: str, today: date) -> None:
    """`--today` is the user's to pin: "last year" on 1 January of year 1 is no period, not a crash."""
    check_answer(kb.ask(question, today))


@PROPERTY
@given(question=st.one_of(real_question(), real_question(), any_question))
def test_no_invented_numbers(kb: KnowledgeBase, checker: InventedNumbers, question: str) -> None:
    answer = kb.ask(question, TODAY)
    assert checker.in_answer(answer, kb.understand(question, TODAY)) == [], answer.body


# -- the checker itself can fail ------------------------------------------------------------------


def test_numbers_are_read_as_a_reader_reads_them() -> None:
    assert [v for _, v in numbers_in("more than 27,000 people, 2.5% of staff, on 3 March 2024 [1]", "en")] == \
        [27000, 2.5, 3, 2024, 1]
    assert [v for _, v in numbers_in("plus de 27\u202f000 personnes, soit 13\u00a0% et 2,5\u00a0%", "fr")] == \
        [27000, 13, 2.5]
    assert numbers_in("23andMe, inc42.com and 10x", "en") == []
    assert [v for _, v in numbers_in("1\u202f200\u202f000 personnes le 1er mars", "fr")] == [1_200_000]


@pytest.mark.parametrize(
    ("question", "doctor"),
    [
        ("How many people did Acme Robotics lay off in 2023?", lambda b: b.replace("3,058", "3,059")),
        ("How many people did Acme Robotics lay off in 2023?", lambda b: b + " Acme also cut 4,321 people."),
        ("Combien de personnes Acme Robotics a-t-elle licenciées en 2023 ?",
         lambda b: b.replace("3\u202f058", "3\u202f158")),
        ("What percent of its workforce did Acme Robotics cut in October 2023?", lambda b: b.replace("20%", "21%")),
        ("Quelle part de ses effectifs Acme Robotics a-t-elle supprimée en octobre 2023 ?",
         lambda b: b.replace("20\u00a0%", "37\u00a0%")),
        ("How many people did Apple lay off in 2023?", lambda b: b + " They cut 350 people."),
        ("How many people did Amazon cut in 2022–23?", lambda b: b.replace("27,000", "28,000")),
        ("How many people did Acme Robotics lay off in 2023?", lambda b: b.replace("2023", "2021", 1)),
    ],
)
def test_the_checker_catches_a_doctored_answer(kb: KnowledgeBase, checker: InventedNumbers, question: str,
                                               doctor: object) -> None:
    answer = kb.ask(question, TODAY)
    query = kb.understand(question, TODAY)
    assert checker.in_answer(answer, query) == [], answer.body
    doctored = replace(answer, lines=(Line((Run(doctor(answer.body)),)),))  # type: ignore[operator]
    assert doctored.body != answer.body, answer.body
    assert checker.in_answer(doctored, query), doctored.body


def test_the_checker_reads_the_command_lines_json(kb: KnowledgeBase, checker: InventedNumbers) -> None:
    question = "Combien de personnes Acme Robotics a-t-elle licenciées en 2023 ?"
    answer = kb.ask(question, TODAY)
    reply = json.loads(json.dumps(answer.as_json()))
    query = kb.understand(question, TODAY)
    assert checker.in_reply(reply, query) == []
    reply["text"] = reply["text"].replace("3\u202f058", "3\u202f958", 1)
    assert [found.split(" (")[0] for found in checker.in_reply(reply, query)] == ["3\u202f958"]


# -- regressions found by these properties --------------------------------------------------------


def test_a_total_cites_every_round_it_adds_up(kb: KnowledgeBase, checker: InventedNumbers) -> None:
    """Acme has seven rounds in 2023; the answer lists five, and used to add up all seven citing only five."""
    question = "How many people did Acme Robotics lay off in 2023?"
    answer = kb.ask(question, TODAY)
    assert answer.body.startswith("Acme Robotics laid off 3,058 people in 2023, across 7 rounds.")
    assert "; 2 more rounds [6]." in answer.body
    assert answer.references[-1].render().startswith("[6] layoffs.fyi, “layoffs.fyi export tracker.csv”")
    cited = {c.fact.count_min for c in answer.citations}
    assert cited == {1200, 340, 75, 410, 55, 960, 18}
    assert checker.in_answer(answer, kb.understand(question, TODAY)) == []
    french = kb.ask("Combien de personnes Acme Robotics a-t-elle licenciées en 2023 ?", TODAY)
    assert "en 7 vagues" in french.body and "; 2 autres vagues [6]." in french.body


def test_numbers_too_large_for_a_float_are_no_figures(kb: KnowledgeBase, checker: InventedNumbers) -> None:
    """They used to become infinity, and `int(inf)` raised OverflowError."""
    for question in ("9" * 400, f"Amazon {'9' * 400} layoffs", "1" + ",000" * 120, "1" + " 000" * 120 + " layoffs",
                     f"{'9' * 300} million people", "1" + ".000" * 120):
        check_answer(kb.ask(question, TODAY))


def test_a_name_is_quoted_as_asked(kb: KnowledgeBase, checker: InventedNumbers) -> None:
    """A lower-case unknown name used to be quoted from the folded question: "zentrico 22 labs" for
    "zentrico twenty two labs", "1e-25" for a tiny number, with the figure beside a name taken into it."""
    cases = {
        "how many people did zentrico twenty two labs lay off in 2023": ("zentrico twenty two labs",),
        "how many people did 20 zentrico lay off": ("zentrico",),
        "how many people did zentrico 5000 lay off": ("zentrico",),
        "0.0000000000000000000000001 layoffs": (),
        "how many did 3m cut": ("3m",),
        "how many people did acme [5] `labs` lay off": ("acme 5 labs",),  # no brackets or markup quoted back
    }
    for question, names in cases.items():
        assert kb.understand(question, TODAY).unknown_names == names, question
        answer = kb.ask(question, TODAY)
        assert checker.in_answer(answer, kb.understand(question, TODAY)) == [], answer.body


def test_a_tiny_or_near_total_share_is_not_rounded_to_0_or_100(kb: KnowledgeBase) -> None:
    """0.04% used to read "0% of its staff", and 99.96% "100%"."""
    answer = kb.ask("Zeta Cloud layoffs", TODAY)
    assert "12 people (0.04% of staff)" in answer.body and "800 people (99.96% of staff)" in answer.body
    assert "(12.5% of staff)" in answer.body
    assert "0,04\u00a0% des effectifs" in kb.ask("licenciements Zeta Cloud", TODAY).body
    doctored = replace(answer, lines=(Line((Run(answer.body.replace("0.04%", "0%")),)),))
    assert InventedNumbers(kb.snapshot()).in_answer(doctored, kb.understand("Zeta Cloud layoffs", TODAY))


def test_one_round_is_one_round(kb: KnowledgeBase) -> None:
    """Quill's 2023: one round with a figure and one without; it used to read "across 1 rounds"."""
    answer = kb.ask("How many people did Quill lay off in 2023?", TODAY)
    assert answer.body.startswith("Quill laid off 12 people in 2023, in 1 round.")
    french = kb.ask("Combien de personnes Quill a-t-elle licenciées en 2023 ?", TODAY)
    assert french.body.startswith("Quill a licencié 12 personnes en 2023, en 1 vague.")
    industry = kb.ask("How many tech workers were laid off in July 2022?", TODAY)
    assert "in 1 layoff round at 1 company." in industry.body
    assert "en 1 vague dans 1 entreprise." in kb.ask("Combien de salariés de la tech ont été licenciés en juillet "
                                                     "2022 ?", TODAY).body
    assert "layoffs at 1 company across all industries in July 2022" in kb.ask("How many companies cut jobs in July 2022?", TODAY).body
    assert "; 1 of them gave no figure" in kb.ask("How many tech workers were laid off in 2024?", TODAY).body


def test_a_disputed_round_cites_each_figure_to_its_own_source(kb: KnowledgeBase) -> None:
    """Two articles give 11,000 and 12,000 for Meta's November 2022 round.  A timeline or a total used to
    state 11,000 citing both, the second of which says 12,000, and to add up one side as if exact."""
    timeline = kb.ask("Facebook layoffs", TODAY)
    assert "• 9 November 2022: 11,000 people [2] / 12,000 people [3] (sources disagree)" in timeline.body
    assert {c.number: c.fact.count_min for c in timeline.citations}[3] == 12000
    total = kb.ask("How many people did Meta lay off in 2022-23?", TODAY)
    assert total.body.startswith("Meta laid off between 21,000 and 22,000 people across 2022 and 2023, across 2 "
                                 "rounds. The rounds: 11,000 people [1] / 12,000 people [2] (sources disagree) on "
                                 "9 November 2022; 10,000 people on 14 March 2023 [3].")
    french = kb.ask("licenciements Meta", TODAY)
    assert "11\u202f000 personnes [2] / 12\u202f000 personnes [3] (les sources divergent)" in french.body


# -- imports --------------------------------------------------------------------------------------

VALID = {
    CURRENT: "Acme,SF Bay Area,150.0,5/15/2024,0.1,Crypto,https://news.example/acme,Unknown,134,United States,5/15/2024",
    OLDER: "Lucida,SF Bay Area,Transportation,400.0,0.06,2024-05-24,https://news.example/lucida,8300.0,Post-IPO,"
           "2024-05-24 15:47:21,United States,Unknown",
    KAGGLE: "Atlasoft,Sydney,Other,500,0.05,3/6/2023,Post-IPO,Australia,210",
}
# Values that stand in for one field of a valid row (found on purpose or by these tests: see _KNOWN_BAD).
BAD_VALUES = [
    "", " ", "NULL", "null", "N/A", "-", "nan", "0", "-30", "1.5", "150.0", "1,200", "\"1,200\"", "abc", "1e3",
    "99999999999", "5000000", "0.0", "1.7", "-0.2", "2024-02-30", "13/45/2024", "2/29/2023", "1989-12-31",
    "2101-01-01", "2024-05-24 15:47:21", "5/15/2026", "24/05/2024", "\"", "\"\"", "\"a,b\"", "a\"b", "'x'",
    "https://", "javascript:alert(1)", "Acme copy", "Acme copy 2", "ÆØÅ Ünïcødé", "🚀", "\u202e", "\x00", "\t",
    "x" * 300, "<script>", "@everyone", "'; DROP TABLE company; --",
]
# Reported, not ours to fix (knowledge/intake/trackers.py): a count of "inf", "1e309" or "-nan" raises
# OverflowError/ValueError instead of InvalidInput, and a share of "-nan" is accepted as NaN.  Kept out of the
# generated files until fixed; test_known_bad_numbers_are_refused pins the reproduction.
_KNOWN_BAD = ["inf", "-inf", "Infinity", "1e309", "-nan", "+nan"]


@st.composite
def tracker_csv(draw: st.DrawFn) -> str:
    """A whole export: a valid layout with mutated rows, or arbitrary text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(st.characters(codec="utf-8"), max_size=300))
    header = draw(st.sampled_from(list(VALID)))
    columns = header.split(",")
    if draw(st.integers(0, 9)) == 0:
        columns = draw(st.permutations(columns))
        if draw(st.booleans()):
            columns = columns[:-1]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        values = VALID[header].split(",")
        for _ in range(draw(st.integers(0, 3))):
            i = draw(st.integers(0, len(values) - 1))
            values[i] = draw(st.one_of(st.sampled_from(BAD_VALUES), st.text(max_size=12).filter(_not_known_bad)))
        if draw(st.integers(0, 9)) == 0:
            values = values[: draw(st.integers(0, len(values)))] or [""]
        if draw(st.integers(0, 9)) == 0:
            values = [*values, "extra"]
        quoted = draw(st.booleans())
        rows.append(",".join(_quoted(v) if quoted else v for v in values))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join([",".join(columns), *rows]) + draw(st.sampled_from(["", newline]))


def _not_known_bad(value: str) -> bool:
    return value.strip().casefold() not in {v.casefold() for v in _KNOWN_BAD}


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def import_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[KnowledgeBase, Path]]:
    folder = tmp_path_factory.mktemp("imports")
    base = KnowledgeBase.open(f"sqlite:///{folder / 'kb.db'}", AnswerSettings(refresh_interval=0), bundled=False)
    yield base, folder
    base.close()


def _state(kb: KnowledgeBase) -> str:
    return json.dumps({k: v for k, v in export_data(kb.store).items() if k != "exported_at"}, sort_keys=True)


@settings(PROPERTY, max_examples=max(_EXAMPLES // 4, 50))
@given(text=tracker_csv())
def test_an_import_is_all_or_nothing(import_kb: tuple[KnowledgeBase, Path], text: str) -> None:
    kb, folder = import_kb
    path = folder / "export-2024-06-01.csv"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    before = _state(kb)
    try:
        report = import_tracker(kb.facts, read_tracker(path))
    except InvalidInput as error:
        assert re.search(r"\bline \d+", str(error)) or str(error) == f"{path.name} is empty.", str(error)
        assert _state(kb) == before, f"refused ({error}) but the knowledge base changed"
        return
    assert report.rows >= report.added + report.updated + report.unchanged
    kb.invalidate()
    for row in read_tracker(path).rows:
        check_answer(kb.ask(f"{row.company} layoffs", date(2024, 6, 1)))
        check_answer(kb.ask(f"What share of staff did {row.company} cut in {row.announced.year}?", TODAY))


@pytest.mark.parametrize(("count", "share"), [("inf", ""), ("1e309", ""), ("-nan", ""), ("30", "-nan")])
def test_known_bad_numbers_are_refused(tmp_path: Path, count: str, share: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{CURRENT}\nAcme,NYC,{count},1/2/2024,{share},Data,https://n.example/a,Seed,2,US,1/1/2024\n",
                    encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2"):
        read_tracker(path)
