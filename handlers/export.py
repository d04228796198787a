"""/export: a group admin gets the chapter's referrals as a CSV, privately, never in the group."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.core.result import Done
from bot.i18n import use_language
from bot.texts import export as texts
from bot.texts.refusals import say
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.parts import message_of, user_of
from handlers.people import current_chapter


async def export_command(update: Update, context: ChapterContext) -> None:
    """Build the CSV and send it to the admin's private chat."""
    message = message_of(update)
    if not await is_group_admin(update, context):
        await message.reply_text(texts.admins_only())
        return
    chapter, admin_id = await current_chapter(update, context), user_of(update).id
    private = await context.services.directory.private_language(admin_id)
    with use_language(private):  # the files go to the admin's private chat: their language
        result = await context.services.export.send(chapter, admin_id)
        if isinstance(result, Done):  # the meeting's files follow the referrals' into that chat
            await context.services.meeting.exporter.send(chapter, admin_id)
            await context.services.scorecard.exporter.send(chapter, admin_id)
    await message.reply_text(texts.sent() if isinstance(result, Done) else say(result))


async def export_in_private(update: Update, context: ChapterContext) -> None:
    await message_of(update).reply_text(texts.group_only())


def register(app: Application) -> None:
    app.add_handler(CommandHandler("export", export_command, filters=filters.ChatType.GROUPS))
    app.add_handler(CommandHandler("export", export_in_private, filters=filters.ChatType.PRIVATE))
