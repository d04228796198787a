"""/start (and its deep links) and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.core.callback_data import parse_slip_start
from bot.core.result import Done
from bot.texts import followup as followup_texts
from bot.texts import referrals as referral_texts
from bot.texts import start as texts
from bot.texts.commands import help_group, help_private
from bot.texts.refusals import say
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, start_payload, user_of
from handlers.people import is_group, member_from_user


async def start_private(update: Update, context: ChapterContext) -> None:
    """The member opened a private chat: remember we may write, then greet or show a slip."""
    message, services = message_of(update), context.services
    member = await services.directory.started_private_chat(member_from_user(user_of(update)))
    referral_id = parse_slip_start(start_payload(context.args))
    if referral_id is None:
        await message.reply_text(texts.welcome(member))
        return
    result = await services.referrals.slip_for(referral_id, member.user_id)
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return
    slip = result.value
    text = referral_texts.slip(slip.referral, slip.chapter, slip.giver, slip.receiver)
    referral = slip.referral
    buttons = (
        followup_texts.slip_buttons(referral.id, referral.status)
        if slip.with_step_buttons
        else None
    )
    await message.reply_text(text, reply_markup=buttons)


async def show_help(update: Update, context: ChapterContext) -> None:
    """List the commands that make sense where /help was asked."""
    in_group = is_group(chat_of(update))
    await message_of(update).reply_text(help_group() if in_group else help_private())


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start_private, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler(["help", "start"], show_help))
