"""Rendering answers and facts as Discord embeds that are safe and always within limits.

Text from questions, facts and imported files is escaped (no markdown
tricks, no masked links, no mentions) before it reaches Discord, and every
embed is trimmed to Discord's limits (title 256, description 4096, field
1024, 25 fields, 6000 in all) with an ellipsis, so sending never fails on
length.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from datetime import date
from typing import Any

import discord

from bot.discord.i18n import text
from bot.discord.messages import safe
from knowledge import (
    Answer,
    FactRecord,
    Reference,
    RevisionRecord,
    SourceView,
    format_day,
    source_label,
    url_host,
)

TITLE, DESCRIPTION, FIELD_NAME, FIELD_VALUE, FIELDS, FOOTER, TOTAL = 256, 4096, 256, 1024, 25, 2048, 6000
ELLIPSIS = "…"
ANSWERED = discord.Colour.from_rgb(46, 139, 87)
DECLINED = discord.Colour.light_grey()
MODERATION = discord.Colour.orange()

def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


_LINK_TARGET = str.maketrans({c: f"%{ord(c):02X}" for c in " ()[]<>\\"})


def link(url: str | None) -> str:
    """A source link whose visible text is the host it opens, so it never hides where it goes.

    A stored link that is not a plain http(s) address (one saved before links were checked as strictly)
    is not shown at all rather than shown as somewhere else. Characters that markdown reads as the end of
    a link, or the start of another, are percent-encoded in its target: the target stays one address, and
    nothing in it becomes a link of its own.
    """
    host = url_host(url)
    if not url or host is None:
        return ""
    return f"[{safe(host)}]({url.translate(_LINK_TARGET)})"


def source_line(number: int, source: SourceView, language: str) -> str:
    return reference_line(Reference(number, source, source_label(source, language)))


def reference_line(reference: Reference) -> str:
    """ "**[1]** Publisher, “Title”, date — [host](link)": the core's naming of a source, escaped and linked."""
    target = link(reference.label.url)
    return f"**[{reference.number}]** {safe(reference.label.head)}{' — ' + target if target else ''}"


def answer_embed(answer: Answer) -> discord.Embed:
    language = answer.language
    description = safe(answer.body)
    if answer.notes:
        description += "\n\n" + "\n".join(f"*{safe(note)}*" for note in answer.notes)
    embed = discord.Embed(title=truncate(safe(answer.question) or "?", TITLE), description=description,
                          colour=ANSWERED if answer.answered else DECLINED)
    add_lines(embed, text(language, "sources"), text(language, "sources_more"),
              [reference_line(r) for r in answer.references])
    if not answer.answered and answer.suggestions:
        add_lines(embed, text(language, "you_could_ask"), text(language, "you_could_ask"),
                  [f"• {safe(s)}" for s in answer.suggestions[:5]])
    updated = [c.fact.updated_at for c in answer.citations if c.fact.updated_at]
    if updated:
        embed.set_footer(text=text(language, "facts_as_of", day=format_day(max(updated).date(), language)))
    return fit(embed)


class AnswerEmbeds:
    """Each recent answer's embed, rendered once.

    The same answer object comes back for the same question (`knowledge.answering.recent`), and escaping and
    trimming it is most of what sending it costs the bot beyond Discord's own work; a copy rebuilt from the
    rendered form is a twentieth of that.  Answers are remembered by identity (and kept, so an identity is
    never reused while remembered); each call returns an embed of its own, free to change (a chart's image).
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._rendered: OrderedDict[int, tuple[Answer, dict[str, Any]]] = OrderedDict()

    def __call__(self, answer: Answer) -> discord.Embed:
        remembered = self._rendered.get(id(answer))
        if remembered is not None and remembered[0] is answer:
            self._rendered.move_to_end(id(answer))
            return discord.Embed.from_dict(copy.deepcopy(remembered[1]))
        embed = answer_embed(answer)
        self._rendered[id(answer)] = (answer, copy.deepcopy(dict(embed.to_dict())))
        if len(self._rendered) > self.size:
            self._rendered.popitem(last=False)
        return embed


def add_lines(embed: discord.Embed, name: str, continued: str, lines: list[str]) -> None:
    """Lines in as few fields as they fit, each field within its limit; a line too long is cut."""
    value = ""
    first = True
    for line in lines:
        line = truncate(line, FIELD_VALUE)
        if value and len(value) + 1 + len(line) > FIELD_VALUE:
            embed.add_field(name=name if first else continued, value=value, inline=False)
            first, value = False, ""
        value = f"{value}\n{line}" if value else line
    if value:
        embed.add_field(name=name if first else continued, value=value, inline=False)


def fit(embed: discord.Embed) -> discord.Embed:
    """Trim an embed to Discord's limits, keeping the beginning of everything."""
    if embed.title:
        embed.title = truncate(embed.title, TITLE)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION)
    if embed.footer and embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    fields = embed.fields[:FIELDS]
    embed.clear_fields()
    for item in fields:
        embed.add_field(name=truncate(item.name or "-", FIELD_NAME), value=truncate(item.value or "-", FIELD_VALUE),
                        inline=bool(item.inline))
    while len(embed) > TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > TOTAL and embed.description:
        embed.description = truncate(embed.description, max(1, len(embed.description) - (len(embed) - TOTAL)))
    return embed


