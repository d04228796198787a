"""/closed: the receiver records business won from a referral (or corrects its value)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler

from bot.core.result import Done
from bot.referrals.prospect import has_contact_details
from bot.texts import closing as texts
from bot.texts.refusals import say
from handlers.command_text import referral_and_rest
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, user_of
from handlers.people import current_chapter, is_group
from handlers.referrals import _remove_contact_details
from storage.records import Chapter


async def closed_command(update: Update, context: ChapterContext) -> None:
    """/closed <id> <amount> [note], in private or in the group."""
    message, services = message_of(update), context.services
    args = referral_and_rest(message)
    if args is None or not args[1]:
        await message.reply_text(texts.closed_usage())
        return
    referral_id, amount_and_note = args
    chapter = await current_chapter(update, context) if is_group(chat_of(update)) else None
    result = await services.closing.close(
        referral_id, user_of(update).id, amount_and_note[:1000], chapter.id if chapter else None
    )
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        note = amount_and_note.split(maxsplit=1)[1:]  # after the amount's first word
        await _keep_contact_details_out(message, context, chapter, note[0] if note else None)
        return
    closed = result.value
    await _keep_contact_details_out(message, context, chapter, closed.note)
    if chapter is None:
        await message.reply_text(texts.closed_reply(closed.referral, closed.corrected))
    elif not closed.corrected:
        return  # the group's thank-you is the answer
    elif chapter.amounts_hidden:
        await message.reply_text(texts.corrected_in_private_chapter(closed.referral.id))
    else:
        await message.reply_text(texts.closed_reply(closed.referral, corrected=True))


async def _keep_contact_details_out(
    message: Message, context: ChapterContext, chapter: Chapter | None, note: str | None
) -> None:
    """A note with a phone or e-mail is deleted from the group (the giver has it privately)."""
    if chapter is not None and note and has_contact_details(note):
        await _remove_contact_details(message, context, chapter.id)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("closed", closed_command))
