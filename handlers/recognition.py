"""/testimonial in the group; education credits: the tip's "I read it" button and /ceu."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.core.callback_data import is_tip_read, parse_tip_read
from bot.core.result import Reason, Refused
from bot.texts import recognition as texts
from bot.texts.refusals import say, say_plain
from handlers.context import ChapterContext
from handlers.parts import message_of, query_of, user_of
from handlers.people import chapter_here, current_chapter, member_from_user
from handlers.referrals import receiver_and_prospect


async def testimonial_command(update: Update, context: ChapterContext) -> None:
    """Post the testimonial for the member named, credited to its writer; tell the member."""
    message, services = message_of(update), context.services
    chapter = await current_chapter(update, context)
    writer = member_from_user(user_of(update))
    named, text = receiver_and_prospect(message)
    result = await services.scorecard.recognition.testimonial(
        chapter, writer, named.member, named.username, text, message.message_id
    )
    if isinstance(result, Refused):
        await message.reply_text(say(result))
        return
    stored = result.value
    if stored is None:  # Telegram delivered this message again: posted already
        return
    testimonial, subject = stored
    await message.reply_text(texts.testimonial_post(testimonial, writer, subject))
    await services.scorecard.recognition.tell_subject(testimonial, writer, subject, chapter)


async def testimonial_in_private(update: Update, context: ChapterContext) -> None:
    await message_of(update).reply_text(texts.testimonial_in_private())


async def ceu_command(update: Update, context: ChapterContext) -> None:
    """One education credit for learning outside the meeting, at most one a day."""
    message, services = message_of(update), context.services
    user_id = user_of(update).id
    chapter = await chapter_here(update, context)
    if chapter is None:
        await message.reply_text(texts.ceu_no_chapter())
        return
    words = (message.text or "").split(maxsplit=1)
    note = words[1] if len(words) > 1 else ""
    result = await services.scorecard.recognition.ceu(chapter, user_id, note)
    if isinstance(result, Refused):
        await message.reply_text(say(result))
        return
    await message.reply_text(texts.ceu_logged(chapter))


async def tip_read_button(update: Update, context: ChapterContext) -> None:
    """A member taps "I read it (+1 credit)" under the weekly tip: one credit, once."""
    query = query_of(update)
    press = parse_tip_read(query.data)
    if press is None or query.message is None:
        await query.answer(texts.tip_button_gone(), show_alert=True)
        return
    credited = await context.services.scorecard.recognition.tip_read(
        press.chapter_id, query.message.chat.id, query.from_user.id, press.week
    )
    if isinstance(credited, Refused):
        alert = credited.reason is Reason.TIP_NOT_FOUND
        await query.answer(say_plain(credited), show_alert=alert)
        return
    await query.answer(texts.tip_credit_earned())


def register(app: Application) -> None:
    app.add_handler(
        CommandHandler("testimonial", testimonial_command, filters=filters.ChatType.GROUPS)
    )
    app.add_handler(
        CommandHandler("testimonial", testimonial_in_private, filters=filters.ChatType.PRIVATE)
    )
    app.add_handler(CommandHandler("ceu", ceu_command))
    app.add_handler(CallbackQueryHandler(tip_read_button, pattern=is_tip_read))
