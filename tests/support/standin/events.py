"""What users do, as the gateway events a test dispatches: slash commands, message commands (a context menu
on a message), autocomplete, component clicks, modal submits, guild messages and DMs.

Each builder returns the payload Discord would send, consistent with the world (resolved permissions, synced
command ids, DM channels, downloadable attachments), from the default channel, another guild's channel
(``channel_id``) or a DM (``dm``). Sending it is ``dispatch``'s job.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tests.support.standin.messages import Messages, timestamp
from tests.support.standin.world import ALL_PERMISSIONS, FakeAttachment, FakeChannel, FakeGuild, FakeUser

ATTACHMENT_SIZE_LIMIT = 25 * 1024 * 1024


class Events(Messages):
    """The payload builders, mixed into the stand-in."""

    def _locate(self, channel_id: int | None) -> tuple[FakeGuild, FakeChannel]:
        if channel_id is None:
            return self.guild, self.channel
        for guild in self.guilds:
            if (channel := guild.channel(channel_id)) is not None:
                return guild, channel
        raise ValueError(f"unknown guild channel {channel_id}")

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user: FakeUser | None,
        channel_id: int | None,
        dm: bool,
        message: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        user = user or self.user
        interaction_id = self.snowflake()
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "token": f"standin-{interaction_id}-{secrets.token_urlsafe(24)}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if dm:
            dm_id = channel_id or self._dm_channel_id(user)
            payload |= {
                "channel_id": str(dm_id),
                "channel": self._dm_payload(user, dm_id),
                "user": user.to_user(),
                "context": 1,
                "app_permissions": str(ALL_PERMISSIONS),
            }
        else:
            guild, channel = self._locate(channel_id)
            permissions = str(self.permissions_for(user, guild))
            payload |= {
                "guild_id": str(guild.id),
                "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
                "guild_locale": "en-US",
                "channel_id": str(channel.id),
                "channel": channel.to_payload(guild.id) | {"permissions": permissions},
                "member": user.to_member() | {"permissions": permissions},
                "app_permissions": str(self.permissions_for(self.bot_user, guild)),
                "authorizing_integration_owners": {"0": str(guild.id)},
                "context": 0,
            }
        if message is not None:
            payload["message"] = dict(message)
        return payload

    def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        group: str | None = None,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 2) for ``/name [group] [subcommand] options...``.

        Option types come from the values: str 3, int 4, bool 5, float 10, FakeUser 6 (resolved
        user + member), FakeChannel 7 (resolved guild channel), FakeAttachment 11 (resolved attachment,
        downloadable). A Mapping value is a
        raw option payload (``{"type": 8, "value": "123"}``). The command id (and ``guild_id`` for
        guild commands) is taken from commands the bot synced, when it did.
        """
        return self._command(2, name, options, None, group, subcommand, user, channel_id, dm)

    def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        group: str | None = None,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 4): like ``slash_command``, with option ``focused`` focused."""
        return self._command(4, name, options, focused, group, subcommand, user, channel_id, dm)

    def message_command(
        self,
        name: str,
        target: Mapping[str, Any] | int,
        *,
        user: FakeUser | None = None,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 2, command type 3): the context menu ``name`` used on a message.

        ``target`` is a message payload (e.g. from ``guild_message``) or a stored message's id. The interaction
        comes from the target's channel (a guild channel or a DM), and carries the whole target message in
        ``resolved``, content included: Discord gives a message command the text of its target whatever the
        client's intents.
        """
        message = dict(self.messages[target] if isinstance(target, int) else target)
        channel_id = int(message["channel_id"])
        dm = channel_id in self._dm_channels
        payload = self._interaction(2, {}, user=user, channel_id=channel_id, dm=dm)
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        candidates = [*self.commands.get(guild_id, []), *self.commands.get(None, [])]
        command = next((c for c in candidates if c["name"] == name and c["type"] == 3), None)
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self.snowflake()),
            "name": name,
            "type": 3,
            "target_id": message["id"],
            "resolved": {"messages": {message["id"]: message}},
        }
        if command and "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        payload["data"] = data
        return payload

    def _command(
        self,
        kind: int,
        name: str,
        options: Mapping[str, Any] | None,
        focused: str | None,
        group: str | None,
        subcommand: str | None,
        user: FakeUser | None,
        channel_id: int | None,
        dm: bool,
    ) -> dict[str, Any]:
        if group and not subcommand:
            raise ValueError("a subcommand group needs a subcommand")
        payload = self._interaction(kind, {}, user=user, channel_id=channel_id, dm=dm)
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        resolved: dict[str, dict[str, Any]] = {}
        values = (options or {}).items()
        invoker = user or self.user
        leaf = [self._option(key, value, key == focused, resolved, guild_id, invoker) for key, value in values]
        if subcommand:
            leaf = [{"type": 1, "name": subcommand, "options": leaf}]
        if group:
            leaf = [{"type": 2, "name": group, "options": leaf}]
        candidates = [*self.commands.get(guild_id, []), *self.commands.get(None, [])]
        command = next((c for c in candidates if c["name"] == name and c["type"] == 1), None)
        command_id = command["id"] if command else str(self.snowflake())
        data: dict[str, Any] = {"id": command_id, "name": name, "type": 1, "options": leaf}
        if command and "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        payload["data"] = data
        return payload

    def _option(
        self,
        name: str,
        value: Any,
        focused: bool,
        resolved: dict[str, dict[str, Any]],
        guild_id: int | None,
        invoker: FakeUser,
    ) -> dict[str, Any]:
        option: dict[str, Any]
        if isinstance(value, Mapping):
            option = dict(value)
        elif isinstance(value, FakeAttachment):
            attachment = self._attachment(value.filename, value.content, value.content_type)
            attachment["ephemeral"] = True  # uploaded with the command, not posted anywhere
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            option = {"type": 11, "value": attachment["id"]}
        elif isinstance(value, FakeChannel):
            home = next(g for g in self.guilds if g.channel(value.id) is not None)
            permissions = str(self.permissions_for(invoker, home))  # the invoker's, as Discord resolves them
            resolved.setdefault("channels", {})[str(value.id)] = value.to_payload(home.id) | {
                "permissions": permissions
            }
            option = {"type": 7, "value": str(value.id)}
        elif isinstance(value, FakeUser):
            resolved.setdefault("users", {})[str(value.id)] = value.to_user()
            guild = next((g for g in self.guilds if g.id == guild_id), None)
            if guild is not None:
                member = value.to_member(with_user=False)
                member["permissions"] = str(self.permissions_for(value, guild))
                resolved.setdefault("members", {})[str(value.id)] = member
            option = {"type": 6, "value": str(value.id)}
        elif isinstance(value, bool):
            option = {"type": 5, "value": value}
        elif isinstance(value, int):
            option = {"type": 4, "value": value}
        elif isinstance(value, float):
            option = {"type": 10, "value": value}
        elif isinstance(value, str):
            option = {"type": 3, "value": value}
        else:
            raise TypeError(f"cannot infer the option type of {value!r}; pass a raw option mapping")
        option["name"] = name
        if focused:
            option["focused"] = True
        return option

    def component_click(
        self,
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        component_type: int | None = None,
        message: Mapping[str, Any] | int | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 3): a click on a button (or a select with ``values``).

        ``message`` (payload or stored message id) is the message the component is on; by default
        the latest stored message having ``custom_id``, else a new bot message with that button in
        the default channel. With ``channel_id`` (a guild channel) or ``dm`` (``user``'s DM with the
        bot), the click comes from there, on a new bot message carrying the component: what a
        component replayed or forged elsewhere looks like.
        """
        button = {"type": 2, "style": 1, "label": custom_id, "custom_id": custom_id}
        row = {"type": 1, "components": [button]}
        if isinstance(message, int):
            target: Mapping[str, Any] = self.messages[message]
        elif message is not None:
            target = message
        elif channel_id is not None or dm:
            where = self._dm_channel_id(user or self.user) if dm or channel_id is None else channel_id
            target = self._new_message(where, {"components": [row]}, {})
        else:
            found = (m for m in reversed(self.messages.values()) if custom_id in _custom_ids(m["components"]))
            latest: dict[str, Any] | None = next(found, None)
            target = latest or self._new_message(self.channel.id, {"components": [row]}, {})
        kind = component_type or (3 if values is not None else 2)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if values is not None:
            data["values"] = list(values)
        channel_id = int(target["channel_id"])
        dm = channel_id in self._dm_channels
        return self._interaction(3, data, user=user, channel_id=channel_id, dm=dm, message=target)

    def modal_submit(
        self,
        modal: str | Mapping[str, Any],
        values: Mapping[str, str],
        *,
        message: Mapping[str, Any] | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """INTERACTION_CREATE payload (type 5) submitting text inputs.

        ``modal`` is the modal's custom_id, or the modal payload the bot sent (``callback.json["data"]``
        of the type 9 callback); with the payload, ``values`` may be keyed by text input label.
        """
        if isinstance(modal, str):
            custom_id = modal
        else:
            custom_id = modal["custom_id"]
            by_label = {label: input_id for input_id, label in _text_inputs(modal.get("components", []))}
            values = {by_label.get(key, key): value for key, value in values.items()}
        inputs = [{"type": 4, "custom_id": input_id, "value": value} for input_id, value in values.items()]
        data = {"custom_id": custom_id, "components": [{"type": 1, "components": [i]} for i in inputs]}
        return self._interaction(5, data, user=user, channel_id=channel_id, dm=dm, message=message)

    def guild_message(
        self,
        content: str,
        *,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        mention_bot: bool = False,
        attachments: Sequence[FakeAttachment] = (),
        reply_to: Mapping[str, Any] | None = None,
        reply_ping: bool = True,
    ) -> dict[str, Any]:
        """MESSAGE_CREATE payload from a user in a guild channel; ``mention_bot`` prefixes ``<@bot>``.

        ``reply_to`` (a message payload, e.g. a recorded request's response) makes it a reply to that message,
        pinging its author unless ``reply_ping`` is off, as Discord's reply button does by default.
        """
        guild, channel = self._locate(channel_id)
        user = user or self.user
        message = self._user_message(content, channel.id, user, attachments, mention_bot)
        message["guild_id"] = str(guild.id)
        message["member"] = user.to_member(with_user=False)
        if reply_to is not None:
            _make_reply(message, reply_to, reply_ping, guild.id)
        for mention in message["mentions"]:
            if mention["id"] == str(self.bot_user.id):
                mention["member"] = self.bot_user.to_member(with_user=False)
        return message

    def dm_message(
        self, content: str, *, user: FakeUser | None = None, attachments: Sequence[FakeAttachment] = (),
        reply_to: Mapping[str, Any] | None = None, reply_ping: bool = True,
    ) -> dict[str, Any]:
        """MESSAGE_CREATE payload of a direct message from ``user`` to the bot (``reply_to``: see
        ``guild_message``)."""
        user = user or self.user
        message = self._user_message(content, self._dm_channel_id(user), user, attachments, False)
        if reply_to is not None:
            _make_reply(message, reply_to, reply_ping, None)
        return message

    def _user_message(
        self,
        content: str,
        channel_id: int,
        user: FakeUser,
        attachments: Sequence[FakeAttachment],
        mention_bot: bool,
    ) -> dict[str, Any]:
        message_id = self.snowflake()
        return {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "type": 0,
            "author": user.to_user(),
            "content": f"<@{self.bot_user.id}> {content}" if mention_bot else content,
            "mentions": [self.bot_user.to_user()] if mention_bot else [],
            "mention_roles": [],
            "mention_everyone": False,
            "attachments": [self._attachment(a.filename, a.content, a.content_type) for a in attachments],
            "embeds": [],
            "components": [],
            "timestamp": timestamp(),
            "edited_timestamp": None,
            "tts": False,
            "pinned": False,
            "flags": 0,
            "nonce": str(message_id),
        }



def _make_reply(message: dict[str, Any], replied: Mapping[str, Any], ping: bool, guild_id: int | None) -> None:
    """Turn a user message payload into a reply to ``replied`` (type 19, with its reference and the message)."""
    message["type"] = 19
    reference = {"type": 0, "message_id": str(replied["id"]), "channel_id": str(replied["channel_id"])}
    if guild_id is not None:
        reference["guild_id"] = str(guild_id)
    message["message_reference"] = reference
    message["referenced_message"] = dict(replied)
    author = replied.get("author")
    if ping and author is not None and all(m["id"] != author["id"] for m in message["mentions"]):
        message["mentions"].append(dict(author))


def _custom_ids(node: Any) -> set[str]:
    """Every custom_id in a (possibly nested) component payload."""
    if isinstance(node, list):
        return set().union(*(_custom_ids(item) for item in node))
    if isinstance(node, dict):
        found = {node["custom_id"]} if "custom_id" in node else set()
        children = [node[key] for key in ("components", "component", "accessory") if key in node]
        return found.union(*map(_custom_ids, children))
    return set()


def _text_inputs(node: Any, label: str | None = None) -> Iterator[tuple[str, str | None]]:
    """(custom_id, label) of every text input in a modal payload (action rows or Label components)."""
    if isinstance(node, list):
        for item in node:
            yield from _text_inputs(item, label)
    elif isinstance(node, dict):
        if node.get("type") == 4:
            yield node["custom_id"], node.get("label") or label
            return
        label = node.get("label", label) if node.get("type") == 18 else label
        for key in ("components", "component"):
            if key in node:
                yield from _text_inputs(node[key], label)

