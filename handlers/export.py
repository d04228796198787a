"""/export: a group admin gets the chapter's referrals as a CSV, privately, never in the group."""

from __future__ import annotations

import io

from telegram import InputFile, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CommandHandler, filters

from bot.texts import export as texts
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.people import current_chapter


async def export_command(update: Update, context: ChapterContext) -> None:
    """Build the CSV and send it to the admin's private chat."""
    message, services = update.effective_message, context.services
    if not await is_group_admin(update, context):
        await message.reply_text(texts.ADMINS_ONLY)
        return
    chapter = await current_chapter(update, context)
    export = await services.exporter.chapter_csv(chapter)
    try:
        await context.bot.send_document(
            update.effective_user.id,
            InputFile(io.BytesIO(export.content), filename=export.filename),
            caption=texts.caption(chapter.title, export.rows),
        )
    except (Forbidden, BadRequest):
        await services.members.set_can_dm(update.effective_user.id, False)
        await message.reply_text(texts.cannot_send(services.messenger.deep_link("export")))
        return
    await message.reply_text(texts.SENT)


async def export_in_private(update: Update, context: ChapterContext) -> None:
    await update.effective_message.reply_text(texts.GROUP_ONLY)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("export", export_command, filters=filters.ChatType.GROUPS))
    app.add_handler(CommandHandler("export", export_in_private, filters=filters.ChatType.PRIVATE))
