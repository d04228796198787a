"""/settings: the group's admins see and change their chapter's settings."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.business.closing import chapter_currency
from bot.chapters.settings import SettingRefused, follow_up_window
from bot.texts import chapter_settings as texts
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.people import current_chapter


async def settings_command(update: Update, context: ChapterContext) -> None:
    """Show the settings, or change one: timezone, tips, window."""
    message, services = update.effective_message, context.services
    if not await is_group_admin(update, context):
        await message.reply_text(texts.ADMINS_ONLY)
        return
    chapter = await current_chapter(update, context)
    args = [arg.lower() if i < 2 else arg for i, arg in enumerate(context.args or [])]
    key, values = (args[0], args[1:]) if args else ("", [])
    editor = services.chapter_settings
    try:
        if not key:
            pass
        elif key in ("timezone", "tz", "zone") and len(values) == 1:
            chapter = await editor.set_timezone(chapter, (context.args or [])[1])
        elif key == "tips" and values in (["on"], ["off"]):
            chapter = await editor.set_tips_enabled(chapter, values[0] == "on")
        elif key == "tips" and values == ["here"]:
            thread = message.message_thread_id if message.is_topic_message else None
            await editor.set_tips_topic(chapter, thread)
            await message.reply_text(texts.TOPIC_CHOSEN if thread else texts.TOPIC_CLEARED)
            return
        elif key == "tips" and len(values) == 2:
            chapter = await editor.set_tip_time(chapter, values[0], values[1])
        elif key == "window" and len(values) == 1:
            chapter = await editor.set_window(chapter, values[0])
        elif key == "currency" and len(values) == 1:
            chapter = await editor.set_currency(chapter, values[0])
        elif key == "amounts" and values in (["hidden"], ["shown"]):
            chapter = await editor.set_amounts_hidden(chapter, values[0] == "hidden")
        elif key == "summary" and values == ["off"]:
            chapter = await editor.summary_off(chapter)
        elif key == "summary" and len(values) == 2:
            chapter = await editor.set_summary(chapter, values[0], values[1])
        elif key in texts.EXAMPLES:
            raise SettingRefused(f"/settings {key} needs a value")
        else:
            await message.reply_text(texts.UNKNOWN_SETTING)
            return
    except SettingRefused as refusal:
        await message.reply_text(texts.refused(str(refusal), texts.EXAMPLES[key]))
        return
    await message.reply_text(
        texts.overview(
            chapter,
            follow_up_window(chapter, services.settings),
            chapter_currency(chapter, services.settings),
        )
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler("settings", settings_command, filters=filters.ChatType.GROUPS))
