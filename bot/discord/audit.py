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

from bot.discord.i18n import text
from bot.discord.messages import safe
from bot.discord.render import MODERATION, fit, link, truncate
from knowledge import BUNDLED_ACTOR, Action, Change, ChangeSet

if TYPE_CHECKING:
    from bot.discord.client import LayoffBot

log = logging.getLogger(__name__)
_ACTOR = re.compile(r"^(?P<name>.*) \((?P<id>\d+)\)$")  # how a Discord moderator is named: "mona (1300…)"

TITLES = {  # the audit channel is read by the bot's own moderators: in the bot's default language
    "en": {Action.CREATE: "Fact added", Action.EDIT: "Fact edited", Action.RETRACT: "Fact retracted",
           Action.RESTORE: "Fact restored", Action.UNDO: "Fact change undone", Action.APPROVE: "Candidate approved",
           Action.REJECT: "Candidate rejected", Action.MERGE: "Candidate merged",
           Action.EXTRACT: "Candidate extracted", Action.IMPORT: "Fact imported",
           Action.RESTORE_BACKUP: "Backup restored", "import": "Tracker import", "extract": "Article ingested"},
    "fr": {Action.CREATE: "Fait ajouté", Action.EDIT: "Fait modifié", Action.RETRACT: "Fait retiré",
           Action.RESTORE: "Fait rétabli", Action.UNDO: "Modification annulée", Action.APPROVE: "Candidat approuvé",
           Action.REJECT: "Candidat rejeté", Action.MERGE: "Candidat fusionné", Action.EXTRACT: "Candidat extrait",
           Action.IMPORT: "Fait importé", Action.RESTORE_BACKUP: "Sauvegarde restaurée",
           "import": "Import d'un suivi", "extract": "Article lu"},
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
        for embed in embeds(changes, self.bot.settings.answers.default_language):
            try:
                await channel.send(embed=fit(embed), allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException:
                log.warning("could not post to the audit channel", exc_info=True)


def embeds(changes: ChangeSet, language: str = "en") -> list[discord.Embed]:
    """One embed per changed fact, or one summary for a bulk change (an import, an article, a restore)."""
    titles = TITLES.get(language, TITLES["en"])
    if changes.summary is not None or len(changes.changes) > 3:
        title = titles.get(f"{changes.action}", titles.get(changes.action, str(changes.action))) \
            if changes.action in {Action.IMPORT, Action.EXTRACT} else titles.get(changes.action, str(changes.action))
        summary = changes.summary or "\n".join(
            f"#{c.fact_id} {titles.get(c.action, str(c.action))}: {c.after.summary}" for c in changes.changes)
        embed = discord.Embed(title=truncate(safe(f"{title}: {changes.reason}" if changes.reason else title), 256),
                              description=truncate(safe(summary), 4000), colour=MODERATION)
        return [_who(embed, changes.actor, language)]
    return [_who(fact_embed(change, language), change.actor, language) for change in changes.changes]


def fact_embed(change: Change, language: str = "en") -> discord.Embed:
    """A change to one fact: what, before and after, and where to see its history."""
    record = change.record
    titles = TITLES.get(language, TITLES["en"])
    embed = discord.Embed(title=truncate(f"{titles.get(change.action, change.action)} · #{record.id}", 256),
                          colour=MODERATION)
    embed.add_field(name=text(language, "audit_version"), value=f"v{record.version} · {record.status}", inline=True)
    if change.reason:
        embed.add_field(name=text(language, "audit_why"), value=truncate(safe(change.reason), 1024), inline=False)
    changed = change.differences()
    if changed:
        embed.add_field(name=text(language, "audit_before"), value=truncate(
            "\n".join(f"{k}: {safe(_shown(b))}" for k, (b, _) in changed.items()), 1024), inline=True)
        embed.add_field(name=text(language, "audit_after"), value=truncate(
            "\n".join(f"{k}: {safe(_shown(a))}" for k, (_, a) in changed.items()), 1024), inline=True)
    else:
        embed.add_field(name=text(language, "audit_fact"), value=truncate(safe(record.state.summary), 1024),
                        inline=False)
    source = link(record.link)  # the host it opens, as everywhere
    embed.add_field(name=text(language, "audit_open"),
                    value=f"`/fact history id:{record.id}`" + (f" · {source}" if source else ""), inline=False)
    return embed


def _who(embed: discord.Embed, actor: str, language: str) -> discord.Embed:
    """Name who acted first: a Discord moderator by mention (which never pings here) and name."""
    found = _ACTOR.match(actor)
    who = f"<@{found['id']}> ({safe(found['name'])})" if found else safe(actor)
    embed.insert_field_at(0, name=text(language, "audit_who"), value=who, inline=True)
    return embed


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value is None or value == "" else str(value)
