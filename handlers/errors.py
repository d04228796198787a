"""The one error handler: log once with context, keep the data right, apologise, keep running."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, TelegramError
from telegram.ext import Application

from bot.core.messenger import NotSent
from bot.texts.common import something_went_wrong
from handlers.context import ChapterContext
from handlers.error_report import describe, failure
from handlers.people import is_group

log = logging.getLogger(__name__)


async def on_error(update: object, context: ChapterContext) -> None:
    """Log the failure with the update it came from; tell the member briefly, never a traceback."""
    error = context.error
    if isinstance(error, NotSent) and isinstance(error.__cause__, TelegramError):
        error = error.__cause__  # the Messenger's wrapper: judge the Telegram error inside
    chat = update.effective_chat if isinstance(update, Update) else None
    services = context.bot_data.services
    if isinstance(error, ChatMigrated) and chat is not None and services is not None:
        log.info("Chat %s moved to %s while answering; following it", chat.id, error.new_chat_id)
        await services.directory.chapter_moved(chat.id, error.new_chat_id)
        return
    if isinstance(error, Forbidden) and chat is not None and services is not None:
        log.info("Chat %s no longer accepts messages: %s", chat.id, error.message)
        if is_group(chat):
            await services.directory.chapter_left(chat.id)
        else:
            await services.directory.member_unreachable(chat.id)
        return
    if error is None:
        return
    log.error("Error while handling %s: %s", describe(update), failure(error, update))
    full = update.to_dict() if isinstance(update, Update) else update
    log.debug("The failure in full: %r, while handling %s", error, full)
    if isinstance(update, Update) and update.effective_message is not None:
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            return  # Telegram is unreachable: an apology would fail too
        try:
            await update.effective_message.reply_text(something_went_wrong())
        except TelegramError as exc:
            log.warning("Could not tell the member about the error: %s", exc)


def register(app: Application) -> None:
    app.add_error_handler(on_error)
