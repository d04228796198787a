"""/testimonial in the group; education credits: the tip's "I read it" button and /ceu."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.scorecard.callbacks import parse_tip_read
from bot.scorecard.recognition import RecognitionRefused, TipCredit
from bot.texts import recognition as texts
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group, member_from_user
from handlers.referrals import receiver_and_prospect

log = logging.getLogger(__name__)


async def testimonial_command(update: Update, context: ChapterContext) -> None:
    """Post the testimonial for the member named, credited to its writer; tell the member."""
    message, services = update.effective_message, context.services
    chapter = await current_chapter(update, context)
    writer = member_from_user(update.effective_user)
    named, text = receiver_and_prospect(message)
    try:
        stored = await services.scorecard.recognition.testimonial(
            chapter, writer, named.member, named.username, text, message.message_id
        )
    except RecognitionRefused as refusal:
        await message.reply_text(texts.testimonial_refused(refusal))
        return
    if stored is None:  # Telegram delivered this message again: posted already
        return
    testimonial, subject = stored
    await message.reply_text(texts.testimonial_post(testimonial, writer, subject))
    if subject.can_dm is False:
        return
    try:
        await services.messenger.send_private(
            subject.user_id,
            texts.testimonial_to_subject(testimonial, writer, chapter),
            known_can_dm=subject.can_dm,
        )
    except TelegramError as exc:  # the group post stands; the private word is a courtesy
        log.info("Testimonial %s: subject not told: %s", testimonial.id, exc)


async def testimonial_in_private(update: Update, context: ChapterContext) -> None:
    await update.effective_message.reply_text(texts.TESTIMONIAL_IN_PRIVATE)


async def ceu_command(update: Update, context: ChapterContext) -> None:
    """One education credit for learning outside the meeting, at most one a day."""
    message, services = update.effective_message, context.services
    user_id = update.effective_user.id
    if is_group(message.chat):
        chapter = await current_chapter(update, context)
    else:
        chapter = await services.directory.home_chapter(user_id)
    if chapter is None:
        await message.reply_text(texts.CEU_NO_CHAPTER)
        return
    note = message.text.split(maxsplit=1)[1] if len(message.text.split(maxsplit=1)) > 1 else ""
    try:
        await services.scorecard.recognition.ceu(chapter, user_id, note)
    except RecognitionRefused as refusal:
        await message.reply_text(texts.ceu_refused(refusal))
        return
    await message.reply_text(texts.ceu_logged(chapter))


async def tip_read_button(update: Update, context: ChapterContext) -> None:
    """A member taps "I read it (+1 credit)" under the weekly tip: one credit, once."""
    query, services = update.callback_query, context.services
    press = parse_tip_read(query.data)
    chapter = await services.chapters.by_id(press.chapter_id) if press else None
    message = query.message
    if press is None or chapter is None or message is None or message.chat.id != chapter.chat_id:
        await query.answer(texts.TIP_BUTTON_GONE, show_alert=True)
        return
    outcome = await services.scorecard.recognition.tip_read(chapter, query.from_user.id, press.week)
    answers = {
        TipCredit.EARNED: texts.TIP_CREDIT_EARNED,
        TipCredit.ALREADY: texts.TIP_CREDIT_ALREADY,
        TipCredit.NO_SUCH_TIP: texts.TIP_BUTTON_GONE,
    }
    await query.answer(answers[outcome], show_alert=outcome is TipCredit.NO_SUCH_TIP)


def register(app: Application) -> None:
    app.add_handler(
        CommandHandler("testimonial", testimonial_command, filters=filters.ChatType.GROUPS)
    )
    app.add_handler(
        CommandHandler("testimonial", testimonial_in_private, filters=filters.ChatType.PRIVATE)
    )
    app.add_handler(CommandHandler("ceu", ceu_command))
    app.add_handler(CallbackQueryHandler(tip_read_button, pattern=r"^cr:"))
