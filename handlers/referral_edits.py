"""A giver edits their /refer in the group (to add a phone number, or to change the receiver).

Registered before /refer itself, for edited messages only: the referral follows the edit while
nobody has acted on it; an edit of a /refer that recorded nothing is taken as a new one.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.core.result import Done
from bot.referrals.correction import follow_edit, recorded_by
from bot.texts import referrals as texts
from bot.texts.common import receiver_label
from bot.texts.refusals import say
from handlers.command_text import CaptionCommand
from handlers.context import ChapterContext
from handlers.parts import message_of, user_of
from handlers.people import current_chapter, member_from_user
from handlers.referrals import _remove_contact_details, receiver_and_prospect, refer_in_group


async def edited_refer(update: Update, context: ChapterContext) -> None:
    """Follow the edit, or say how to correct the referral; delete new contact details."""
    message, service = message_of(update), context.services.referrals
    chapter = await current_chapter(update, context)
    referral = await recorded_by(service, chapter.id, message.message_id)
    if referral is None:  # the first version recorded nothing (it was refused): a new /refer
        await refer_in_group(update, context)
        return
    receiver, prospect = receiver_and_prospect(message)
    giver = member_from_user(user_of(update))
    result = await follow_edit(service, referral, chapter, giver, receiver, prospect)
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return
    corrected = result.value
    if corrected.changed:
        who = receiver_label(corrected.receiver, corrected.referral.receiver_username)
        await message.reply_text(texts.corrected(corrected.referral, who, corrected.slip_delivered))
    if corrected.referral.has_contact_details:
        await _remove_contact_details(message, context, chapter.id)


def register(app: Application) -> None:
    """Before /refer's own handlers: they would take the edit as a repeated delivery."""
    edited = filters.ChatType.GROUPS & filters.UpdateType.EDITED_MESSAGE
    app.add_handler(CommandHandler("refer", edited_refer, filters=edited))
    app.add_handler(MessageHandler(edited & CaptionCommand("refer"), edited_refer))
