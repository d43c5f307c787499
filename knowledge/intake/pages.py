"""Articles from a link: fetch a news page and take its text and metadata out of the HTML.

A moderator gives a link; the process running the bot fetches it. So the fetch is bounded on every
side a hostile or broken page could use: http and https only (every redirect checked again), a time
limit on the whole read, a size limit read incrementally (a page that lies about its length or never
ends is cut off, not buffered), HTML or plain text only, and by default no address inside the host's
own networks (loopback, private, link-local: a link must not make the bot read its cloud metadata or
an internal admin page). Each failure is one clear sentence.

The article's text, title, publisher and date come from trafilatura, a library made for finding the
article in a news page (boilerplate, navigation, comments and related links left out), rather than
rules of ours that would follow one site's markup. What the moderator states (date, language,
publisher) overrides what the page says.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from knowledge import settings
from knowledge.drafts import check_url
from knowledge.errors import InvalidInput
from knowledge.intake.articles import ArticleMeta
from knowledge.language.tongues import prose_language

FETCH_TIMEOUT = settings.FETCH_TIMEOUT
MAX_PAGE_BYTES = settings.MAX_PAGE_BYTES
PageLimits = settings.PageLimits
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_USER_AGENT = "layoffbot/1.0 (+article ingestion for moderators; one page per request)"
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2})", re.IGNORECASE)

Resolver = Callable[[str], list[str]]


@dataclass(frozen=True)
class Page:
    """What a fetched page gives: the article's text and what it says about itself."""

    url: str  # where the page was finally read, after redirects
    text: str
    title: str | None
    publisher: str | None
    published: date | None
    language: str | None


@dataclass(frozen=True)
class Stated:
    """What the moderator said about the article; each given value wins over the page's."""

    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None


def fetch_article(url: str, stated: Stated, limits: PageLimits | None = None,
                  resolve: Resolver | None = None) -> tuple[ArticleMeta, str]:
    """The article at `url`, its metadata and its text, ready for `KnowledgeBase.ingest`.

    Fetched before anything is opened for writing: a slow or failing site delays nobody else's change,
    and a link that cannot be read leaves no trace.
    """
    page = fetch_page(url, limits, resolve)
    return article_meta(page, stated, url), page.text


def fetch_page(url: str, limits: PageLimits | None = None, resolve: Resolver | None = None) -> Page:
    """Fetch `url` within `limits` and read the article in it."""
    check_url(url)
    body, final_url, content_type, charset = _download(url, limits or PageLimits(), resolve or _addresses)
    markup = body.decode(charset or "utf-8", "replace")
    if content_type == "text/plain":
        return Page(final_url, markup.strip(), None, None, None, prose_language(markup))
    return read_html(markup, final_url)


def read_html(markup: str, url: str) -> Page:
    """The article in an HTML page, with its title, publisher, date and language when the page gives them."""
    import trafilatura  # loaded when a link is first read: it takes a while, and most processes never do

    found = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True)
    values: dict[str, Any] = found if isinstance(found, dict) else found.as_dict() if found is not None else {}
    text = str(values.get("text") or "").strip()
    if not text:
        raise InvalidInput(f"No article text was found at {url}: the page may need a browser (scripts) or a "
                           f"login. Paste the article's text instead.")
    title = _clean(values.get("title"))
    first, _, rest = text.partition("\n")
    if title and rest and " ".join(first.split()) == title:
        text = rest.strip()  # the headline repeated as the body's first line: the title is read apart already
    declared = _LANG.search(markup[:5000])
    language = declared.group(1).lower() if declared else None
    return Page(url=url, text=text, title=title, publisher=_clean(values.get("sitename")),
                published=_day(values.get("date")), language=language if language in {"en", "fr"} else
                prose_language(text))


def article_meta(page: Page, stated: Stated, link: str) -> ArticleMeta:
    """The article's metadata: the moderator's values first, then the page's; a date is required."""
    published = stated.published or page.published
    if published is None:
        raise InvalidInput(f"The page at {link} does not say when it was published: give the date "
                           f"(YYYY-MM-DD) yourself.")
    language = stated.language or page.language
    if language not in {"en", "fr"}:
        raise InvalidInput(f"The article at {link} does not read as English or French, the languages "
                           f"layoffbot reads; give its language if it is one of them.")
    return ArticleMeta(url=link, title=stated.title or page.title, publisher=stated.publisher or page.publisher,
                       published=published, language=language)


# -- the download --------------------------------------------------------------------------------------


def _download(url: str, limits: PageLimits, resolve: Resolver) -> tuple[bytes, str, str, str | None]:
    deadline = time.monotonic() + limits.timeout
    opener = urllib.request.build_opener(_NoRedirects)
    for _ in range(MAX_REDIRECTS + 1):
        _check_host(url, limits, resolve)
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": ", ".join(_TYPES)})
        try:
            response = opener.open(request, timeout=_left(deadline, url))
        except urllib.error.HTTPError as error:
            if error.code in {301, 302, 303, 307, 308} and error.headers.get("Location"):
                url = urljoin(url, error.headers["Location"])
                check_url(url)  # a redirect to file:, ftp: or a disguised host is refused like a link would be
                continue
            raise InvalidInput(f"The page at {url} could not be read: the site answered {error.code} "
                               f"{error.reason}.") from None
        except (urllib.error.URLError, OSError) as error:
            raise InvalidInput(_network_problem(url, error)) from None
        with response:
            return _body(response, url, limits, deadline)
    raise InvalidInput(f"The link redirects more than {MAX_REDIRECTS} times; give the article's own address.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `_download`, which checks each new address before going there."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _body(response: Any, url: str, limits: PageLimits, deadline: float) -> tuple[bytes, str, str, str | None]:
    headers: Message = response.headers
    content_type = headers.get_content_type()
    if content_type not in _TYPES:
        raise InvalidInput(f"The link points to {content_type}, not a web page: give the article's page, or "
                           f"paste its text.")
    declared = headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise InvalidInput(_too_large(url, limits))
    chunks: list[bytes] = []
    size = 0
    stream = response
    while True:
        _left(deadline, url)
        chunk = stream.read1(_CHUNK)  # what has arrived: a page that trickles in meets the deadline
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise InvalidInput(_too_large(url, limits))
        chunks.append(chunk)
    return b"".join(chunks), response.geturl() or url, content_type, headers.get_content_charset()


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise InvalidInput(f"The page at {url} took too long to arrive; try again later, or paste its text.")
    return left


def _check_host(url: str, limits: PageLimits, resolve: Resolver) -> None:
    if limits.allow_private:
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = resolve(host)
    except OSError:
        raise InvalidInput(f"The site {host} could not be found: check the link.") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global:
            raise InvalidInput(f"The link leads to {host}, an address inside a private network, which "
                               f"layoffbot does not fetch: give a public article's link, or paste its text.")


def _addresses(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]


def _network_problem(url: str, error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"The page at {url} took too long to arrive; try again later, or paste its text."
    if isinstance(reason, socket.gaierror):
        return f"The site of {url} could not be found: check the link."
    if isinstance(reason, ConnectionRefusedError):
        return f"The site of {url} refused the connection; try again later, or paste the article's text."
    return f"The page at {url} could not be read ({reason}); try again later, or paste its text."


def _too_large(url: str, limits: PageLimits) -> str:
    return (f"The page at {url} is larger than {limits.max_bytes // 1024:,} KB, more than a news article: "
            f"paste the article's text instead.")


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value[:300] or None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
