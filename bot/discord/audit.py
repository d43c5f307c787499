"""The audit channel: every change made through this bot, posted once, by subscribing to the knowledge base.

Handlers never post to the audit channel themselves: the knowledge base announces each change it
committed (who, what, before and after), and this subscriber turns it into an embed.  Announcements
come from the thread that made the change; the post is scheduled on the bot's event loop.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.discord.render import MODERATION, fit, link, safe, truncate
from knowledge import BUNDLED_ACTOR, Action, Change, ChangeSet

if TYPE_CHECKING:
    from bot.discord.client import LayoffBot

log = logging.getLogger(__name__)
_ACTOR = re.compile(r"^(?P<name>.*) \((?P<id>\d+)\)$")  # how a Discord moderator is named: "mona (1300…)"

TITLES = {
    Action.CREATE: "Fact added", Action.EDIT: "Fact edited", Action.RETRACT: "Fact retracted",
    Action.RESTORE: "Fact restored", Action.UNDO: "Fact change undone", Action.APPROVE: "Candidate approved",
    Action.REJECT: "Candidate rejected", Action.MERGE: "Candidate merged", Action.EXTRACT: "Candidate extracted",
    Action.IMPORT: "Fact imported",
}


class AuditChannel:
    """Subscribes to the knowledge base; posts each change set to the configured audit channel."""

    def __init__(self, bot: LayoffBot) -> None:
        self.bot = bot

    def __call__(self, changes: ChangeSet) -> None:
        if not self.bot.settings.discord.audit_channel_id or changes.actor == BUNDLED_ACTOR:
            return
        asyncio.run_coroutine_threadsafe(self.post(changes), self.bot.loop)

    async def post(self, changes: ChangeSet) -> None:
        channel_id = self.bot.settings.discord.audit_channel_id
        channel = self.bot.get_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("audit channel %s not found", channel_id)
            return
        for embed in embeds(changes):
            try:
                await channel.send(embed=fit(embed), allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException:
                log.warning("could not post to the audit channel", exc_info=True)


def embeds(changes: ChangeSet) -> list[discord.Embed]:
    """One embed per changed fact, or one summary for a bulk change (an import, an article, a restore)."""
    if changes.summary is not None or len(changes.changes) > 3:
        title = {Action.IMPORT: "Tracker import", Action.EXTRACT: "Article ingested",
                 Action.RESTORE_BACKUP: "Backup restored"}.get(changes.action, TITLES.get(changes.action, "Change"))
        text = changes.summary or "\n".join(f"#{c.fact_id} {TITLES.get(c.action, c.action)}: {c.after.summary}"
                                            for c in changes.changes)
        embed = discord.Embed(title=truncate(safe(f"{title}: {changes.reason}" if changes.reason else title), 256),
                              description=truncate(safe(text), 4000), colour=MODERATION)
        return [_who(embed, changes.actor)]
    return [_who(fact_embed(change), change.actor) for change in changes.changes]


def fact_embed(change: Change) -> discord.Embed:
    """A change to one fact: what, before and after, and where to see its history."""
    record = change.record
    embed = discord.Embed(title=truncate(f"{TITLES.get(change.action, change.action)} · fact #{record.id}", 256),
                          colour=MODERATION)
    embed.add_field(name="Version", value=f"v{record.version} · {record.status}", inline=True)
    if change.reason:
        embed.add_field(name="Why", value=truncate(safe(change.reason), 1024), inline=False)
    changed = change.differences()
    if changed:
        embed.add_field(name="Before", value=truncate("\n".join(f"{k}: {safe(_shown(b))}" for k, (b, _) in
                                                                 changed.items()), 1024), inline=True)
        embed.add_field(name="After", value=truncate("\n".join(f"{k}: {safe(_shown(a))}" for k, (_, a) in
                                                                changed.items()), 1024), inline=True)
    else:
        embed.add_field(name="Fact", value=truncate(safe(record.state.summary), 1024), inline=False)
    source = link(record.link)  # the host it opens, as everywhere
    embed.add_field(name="Open", value=f"`/fact history id:{record.id}`" + (f" · {source}" if source else ""),
                    inline=False)
    return embed


def _who(embed: discord.Embed, actor: str) -> discord.Embed:
    """Name who acted first: a Discord moderator by mention (which never pings here) and name."""
    found = _ACTOR.match(actor)
    who = f"<@{found['id']}> ({safe(found['name'])})" if found else safe(actor)
    embed.insert_field_at(0, name="Who", value=who, inline=True)
    return embed


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value is None or value == "" else str(value)
