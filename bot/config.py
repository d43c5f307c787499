"""Typed settings, read once from config.toml and the environment.

Nothing else in the program reads files or environment variables for its
configuration: the command line builds a `Settings` here and passes the
parts each component needs.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from knowledge import (
    FETCH_TIMEOUT,
    MAX_BACKUP_BYTES,
    MAX_IMPORT_BYTES,
    MAX_PAGE_BYTES,
    MAX_WATCHES,
    WRITE_WAIT,
    AnswerSettings,
    InvalidInput,
    PageLimits,
    read_limited,
)

ENV_CONFIG = "LAYOFFBOT_CONFIG"
ENV_DATABASE = "LAYOFFBOT_DATABASE_URL"
ENV_TOKEN = "DISCORD_TOKEN"
ENV_DISCORD_API = "LAYOFFBOT_DISCORD_API"  # e.g. http://127.0.0.1:8080/api/v10 (tests)
ENV_DISCORD_GATEWAY = "LAYOFFBOT_DISCORD_GATEWAY"  # e.g. ws://127.0.0.1:8080/gateway (tests)
_PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "sqlite:///data/layoffbot.db"
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(Exception):
    """The configuration cannot be used; the message says which setting and why."""


@dataclass(frozen=True)
class DiscordSettings:
    guild_ids: tuple[int, ...] = ()
    # Servers where moderators may change the shared knowledge base (empty: the servers in guild_ids).
    moderator_guild_ids: tuple[int, ...] = ()
    moderator_role_ids: tuple[int, ...] = ()
    audit_channel_id: int = 0
    cooldown_rate: int = 5
    cooldown_seconds: float = 60.0
    answer_mentions: bool = True
    sync_commands: bool = True
    shard_ids: tuple[int, ...] = ()
    shard_count: int = 0
    max_attachment_bytes: int = 8 * 1024 * 1024
    max_import_rows: int = 50_000
    # Most companies and industries one member may watch (at most 25: what one autocomplete list shows).
    max_watches: int = MAX_WATCHES
    # Seconds between looks at the outbox of new facts to announce (a change made in this process is
    # announced at once; one made by another process or the command line within this delay).
    news_interval: float = 1.0
    # Where Discord is: only ever changed (through the environment) to run against a
    # local stand-in in tests, or through an HTTP proxy.
    api_base: str | None = None
    gateway: str | None = None

    @property
    def moderation_guilds(self) -> frozenset[int]:
        """The servers whose moderators may change facts; empty means moderation in Discord is off.

        Every server that adds the bot shares one knowledge base, so rights from any other
        server (whose administrators the owner does not choose) must count for nothing.
        """
        return frozenset(self.moderator_guild_ids or self.guild_ids)


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE
    max_backup_bytes: int = MAX_BACKUP_BYTES  # largest backup file `kb import --format json` reads
    max_import_bytes: int = MAX_IMPORT_BYTES  # largest tracker export `kb import --format layoffs-fyi` reads
    # Seconds a change waits for another import, ingestion, restore or change to finish.
    write_wait: float = WRITE_WAIT
    # Whether the URL came from --db or LAYOFFBOT_DATABASE_URL: a SQLite file named there must exist already
    # (a misspelt path must not become a new, empty knowledge base), unless the command creates on purpose.
    database_explicit: bool = False
    answers: AnswerSettings = field(default_factory=AnswerSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    pages: PageLimits = field(default_factory=PageLimits)  # fetching articles from a link
    config_path: Path | None = None


def user_config_path() -> Path:
    """Where an installation keeps its own settings, outside the clone (so `git pull` never conflicts)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "layoffbot" / "config.toml"


