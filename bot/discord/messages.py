"""Text that reaches Discord: escaped by default, written as markup only on purpose.

Anything we send may quote what others wrote: a question, a fact's summary,
a company name from a tracker, an error message from the core that repeats
them.  Discord would render that as markdown, so a crafted name could become
a live link showing one address and opening another, or a mention.  Every
message's text therefore goes through `message_text`, which escapes it
unless it is `Markup`: text we wrote ourselves whose data parts went through
`safe` already.  Embeds are built the same way (`bot.discord.render`).
"""

from __future__ import annotations

import re

import discord

MAX_CONTENT = 2000  # Discord's limit on a message's text
_URL = re.compile(r"https?://[^\s<>\[\]]+")  # left as written: Discord links it, and an escape inside would break it
_INLINE = re.compile(r"[\\*_~`|\[\]<]")  # emphasis, code, spoilers, masked links, <mentions>, <links>, <emoji>
_BLOCK = re.compile(r"^([ \t]*)([#>-]|\d+(?=\.))", re.MULTILINE)  # headings, quotes, subtext, lists


class Markup(str):
    """Text whose markdown is ours (code spans, links); any data in it was escaped with `safe`."""

    __slots__ = ()


def safe(text: str) -> str:
    """Text shown as written: markdown, masked links and mentions neutralised.

    Each character markdown could read is escaped on its own.  (discord.py's `escape_markdown` escapes a
    masked link as one unit, only its first bracket, and whatever follows on the line is left as it was:
    in "[a] [b](https://evil.example) **c**" the second link and the bold stayed live.)
    """
    parts, start = [], 0
    for url in _URL.finditer(text):
        parts += [_escaped_markdown(text[start:url.start()]), url.group()]
        start = url.end()
    parts.append(_escaped_markdown(text[start:]))
    return discord.utils.escape_mentions("".join(parts))


def _escaped_markdown(text: str) -> str:
    text = _INLINE.sub(r"\\\g<0>", text)
    return _BLOCK.sub(lambda m: f"{m[1]}\\{m[2]}" if not m[2][0].isdigit() else f"{m[1]}{m[2]}\\", text)


_ESCAPED = re.compile(r"\\([\\*_~`|\[\]<#>\-.])")


def plain(shown: str) -> str:
    """What `safe` was given, from what it returned: text read back from a message we sent (the reason
    a confirmation showed), so it is kept as the moderator typed it, not with our escapes."""
    return _ESCAPED.sub(r"\1", shown.replace("@\u200b", "@"))


def escaped(text: str) -> Markup:
    """`text` ready to show: plain text escaped once, markup left as written."""
    return text if isinstance(text, Markup) else Markup(safe(text))


def message_text(text: str, limit: int = MAX_CONTENT) -> str:
    """A message's text as it is sent: escaped unless it is markup, and within `limit` characters."""
    shown = escaped(text)
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip().rstrip("\\") + "…"
