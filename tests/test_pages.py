"""Articles from a link: the page fetched within its limits, the article read out of its HTML, ingested.

Every page is served by tests/support/pages_server.py on 127.0.0.1 from pages we wrote (tests/pages);
nothing here reaches the internet.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import AnswerSettings, FactStatus, InvalidInput, KnowledgeBase, PageLimits, Stated, fetch_article
from knowledge.intake.pages import fetch_page, read_html
from knowledge.language.tongues import prose_language
from tests.support.discord_world import MODERATOR, make_bot, world
from tests.support.pages_server import PAGES, serving
from tests.support.standin import CALLBACK_PATH, FOLLOWUP_PATH, DiscordStandIn, RecordedRequest

OPEN = PageLimits(allow_private=True)  # the test server is on this machine's loopback address


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving() as base:
        yield base


def test_the_article_and_its_metadata_come_out_of_the_page(site: str) -> None:
    meta, text = fetch_article(f"{site}/zebulon-en", Stated(), OPEN)

    assert meta.title == "Zebulon Robotics to cut 340 jobs as warehouse orders slow"
    assert meta.publisher == "Harbour Ledger" and meta.published == date(2024, 3, 5) and meta.language == "en"
    assert meta.url == f"{site}/zebulon-en"
    assert text.startswith("Zebulon Robotics will lay off 340 employees")  # the headline is the title, not body
    for boilerplate in ("cookies", "Subscribe", "Related stories", "Quillfeather", "All rights reserved"):
        assert boilerplate not in text


def test_a_french_page_is_read_as_french(site: str) -> None:
    meta, text = fetch_article(f"{site}/orvale-fr", Stated(), OPEN)

    assert meta.language == "fr" and meta.published == date(2024, 6, 12)
    assert meta.publisher == "Le Courrier du Numérique" and "120 postes" in text and "Abonnement" not in text


def test_what_the_moderator_states_wins_over_the_page(site: str) -> None:
    stated = Stated(title="Our title", publisher="Our wire", published=date(2024, 3, 6), language="en")
    meta, _ = fetch_article(f"{site}/zebulon-en", stated, OPEN)

    assert (meta.title, meta.publisher, meta.published) == ("Our title", "Our wire", date(2024, 3, 6))


def test_a_page_without_a_date_asks_for_one(site: str) -> None:
    with pytest.raises(InvalidInput, match="does not say when it was published"):
        fetch_article(f"{site}/undated", Stated(), OPEN)
    meta, text = fetch_article(f"{site}/undated", Stated(published=date(2024, 9, 2)), OPEN)
    assert meta.published == date(2024, 9, 2) and "75 jobs" in text


def test_redirects_are_followed_and_checked(site: str) -> None:
    assert fetch_page(f"{site}/moved", OPEN).url == f"{site}/zebulon-en"
    with pytest.raises(InvalidInput, match="http:// or https://"):
        fetch_page(f"{site}/to-file", OPEN)
    with pytest.raises(InvalidInput, match="redirects more than 5 times"):
        fetch_page(f"{site}/loop", OPEN)


@pytest.mark.parametrize("path", ["/big-said", "/big-unsaid"])
def test_a_page_too_large_is_refused_without_reading_it_all(site: str, path: str) -> None:
    with pytest.raises(InvalidInput, match="larger than 97 KB"):
        fetch_page(site + path, PageLimits(max_bytes=100_000, allow_private=True))


def test_a_page_slower_than_the_limit_is_given_up(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(InvalidInput, match="took too long"):
        fetch_page(f"{site}/slow", PageLimits(timeout=0.5, allow_private=True))
    assert time.monotonic() - started < 2  # the whole page would take 4 s


@pytest.mark.parametrize(("path", "message"), [
    ("/report.pdf", "points to application/pdf, not a web page"),
    ("/nowhere", "the site answered 404"),
])
def test_what_is_not_an_article_page_is_said_plainly(site: str, path: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        fetch_page(site + path, OPEN)


def test_plain_text_is_taken_as_it_is(site: str) -> None:
    page = fetch_page(f"{site}/plain", OPEN)
    assert "Brindle Pay is cutting 75 jobs" in page.text and page.language == "en"


def test_a_closed_port_is_a_clear_refusal() -> None:
    with serving() as base:
        pass  # the server is gone: its port refuses connections
    with pytest.raises(InvalidInput, match="refused the connection"):
        fetch_page(f"{base}/zebulon-en", OPEN)


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1",
                                     "fd00::5"])
def test_links_into_private_networks_are_refused_by_default(address: str) -> None:
    with pytest.raises(InvalidInput, match="inside a private network"):
        fetch_page("https://news.example/story", resolve=lambda host: [address])


def test_the_loopback_server_itself_is_refused_by_default(site: str) -> None:
    with pytest.raises(InvalidInput, match="inside a private network"):
        fetch_page(f"{site}/zebulon-en")


def test_links_that_are_not_web_addresses_are_refused_before_any_fetch() -> None:
    for link in ("file:///etc/passwd", "ftp://news.example/a", "javascript:alert(1)", "https://a.example\\@b.example/"):
        with pytest.raises(InvalidInput):
            fetch_page(link, resolve=lambda host: pytest.fail("resolved a refused link"))


def test_pages_that_hold_no_article_say_so() -> None:
    with pytest.raises(InvalidInput, match="No article text was found"):
        read_html("<html><body><script>render()</script></body></html>", "https://news.example/app")


@pytest.mark.parametrize(("text", "language"), [
    ((PAGES / "zebulon-en.html").read_text(encoding="utf-8"), "en"),
    ((PAGES / "orvale-fr.html").read_text(encoding="utf-8"), "fr"),
    ("Zebulon 340", None),
])
def test_prose_language(text: str, language: str | None) -> None:
    assert prose_language(text) == language


def test_an_article_from_a_link_is_ingested_for_review(site: str, database_url: str) -> None:
    kb = KnowledgeBase.open(database_url)
    try:
        meta, text = fetch_article(f"{site}/zebulon-en", Stated(), OPEN)
        report = kb.ingest(text, meta, "mod (1)")
        records = [kb.fact(fact_id) for fact_id, _ in report.candidates]
    finally:
        kb.close()
    layoffs = [r for r in records if r.state.kind == "layoff" and r.state.count_min == 340]
    assert layoffs and layoffs[0].state.status == FactStatus.PENDING
    assert layoffs[0].state.company == "Zebulon Robotics" and layoffs[0].state.percent == 12
    source = layoffs[0].sources[0][0]
    assert source.url == f"{site}/zebulon-en"
    assert source.publisher == "Harbour Ledger"


def test_kb_ingest_url_on_the_command_line(site: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[articles]\nallow_private_addresses = true\nfetch_timeout = 5\n', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    out = io.StringIO()

    code = main(["--config", str(config), "--db", url, "kb", "ingest", "--url", f"{site}/orvale-fr", "--create"],
                stdout=out)

    assert code == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[1] == "Read Orvale supprime 120 postes en France (Le Courrier du Numérique, 2024-06-12, fr)."
    assert "candidate fact(s) from" in lines[2] and any("120" in line for line in lines[3:])


def test_kb_ingest_url_refuses_a_private_address_in_one_line_and_creates_nothing(
        site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "kb.db"
    code = main(["--db", f"sqlite:///{database}", "kb", "ingest", "--url", f"{site}/zebulon-en", "--create"],
                stdout=io.StringIO())

    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "inside a private network" in err
    assert not database.exists()


def test_kb_ingest_file_still_needs_its_date_and_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Brindle Pay is cutting 75 jobs.", encoding="utf-8")
    code = main(["--db", f"sqlite:///{tmp_path / 'kb.db'}", "kb", "ingest", str(article), "--url",
                 "https://news.example/brindle", "--create"], stdout=io.StringIO())
    assert code != 0 and "needs --published YYYY-MM-DD and --language" in capsys.readouterr().err


async def test_kb_ingest_url_in_discord_fetches_the_page(site: str, tmp_path: Path) -> None:
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}", AnswerSettings(refresh_interval=0))
    bot = make_bot(kb)
    bot.settings = replace(bot.settings, pages=OPEN)

    def says(words: str) -> Callable[[RecordedRequest], bool]:
        return lambda request: words in str(request.json)

    async with DiscordStandIn(guilds=[world()]) as standin, standin.running(bot):
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"url": f"{site}/zebulon-en"}, subcommand="ingest", user=MODERATOR))
        deferred = await standin.wait_for_request("POST", CALLBACK_PATH)
        intro = await standin.wait_for_request("POST", FOLLOWUP_PATH, predicate=says("waiting for review"))
        first = await standin.wait_for_request("POST", FOLLOWUP_PATH, predicate=says("Candidate #"))
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"url": f"{site}/undated"}, subcommand="ingest", user=MODERATOR))
        undated = await standin.wait_for_request("POST", FOLLOWUP_PATH, predicate=says("does not say when"))
        await standin.dispatch("INTERACTION_CREATE", standin.slash_command(
            "kb", {"url": f"{site}/zebulon-en", "text": "Zebulon Robotics cut 340 jobs."}, subcommand="ingest",
            user=MODERATOR))
        needs_date = await standin.wait_for_request("POST", CALLBACK_PATH, predicate=says("publication date"))
    kb.close()
    assert deferred.json["type"] == 5 and site in str(intro.json)
    assert "340" in str(first.json["embeds"][0])
    assert undated.json["flags"] == 64
    assert needs_date.json["data"]["flags"] == 64
