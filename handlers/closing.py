"""/closed: the receiver records business won from a referral (or corrects its value)."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.core.result import Done
from bot.texts import closing as texts
from bot.texts.refusals import say
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, user_of
from handlers.people import current_chapter, is_group

_ARGS = re.compile(r"^#?(\d{1,12})\s+(.+)$", re.DOTALL)


async def closed_command(update: Update, context: ChapterContext) -> None:
    """/closed <id> <amount> [note], in private or in the group."""
    message, services = message_of(update), context.services
    parts = (message.text or "").split(maxsplit=1)
    match = _ARGS.match(parts[1].strip()) if len(parts) > 1 else None
    if not match:
        await message.reply_text(texts.CLOSED_USAGE)
        return
    chapter = await current_chapter(update, context) if is_group(chat_of(update)) else None
    result = await services.closing.close(
        int(match.group(1)), user_of(update).id, match.group(2)[:1000], chapter and chapter.id
    )
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return
    closed = result.value
    if chapter is None:
        await message.reply_text(texts.closed_reply(closed.referral, closed.corrected))
    elif not closed.corrected:
        return  # the group's thank-you is the answer
    elif chapter.amounts_hidden:
        await message.reply_text(texts.corrected_in_private_chapter(closed.referral.id))
    else:
        await message.reply_text(texts.closed_reply(closed.referral, corrected=True))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("closed", closed_command))