def find_config(explicit: str | None) -> Path | None:
    """The config file to read: --config, $LAYOFFBOT_CONFIG, ~/.config/layoffbot/config.toml, ./config.toml,
    then the project's own (which holds the documented defaults)."""
    if explicit:
        path = Path(explicit).expanduser()
        if path.is_dir():
            raise ConfigError(f"No configuration file at {path}: it is a folder; give the path of the file.")
        if not path.is_file():
            raise ConfigError(f"No configuration file at {path}.")
        return path
    if os.environ.get(ENV_CONFIG):
        return find_config(os.environ[ENV_CONFIG])
    for candidate in (user_config_path(), Path.cwd() / "config.toml", _PROJECT_ROOT / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_settings(config: str | None = None, database: str | None = None) -> Settings:
    """Settings from the config file, the environment, then command-line overrides."""
    path = find_config(config)
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(read_limited(path, MAX_CONFIG_BYTES, "a configuration file").decode("utf-8"))
        except InvalidInput as error:
            raise ConfigError(str(error)) from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"Cannot read {path}: {error}") from error
    _reject_unknown(raw, {"database", "answers", "discord", "articles"}, "")
    db = raw.get("database", {})
    _reject_unknown(db, {"url", "max_backup_bytes", "max_import_bytes", "write_wait"}, "database.")
    max_backup, max_import = (db.get(name, default) for name, default in (
        ("max_backup_bytes", MAX_BACKUP_BYTES), ("max_import_bytes", MAX_IMPORT_BYTES)))
    for name, value in (("max_backup_bytes", max_backup), ("max_import_bytes", max_import)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"database.{name} must be a whole number of bytes, at least 1.")
    write_wait = db.get("write_wait", WRITE_WAIT)
    if not isinstance(write_wait, int | float) or isinstance(write_wait, bool) or not 0 <= write_wait <= 3600:
        raise ConfigError("database.write_wait must be a number of seconds from 0 to 3600.")
    answers = raw.get("answers", {})
    _reject_unknown(answers, {f.name for f in fields(AnswerSettings)}, "answers.")
    url = database or os.environ.get(ENV_DATABASE) or db.get("url") or DEFAULT_DATABASE
    base = path.parent if path is not None and not (database or os.environ.get(ENV_DATABASE)) else Path.cwd()
    answers = {**answers, "snapshot_cache": snapshot_cache(answers.get("snapshot_cache", "auto"))}
    try:
        answer_settings = AnswerSettings(**answers)
    except TypeError as error:
        raise ConfigError(f"Invalid [answers] settings: {error}") from error
    _check_answers(answer_settings)
    return Settings(database_url=resolve_sqlite_path(str(url), base), max_backup_bytes=max_backup,
                    max_import_bytes=max_import,
                    write_wait=float(write_wait), database_explicit=bool(database or os.environ.get(ENV_DATABASE)),
                    answers=answer_settings, discord=_discord(raw.get("discord", {})),
                    pages=_pages(raw.get("articles", {})), config_path=path)


def snapshot_cache(value: object) -> str:
    """The folder snapshots are saved in: "auto" is the user's cache folder, "" none at all."""
    if not isinstance(value, str):
        raise ConfigError('answers.snapshot_cache must be a folder, "auto" or "" (none).')
    if value != "auto":
        return str(Path(value).expanduser()) if value else ""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base).expanduser() / "layoffbot" / "snapshots")


def _pages(section: dict[str, Any]) -> PageLimits:
    _reject_unknown(section, {"fetch_timeout", "max_page_bytes", "allow_private_addresses"}, "articles.")
    timeout = section.get("fetch_timeout", FETCH_TIMEOUT)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 1 <= timeout <= 120:
        raise ConfigError("articles.fetch_timeout must be a number of seconds from 1 to 120.")
    size = section.get("max_page_bytes", MAX_PAGE_BYTES)
    if not isinstance(size, int) or isinstance(size, bool) or not 10_000 <= size <= 50_000_000:
        raise ConfigError("articles.max_page_bytes must be a whole number of bytes from 10000 to 50000000.")
    private = section.get("allow_private_addresses", False)
    if not isinstance(private, bool):
        raise ConfigError("articles.allow_private_addresses must be true or false.")
    return PageLimits(timeout=float(timeout), max_bytes=size, allow_private=private)


