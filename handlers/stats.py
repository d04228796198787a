"""/stats: the chapter's numbers in the group; /stats me privately; /stats hide and show."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.business.closing import chapter_currency
from bot.business.stats import PERIODS
from bot.texts import stats as texts
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group


async def stats_command(update: Update, context: ChapterContext) -> None:
    """Route /stats by its first word: a period, me, hide or show."""
    message, services = update.effective_message, context.services
    words = [word.lower() for word in (context.args or [])]
    first = words[0] if words else "month"
    user_id = update.effective_user.id
    if first in ("hide", "show"):
        await services.members.set_stats_hidden(user_id, first == "hide")
        await message.reply_text(texts.HIDDEN if first == "hide" else texts.SHOWN)
    elif first == "me":
        await _member_stats(update, context, words[1] if len(words) > 1 else "month")
    elif first not in PERIODS or len(words) > 1:
        await message.reply_text(texts.BAD_PERIOD)
    elif not is_group(message.chat):
        await message.reply_text(texts.GROUP_ONLY)
    else:
        chapter = await current_chapter(update, context)
        figures = await services.stats.chapter_figures(chapter, first)
        currency = chapter_currency(chapter, services.settings)
        await message.reply_text(texts.chapter(chapter.title, chapter.timezone, currency, figures))


async def _member_stats(update: Update, context: ChapterContext, period: str) -> None:
    message, services = update.effective_message, context.services
    if is_group(message.chat):
        await message.reply_text(texts.ME_IS_PRIVATE)
        return
    if period not in PERIODS:
        await message.reply_text(texts.BAD_PERIOD)
        return
    user_id = update.effective_user.id
    chapters = await services.directory.chapters_of(user_id)
    figures = await services.stats.member_figures(user_id, chapters, period)
    currencies = {c.id: chapter_currency(c, services.settings) for c in chapters}
    member = await services.members.get(user_id)
    hidden = bool(member and member.stats_hidden)
    await message.reply_text(texts.member(period, figures, currencies, hidden))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("stats", stats_command))
