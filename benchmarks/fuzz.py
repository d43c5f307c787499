"""Hostile and ordinary questions through the real command line: no crash, no invented number.

    python -m benchmarks.fuzz [--questions 10000] [--seed 20240410] [--data ../shared/data/layoffs-fyi-2026-05-15.csv]

Imports a tracker export into a fresh SQLite knowledge base with
`python -m bot --db URL kb import FILE --format layoffs-fyi` (the shared
export, read where it lies and never copied; a small synthetic export when it
is absent), writes the questions one per line to a temporary file, and
answers them all with one `python -m bot --db URL ask --batch FILE --json
--today 2024-04-10`.  The questions (fixed seed) mix arbitrary Unicode (RTL,
emoji, combining marks, control characters), very long lines, injection
strings (SQL, HTML, format strings, Discord mentions, fences, masked links)
and questions built from a grammar over the companies and years the knowledge
base holds, in English and French, with typos, odd casing and noise around
them.

It reports crashes (a non-zero exit, a missing or unparseable JSON line, or
a line count that differs from the questions'), answered/declined counts,
and invented numbers (`tests/invented_numbers.py`, the check the property
tests use), with examples, and how long it all took.

The characters Python's `str.splitlines` treats as line ends (\\v, \\f,
\\x1c-\\x1e, \\x85, U+2028, U+2029) are kept out of the questions: the batch
file holds one question per line, and `ask --batch` would split a question at
them (reported separately; see the module's summary output).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.invented_numbers import InventedNumbers

HERE = Path(__file__).resolve().parent

TODAY = date(2024, 4, 10)
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "layoffs-fyi-2026-05-15.csv"
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# -- hostile text ----------------------------------------------------------------------------------

_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"-()[]{}<>/\\|@#$%^&*_=+~`",
    "àâçéèêëîïôûùüÿœæÀÉÈÇ«»“”‘’–—…€£¥°§¶",
    "אבגדהוזחטיכלמנסעפצקרשת",  # Hebrew (right to left)
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",  # Arabic (right to left)
    "漢字仮名カタカナひらがな한국어中文",
    "😀🔥💥🚀👩‍💻🏳️‍🌈🇫🇷👍🏽",
    "\u0300\u0301\u0302\u0308\u0327\u20dd",  # combining marks
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad",
    "".join(chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xa0)] if chr(c) not in LINE_BREAKS),
    "0123456789٠١٢٣٤٥٦٧٨٩０１２３４５６７８９¹²³½⅓",  # digits of other scripts, superscripts, fractions
    "\u00a0\u202f\u2009\u3000\t",
]
INJECTIONS = [
    "'; DROP TABLE fact; --", "\" OR 1=1 --", "1; SELECT * FROM company WHERE ''=''", "' UNION SELECT NULL,NULL--",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div><h1>hi</h1>", "&lt;b&gt;&amp;",
    "@everyone", "@here", "<@&123456789012345678>", "<@!987654321098765432>", "<@123>", "<#555555555555555555>",
    "<:pepe:123456789012345678>", "<a:wave:42>", "<t:1700000000:R>", "```python\nprint(1)\n```", "```", "`code`",
    "||spoiler||", "**bold** __under__ ~~strike~~", "> quote", "# Heading", "-# small",
    "[click here](https://evil.example/phish)", "[Amazon](https://evil.example)", "<https://example.com>",
    "{who}", "{0}", "{what!r}", "{__class__}", "%s%s%n", "%(who)s", "${7*7}", "{{7*7}}", "\\x00\\n",
    "../../etc/passwd", "file:///etc/passwd", "C:\\Windows\\system32", "null", "None", "NaN", "-1", "1e309",
    "99999999999999999999999999", "9" * 400, "1" + " 000" * 110,  # too large for a float
    "0x7fffffff", "[1]", "[2][3]", "（）", "\u202eedoc\u202c", ".*+?(|[", "\\",
]


def hostile(rng: random.Random, length: int) -> str:
    alphabet = rng.choice(_ALPHABETS) if rng.random() < 0.6 else "".join(_ALPHABETS)
    return "".join(rng.choice(alphabet) for _ in range(length))


def injection(rng: random.Random) -> str:
    return " ".join(rng.choice(INJECTIONS) for _ in range(rng.randint(1, 4)))


# -- questions from a grammar ----------------------------------------------------------------------

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_YEAR_WORDS = {2019: "twenty nineteen", 2020: "twenty twenty", 2021: "twenty twenty one", 2022: "twenty twenty-two",
               2023: "twenty twenty three", 2024: "twenty twenty four", 2025: "twenty twenty-five"}


def period_en(rng: random.Random, year: int, month: int) -> str:
    return rng.choice([
        f"in {year}", f"in {_MONTHS_EN[month - 1]} {year}", f"in Q{(month - 1) // 3 + 1} {year}",
        f"between {_MONTHS_EN[month - 1]} {year} and {_MONTHS_EN[min(month + 2, 12) - 1]} {year}",
        f"in {year}-{(year + 1) % 100:02d}", f"in {year}–{year + 1}", f"since {_MONTHS_EN[month - 1]} {year}",
        "so far this year", "last year", "this year", "in the last 6 months", f"in the first half of {year}",
        f"on {month}/{rng.randint(1, 28)}/{year}", f"in {_YEAR_WORDS.get(year, str(year))}", "",
        f"in {rng.randint(1990, 2100)}",
        f"in the {rng.choice(['first', 'second', 'third', 'fourth'])} quarter of {year}",
    ])


def period_fr(rng: random.Random, year: int, month: int) -> str:
    return rng.choice([
        f"en {year}", f"en {_MONTHS_FR[month - 1]} {year}", f"au T{(month - 1) // 3 + 1} {year}",
        f"entre {_MONTHS_FR[month - 1]} {year} et {_MONTHS_FR[min(month + 2, 12) - 1]} {year}",
        f"en {year} et {year + 1}", f"depuis {_MONTHS_FR[month - 1]} {year}", "depuis le début de l'année",
        "l'année dernière", "cette année", f"au premier semestre {year}", f"le {rng.randint(1, 28)} "
        f"{_MONTHS_FR[month - 1]} {year}", "", "en deux mille vingt-trois",
    ])


def english(rng: random.Random, name: str, when: str) -> str:
    return rng.choice([
        f"How many people did {name} lay off {when}?", f"How many jobs did {name} cut {when}?",
        f"{name} layoffs {when}", f"What percent of its workforce did {name} cut {when}?",
        f"When did {name} start laying off staff?", f"Which {name} teams were affected {when}?",
        f"Why did {name} cut jobs {when}?", f"Who leads the reorganisation at {name}?",
        f"How many employees does {name} have?", f"What was {name}'s biggest layoff {when}?",
        f"How many people did {name} lay off in total {when}?", f"{name} and Amazon layoffs {when}",
        f"How many tech workers were laid off {when}?", f"How many companies cut jobs {when}?",
        f"Biggest layoff {when}?", f"What is the capital of {name}?", f"did {name.lower()} fire anyone {when}",
        f"How many employees did Zentrico Labs lay off {when}?", f"{name} {when}", f"how much did {name} cut",
    ])


def french(rng: random.Random, name: str, when: str) -> str:
    return rng.choice([
        f"Combien de personnes {name} a-t-elle licenciées {when} ?",
        f"Combien d'emplois {name} a-t-il supprimés {when} ?",
        f"licenciements {name} {when}", f"Quelle part de ses effectifs {name} a-t-elle licenciée {when} ?",
        f"Quand {name} a-t-il commencé à licencier ?", f"Quelles équipes de {name} ont été touchées {when} ?",
        f"Pourquoi {name} a-t-il supprimé des postes {when} ?", f"Combien d'employés compte {name} ?",
        f"Combien de salariés de la tech ont été licenciés {when} ?",
        f"Combien d'entreprises ont licencié {when} ?", f"Le plus grand licenciement {when} ?",
        f"Combien de personnes Zentrico Labs a-t-elle licenciées {when} ?", f"{name} {when}",
    ])


def typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    return rng.choice([
        text[:i] + text[i + 1:],  # a letter dropped
        text[:i] + text[i + 1] + text[i] + text[i + 2:],  # two letters swapped
        text[:i] + text[i] + text[i:],  # a letter doubled
        text[:i] + rng.choice("aeioulnrst") + text[i + 1:],  # a letter replaced
    ])


def grammar(rng: random.Random, companies: list[tuple[str, list[date]]]) -> str:
    name, days = rng.choice(companies)
    day = rng.choice(days) if days else date(rng.randint(2019, 2026), rng.randint(1, 12), 1)
    if rng.random() < 0.2:
        name = typo(rng, name)
    if rng.random() < 0.5:
        question = english(rng, name, period_en(rng, day.year, day.month))
    else:
        question = french(rng, name, period_fr(rng, day.year, day.month))
    if rng.random() < 0.15:
        question = typo(rng, question)
    casing = rng.random()
    if casing < 0.1:
        question = question.lower()
    elif casing < 0.15:
        question = question.upper()
    return " ".join(question.split())


def questions(rng: random.Random, companies: list[tuple[str, list[date]]], count: int) -> list[str]:
    asked = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            question = grammar(rng, companies)
        elif roll < 0.6:
            question = f"{injection(rng)} {grammar(rng, companies)} {hostile(rng, rng.randint(1, 12))}"
        elif roll < 0.75:
            question = hostile(rng, rng.randint(0, 80))
        elif roll < 0.88:
            question = injection(rng)
        elif roll < 0.95:
            question = grammar(rng, companies) + " " + hostile(rng, rng.randint(2_000, 20_000))
        else:
            question = " ".join(grammar(rng, companies) for _ in range(rng.randint(5, 60)))
        asked.append(question.translate(dict.fromkeys(map(ord, LINE_BREAKS), " ")))
    return asked


# -- the run ---------------------------------------------------------------------------------------

SYNTHETIC = [
    "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added",
    "Acme Robotics,SF Bay Area,150.0,3/5/2024,0.1,Hardware,https://news.example/acme-1,Series B,100,US,3/6/2024",
    "Acme Robotics,SF Bay Area,90.0,11/2/2023,,Hardware,https://news.example/acme-2,Series B,100,US,11/3/2023",
    "Borealis Pay,London,,1/20/2024,0.25,Finance,https://news.example/borealis,Series C,80,United Kingdom,1/21/2024",
    "Quill,Austin,,5/13/2023,,Media,Internal memo,Seed,3,US,5/14/2023",
    "23andMe,SF Bay Area,75.0,6/8/2023,0.09,Healthcare,https://news.example/23andme,Post-IPO,1100,US,6/9/2023",
    "Lumen Health,Paris,1200.0,2/2/2024,0.3,Healthcare,https://news.example/lumen,Post-IPO,900,France,2/3/2024",
    "Lumen Health,Paris,300.0,9/14/2022,0.05,Healthcare,https://news.example/lumen-2,Post-IPO,900,France,9/15/2022",
]


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)


def companies_in(kb: KnowledgeBase, rng: random.Random, limit: int = 400) -> list[tuple[str, list[date]]]:
    snapshot = kb.snapshot()
    known = [(snapshot.companies[cid].name, sorted({f.when for f in facts if f.when != date.min}))
             for cid, facts in snapshot.by_company.items() if cid is not None]
    rng.shuffle(known)
    bundled = [c for c in known if c[0] in {"Amazon", "AWS"}]
    return bundled * 20 + known[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20240410)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="tracker export (layoffs.fyi layout)")
    parser.add_argument("--show", type=int, default=5, help="examples of each kind of failure to print")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'fuzz.db'}"
        data = args.data
        if not data.is_file():
            data = folder / "synthetic-tracker.csv"
            data.write_text("\n".join(SYNTHETIC) + "\n", encoding="utf-8")
        bot = [sys.executable, "-m", "bot", "--db", url]
        imported = run([*bot, "kb", "import", str(data), "--format", "layoffs-fyi"])
        if imported.returncode != 0:
            raise SystemExit(f"import failed ({imported.returncode}): {imported.stderr.strip()}")
        kb = KnowledgeBase.open(url, AnswerSettings(refresh_interval=3600))
        asked = questions(rng, companies_in(kb, rng), args.questions)
        batch = folder / "questions.txt"
        batch.write_text("\n".join(asked) + "\n", encoding="utf-8")
        setup = time.perf_counter() - started

        started = time.perf_counter()
        answered = run([*bot, "ask", "--batch", str(batch), "--json", "--today", TODAY.isoformat()])
        seconds = time.perf_counter() - started

        started = time.perf_counter()
        crashes, invented, outcomes = check(kb, asked, answered)
        checking = time.perf_counter() - started
        kb.close()

    total = len(asked)
    print(f"tracker: {data.name if data.name != 'synthetic-tracker.csv' else 'synthetic (shared export absent)'}; "
          f"seed {args.seed}")
    print(f"questions: {total:,} ({sum(len(q) for q in asked):,} characters, longest {max(map(len, asked)):,})")
    print(f"crashes: {len(crashes)} (exit status {answered.returncode})")
    print(f"answered: {outcomes['answered']:,}  declined: {outcomes['declined']:,}")
    print(f"invented numbers: {len(invented)} answers")
    print(f"time: set-up {setup:.1f} s, answering {seconds:.1f} s ({1000 * seconds / max(total, 1):.2f} ms a question "
          f"including start-up), checking {checking:.1f} s")
    for title, failures in (("crashes", crashes), ("invented numbers", invented)):
        for line in failures[: args.show]:
            print(f"  {title}: {line}")
    if crashes or invented:
        raise SystemExit(1)


def check(kb: KnowledgeBase, asked: list[str], answered: subprocess.CompletedProcess[str]) \
        -> tuple[list[str], list[str], Counter[str]]:
    crashes: list[str] = []
    invented: list[str] = []
    outcomes: Counter[str] = Counter()
    if answered.returncode != 0:
        crashes.append(f"exit status {answered.returncode}: {answered.stderr.strip()[-500:]}")
    lines = answered.stdout.splitlines()
    if len(lines) != len(asked):
        crashes.append(f"{len(lines)} JSON lines for {len(asked)} questions")
    checker = InventedNumbers(kb.snapshot())
    for number, (question, line) in enumerate(zip(asked, lines, strict=False), start=1):
        try:
            reply = json.loads(line)
        except json.JSONDecodeError as error:
            crashes.append(f"line {number}: not JSON ({error}): {line[:120]!r}")
            continue
        if not isinstance(reply, dict) or "answered" not in reply or "text" not in reply:
            crashes.append(f"line {number}: not an answer: {line[:120]!r}")
            continue
        outcomes["answered" if reply["answered"] else "declined"] += 1
        found = checker.in_reply(reply, kb.understand(question, TODAY))
        if found:
            invented.append(f"line {number}: {question[:160]!r} -> {', '.join(found)}; body: "
                            f"{reply['text'].splitlines()[0][:300]!r}")
    return crashes, invented, outcomes


if __name__ == "__main__":
    main()