def _discord(section: dict[str, Any]) -> DiscordSettings:
    _reject_unknown(section, {f.name for f in fields(DiscordSettings)} - {"api_base", "gateway"}, "discord.")
    values: dict[str, Any] = {}
    for item in fields(DiscordSettings):
        if item.name not in section:
            continue
        value = section[item.name]
        if item.name in {"guild_ids", "moderator_guild_ids", "moderator_role_ids", "shard_ids"}:
            if not isinstance(value, list) or not all(isinstance(v, int) and v >= 0 for v in value):
                raise ConfigError(f"discord.{item.name} must be a list of numeric IDs, e.g. [123456789012345678].")
            value = tuple(value)
        elif item.name in {"answer_mentions", "sync_commands"}:
            if not isinstance(value, bool):
                raise ConfigError(f"discord.{item.name} must be true or false.")
        elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"discord.{item.name} must be a number of at least 0.")
        values[item.name] = value
    values["api_base"] = os.environ.get(ENV_DISCORD_API) or None
    values["gateway"] = os.environ.get(ENV_DISCORD_GATEWAY) or None
    settings = DiscordSettings(**values)
    if settings.cooldown_rate < 1 or settings.cooldown_seconds <= 0:
        raise ConfigError("discord.cooldown_rate must be at least 1 and discord.cooldown_seconds more than 0.")
    if settings.shard_ids and not settings.shard_count:
        raise ConfigError("discord.shard_ids needs discord.shard_count (the total number of shards).")
    if any(i >= settings.shard_count for i in settings.shard_ids):
        raise ConfigError("Every discord.shard_ids entry must be below discord.shard_count.")
    if not isinstance(settings.max_watches, int) or not 1 <= settings.max_watches <= MAX_WATCHES:
        raise ConfigError(f"discord.max_watches must be a whole number from 1 to {MAX_WATCHES}.")
    if not 0.1 <= settings.news_interval <= 60:
        raise ConfigError("discord.news_interval must be a number of seconds from 0.1 to 60.")
    return settings


def discord_token() -> str | None:
    """The bot's token, from the environment only (never from a file in the repository)."""
    token = os.environ.get(ENV_TOKEN, "").strip()
    return token or None


def resolve_sqlite_path(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to `base` (the config file's folder)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return url
    path = url[len(prefix):]
    if not path or path == ":memory:" or path.startswith("/"):
        return url
    return prefix + str((base / path).resolve())


def _reject_unknown(section: dict[str, Any], allowed: set[str], prefix: str) -> None:
    if not isinstance(section, dict):
        raise ConfigError(f"[{prefix.rstrip('.')}] must be a table of settings.")
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise ConfigError(f"Unknown setting(s) in config.toml: {', '.join(prefix + k for k in unknown)}. "
                          f"Known: {', '.join(prefix + k for k in sorted(allowed))}.")


def _check_answers(answers: AnswerSettings) -> None:
    if not 0 <= answers.min_confidence <= 1:
        raise ConfigError("answers.min_confidence must be between 0 and 1.")
    if not 0.5 <= answers.fuzzy_cutoff <= 1:
        raise ConfigError("answers.fuzzy_cutoff must be between 0.5 and 1.")
    if answers.default_language not in {"en", "fr"}:
        raise ConfigError('answers.default_language must be "en" or "fr".')
    if answers.max_citations < 1:
        raise ConfigError("answers.max_citations must be at least 1.")
    if not isinstance(answers.recent_answers, int) or isinstance(answers.recent_answers, bool) \
            or not 0 <= answers.recent_answers <= 1_000_000:
        raise ConfigError("answers.recent_answers must be a whole number from 0 to 1000000.")
