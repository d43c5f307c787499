"""News of new facts as embeds: a watcher's direct message, a feed channel's posts.

A bulletin holds every new fact one recipient should hear of at once, however many: the embed names each
(company, figure, when, what happened to it) with a numbered citation, up to `SHOWN` of them, and says how
many more there were, so an import of thousands of rows is one readable message.  A feed with a few new facts
gets one post each; with more, one summary (`feed_posts`).
"""

from __future__ import annotations

import discord

from bot.discord.i18n import text
from bot.discord.messages import safe
from bot.discord.render import ANSWERED, add_lines, fit, source_line, truncate
from knowledge import Bulletin, FactKind, NewsItem, SourceView, format_day

SHOWN = 10  # facts listed in one bulletin; the rest are counted
FEED_EACH = 5  # a feed gets one post per new fact up to this many at once, then one summary


def what_happened(item: NewsItem, language: str) -> str:
    if item.action == "import":
        return text(language, "news_import", origin=item.origin) if item.origin else \
            text(language, "news_import_unnamed")
    return text(language, "news_approve" if item.action == "approve" else "news_create")


def when(item: NewsItem, language: str) -> str:
    state = item.state
    if state.announced:
        return format_day(state.announced, language)
    days = [format_day(day, language) for day in (state.period_start, state.period_end) if day]
    return " – ".join(dict.fromkeys(days)) or text(language, "undated")


def item_line(item: NewsItem, language: str, number: int | None) -> str:
    """ "**AWS** — 400 laid off · 5 March 2024 · added by a moderator [1]" and its summary, escaped."""
    company = safe(item.company or text(language, "whole_industry"))
    figure = item.state.figure(language)
    if figure and item.state.kind == FactKind.LAYOFF:
        figure = text(language, "news_laid_off", figure=figure)
    details = ([safe(figure)] if figure else []) + [safe(when(item, language)), safe(what_happened(item, language))]
    line = f"**{company}** — {' · '.join(details)}" + (f" [{number}]" if number is not None else "")
    return line + (f"\n{safe(truncate(item.state.summary, 200))}" if item.state.summary else "")


def _numbered(items: tuple[NewsItem, ...]) -> tuple[list[int | None], list[SourceView]]:
    """Each item's citation number, and the sources in that order (a source cited twice has one number)."""
    sources: dict[int, int] = {}
    numbers: list[int | None] = []
    shown: list[SourceView] = []
    for item in items:
        if item.source is None:
            numbers.append(None)
            continue
        if item.source.id not in sources:
            sources[item.source.id] = len(shown) + 1
            shown.append(item.source)
        numbers.append(sources[item.source.id])
    return numbers, shown


def bulletin_embed(bulletin: Bulletin, title_one: str = "news_one", title_many: str = "news_many") -> discord.Embed:
    """The facts of a bulletin in one embed: each named and cited, the first `SHOWN`, then how many more."""
    language, items = bulletin.language, bulletin.items
    shown = items[:SHOWN]
    if len(items) == 1:
        title = text(language, title_one, subject=items[0].company or text(language, "whole_industry"))
    else:
        title = text(language, title_many, count=f"{len(items):,}")
    numbers, sources = _numbered(shown)
    lines = [item_line(item, language, number) for item, number in zip(shown, numbers, strict=True)]
    if len(items) > SHOWN:
        lines.append(text(language, "news_more", count=f"{len(items) - SHOWN:,}"))
    embed = discord.Embed(title=truncate(safe(title), 256), description="\n\n".join(lines), colour=ANSWERED)
    add_lines(embed, text(language, "sources"), text(language, "sources_more"),
              [source_line(number, source, language) for number, source in enumerate(sources, start=1)])
    if bulletin.member_id is not None:
        embed.set_footer(text=text(language, "news_footer"))
    return fit(embed)


def feed_posts(bulletin: Bulletin) -> list[discord.Embed]:
    """A feed's posts: one per new fact when there are few, else one summary."""
    if len(bulletin.items) <= FEED_EACH:
        return [bulletin_embed(Bulletin(bulletin.language, (item,), guild_id=bulletin.guild_id,
                                        channel_id=bulletin.channel_id), "feed_one", "feed_many")
                for item in bulletin.items]
    return [bulletin_embed(bulletin, "feed_one", "feed_many")]
