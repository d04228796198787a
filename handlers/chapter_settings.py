"""/settings: the group's admins see and change their chapter's settings."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, filters

from bot.chapters import values
from bot.chapters.settings import ChapterSettings, needs_value
from bot.core.result import Done, Result
from bot.i18n import set_language
from bot.texts import chapter_settings as texts
from bot.texts.keywords import read, setting_names, setting_words, switches
from bot.texts.refusals import say
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.parts import message_of
from handlers.people import current_chapter
from handlers.scorecard import score_settings
from storage.records import Chapter


async def settings_command(update: Update, context: ChapterContext) -> None:
    """Show the settings, or change one: timezone, tips, window, currency, amounts, summary."""
    message, services = message_of(update), context.services
    if not await is_group_admin(update, context):
        await message.reply_text(texts.admins_only())
        return
    chapter = await current_chapter(update, context)
    words = list(context.args or [])
    key = (read(setting_names, words[0]) or words[0].lower()) if words else ""
    values_given = [_keyword(word) for word in words[1:2]] + words[2:]
    if key == "score":  # the scorecard's own settings, in its feature
        await score_settings(update, context, chapter, words[1:])
        return
    if key == "tips" and values_given == ["here"]:
        thread = message.message_thread_id if message.is_topic_message else None
        await services.chapter_settings.set_tips_topic(chapter, thread)
        await message.reply_text(texts.topic_chosen() if thread else texts.topic_cleared())
        return
    result = await _change(services.chapter_settings, chapter, key, words[1:], values_given)
    if result is None:
        await message.reply_text(texts.unknown_setting())
    elif isinstance(result, Done) and key == "language":
        set_language(result.value.language)  # the rest of this update speaks it already
        await message.reply_text(texts.language_set(result.value.language or "en"))
        await _show(message, context, result.value)
    elif isinstance(result, Done):
        await _show(message, context, result.value)
    else:
        await message.reply_text(say(result))


def _keyword(word: str) -> str:
    """A setting's first value as its English keyword (`desactivar` -> off), else lowercased."""
    return read(switches, word) or read(setting_words, word) or word.lower()


async def _change(
    editor: ChapterSettings, chapter: Chapter, key: str, raw: list[str], given: list[str]
) -> Result[Chapter] | None:
    """Apply `/settings <key> <values>`; None when no such setting (or form) exists."""
    if not key:
        return Done(chapter)
    if key == "timezone" and len(given) == 1:
        return await editor.set_timezone(chapter, raw[0])
    if key == "tips" and given in (["on"], ["off"]):
        return await editor.set_tips_enabled(chapter, given[0] == "on")
    if key == "tips" and len(given) == 2:
        return await editor.set_tip_time(chapter, given[0], given[1])
    if key == "window" and 1 <= len(given) <= 2:  # 48h, 48 horas, 3 дня
        return await editor.set_window(chapter, " ".join(raw))
    if key == "currency" and len(given) == 1:
        return await editor.set_currency(chapter, given[0])
    if key == "amounts" and given in (["hidden"], ["shown"]):
        return await editor.set_amounts_hidden(chapter, given[0] == "hidden")
    if key == "summary" and given == ["off"]:
        return await editor.summary_off(chapter)
    if key == "summary" and len(given) == 2:
        return await editor.set_summary(chapter, given[0], given[1])
    if key == "language" and len(given) == 1:
        return await editor.set_language(chapter, raw[0])
    if key in texts.SETTINGS_WITH_EXAMPLES:
        return needs_value(key)
    return None


async def _show(message: Message, context: ChapterContext, chapter: Chapter) -> None:
    settings = context.services.settings
    window = values.follow_up_window(chapter, settings)
    given_up = await context.services.reminder_sweep.given_up(chapter.id)
    currency = values.currency(chapter, settings)
    await message.reply_text(texts.overview(chapter, window, currency, given_up, chapter.language))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("settings", settings_command, filters=filters.ChatType.GROUPS))
