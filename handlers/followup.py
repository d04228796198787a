"""Logging follow-up: /followup, the buttons on slips and nudges, /mine and /pending."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.core.callback_data import FollowUpAction, matches, parse_follow_up, parse_mine_page
from bot.core.result import Done, Reason, Result
from bot.core.text_length import pieces
from bot.followup.steps import StepLogged
from bot.referrals.prospect import has_contact_details
from bot.referrals.status import ReferralStatus
from bot.texts import followup as texts
from bot.texts import lists as list_texts
from bot.texts.refusals import say
from handlers.command_text import referral_and_rest
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, query_of, user_of
from handlers.people import current_chapter, is_group
from handlers.referrals import _remove_contact_details

log = logging.getLogger(__name__)

_STEPS = {
    FollowUpAction.CONTACTED: ReferralStatus.CONTACTED,
    FollowUpAction.MEETING: ReferralStatus.MEETING,
    FollowUpAction.NOT_A_FIT: ReferralStatus.NOT_A_FIT,
}
MAX_NOTE = 500


def _render(result: Result[StepLogged], in_group: bool) -> str:
    if isinstance(result, Done):
        return texts.step_logged(result.value.referral, result.value.giver, in_group)
    return say(result)


async def followup_command(update: Update, context: ChapterContext) -> None:
    """/followup <id> [note]: the receiver marks a referral contacted."""
    message, services = message_of(update), context.services
    args = referral_and_rest(message)
    if args is None:
        await message.reply_text(texts.followup_usage())
        return
    referral_id, note = args[0], args[1].strip()[:MAX_NOTE] or None
    in_group = is_group(chat_of(update))
    chapter_id = (await current_chapter(update, context)).id if in_group else None
    result = await services.followup.log_step(
        referral_id, user_of(update).id, ReferralStatus.CONTACTED, note, chapter_id
    )
    await message.reply_text(_render(result, in_group))
    if chapter_id is not None and note and has_contact_details(note):
        await _remove_contact_details(message, context, chapter_id)  # the giver has it privately


async def followup_button(update: Update, context: ChapterContext) -> None:
    """A button on a slip, a nudge or /mine: log the step, or postpone the nudge."""
    query, followup = query_of(update), context.services.followup
    press = parse_follow_up(query.data)
    if press is None:  # the pattern let it through, so this does not happen
        await query.answer(texts.callback_expired(), show_alert=True)
        return
    moved_on: bool
    if press.action is FollowUpAction.SNOOZE:
        snoozed = await followup.snooze(press.referral_id, query.from_user.id)
        if isinstance(snoozed, Done):
            reply = texts.snoozed(press.referral_id, snoozed.value)
        else:
            reply = say(snoozed)
        moved_on = isinstance(snoozed, Done) or snoozed.reason is Reason.ALREADY_PAST
    else:
        step = _STEPS[press.action]
        logged = await followup.log_step(press.referral_id, query.from_user.id, step)
        reply = _render(logged, in_group=False)
        moved_on = isinstance(logged, Done) or logged.reason is Reason.ALREADY_PAST
    await query.answer()
    if moved_on and query.message is not None:
        await _drop_buttons_of(query, press.referral_id)
    await context.services.messenger.to_member(query.from_user.id, reply, interactive=True)


async def _drop_buttons_of(query: CallbackQuery, referral_id: int) -> None:
    """Remove the pressed referral's buttons from the message (others stay, as on /mine)."""
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    if markup is None:
        return
    rows = [
        [b for b in row if _referral_of(b.callback_data) != referral_id]
        for row in markup.inline_keyboard
    ]
    rows = [row for row in rows if row]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
    except BadRequest as exc:  # too old to edit, or unchanged: the reply says enough
        log.info("Could not update buttons: %s", exc.message)


def _referral_of(data: object) -> int | None:
    press = parse_follow_up(data) if isinstance(data, str) else None
    return press.referral_id if press is not None else None


async def stale_button(update: Update, context: ChapterContext) -> None:
    """Any button the bot doesn't recognise (old, or forged): say so, change nothing."""
    await query_of(update).answer(texts.callback_expired(), show_alert=True)


async def mine(update: Update, context: ChapterContext) -> None:
    """/mine in private: referrals received (with buttons) and given."""
    listed = await context.services.lists.mine(user_of(update).id)
    page = list_texts.mine(listed)
    await message_of(update).reply_text(page.text, reply_markup=page.buttons)


async def mine_page_button(update: Update, context: ChapterContext) -> None:
    """◀ Previous / Next ▶ under /mine: show that page of the member's own referrals."""
    query = query_of(update)
    listed = await context.services.lists.mine(query.from_user.id)
    page = list_texts.mine(listed, parse_mine_page(query.data) or 0)
    await query.answer()
    try:
        await query.edit_message_text(page.text, reply_markup=page.buttons)
    except BadRequest as exc:  # unchanged (pressed twice) or too old: send it afresh
        log.info("Could not turn the /mine page: %s", exc.message)
        await context.services.messenger.to_member(
            query.from_user.id, page.text, page.buttons, interactive=True
        )


async def mine_in_group(update: Update, context: ChapterContext) -> None:
    await message_of(update).reply_text(list_texts.mine_is_private())


async def pending(update: Update, context: ChapterContext) -> None:
    """/pending in the group: referrals past the window, by receiver, without prospects."""
    chapter = await current_chapter(update, context)
    overdue = await context.services.lists.overdue(chapter)
    for piece in pieces(list_texts.pending(overdue)):  # a long list goes as several messages
        await message_of(update).reply_text(piece)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("followup", followup_command))
    app.add_handler(CommandHandler("mine", mine, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("mine", mine_in_group, filters=filters.ChatType.GROUPS))
    app.add_handler(CommandHandler("pending", pending, filters=filters.ChatType.GROUPS))
    app.add_handler(CallbackQueryHandler(followup_button, pattern=matches(parse_follow_up)))
    app.add_handler(CallbackQueryHandler(mine_page_button, pattern=matches(parse_mine_page)))


def register_fallbacks(app: Application) -> None:
    """Last in group 0: buttons nobody else claimed."""
    app.add_handler(CallbackQueryHandler(stale_button))
