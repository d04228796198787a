"""/stats: the chapter's numbers in the group; /stats me privately; /stats hide and show."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.business.stats import read_period
from bot.texts import meeting_stats as meeting_texts
from bot.texts import scorecard_stats as scorecard_texts
from bot.texts import stats as texts
from bot.texts.keywords import read, stats_words
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, user_of
from handlers.people import current_chapter, is_group


async def stats_command(update: Update, context: ChapterContext) -> None:
    """Route /stats by its first word: a period, me, hide or show."""
    message, services = message_of(update), context.services
    words = list(context.args or [])
    first = read(stats_words, words[0]) if words else None
    period = read_period(words[0]) if words else "month"
    if first in ("hide", "show"):
        await services.directory.set_stats_hidden(user_of(update).id, first == "hide")
        await message.reply_text(texts.hidden() if first == "hide" else texts.shown())
    elif first == "me":
        await _member_stats(update, context, read_period(words[1]) if len(words) > 1 else "month")
    elif period is None or len(words) > 1:
        await message.reply_text(texts.bad_period())
    elif not is_group(chat_of(update)):
        await message.reply_text(texts.group_only())
    else:
        chapter = await current_chapter(update, context)
        figures = await services.stats.chapter_figures(chapter, period)
        meeting = await services.meeting.figures.for_chapter(chapter, period)
        activity = await services.scorecard.stats.for_chapter(chapter, period)
        await message.reply_text(
            texts.chapter(chapter.title, chapter.timezone, figures)
            + meeting_texts.chapter_lines(meeting)
            + scorecard_texts.chapter_lines(activity)
        )


async def _member_stats(update: Update, context: ChapterContext, period: str | None) -> None:
    message = message_of(update)
    if is_group(chat_of(update)):
        await message.reply_text(texts.me_is_private())
        return
    if period is None:
        await message.reply_text(texts.bad_period())
        return
    services, user_id = context.services, user_of(update).id
    figures = await services.stats.member_figures(user_id, period)
    chapters = await services.directory.chapters_of(user_id)
    meeting = await services.meeting.figures.for_member(user_id, chapters, period)
    activity = await services.scorecard.stats.for_member(user_id, chapters, period)
    await message.reply_text(
        texts.member(figures)
        + meeting_texts.member_lines(meeting)
        + scorecard_texts.member_lines(activity)
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler("stats", stats_command))
