"""Logging set-up: every line says which guild, channel and command it is about.

Handlers log through `for_interaction` / `for_message`, adapters that add
those fields; lines from elsewhere (discord.py, the core) show "-" for them.
The token is never logged: a filter removes it from every record as a last
line of defence, whatever a library prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import discord

from knowledge import Answer

FORMAT = "%(asctime)s %(levelname)s %(name)s [guild=%(guild)s channel=%(channel)s command=%(command)s] %(message)s"
_FIELDS = ("guild", "channel", "command")


class _ContextDefaults(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for name in _FIELDS:
            if not hasattr(record, name):
                setattr(record, name, "-")
        return True


class _Redact(logging.Filter):
    """Replaces a secret wherever it appears in a record's message or arguments."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret and self.secret in record.getMessage():
            record.msg = record.getMessage().replace(self.secret, "[token]")
            record.args = ()
        return True


def configure(level: int = logging.INFO, secret: str | None = None) -> None:
    """Root logging for the bot process (stderr), with context fields and the token redacted."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(_ContextDefaults())
    if secret:
        handler.addFilter(_Redact(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("discord").setLevel(max(level, logging.INFO))
    logging.getLogger("discord.gateway").setLevel(max(level, logging.WARNING))


class _Adapter(logging.LoggerAdapter):  # type: ignore[type-arg]
    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        kwargs["extra"] = {**(self.extra or {}), **kwargs.get("extra", {})}
        return msg, kwargs


def for_interaction(logger: logging.Logger, interaction: discord.Interaction) -> logging.LoggerAdapter:  # type: ignore[type-arg]
    data: Mapping[str, Any] = interaction.data or {}
    command = interaction.command.qualified_name if interaction.command else (
        str(data.get("custom_id") or interaction.type.name))
    return _Adapter(logger, {"guild": interaction.guild_id or "dm", "channel": interaction.channel_id or "-",
                             "command": command})


def for_message(logger: logging.Logger, message: discord.Message) -> logging.LoggerAdapter:  # type: ignore[type-arg]
    return _Adapter(logger, {"guild": message.guild.id if message.guild else "dm", "channel": message.channel.id,
                             "command": "mention" if message.guild else "dm"})


def answered(logger: logging.Logger, context: Callable[[], logging.LoggerAdapter], answer: Answer,  # type: ignore[type-arg]
             about: str = "") -> None:
    """One line per answer (answered or not, the intent, the facts), at debug level (`run -vv`): every question is
    in the answer log already, and a line per question at the default level was about 4% of the bot's CPU under
    load (benchmarks.load).  `context` makes the adapter naming the guild and channel, only when the line is kept."""
    if logger.isEnabledFor(logging.DEBUG):
        context().debug("%sanswered=%s intent=%s facts=%s", about, answer.answered, answer.intent,
                        [fact.id for fact in answer.facts])
