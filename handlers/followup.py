"""Logging follow-up: /followup, the buttons on slips and nudges, /mine and /pending."""

from __future__ import annotations

import logging
import re

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.chapters.settings import follow_up_window
from bot.core.callback_data import FollowUpAction, parse_follow_up
from bot.followup.steps import FollowUpResult, Outcome, Step
from bot.texts import followup as texts
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group

log = logging.getLogger(__name__)

_FOLLOWUP_ARGS = re.compile(r"^#?(\d{1,12})(?:\s+(.*))?$", re.DOTALL)
_STEPS = {
    FollowUpAction.CONTACTED: Step.CONTACTED,
    FollowUpAction.MEETING: Step.MEETING,
    FollowUpAction.NOT_A_FIT: Step.NOT_A_FIT,
}
MAX_NOTE = 500


async def _render(result: FollowUpResult, context: ChapterContext, in_group: bool) -> str:
    if result.outcome is Outcome.NOT_FOUND:
        return texts.not_found(result.referral_id)
    if result.outcome is Outcome.NOT_RECEIVER:
        return texts.not_receiver(result.referral_id)
    assert result.referral is not None
    if result.outcome is Outcome.ALREADY_PAST:
        return texts.already_past(result.referral)
    if result.outcome is Outcome.SNOOZE_LIMIT:
        return texts.snooze_limit(result.referral_id)
    if result.outcome is Outcome.NOT_DUE_YET:
        return texts.nothing_to_postpone(result.referral_id)
    giver = await context.services.members.get(result.referral.giver_id)
    assert giver is not None
    return texts.step_logged(result.referral, giver, in_group)


async def followup_command(update: Update, context: ChapterContext) -> None:
    """/followup <id> [note]: the receiver marks a referral contacted."""
    message, services = update.effective_message, context.services
    text = message.text.split(maxsplit=1)
    match = _FOLLOWUP_ARGS.match(text[1].strip()) if len(text) > 1 else None
    if not match:
        await message.reply_text(texts.FOLLOWUP_USAGE)
        return
    note = (match.group(2) or "").strip()[:MAX_NOTE] or None
    in_group = is_group(update.effective_chat)
    chapter_id = None
    if in_group:
        chapter_id = (await current_chapter(update, context)).id
    result = await services.follow_ups.log_step(
        int(match.group(1)), update.effective_user.id, Step.CONTACTED, note, chapter_id
    )
    await message.reply_text(await _render(result, context, in_group))


async def followup_button(update: Update, context: ChapterContext) -> None:
    """A button on a slip, a nudge or /mine: log the step, or postpone the nudge."""
    query = update.callback_query
    press = parse_follow_up(query.data)
    if press is None:
        await query.answer(texts.callback_expired(), show_alert=True)
        return
    services = context.services
    if press.action is FollowUpAction.SNOOZE:
        result = await services.follow_ups.snooze(press.referral_id, query.from_user.id)
        reply = (
            texts.snoozed(press.referral_id, result.snoozes_left)
            if result.outcome is Outcome.DONE
            else await _render(result, context, in_group=False)
        )
    else:
        result = await services.follow_ups.log_step(
            press.referral_id, query.from_user.id, _STEPS[press.action]
        )
        reply = await _render(result, context, in_group=False)
    await query.answer()
    if result.outcome in (Outcome.DONE, Outcome.ALREADY_PAST) and query.message is not None:
        await _drop_buttons_of(query, press.referral_id)
    await context.bot.send_message(query.from_user.id, reply)


async def _drop_buttons_of(query: CallbackQuery, referral_id: int) -> None:
    """Remove the pressed referral's buttons from the message (others stay, as on /mine)."""
    markup = query.message.reply_markup
    if markup is None:
        return
    rows = [
        [b for b in row if not (b.callback_data or "").startswith(f"fu:{referral_id}:")]
        for row in markup.inline_keyboard
    ]
    rows = [row for row in rows if row]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
    except BadRequest as exc:  # too old to edit, or unchanged: the reply says enough
        log.info("Could not update buttons: %s", exc.message)


async def stale_button(update: Update, context: ChapterContext) -> None:
    """Any button the bot doesn't recognise (old, or forged): say so, change nothing."""
    await update.callback_query.answer(texts.callback_expired(), show_alert=True)


async def mine(update: Update, context: ChapterContext) -> None:
    """/mine in private: referrals received (with buttons) and given."""
    received, given = await context.services.overview.mine(update.effective_user.id)
    markup = texts.mine_buttons([referral for referral, _, _ in received])
    await update.effective_message.reply_text(texts.mine(received, given), reply_markup=markup)


async def mine_in_group(update: Update, context: ChapterContext) -> None:
    await update.effective_message.reply_text(texts.MINE_IS_PRIVATE)


async def pending(update: Update, context: ChapterContext) -> None:
    """/pending in the group: referrals past the window, by receiver, without prospects."""
    message, services = update.effective_message, context.services
    chapter = await current_chapter(update, context)
    rows = await services.overview.overdue(chapter)
    window = follow_up_window(chapter, services.settings)
    await message.reply_text(texts.pending(rows, window))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("followup", followup_command))
    app.add_handler(CommandHandler("mine", mine, filters=filters.ChatType.PRIVATE))
    app.add_handler(CommandHandler("mine", mine_in_group, filters=filters.ChatType.GROUPS))
    app.add_handler(CommandHandler("pending", pending, filters=filters.ChatType.GROUPS))
    app.add_handler(CallbackQueryHandler(followup_button, pattern=r"^fu:"))


def register_fallbacks(app: Application) -> None:
    """Last in group 0: buttons nobody else claimed."""
    app.add_handler(CallbackQueryHandler(stale_button))
