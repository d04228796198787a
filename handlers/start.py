"""/start (and its deep links) and /help."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.texts import start as texts
from handlers.context import ChapterContext
from handlers.people import is_group, member_from_user

_SLIP_PAYLOAD = re.compile(r"^ref_(\d{1,18})$")


async def start_private(update: Update, context: ChapterContext) -> None:
    """The member opened a private chat: remember we may write, then greet or show a slip."""
    member = await context.services.directory.started_private_chat(
        member_from_user(update.effective_user)
    )
    payload = context.args[0] if context.args else ""
    slip = _SLIP_PAYLOAD.match(payload)
    if slip:
        view = await context.services.referral_service.slip_for(int(slip.group(1)), member.user_id)
        await update.effective_message.reply_text(view.text, reply_markup=view.buttons)
        return
    await update.effective_message.reply_text(texts.welcome(member))


async def show_help(update: Update, context: ChapterContext) -> None:
    """List the commands that make sense where /help was asked."""
    in_group = is_group(update.effective_chat)
    await update.effective_message.reply_text(texts.HELP_GROUP if in_group else texts.HELP_PRIVATE)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start_private, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler(["help", "start"], show_help))
