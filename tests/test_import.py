"""Tracker imports: three layouts, idempotent re-imports, clear refusals that write nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete

from knowledge.answering.snapshot import Tags
from knowledge.errors import InvalidInput
from knowledge.facts.imports import ImportReport, import_tracker
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from knowledge.storage.models import RoundTags
from knowledge.types import FactStatus
from tests.support.helpers import TODAY, edit, set_status

CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
OLDER = ("Company,Location_HQ,Industry,Laid_Off_Count,Percentage,Date,Source,Funds_Raised,Stage,Date_Added,Country,"
         "List_of_Employees_Laid_Off")
KAGGLE = "company,location,industry,total_laid_off,percentage_laid_off,date,stage,country,funds_raised_millions"


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    yield base
    base.close()


def load(kb: KnowledgeBase, path: Path) -> ImportReport:
    return import_tracker(kb.facts, read_tracker(path))


def test_the_current_layout(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path, "fyi-2026.csv", CURRENT,
                 "Acme,SF Bay Area,150.0,5/15/2026,,Crypto,https://news.example/acme,Unknown,134,United States,5/15/2026",
                 'Dune,"Oslo, Non-U.S.",,5/14/2026,0.25,Crypto,https://x.example/dune,Series B,79,Norway,5/15/2026',
                 "Quill,Austin,,5/13/2026,,Media,Internal memo,Seed,3,United States,5/14/2026")
    report = load(kb, path)
    assert (report.added, report.updated, report.skipped) == (3, 0, [])
    acme = kb.ask("How many people did Acme lay off in May 2026?", TODAY)
    assert "150 people" in acme.body and "15 May 2026" in acme.body
    assert [c.source.url for c in acme.citations] == ["https://news.example/acme"]  # the row's own link
    dune = kb.ask("How many people did Dune lay off in May 2026?", TODAY)
    assert "25%" in dune.body and " 0 " not in dune.body  # an unknown count stays unknown
    quill = kb.ask("Quill layoffs", TODAY)
    assert "no figure" in quill.body
    assert any(c.source.title == "Internal memo" for c in quill.citations)


def test_the_2024_and_kaggle_layouts(kb: KnowledgeBase, tmp_path: Path) -> None:
    older = write(tmp_path, "fyi-2024.csv", OLDER,
                  "Lucida,SF Bay Area,Transportation,400.0,0.06,2024-05-24,https://news.example/lucida,8300.0,"
                  "Post-IPO,2024-05-24 15:47:21,United States,Unknown")
    kaggle = write(tmp_path, "kaggle.csv", KAGGLE,
                   "Atlasoft,Sydney,Other,500,0.05,3/6/2023,Post-IPO,Australia,210",
                   "Alerzo,Ibadan,Retail,NULL,NULL,3/6/2023,Series B,Nigeria,16")
    assert load(kb, older).added == 1
    assert load(kb, kaggle).added == 2
    assert "400 people, 6% of its staff" in kb.ask("How many people did Lucida cut in May 2024?", TODAY).body
    answer = kb.ask("How many people did Atlasoft lay off in March 2023?", TODAY)
    assert "500 people" in answer.body
    assert answer.citations[0].source.title == "Kaggle (layoffs.fyi data) export kaggle.csv"  # the dataset itself


def test_reimport_updates_in_place_and_reports_repeats(kb: KnowledgeBase, tmp_path: Path) -> None:
    row = "UIPath,NYC,400.0,1/10/2023,0.05,Data,https://news.example/uipath,Post-IPO,2000,United States,1/11/2023"
    first = write(tmp_path, "first.csv", CURRENT, row, row, row.replace("UIPath", "UiPath ").replace("400.0", "410.0")
                  .replace("1/10/2023", "2/10/2023"))
    report = load(kb, first)
    assert (report.added, report.skipped) == (2, [(3, "exact repeat of line 2")])
    assert kb.store.counts()["companies"] == 1  # case twins merged
    again = load(kb, first)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    newer = write(tmp_path, "newer.csv", CURRENT, row.replace("400.0", "450.0").replace(
        "https://news.example/uipath", "https://news.example/uipath-update"))
    update = load(kb, newer)
    assert (update.added, update.updated) == (0, 1)
    assert "450 people" in kb.ask("How many people did UiPath lay off in January 2023?", TODAY).body
    fact_id = kb.ask("How many people did UiPath lay off in January 2023?", TODAY).citations[0].fact.id
    assert [r.action for r in kb.store.history(fact_id)] == ["import", "import"]


def test_an_older_export_does_not_overwrite_a_newer_one(kb: KnowledgeBase, tmp_path: Path) -> None:
    newer = write(tmp_path, "newer.csv", CURRENT,
                  "Acme,NYC,300.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024",
                  "Other,NYC,10.0,8/1/2024,,Data,https://news.example/other,Seed,2,United States,8/1/2024")
    older = write(tmp_path, "older.csv", OLDER,
                  "Acme,NYC,Data,250.0,,2024-06-01,https://news.example/acme,2,Seed,2024-06-02,United States,Unknown")
    load(kb, newer)
    report = load(kb, older)
    assert report.updated == 0 and "newer export" in report.skipped[0][1]
    assert "300 people" in kb.ask("How many people did Acme lay off in June 2024?", TODAY).body


def test_moderators_changes_survive_a_reimport(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", CURRENT,
                 "Acme,NYC,300.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024",
                 "Beta,NYC,20.0,6/1/2024,,Data,https://news.example/beta,Seed,2,United States,6/1/2024")
    load(kb, path)
    acme = kb.ask("Acme layoffs", TODAY).citations[0].fact.id
    beta = kb.ask("Beta layoffs", TODAY).citations[0].fact.id
    set_status(kb.store, acme, FactStatus.RETRACTED, "retract", actor="mod", reason="wrong company")
    edit(kb.store, beta, {"count_min": 25, "count_max": 25}, actor="mod", reason="company confirmed 25")
    changed = write(tmp_path, "t2.csv", CURRENT,
                    "Acme,NYC,310.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024",
                    "Beta,NYC,22.0,6/1/2024,,Data,https://news.example/beta,Seed,2,United States,6/1/2024")
    report = load(kb, changed)
    assert report.updated == 0 and len(report.skipped) == 2
    assert not kb.ask("Acme layoffs", TODAY).answered
    assert "25 people" in kb.ask("Beta layoffs", TODAY).body


def test_spreadsheet_copy_suffix_is_not_part_of_the_name(kb: KnowledgeBase, tmp_path: Path) -> None:
    load(kb, write(tmp_path, "t.csv", CURRENT,
                   "Impossible Foods copy,SF,140.0,1/30/2023,0.2,Food,https://news.example/if,Late,2,US,1/30/2023"))
    assert "20%" in kb.ask("What percent of its workforce did Impossible Foods cut in January 2023?", TODAY).body


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["name,when,how many", "Acme,2024-01-01,3"], "line 1: the columns"),
        ([CURRENT, "Acme,NYC,300.0,13/45/2024,,Data,https://n.example/a,Seed,2,US,1/1/2024"], "line 2: '13/45/2024'"),
        ([CURRENT, "Acme,NYC,300.0,1/2/2024,,Data,https://n.example/a,Seed,2,US,1/1/2024",
          "Beta,NYC,-30,1/2/2024,,Data,https://n.example/b,Seed,2,US,1/1/2024"], "line 3: the head count -30 is negative"),
        ([CURRENT, "Acme,NYC,abc,1/2/2024,,Data,https://n.example/a,Seed,2,US,1/1/2024"], "line 2: the head count"),
        ([CURRENT, "Acme,NYC,30,1/2/2024,1.7,Data,https://n.example/a,Seed,2,US,1/1/2024"], "more than 100%"),
        ([CURRENT, "Acme,NYC,30,1/2/2024"], "line 2: 4 fields where the header has 11"),
        ([CURRENT, ",NYC,30,1/2/2024,,Data,https://n.example/a,Seed,2,US,1/1/2024"], "company name is empty"),
        ([], "is empty"),
    ],
)
def test_malformed_files_are_refused_naming_the_line_and_write_nothing(
        kb: KnowledgeBase, tmp_path: Path, lines: list[str], message: str) -> None:
    load(kb, write(tmp_path, "good.csv", CURRENT,
                   "Good,NYC,3.0,1/2/2024,,Data,https://n.example/good,Seed,2,US,1/1/2024"))
    before = export_data(kb.store)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        load(kb, path)
    after = export_data(kb.store)
    assert json.dumps({k: v for k, v in before.items() if k != "exported_at"}, sort_keys=True) == \
        json.dumps({k: v for k, v in after.items() if k != "exported_at"}, sort_keys=True)


def test_rows_without_a_date_are_reported(kb: KnowledgeBase, tmp_path: Path) -> None:
    report = load(kb, write(tmp_path, "k.csv", KAGGLE, "Blackline,Charleston,Other,500,0.14,NULL,Post-IPO,US,NULL"))
    assert report.added == 0 and report.skipped == [(2, "the row gives no date")]


@pytest.mark.parametrize(("name", "message"), [
    ("Acme\x00Corp", None),  # control characters are dropped, the row imports
    ("Acme\x9bCorp\u202e", None),  # C1 controls (a terminal's CSI) and bidi overrides too
    ("&" * 199, "longer than 200 characters"),
    ("!!!", "has no letters or digits"),
])
def test_company_names_are_checked(kb: KnowledgeBase, tmp_path: Path, name: str, message: str | None) -> None:
    path = tmp_path / "names.csv"
    path.write_text(f'{CURRENT}\n"{name}",NYC,10.0,1/2/2024,,Data,https://n.example/a,Seed,2,US,1/3/2024\n',
                    encoding="utf-8")
    if message is None:
        assert load(kb, path).added == 1
        answer = kb.ask("How many people did Acme Corp lay off in January 2024?", TODAY)
        assert "10 people" in answer.body
        assert not any(c in answer.facts[0].summary + str(answer.facts[0].company) for c in "\x00\x9b\u202e")
    else:
        with pytest.raises(InvalidInput, match=f"line 2: the company name.*{message}"):
            load(kb, path)


def test_each_update_moves_the_version_on_by_one(kb: KnowledgeBase, tmp_path: Path) -> None:
    row = "Acme,NYC,{count}.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024"
    for n, count in enumerate((300, 310, 320), start=1):
        load(kb, write(tmp_path, f"t{n}.csv", CURRENT, row.format(count=count)))
    fact_id = kb.ask("Acme layoffs", TODAY).citations[0].fact.id
    record = kb.store.get_fact(fact_id)
    assert (record.version, record.state.count_min) == (3, 320)
    assert [(r.version, r.after.count_min) for r in kb.store.history(fact_id)] == [(1, 300), (2, 310), (3, 320)]


def test_a_newer_export_cites_the_same_linked_sources(kb: KnowledgeBase, tmp_path: Path) -> None:
    rows = ["Acme,NYC,300.0,6/1/2024,,Data,https://news.example/acme,Seed,2,United States,6/1/2024",
            "Beta,NYC,20.0,6/2/2024,,Data,https://news.example/beta,Seed,2,United States,6/2/2024"]
    load(kb, write(tmp_path, "first.csv", CURRENT, *rows))
    sources = kb.store.counts()["sources"]
    load(kb, write(tmp_path, "second.csv", CURRENT, *rows,
                   "Cora,NYC,5.0,6/3/2024,,Data,https://news.example/acme,Seed,2,United States,6/3/2024"))
    assert kb.store.counts()["sources"] == sources + 1  # the second export itself, and nothing else
    for company in ("Acme", "Cora"):
        fact = kb.ask(f"{company} layoffs", TODAY).citations[0].fact
        links = [c.source.url for c in fact.citations if c.source.url]
        assert links == ["https://news.example/acme"]


def test_unlinked_sources_of_one_tracker_stay_apart(kb: KnowledgeBase, tmp_path: Path) -> None:
    load(kb, write(tmp_path, "first.csv", CURRENT,
                   "Acme,NYC,300.0,6/1/2024,,Data,Internal memo,Seed,2,United States,6/1/2024"))
    load(kb, write(tmp_path, "second.csv", CURRENT,
                   "Acme,NYC,300.0,6/1/2024,,Data,Internal memo,Seed,2,United States,6/1/2024",
                   "Beta,NYC,20.0,6/2/2024,,Data,Company blog,Seed,2,United States,6/2/2024"))
    titles = {company: sorted(c.source.title or "" for c in kb.ask(f"{company} layoffs", TODAY).citations[0]
                              .fact.citations) for company in ("Acme", "Beta")}
    assert titles == {
        "Acme": ["Internal memo", "layoffs.fyi export first.csv", "layoffs.fyi export second.csv"],
        "Beta": ["Company blog", "layoffs.fyi export second.csv"],
    }


def tags_of(kb: KnowledgeBase, company: str) -> list[Tags | None]:
    snapshot = kb.refresh()
    return [f.tags for f in snapshot.facts.values() if f.company == company]


def test_every_column_of_each_layout_is_kept_per_round(kb: KnowledgeBase, tmp_path: Path) -> None:
    load(kb, write(tmp_path, "fyi-2026.csv", CURRENT,
                   'Dune,"Oslo, Non-U.S.",40.0,5/14/2026,0.25,Crypto,https://x.example/dune,Series B,79,Norway,5/15/2026',
                   "Dune,Berlin,12.0,2/2/2025,,Fintech,https://x.example/dune-de,Series B,79,Germany,2/3/2025"))
    load(kb, write(tmp_path, "fyi-2024.csv", OLDER,
                   "Quill,Austin,Media,30.0,,2024-03-01,https://q.example/1,3.0,Seed,2024-03-02 10:00:00,"
                   "United States,"))
    load(kb, write(tmp_path, "kaggle.csv", KAGGLE, "Blackline,Charleston,Other,500,0.14,2023-01-05,Post-IPO,"
                   "United States,NULL"))
    assert sorted(tags_of(kb, "Dune"), key=lambda t: str(t)) == [  # each round keeps its own country and industry
        Tags("Crypto", "Norway", "Oslo, Non-U.S.", "Series B", 79.0),
        Tags("Fintech", "Germany", "Berlin", "Series B", 79.0)]
    assert tags_of(kb, "Quill") == [Tags("Media", "United States", "Austin", "Seed", 3.0)]
    assert tags_of(kb, "Blackline") == [Tags("Other", "United States", "Charleston", "Post-IPO", None)]


def test_reimporting_fills_tags_on_rounds_imported_before_and_an_older_export_never_overwrites(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    row = "Acme,NYC,100.0,6/1/2024,,{industry},https://news.example/acme,Series C,50,United States,{added}"
    load(kb, write(tmp_path, "tracker-2024-06-02.csv", CURRENT, row.format(industry="Data", added="6/2/2024")))
    fact_id = next(f.id for f in kb.refresh().facts.values() if f.company == "Acme")
    with kb.store.write() as session:  # as a database made before tags were kept holds them: not at all
        session.execute(delete(RoundTags))
        session.commit()
    edit(kb.store, fact_id, {"count_min": 120, "count_max": 120}, "mona (1)", "the memo says 120")
    report = load(kb, write(tmp_path, "tracker-2024-06-02b.csv", CURRENT,
                            row.format(industry="Data", added="6/2/2024")))
    assert report.tagged == 1 and "recorded for 1 rounds imported before" in report.summary()
    assert tags_of(kb, "Acme") == [Tags("Data", "United States", "NYC", "Series C", 50.0)]
    record = kb.store.get_fact(fact_id)
    assert (record.state.count_min, record.updated_by) == (120, "mona (1)")  # the moderator's edit stands
    load(kb, write(tmp_path, "tracker-2024-09-01.csv", CURRENT, row.format(industry="AI", added="9/1/2024")))
    assert tags_of(kb, "Acme")[0].industry == "AI"  # a newer export corrects
    load(kb, write(tmp_path, "tracker-2024-06-03.csv", CURRENT, row.format(industry="Retail", added="6/3/2024")))
    assert tags_of(kb, "Acme")[0].industry == "AI"  # an older one does not undo it
