"""/121 (/onetoone): log a one-to-one; the partner's buttons; its deep link; /dancecard."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.core.callback_data import (
    is_one_to_one,
    one_to_one_start,
    parse_one_to_one,
    parse_one_to_one_start,
)
from bot.core.result import Reason, Refused
from bot.texts import one_to_ones as texts
from bot.texts.refusals import say, say_plain
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, query_of, start_payload, start_with, user_of
from handlers.people import current_chapter, is_group, member_from_user
from handlers.referrals import receiver_and_prospect

log = logging.getLogger(__name__)


async def one_to_one_command(update: Update, context: ChapterContext) -> None:
    """Log a one-to-one with the member named (or replied to), then ask them to confirm."""
    message, services = message_of(update), context.services
    logger = member_from_user(user_of(update))
    in_group = is_group(chat_of(update))
    if in_group:
        chapters = [await current_chapter(update, context)]
    else:
        chapters = await services.directory.chapters_of(logger.user_id)
        if not chapters:
            await message.reply_text(texts.no_chapter())
            return
    named, rest = receiver_and_prospect(message)
    one_to_ones = services.scorecard.one_to_ones
    result = await one_to_ones.log(chapters, logger, named.member, named.username, rest.split())
    if isinstance(result, Refused):
        await message.reply_text(say(result))
        return
    logged = result.value
    if logged.merged:
        await message.reply_text(texts.merged(logged.one_to_one, logged.partner))
        return
    if await one_to_ones.ask_partner(logged):
        await message.reply_text(texts.logged(logged.one_to_one, logged.partner, None))
    elif in_group:
        link = services.messenger.deep_link(one_to_one_start(logged.one_to_one.id))
        await message.reply_text(texts.logged(logged.one_to_one, logged.partner, link))
    else:
        await message.reply_text(
            texts.logged(logged.one_to_one, logged.partner, None) + texts.partner_unreachable()
        )


async def one_to_one_button(update: Update, context: ChapterContext) -> None:
    """The partner taps Yes, we met / Didn't happen. Only they can, and only once."""
    query = query_of(update)
    press = parse_one_to_one(query.data)
    if press is None:
        await query.answer(texts.button_gone(), show_alert=True)
        return
    answered = await context.services.scorecard.one_to_ones.answer(
        press.one_to_one_id, query.from_user.id, press.met
    )
    if isinstance(answered, Refused):
        alert = answered.reason is not Reason.ONE_TO_ONE_ANSWERED
        await query.answer(say_plain(answered), show_alert=alert)
        return
    await query.answer(texts.answer_saved())
    try:
        await query.edit_message_text(
            texts.decided_for_partner(answered.value.one_to_one, answered.value.logger, press.met)
        )
    except BadRequest as exc:  # too old to edit: the answer said it
        log.info("Could not update the one-to-one question: %s", exc.message)


async def start_with_one_to_one(update: Update, context: ChapterContext) -> None:
    """/start oo_12 (the group's link): the partner opens the chat and gets the question."""
    services, message = context.services, message_of(update)
    member = await services.directory.started_private_chat(member_from_user(user_of(update)))
    one_to_one_id = parse_one_to_one_start(start_payload(context.args))
    if one_to_one_id is None:
        await message.reply_text(texts.button_gone())
        return
    asked = await services.scorecard.one_to_ones.question_for(one_to_one_id, member.user_id)
    if isinstance(asked, Refused):
        await message.reply_text(say(asked))
        return
    await message.reply_text(
        texts.ask_partner(asked.value.one_to_one, asked.value.logger),
        reply_markup=texts.confirm_buttons(asked.value.one_to_one.id),
    )


async def dancecard_command(update: Update, context: ChapterContext) -> None:
    """Privately: whom you haven't met lately, and whom you never passed a referral to."""
    message, services = message_of(update), context.services
    if is_group(chat_of(update)):
        await message.reply_text(texts.dancecard_in_group())
        return
    user_id = user_of(update).id
    chapters = await services.directory.chapters_of(user_id)
    if not chapters:
        await message.reply_text(texts.no_chapter())
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
            filters=filters.ChatType.PRIVATE & start_with(parse_one_to_one_start),
        )
    )
    app.add_handler(CommandHandler(["121", "onetoone"], one_to_one_command))
    app.add_handler(CommandHandler("dancecard", dancecard_command))
    app.add_handler(CallbackQueryHandler(one_to_one_button, pattern=is_one_to_one))
