"""The one error handler: log with context, apologise to the member, keep running."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import ChapterContext
from bot.texts.common import SOMETHING_WENT_WRONG

log = logging.getLogger(__name__)


async def on_error(update: object, context: ChapterContext) -> None:
    """Log the failure with the update it came from; tell the member briefly, never a traceback."""
    summary = update.to_dict() if isinstance(update, Update) else repr(update)
    log.error("Error while handling %s", summary, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(SOMETHING_WENT_WRONG)
        except TelegramError as exc:
            log.warning("Could not tell the member about the error: %s", exc)


def register(app: Application) -> None:
    app.add_error_handler(on_error)
