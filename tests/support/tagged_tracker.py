"""A small tracker export whose rows carry every tag (industry, city, country, stage), for the tests of
filters, rankings, comparisons and derived figures; loaded beside the bundled facts.

Hand-made so every total can be worked out on paper (see the comments): two
rows reporting one round (Cobalt Health, Kite under two industries), shutdowns
with and without a figure, rounds without a figure, and companies named like
a filter ("Retail") or holding one in a longer name ("Clarify Health").
"""

from __future__ import annotations

from pathlib import Path

from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings

HEADER = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"
ROWS = [
    # 2023 in the United States: Acme Pay 300 + 200, Cobalt Health 600 (reported twice), Kite 145 (reported twice,
    # under Travel and Finance), Tekion 300, Microsoft 10,000 and its LinkedIn 716: 12,261 people, 7 rounds.
    "Acme Pay,SF Bay Area,300,1/10/2023,0.1,Finance,https://news.example/acme-1,Series B,100,United States,1/11/2023",
    "Acme Pay,SF Bay Area,200,6/5/2023,,Finance,https://news.example/acme-2,Series B,100,United States,6/6/2023",
    "Cobalt Health,Boston,600,3/3/2023,0.2,Healthcare,https://news.example/cobalt,Post-IPO,900,United States,3/4/2023",
    "Cobalt Health,Boston,600,3/4/2023,0.2,Healthcare,https://other.example/cobalt,Post-IPO,900,United States,"
    "3/5/2023",
    "Kite,SF Bay Area,145,12/5/2023,,Travel,https://news.example/kite,Unknown,2200,United States,12/6/2023",
    "Kite,SF Bay Area,145,12/6/2023,0.05,Finance,https://other.example/kite,Unknown,2200,United States,1/3/2024",
    "Tekion,SF Bay Area,300,8/2/2023,0.1,Transportation,https://news.example/tekion,Series E,460,United States,"
    "8/3/2023",
    "Microsoft,Seattle,10000,1/18/2023,0.05,Other,https://news.example/msft,Post-IPO,1,United States,1/18/2023",
    "LinkedIn,SF Bay Area,716,5/8/2023,0.04,Recruiting,https://news.example/linkedin,Subsidiary,154,United States,"
    "5/9/2023",
    # 2023 elsewhere: Borealis (India, finance) 150; Dune (Norway) shut down, no figure; Ember (Germany) shut down,
    # 80; Gale Travel (Canada) 60 and Helio (Canada) a round without a figure.
    "Borealis,\"Bengaluru, Non-U.S.\",150,2/2/2023,,Fin-Tech,https://news.example/borealis,Series C,80,India,2/3/2023",
    "Dune,\"Oslo, Non-U.S.\",,4/1/2023,1,Crypto,https://news.example/dune,Seed,5,Norway,4/2/2023",
    "Ember,\"Berlin, Non-U.S.\",80,5/9/2023,1,Crypto,https://news.example/ember,Seed,3,Germany,5/10/2023",
    "Gale Travel,\"Toronto, Non-U.S.\",60,8/8/2023,,Travel,https://news.example/gale,Series B,40,Canada,8/9/2023",
    "Helio,\"Toronto, Non-U.S.\",,9/9/2023,,Travel,https://news.example/helio,Series B,40,Canada,9/10/2023",
    # 2022: Fjord Data (Germany) 120, Ion Motors (US) 1,000, Jade Foods (Indonesia) 250, Clarify Health (US) 30.
    "Fjord Data,\"Berlin, Non-U.S.\",120,7/7/2022,,Data,https://news.example/fjord,Series A,20,Germany,7/8/2022",
    "Ion Motors,Austin,1000,11/1/2022,0.05,Transportation,https://news.example/ion,Post-IPO,500,United States,"
    "11/2/2022",
    "Jade Foods,\"Jakarta, Non-U.S.\",250,2/14/2022,,Food,https://news.example/jade,Series D,60,Indonesia,2/15/2022",
    "Clarify Health,Boston,30,7/1/2022,0.05,Healthcare,https://news.example/clarify,Series B,90,United States,"
    "7/2/2022",
    # 2021: a company named like a city of the data (Austin, where Ion Motors is based), 10.
    "Austin,Boston,10,3/3/2021,,Media,https://news.example/austin,Seed,1,United States,3/4/2021",
    # 2024: Nova Security (Israel) 90; a company named like an industry, Retail (US), 40.
    "Nova Security,\"Tel Aviv, Non-U.S.\",90,3/15/2024,,Security,https://news.example/nova,Series C,70,Israel,"
    "3/16/2024",
    "Retail,New York City,40,2/2/2024,,Retail,https://news.example/retail,Seed,2,United States,2/3/2024",
]


def tagged_kb(folder: Path) -> KnowledgeBase:
    """The bundled facts and the export above, in a new SQLite file in `folder`."""
    kb = KnowledgeBase.open(f"sqlite:///{folder / 'kb.db'}", AnswerSettings(refresh_interval=3600))
    path = folder / "layoffs-2024-05-01.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    kb.import_file(path)
    return kb
