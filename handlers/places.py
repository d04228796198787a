"""Every command answers wherever it is sent: the ones that work in one place only say where
to send them, /cancel outside the form says there is nothing to cancel, and an unknown command
meant for this bot gets a pointer to /help. Registered after every feature in group 0."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.texts import places as texts
from handlers.command_text import command_of
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of
from handlers.people import is_group

_NEW_PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
_NEW_IN_GROUP = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE


class _AddressedToThisBot(filters.MessageFilter):
    """A command written `/name@this_bot`: in a group, a plain `/name` may be another bot's."""

    def filter(self, message: Message) -> bool:
        text = message.text or ""
        return command_of(message, message.get_bot().username) is not None and "@" in (
            text.split(maxsplit=1)[0] if text else ""
        )


def _answer(
    text: Callable[[], str],
) -> Callable[[Update, ChapterContext], Coroutine[Any, Any, None]]:
    async def answer(update: Update, context: ChapterContext) -> None:
        await message_of(update).reply_text(text())  # rendered in the reader's language

    answer.__doc__ = "Say where this command works."
    return answer


async def cancel_outside_the_form(update: Update, context: ChapterContext) -> None:
    """/cancel in a group (the private form's own /cancel answers in private chats)."""
    in_group = is_group(chat_of(update))
    await message_of(update).reply_text(
        texts.cancel_is_private() if in_group else texts.nothing_to_cancel()
    )


async def unknown_command(update: Update, context: ChapterContext) -> None:
    """A command no feature took: point to /help."""
    message = message_of(update)
    command = command_of(message, context.bot.username)
    if command is not None:
        in_group = is_group(chat_of(update))
        await message.reply_text(texts.unknown_command(command[0], in_group))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("settings", _answer(texts.settings_in_group), _NEW_PRIVATE))
    app.add_handler(CommandHandler("pending", _answer(texts.pending_in_group), _NEW_PRIVATE))
    app.add_handler(CommandHandler("cancel", cancel_outside_the_form, filters.UpdateType.MESSAGE))
    app.add_handler(MessageHandler(filters.COMMAND & _NEW_PRIVATE, unknown_command))
    addressed = filters.COMMAND & _NEW_IN_GROUP & _AddressedToThisBot()
    app.add_handler(MessageHandler(addressed, unknown_command))
