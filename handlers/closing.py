"""/closed: the receiver records business won from a referral (or corrects its value)."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.business.closing import CloseOutcome, CloseResult
from bot.texts import closing as texts
from bot.texts import followup as followup_texts
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group

_ARGS = re.compile(r"^#?(\d{1,12})\s+(.+)$", re.DOTALL)


async def closed_command(update: Update, context: ChapterContext) -> None:
    """/closed <id> <amount> [note], in private or in the group."""
    message, services = update.effective_message, context.services
    parts = (message.text or "").split(maxsplit=1)
    match = _ARGS.match(parts[1].strip()) if len(parts) > 1 else None
    if not match:
        await message.reply_text(texts.CLOSED_USAGE)
        return
    chapter = await current_chapter(update, context) if is_group(message.chat) else None
    result = await services.closing.close(
        int(match.group(1)),
        update.effective_user.id,
        match.group(2)[:1000],
        chapter.id if chapter else None,
    )
    if chapter is not None and result.outcome is CloseOutcome.CLOSED:
        return  # the group's thank-you is the answer
    if chapter is not None and chapter.amounts_hidden and result.outcome is CloseOutcome.CORRECTED:
        await message.reply_text(texts.corrected_in_private_chapter(result.referral_id))
        return
    await message.reply_text(_render(result))


def _render(result: CloseResult) -> str:
    if result.outcome is CloseOutcome.NOT_FOUND:
        return followup_texts.not_found(result.referral_id)
    if result.outcome is CloseOutcome.NOT_RECEIVER:
        return followup_texts.not_receiver(result.referral_id)
    if result.outcome is CloseOutcome.NOT_A_FIT:
        return texts.not_a_fit_cannot_close(result.referral_id)
    if result.outcome is CloseOutcome.BAD_AMOUNT:
        return texts.bad_amount(result.problem)
    if result.outcome is CloseOutcome.WRONG_CURRENCY:
        return texts.wrong_currency(result.problem, result.currency)
    corrected = result.outcome is CloseOutcome.CORRECTED
    return texts.closed_reply(result.referral, corrected, in_group=False)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("closed", closed_command))
