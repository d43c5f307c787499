"""Links open the host they show: one check for every way a link comes in, one host for every place it is shown."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.discord.render import link, safe
from knowledge.drafts import SourceDraft, check_url, url_host
from knowledge.errors import InvalidField, InvalidInput
from knowledge.facts.imports import import_tracker
from knowledge.intake.forms import parse_source
from knowledge.intake.trackers import read_tracker
from knowledge.kb import KnowledgeBase
from knowledge.settings import AnswerSettings
from tests.support.helpers import TODAY

CURRENT = "company,location,total_laid_off,date,percentage_laid_off,industry,source,stage,funds_raised,country,date_added"

# Each of these opens somewhere other than what a naive reading shows, or is not a plain web address.
REFUSED = [
    "https://evil.example\\@reuters.com/world/",  # browsers read \ as /: opens evil.example
    "https://reuters.com@evil.example/",  # user-info: opens evil.example
    "https://user:pass@reuters.com/",
    "https://reuters.com\\.evil.example/",
    "https:\\\\evil.example/",
    "https:/evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "ftp://reuters.com/file",
    "https://",
    "https://reuters.com /x",
    "https://reuters.com/\tx",
    "https://reuters.com/\x00x",
    "https://reuters.com/\u202ex",  # right-to-left override
    "https://reu\u200bters.com/",  # zero-width space
    "https://reuters.com/<script>",
    'https://reuters.com/"x',
    "https://reuters.com:99999/",
    "https://reuters.com:0/",
    "https://reuters.com:x/",
    "https://reuters..com/",
    "https://-reuters.com/",
    "https://reuters%2ecom/",
    "https://localhost/",
    "https://300.1.2.3/",
    "https://[::g]/",
]

# (link, the host shown beside it)
ACCEPTED = [
    ("https://www.reuters.com/technology/meta-layoffs-2022-11-09/", "reuters.com"),
    ("HTTP://News.Example.COM/a?b=c#d", "news.example.com"),
    ("https://reuters.com:443/x", "reuters.com"),
    ("https://daijiworld.com./news/newsDisplay?newsID=1167834", "daijiworld.com"),  # a real article's link
    ("https://fr.wikipedia.org/wiki/Licenciement_économique", "fr.wikipedia.org"),
    ("https://bücher.example/", "xn--bcher-kva.example"),  # shown as looked up: no look-alike letters
    ("https://ｒｅｕｔｅｒｓ.com/", "reuters.com"),  # full-width letters open reuters.com, and say so
    ("http://192.0.2.7/report", "192.0.2.7"),
    ("https://[2001:db8::1]:8443/x", "[2001:db8::1]"),
    ("https://some_sub.example.org/x", "some_sub.example.org"),
]


@pytest.mark.parametrize("url", REFUSED)
def test_links_that_hide_where_they_go_are_refused(url: str) -> None:
    with pytest.raises(InvalidField, match="http:// or https://") as refused:
        check_url(url)
    assert refused.value.field == "url"
    assert url_host(url) is None and link(url) == ""
    with pytest.raises(InvalidInput):
        SourceDraft(url=url, publisher="Reuters").validated()
    with pytest.raises(InvalidInput):
        parse_source(f"{url} | Reuters")


@pytest.mark.parametrize(("url", "host"), ACCEPTED)
def test_every_place_shows_the_host_the_link_opens(url: str, host: str) -> None:
    check_url(url)
    assert url_host(url) == host
    assert link(url).startswith(f"[{safe(host)}](") and link(url).endswith(")")
    assert parse_source(url).publisher == host


def test_a_link_keeps_its_closing_parenthesis_inside_the_markdown() -> None:
    assert link("https://en.wikipedia.org/wiki/Meta_(company)") == \
        "[en.wikipedia.org](https://en.wikipedia.org/wiki/Meta_%28company%29)"


@pytest.fixture
def kb(database_url: str) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(database_url, AnswerSettings(refresh_interval=0), bundled=False)
    yield base
    base.close()


def test_a_tracker_row_with_a_bad_link_is_kept_without_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "fyi-2026.csv"
    path.write_text("\n".join([
        CURRENT,
        "Acme,SF Bay Area,150.0,5/15/2026,,Crypto,https://www.news.example/acme,Unknown,134,United States,5/15/2026",
        "Dune,Oslo,80.0,5/14/2026,,Crypto,https://evil.example\\@reuters.com/dune,Series B,79,Norway,5/15/2026",
        "Kite,Oslo,40.0,5/13/2026,,Crypto,https://reuters.com@evil.example/kite,Series B,79,Norway,5/15/2026",
    ]) + "\n", encoding="utf-8")
    report = import_tracker(kb.facts, read_tracker(path))
    assert (report.added, report.skipped) == (3, [])
    assert [line for line, _ in report.links_dropped] == [3, 4]
    summary = report.summary()
    assert "line 3 imported without its link: Source links must be plain http:// or https://" in summary
    assert "line 4 imported without its link" in summary
    acme = kb.ask("How many people did Acme lay off in May 2026?", TODAY)
    assert [(c.source.url, c.source.publisher) for c in acme.citations] == [
        ("https://www.news.example/acme", "news.example")]
    for company in ("Dune", "Kite"):
        answer = kb.ask(f"How many people did {company} lay off in May 2026?", TODAY)
        assert answer.answered
        assert [c.source.url for c in answer.citations] == [None]  # the export as a whole, not the link
        assert "evil" not in answer.text and "reuters" not in answer.text


def test_a_refusal_naming_its_field_survives_the_import_process_boundary() -> None:
    with pytest.raises(InvalidField) as refused:
        check_url("https://reuters.com@evil.example/")
    again = pickle.loads(pickle.dumps(refused.value))  # /kb import runs in a child process
    assert (type(again), again.field, str(again)) == (InvalidField, "url", str(refused.value))
