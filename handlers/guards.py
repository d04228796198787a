"""Commands the bot must not act on as sent: forwarded ones, and personal ones posted as a chat.

Registered first in group 0, so a guard that answers stops the features from seeing the update.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, filters

from bot.texts import guards as texts
from bot.texts.keywords import read, stats_words
from handlers.command_text import command_of
from handlers.context import ChapterContext
from handlers.parts import message_of

# Commands tied to a person: the giver, the receiver, or someone to write to privately.
PERSONAL = frozenset(
    {"refer", "followup", "closed", "mine", "export", "start", "cancel", "sub", "visitor", "roster"}
)


def _needs_a_person(command: str, words: list[str]) -> bool:
    if command == "stats":  # /stats me, hide or show (in the group's language too)
        return bool(words) and read(stats_words, words[0]) is not None
    return command in PERSONAL


class _CommandForThisBot(filters.MessageFilter):
    """A command (text or caption) for this bot; with `personal`, one tied to a person."""

    def __init__(self, personal: bool = False) -> None:
        super().__init__(name="personal command" if personal else "command for this bot")
        self.personal = personal

    def filter(self, message: Message) -> bool:
        command = command_of(message, message.get_bot().username)
        if command is None:
            return False
        return _needs_a_person(*command) if self.personal else True


async def refuse_forwarded(update: Update, context: ChapterContext) -> None:
    """A forwarded message holding a command: someone else wrote it; say so, do nothing."""
    await message_of(update).reply_text(texts.forwarded())
    raise ApplicationHandlerStop


async def refuse_anonymous(update: Update, context: ChapterContext) -> None:
    """Posted as the group (an anonymous admin) or a channel: no person for personal commands."""
    command = command_of(message_of(update), context.bot.username)
    assert command is not None  # the filter matched it
    await message_of(update).reply_text(texts.post_as_yourself(command[0]))
    raise ApplicationHandlerStop


def register(app: Application) -> None:
    """First in group 0: a guard only matches the updates it answers, so others pass on."""
    forwarded = filters.FORWARDED & _CommandForThisBot()
    as_a_chat = filters.SenderChat.ALL & _CommandForThisBot(personal=True)
    app.add_handler(MessageHandler(forwarded, refuse_forwarded))
    app.add_handler(MessageHandler(as_a_chat, refuse_anonymous))
