"""/refer in a private chat: a short form with buttons, ending in the same referral as the group's.

Steps: chapter (when several) -> member (paged, searchable) -> prospect -> contact (optional)
-> how hot -> inside/outside -> summary to confirm. /cancel or Cancel leaves, storing nothing.
"""

from __future__ import annotations

import contextlib
import warnings
from datetime import timedelta

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.referrals.form import FormDraft, page_of, search
from bot.referrals.passing import ReceiverRef, ReferralRefused
from bot.referrals.prospect import MAX_PROSPECT_LENGTH
from bot.texts import referral_form as texts
from bot.texts import referrals as referral_texts
from handlers.context import ChapterContext
from handlers.people import member_from_user
from handlers.referrals import refusal_text

CHAPTER, MEMBER, PROSPECT, CONTACT, HOT, INSIDE, CONFIRM = range(7)
_DRAFT = "refer_form"


def _draft(context: ChapterContext) -> FormDraft:
    return context.user_data.setdefault(_DRAFT, FormDraft())


async def _candidates(context: ChapterContext, giver_id: int):
    members = await context.services.members.of_chapter(_draft(context).chapter_id or 0)
    return [member for member in members if member.user_id != giver_id]


async def start_form(update: Update, context: ChapterContext) -> int:
    """/refer in private: pick the chapter, or go straight to the member if there is one."""
    context.user_data[_DRAFT] = FormDraft()
    chapters = [
        c
        for c in await context.services.directory.chapters_of(update.effective_user.id)
        if c.active
    ]
    if not chapters:
        await update.effective_message.reply_text(texts.NO_CHAPTER)
        return ConversationHandler.END
    if len(chapters) == 1:
        _draft(context).chapter_id = chapters[0].id
        return await _show_members(update, context)
    text, keyboard = texts.choose_chapter(chapters)
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CHAPTER


async def chapter_chosen(update: Update, context: ChapterContext) -> int:
    query = update.callback_query
    await query.answer()
    chapter_id = int(query.data.rsplit(":", 1)[1])
    allowed = {c.id for c in await context.services.directory.chapters_of(query.from_user.id)}
    if chapter_id not in allowed:  # forged data: only the giver's own chapters
        return CHAPTER
    _draft(context).chapter_id = chapter_id
    return await _show_members(update, context)


async def _show_members(update: Update, context: ChapterContext, page: int = 0) -> int:
    members = await _candidates(context, update.effective_user.id)
    if not members:
        await update.effective_message.reply_text(texts.NO_MEMBERS)
        return ConversationHandler.END
    text, keyboard = texts.choose_member(page_of(members, page))
    if update.callback_query and update.callback_query.data.startswith("rf:pg:"):
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
    else:
        await update.effective_message.reply_text(text, reply_markup=keyboard)
    return MEMBER


async def member_page(update: Update, context: ChapterContext) -> int:
    await update.callback_query.answer()
    return await _show_members(update, context, int(update.callback_query.data.rsplit(":", 1)[1]))


async def member_search(update: Update, context: ChapterContext) -> int:
    """The giver typed part of a name: show who matches."""
    query = update.effective_message.text[:64]
    matches = search(await _candidates(context, update.effective_user.id), query)
    text, keyboard = texts.choose_member(page_of(matches, 0), query)
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return MEMBER


async def member_chosen(update: Update, context: ChapterContext) -> int:
    query = update.callback_query
    await query.answer()
    receiver_id = int(query.data.rsplit(":", 1)[1])
    if receiver_id not in {m.user_id for m in await _candidates(context, query.from_user.id)}:
        return MEMBER  # forged or stale: not a member of this chapter
    _draft(context).receiver_id = receiver_id
    await query.message.reply_text(texts.ASK_PROSPECT)
    return PROSPECT


async def prospect_given(update: Update, context: ChapterContext) -> int:
    text = update.effective_message.text.strip()
    if len(text) > MAX_PROSPECT_LENGTH:
        await update.effective_message.reply_text(
            referral_texts.too_long(MAX_PROSPECT_LENGTH, len(text))
        )
        return PROSPECT
    _draft(context).prospect = text
    await update.effective_message.reply_text(
        texts.ASK_CONTACT, reply_markup=texts.contact_keyboard()
    )
    return CONTACT


