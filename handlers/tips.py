"""/tip: this week's education minute, on demand."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.texts.tips import no_tips, tip_post
from handlers.context import ChapterContext
from handlers.parts import message_of
from handlers.people import chapter_here


async def tip_command(update: Update, context: ChapterContext) -> None:
    """The tip last posted to the chapter, or the one coming next if none was posted yet."""
    message, services = message_of(update), context.services
    chapter = await chapter_here(update, context)
    tip = await services.tips.this_weeks_tip(chapter) if chapter else services.first_tip()
    await message.reply_text(tip_post(tip) if tip else no_tips())


def register(app: Application) -> None:
    app.add_handler(CommandHandler("tip", tip_command))