def fact_embed(record: FactRecord, title: str, language: str = "en",
               colour: discord.Colour = MODERATION) -> discord.Embed:
    """A fact as moderators see it: every field, status, version and sources with evidence."""
    state = record.state
    embed = discord.Embed(title=truncate(safe(title), TITLE), colour=colour, description=safe(state.summary))
    figure = state.figure(language)
    when = state.announced.isoformat() if state.announced else " – ".join(
        x.isoformat() for x in (state.period_start, state.period_end) if x)
    embed.add_field(name=text(language, "field_company"),
                    value=safe(record.company or text(language, "whole_industry")), inline=True)
    embed.add_field(name=text(language, "field_kind"), value=str(state.kind), inline=True)
    embed.add_field(name=text(language, "field_status"), value=f"{record.status} · v{record.version}", inline=True)
    if figure:
        embed.add_field(name=text(language, "field_figure"), value=safe(figure), inline=True)
    embed.add_field(name=text(language, "field_when"), value=safe(when or text(language, "undated")), inline=True)
    if state.labels or state.detail:
        embed.add_field(name=text(language, "field_details"), value=safe(", ".join(state.labels) + (
            f" {state.detail}" if state.detail else "")), inline=False)
    if state.note:
        embed.add_field(name=text(language, "field_note"), value=safe(state.note), inline=False)
    lines = []
    for index, (source, evidence) in enumerate(record.sources, start=1):
        line = source_line(index, source, language)
        if evidence:
            line += f"\n> {safe(truncate(evidence, 300))}"
        lines.append(line)
    add_lines(embed, text(language, "sources"), text(language, "sources_more"), lines)
    when_changed = record.updated_at.strftime("%Y-%m-%d %H:%M UTC") if record.updated_at else "?"
    embed.set_footer(text=text(language, "fact_footer", id=record.id, who=safe(record.updated_by), when=when_changed))
    return fit(embed)


def history_embed(fact_id: int, revisions: list[RevisionRecord], page: int = 0, per_page: int = 8,
                  language: str = "en") -> discord.Embed:
    embed = discord.Embed(title=text(language, "history_title", id=fact_id), colour=MODERATION)
    start = page * per_page
    for revision in revisions[start:start + per_page]:
        changes = revision.changes() if revision.before is not None else {}
        lines = [f"{safe(str(k))}: {safe(_short(before))} → {safe(_short(after))}" for k, (before, after) in
                 changes.items()]
        why = f"\n*{safe(revision.reason)}*" if revision.reason else ""
        value = ("\n".join(lines) or text(language, "created" if revision.before is None else "no_field_changed")) + why
        embed.add_field(name=truncate(f"v{revision.version} · {revision.action} by {safe(revision.actor)} · "
                                      f"{revision.at:%Y-%m-%d %H:%M}", FIELD_NAME),
                        value=truncate(value, FIELD_VALUE), inline=False)
    pages = max(1, -(-len(revisions) // per_page))
    embed.set_footer(text=text(language, "history_footer", page=page + 1, pages=pages, count=len(revisions)))
    return fit(embed)


def _short(value: object) -> str:
    if isinstance(value, tuple):
        value = ", ".join(str(item) for item in value)
    text = "—" if value is None or value == "" else str(value)
    return truncate(text, 120)


def day_text(value: date | None, language: str) -> str:
    return format_day(value, language) if value else "?"


__all__ = ["ANSWERED", "DECLINED", "MODERATION", "add_lines", "answer_embed", "day_text",
           "fact_embed", "fit", "history_embed", "link", "reference_line", "source_line", "truncate"]