async def contact_given(update: Update, context: ChapterContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
    else:
        _draft(context).contact = update.effective_message.text.strip()[:200]
    text, keyboard = texts.choose_how_hot()
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return HOT


async def how_hot_chosen(update: Update, context: ChapterContext) -> int:
    await update.callback_query.answer()
    _draft(context).how_hot = int(update.callback_query.data.rsplit(":", 1)[1])
    text, keyboard = texts.choose_inside()
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return INSIDE


async def inside_chosen(update: Update, context: ChapterContext) -> int:
    await update.callback_query.answer()
    draft = _draft(context)
    draft.inside = update.callback_query.data.endswith(":i")
    services = context.services
    chapter = await services.chapters.by_id(draft.chapter_id or 0)
    receiver = await services.members.get(draft.receiver_id or 0)
    if chapter is None or receiver is None:
        await update.effective_message.reply_text(texts.EXPIRED)
        return ConversationHandler.END
    text, keyboard = texts.summary(draft, chapter, receiver)
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return CONFIRM


async def confirmed(update: Update, context: ChapterContext) -> int:
    """Store the referral and deliver it exactly as the group command does."""
    query, services = update.callback_query, context.services
    await query.answer()
    draft: FormDraft = context.user_data.pop(_DRAFT, FormDraft())
    chapter = await services.chapters.by_id(draft.chapter_id or 0)
    receiver = await services.members.get(draft.receiver_id or 0)
    if chapter is None or receiver is None or draft.how_hot is None or draft.inside is None:
        await query.message.reply_text(texts.EXPIRED)
        return ConversationHandler.END
    await _drop_keyboard(query)
    try:
        passed = await services.referral_service.pass_referral(
            chapter,
            member_from_user(query.from_user),
            ReceiverRef(member=receiver),
            draft.prospect_text(),
            (draft.how_hot, draft.inside),
        )
    except ReferralRefused as refusal:
        await query.message.reply_text(refusal_text(refusal))
        return ConversationHandler.END
    assert passed is not None  # only group messages can be delivered twice
    deep_link = None if passed.slip_delivered else passed.deep_link
    await context.bot.send_message(
        chapter.chat_id,
        referral_texts.group_confirmation(
            passed.referral, chapter, passed.giver, passed.receiver, deep_link
        ),
    )
    await query.message.reply_text(texts.done(passed.referral.id, receiver, passed.slip_delivered))
    return ConversationHandler.END


async def cancelled(update: Update, context: ChapterContext) -> int:
    context.user_data.pop(_DRAFT, None)
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_keyboard(update.callback_query)
    await update.effective_message.reply_text(texts.CANCELLED)
    return ConversationHandler.END


async def _drop_keyboard(query: CallbackQuery) -> None:
    """Take the buttons off a finished step; cosmetic, so an old message may refuse."""
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


def register(app: Application) -> None:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():  # per_message=False with buttons is intended here
        warnings.simplefilter("ignore", PTBUserWarning)
        form = ConversationHandler(
            entry_points=[CommandHandler("refer", start_form, filters=filters.ChatType.PRIVATE)],
            states={
                CHAPTER: [CallbackQueryHandler(chapter_chosen, pattern=r"^rf:ch:\d{1,12}$")],
                MEMBER: [
                    CallbackQueryHandler(member_chosen, pattern=r"^rf:m:\d{1,15}$"),
                    CallbackQueryHandler(member_page, pattern=r"^rf:pg:\d{1,4}$"),
                    MessageHandler(text, member_search),
                ],
                PROSPECT: [MessageHandler(text, prospect_given)],
                CONTACT: [
                    MessageHandler(text, contact_given),
                    CallbackQueryHandler(contact_given, pattern=r"^rf:skip$"),
                ],
                HOT: [CallbackQueryHandler(how_hot_chosen, pattern=r"^rf:hot:[1-5]$")],
                INSIDE: [CallbackQueryHandler(inside_chosen, pattern=r"^rf:io:[io]$")],
                CONFIRM: [CallbackQueryHandler(confirmed, pattern=r"^rf:ok$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancelled),
                CallbackQueryHandler(cancelled, pattern=r"^rf:x$"),
                CommandHandler("refer", start_form, filters=filters.ChatType.PRIVATE),
            ],
            conversation_timeout=timedelta(minutes=30),
            name="refer_form",
        )
    app.add_handler(form)
