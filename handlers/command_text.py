"""Reading a command from a message's text or a media caption (PTB's CommandHandler reads
only texts), addressed to this bot: `/refer` or `/refer@this_bot`, never `/refer@other_bot`."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.ext import filters

from bot.texts.keywords import read, setting_names


def command_of(message: Message, bot_username: str | None) -> tuple[str, list[str]] | None:
    """The command addressed to this bot (in the text or the caption) and its words, else None."""
    text = message.text or message.caption or ""
    entities = message.entities if message.text else message.caption_entities
    first = next(iter(entities or ()), None)
    if first is None or first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    name, _, addressee = text[1 : first.length].partition("@")
    if addressee and addressee.lower() != (bot_username or "").lower():
        return None
    return name.lower(), text[first.length :].split()


_REFERRAL_ARGS = re.compile(r"^#?(\d{1,12})(?:\s+(.*))?$", re.DOTALL)


def referral_and_rest(message: Message) -> tuple[int, str] | None:
    """`/followup 12 called her` or `/closed #12 2500`: the referral number and what follows
    it (empty when nothing does); None when the command has no number first."""
    words = (message.text or "").split(maxsplit=1)
    match = _REFERRAL_ARGS.match(words[1].strip()) if len(words) > 1 else None
    return (int(match.group(1)), match.group(2) or "") if match else None


def text_or_caption(message: Message) -> str:
    return message.text or message.caption or ""


class CaptionCommand(filters.MessageFilter):
    """A caption (of a photo, a document, ...) that starts with one of `names` for this bot."""

    def __init__(self, *names: str) -> None:
        super().__init__(name=f"caption command {'/'.join(names)}")
        self.names = frozenset(names)

    def filter(self, message: Message) -> bool:
        if message.text is not None or message.caption is None:
            return False
        command = command_of(message, message.get_bot().username)
        return command is not None and command[0] in self.names


class SettingCommand(filters.MessageFilter):
    """`/settings <name> ...` naming the setting `name`, in English or in the update's language
    (`/settings absences`, `/settings ausencias`)."""

    def __init__(self, name: str) -> None:
        super().__init__(name=f"/settings {name}")
        self.setting = name

    def filter(self, message: Message) -> bool:
        words = (message.text or "").split()
        if len(words) < 2 or words[0].split("@")[0].lower() != "/settings":
            return False
        return read(setting_names, words[1]) == self.setting
