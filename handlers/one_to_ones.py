"""/121 (/onetoone): log a one-to-one; the partner's buttons; its deep link; /dancecard."""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.scorecard.callbacks import parse_one_to_one
from bot.scorecard.one_to_ones import Decision, Logged, OneToOneRefused
from bot.texts import one_to_ones as texts
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group, member_from_user
from handlers.referrals import receiver_and_prospect
from storage.one_to_ones import OneToOne, OneToOneStatus

log = logging.getLogger(__name__)

START_PAYLOAD = re.compile(r"^oo_(\d{1,12})$")


def start_payload(one_to_one_id: int) -> str:
    return f"oo_{one_to_one_id}"


async def one_to_one_command(update: Update, context: ChapterContext) -> None:
    """Log a one-to-one with the member named (or replied to), then ask them to confirm."""
    message, services = update.effective_message, context.services
    feature = services.scorecard
    logger = member_from_user(update.effective_user)
    if is_group(message.chat):
        chapters = [await current_chapter(update, context)]
    else:
        chapters = await services.directory.chapters_of(logger.user_id)
        if not chapters:
            await message.reply_text(texts.NO_CHAPTER)
            return
    named, rest = receiver_and_prospect(message)
    try:
        logged = await feature.one_to_ones.log(
            chapters, logger, named.member, named.username, rest.split()
        )
    except OneToOneRefused as refusal:
        await message.reply_text(texts.refused(refusal))
        return
    if logged.merged:
        await message.reply_text(texts.merged(logged.one_to_one, logged.partner))
        return
    delivered = await _ask_partner(context, logged)
    link = None if delivered else services.messenger.deep_link(start_payload(logged.one_to_one.id))
    await message.reply_text(
        texts.logged(logged.one_to_one, logged.partner, link if is_group(message.chat) else None)
        + ("" if delivered or is_group(message.chat) else "\n" + texts.PARTNER_UNREACHABLE)
    )


async def _ask_partner(context: ChapterContext, logged: Logged) -> bool:
    services = context.services
    logger = await services.members.get(logged.one_to_one.logged_by)
    if logger is None or logged.partner.can_dm is False:
        return False
    try:
        return await services.messenger.send_private(
            logged.partner.user_id,
            texts.ask_partner(logged.one_to_one, logger),
            texts.confirm_buttons(logged.one_to_one.id),
            known_can_dm=logged.partner.can_dm,
        )
    except TelegramError as exc:  # transient: the reminder asks again in 72 hours
        log.warning("One-to-one %s: partner not asked: %s", logged.one_to_one.id, exc)
        return False


async def one_to_one_button(update: Update, context: ChapterContext) -> None:
    """The partner taps Yes, we met / Didn't happen. Only they can, and only once."""
    query, feature = update.callback_query, context.services.scorecard
    press = parse_one_to_one(query.data)
    if press is None:
        await query.answer(texts.BUTTON_GONE, show_alert=True)
        return
    found = await feature.one_to_ones.get(press.one_to_one_id)
    chapter = await context.services.chapters.by_id(found.chapter_id) if found else None
    before = await feature.scores.snapshot(chapter, found.logged_by) if found and chapter else None
    decision, one = await feature.one_to_ones.decide(
        press.one_to_one_id, query.from_user.id, press.met
    )
    if decision is Decision.NOT_FOUND or one is None or chapter is None:
        await query.answer(texts.BUTTON_GONE, show_alert=True)
    elif decision is Decision.NOT_YOURS:
        await query.answer(texts.BUTTON_NOT_YOURS, show_alert=True)
    elif decision is Decision.ALREADY:
        await query.answer(texts.ALREADY_ANSWERED)
    else:
        await query.answer(texts.ANSWER_SAVED)
        await _tell_both(update, context, one, press.met, before)


async def _tell_both(update: Update, context: ChapterContext, one: OneToOne, met, before) -> None:
    services = context.services
    chapter = await services.chapters.by_id(one.chapter_id)
    logger = await services.members.get(one.logged_by)
    partner = await services.members.get(one.partner_id)
    if chapter is None or logger is None or partner is None:
        return
    try:
        await update.callback_query.edit_message_text(texts.decided_for_partner(one, logger, met))
    except BadRequest as exc:
        log.info("Could not update the one-to-one question: %s", exc.message)
    after = await services.scorecard.scores.snapshot(chapter, logger.user_id)
    change = texts.card_change(before, after) if before and met else ""
    try:
        await services.messenger.send_private(
            logger.user_id,
            texts.decided_for_logger(one, partner, met, change),
            known_can_dm=logger.can_dm,
        )
    except TelegramError as exc:
        log.info("Logger of one-to-one %s not told: %s", one.id, exc)


async def start_with_one_to_one(update: Update, context: ChapterContext) -> None:
    """/start oo_12 (the group's link): the partner opens the chat and gets the question."""
    services = context.services
    member = await services.directory.started_private_chat(member_from_user(update.effective_user))
    match = START_PAYLOAD.match(context.args[0] if context.args else "")
    one = await services.scorecard.one_to_ones.get(int(match.group(1))) if match else None
    logger = await services.members.get(one.logged_by) if one else None
    if one is None or logger is None or one.partner_id != member.user_id:
        await update.effective_message.reply_text(texts.BUTTON_GONE)
        return
    if one.status is not OneToOneStatus.PENDING:
        await update.effective_message.reply_text(texts.ALREADY_ANSWERED)
        return
    await update.effective_message.reply_text(
        texts.ask_partner(one, logger), reply_markup=texts.confirm_buttons(one.id)
    )


async def dancecard_command(update: Update, context: ChapterContext) -> None:
    """Privately: whom you haven't met lately, and whom you never passed a referral to."""
    message, services = update.effective_message, context.services
    if is_group(message.chat):
        await message.reply_text(texts.DANCECARD_IN_GROUP)
        return
    user_id = update.effective_user.id
    chapters = await services.directory.chapters_of(user_id)
    if not chapters:
        await message.reply_text(texts.NO_CHAPTER)
        return
    parts = []
    for chapter in chapters:
        card = await services.scorecard.scores.dancecard(chapter, user_id)
        parts.append(texts.dancecard(chapter.title, card.not_met, card.never_referred))
    await message.reply_text("\n\n".join(parts))


def register(app: Application) -> None:
    """Before start.register: /start with a one-to-one payload is answered here."""
    app.add_handler(
        CommandHandler(
            "start",
            start_with_one_to_one,
            filters=filters.ChatType.PRIVATE & filters.Regex(r"^/start(@\w+)?\s+oo_\d+\s*$"),
        )
    )
    app.add_handler(CommandHandler(["121", "onetoone"], one_to_one_command))
    app.add_handler(CommandHandler("dancecard", dancecard_command))
    app.add_handler(CallbackQueryHandler(one_to_one_button, pattern=r"^oo:"))
