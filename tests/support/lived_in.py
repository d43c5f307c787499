"""A knowledge base that went through every kind of change there is, for the backup and copy tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.facts.feedback import GivenAnswer, record_answers, record_vote
from knowledge.facts.imports import import_tracker
from knowledge.intake.articles import ArticleMeta
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.news.watches import WatchKind
from knowledge.settings import AnswerSettings
from knowledge.storage.backup import export_data
from knowledge.types import FactStatus
from tests.support.helpers import TODAY, edit, reject, set_status, undo

CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
MODERATOR = "mona (1300000000000000002)"
ENGLISH = ("Quillon Systems said on Tuesday it would lay off about 900 employees, roughly 15% of its workforce, "
           "as demand for its data-centre hardware slowed.")
FRENCH = ("Quillon Systems a annoncé mardi la suppression d'environ 900 postes, soit près de 15 % de ses effectifs, "
          "en raison d'une demande en baisse.")
OTHER = "Quillon Systems is laying off 1,200 workers, the company confirmed on Wednesday."


def tracker(folder: Path, name: str, *rows: str) -> Path:
    path = folder / name
    path.write_text("\n".join([CURRENT, *rows]) + "\n", encoding="utf-8")
    return path


def lived_in(url: str, folder: Path) -> dict[str, Any]:
    """A knowledge base that went through every kind of change there is, exported."""
    kb = KnowledgeBase.open(url, AnswerSettings(refresh_interval=0))
    try:
        import_tracker(kb.facts, read_tracker(tracker(
            folder, "fyi-2024-05-01.csv",
            "Acme,SF Bay Area,150.0,4/15/2024,,Crypto,https://news.example/acme,Unknown,134,United States,4/16/2024",
            "Dune,Oslo,80.0,4/14/2024,0.25,Crypto,https://news.example/dune,Series B,79,Norway,4/16/2024",
            "Quill,Austin,,4/13/2024,,Media,Internal memo,Seed,3,United States,4/14/2024")))
        import_tracker(kb.facts, read_tracker(tracker(  # a newer export changes Acme's figure
            folder, "fyi-2024-06-01.csv",
            "Acme,SF Bay Area,170.0,4/15/2024,,Crypto,https://news.example/acme,Unknown,134,United States,4/16/2024",
            "Dune,Oslo,80.0,4/14/2024,0.25,Crypto,https://news.example/dune,Series B,79,Norway,4/16/2024")))
        dune = kb.ask("How many people did Dune lay off in April 2024?", TODAY).citations[0].fact.id
        edit(kb.store, dune, {"count_min": 85, "count_max": 85}, MODERATOR, "the company's own figure")
        undo(kb.store, dune, MODERATOR, None)
        edit(kb.store, dune, {"note": "checked with the company"}, MODERATOR, None)
        aws = kb.ask("How many jobs did AWS cut?", TODAY).citations[0].fact.id
        set_status(kb.store, aws, FactStatus.RETRACTED, "retract", MODERATOR, "duplicate")
        set_status(kb.store, aws, FactStatus.ACTIVE, "restore", MODERATOR, None)
        meta = ArticleMeta(url="https://wire.example/quillon", title=None, publisher="Example Wire",
                           published=date(2024, 3, 6), language="en")
        kb.ingest(ENGLISH, meta, MODERATOR, approve=True)
        kb.ingest(FRENCH, ArticleMeta(url="https://fil.example/quillon", title=None, publisher="Fil",
                                               published=date(2024, 3, 6), language="fr"), MODERATOR,
                       approve=True)
        rejected = kb.ingest(OTHER, ArticleMeta(url="https://other.example/q", title="Q", publisher=None,
                                                         published=date(2024, 3, 7), language="en"), "extractor")
        reject(kb.store, [fact_id for fact_id, _ in rejected.candidates], MODERATOR, "rumour")
        record_answers(kb.store, [
            GivenAnswer(1_400_000_000_000_000_001, "How many did Initech cut?", "en", False,
                        guild_id="1200000000000000001"),
            GivenAnswer(1_400_000_000_000_000_002, "How many jobs did AWS cut?", "en", True, (aws,),
                        guild_id="1200000000000000001", message_id=1_400_000_000_000_000_003)])
        record_vote(kb.store, 1_400_000_000_000_000_002, False, "1300000000000000001", "1200000000000000001")
        kb.watch(1_300_000_000_000_000_001, WatchKind.COMPANY, company_id=kb.refresh().matcher.lookup("Dune"))
        kb.watch(1_300_000_000_000_000_001, WatchKind.INDUSTRY, industry="Crypto", language="fr")
        kb.set_feed(1_200_000_000_000_000_001, 1_200_000_000_000_000_020, "en")
        return json.loads(json.dumps(export_data(kb.store)))
    finally:
        kb.close()
