"""/refer in a private chat: a short form with buttons, ending in the same referral as the group's.

Steps: chapter (when several) -> member (paged, searchable) -> prospect -> contact (optional)
-> how hot -> inside/outside -> summary to confirm. /cancel or Cancel leaves, storing nothing.
"""

from __future__ import annotations

import contextlib
import warnings
from datetime import timedelta
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
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

from bot.core.callback_data import FormStep, form_step, matches, parse_form
from bot.core.result import Done, Refused
from bot.referrals.form import FormDraft, page_of, search
from bot.referrals.passing import ReceiverRef, SlipFields, prospect_too_long
from bot.texts import referral_form as texts
from bot.texts import referrals as referral_texts
from bot.texts.refusals import say
from handlers.context import ChapterContext
from handlers.parts import NotForThisHandler, message_of, query_of, user_of
from handlers.people import member_from_user
from handlers.typed_referral import draft_from_command
from storage.records import Chapter, Member

CHAPTER, MEMBER, PROSPECT, CONTACT, HOT, INSIDE, CONFIRM = range(7)
_DRAFT = "refer_form"


def _user_data(context: ChapterContext) -> dict[str, Any]:
    if context.user_data is None:  # only for updates without a user, which never reach here
        raise LookupError("the form needs a user")
    return context.user_data


def _draft(context: ChapterContext) -> FormDraft:
    draft = _user_data(context).setdefault(_DRAFT, FormDraft())
    assert isinstance(draft, FormDraft)
    return draft


async def _pressed(update: Update) -> int:
    """Acknowledge the form button pressed; its value (its handler's pattern read it already)."""
    query = query_of(update)
    await query.answer()
    press = parse_form(query.data)
    if press is None:
        raise NotForThisHandler("not a form button")
    return press.value


async def _ask(update: Update, question: tuple[str, InlineKeyboardMarkup], state: int) -> int:
    """Send the next step's question with its buttons; the conversation waits in `state`."""
    text, keyboard = question
    await message_of(update).reply_text(text, reply_markup=keyboard)
    return state


async def _candidates(context: ChapterContext, giver_id: int) -> list[Member]:
    members = await context.services.directory.members_of(_draft(context).chapter_id or 0)
    return [member for member in members if member.user_id != giver_id]


async def start_form(update: Update, context: ChapterContext) -> int:
    """/refer in private: pick the chapter, or go straight to the member if there is one.
    With words after it (`/refer @carol Pia, 555-0166`) the form starts filled in with them."""
    message, giver_id = message_of(update), user_of(update).id
    directory = context.services.directory
    chapters = [c for c in await directory.chapters_of(giver_id) if c.active]
    if not chapters:
        _user_data(context).pop(_DRAFT, None)
        await message.reply_text(texts.NO_CHAPTER)
        return ConversationHandler.END
    draft = FormDraft(chapter_id=chapters[0].id if len(chapters) == 1 else None)
    if context.args:
        typed = await draft_from_command(message, directory, chapters, giver_id)
        if isinstance(typed, Refused):
            await message.reply_text(say(typed))
            return ConversationHandler.END
        draft = typed
    _user_data(context)[_DRAFT] = draft
    return await _next_step(update, context, chapters)


async def _next_step(
    update: Update, context: ChapterContext, chapters: list[Chapter] | None = None
) -> int:
    """Ask for the first thing still missing: chapter, member, prospect; a draft filled in
    from the command then goes straight to the summary (how hot and inside/outside are set
    afterwards, with the buttons the giver gets, as for the group command)."""
    draft = _draft(context)
    if draft.chapter_id is None:
        chapters = chapters or await context.services.directory.chapters_of(user_of(update).id)
        return await _ask(update, texts.choose_chapter([c for c in chapters if c.active]), CHAPTER)
    candidates = {m.user_id for m in await _candidates(context, user_of(update).id)}
    if draft.receiver_id not in candidates:
        draft.receiver_id = None
        return await _show_members(update, context)
    if not draft.prospect:
        await message_of(update).reply_text(texts.ASK_PROSPECT)
        return PROSPECT
    return await _show_summary(update, context)


async def chapter_chosen(update: Update, context: ChapterContext) -> int:
    chapter_id = await _pressed(update)
    allowed = {c.id for c in await context.services.directory.chapters_of(user_of(update).id)}
    if chapter_id not in allowed:  # forged data: only the giver's own chapters
        return CHAPTER
    _draft(context).chapter_id = chapter_id
    return await _next_step(update, context)


async def _show_members(update: Update, context: ChapterContext, page: int = 0) -> int:
    members = await _candidates(context, user_of(update).id)
    if not members:
        await message_of(update).reply_text(texts.NO_MEMBERS)
        return ConversationHandler.END
    text, keyboard = texts.choose_member(page_of(members, page))
    query = update.callback_query
    if query is not None and form_step(FormStep.PAGE)(query.data) is not None:
        await query.edit_message_text(text, reply_markup=keyboard)
    else:
        await message_of(update).reply_text(text, reply_markup=keyboard)
    return MEMBER


async def member_page(update: Update, context: ChapterContext) -> int:
    return await _show_members(update, context, await _pressed(update))


async def member_search(update: Update, context: ChapterContext) -> int:
    """The giver typed part of a name: show who matches."""
    query = (message_of(update).text or "")[:64]
    found = search(await _candidates(context, user_of(update).id), query)
    return await _ask(update, texts.choose_member(page_of(found, 0), query), MEMBER)


async def member_chosen(update: Update, context: ChapterContext) -> int:
    receiver_id = await _pressed(update)
    if receiver_id not in {m.user_id for m in await _candidates(context, user_of(update).id)}:
        return MEMBER  # forged or stale: not a member of this chapter
    _draft(context).receiver_id = receiver_id
    return await _next_step(update, context)


async def prospect_given(update: Update, context: ChapterContext) -> int:
    message = message_of(update)
    text = (message.text or "").strip()
    too_long = prospect_too_long(text)
    if too_long is not None:
        await message.reply_text(say(too_long))
        return PROSPECT
    _draft(context).prospect = text
    if _draft(context).from_command:
        return await _show_summary(update, context)
    await message.reply_text(texts.ASK_CONTACT, reply_markup=texts.contact_keyboard())
    return CONTACT


async def contact_given(update: Update, context: ChapterContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
    else:
        _draft(context).contact = (message_of(update).text or "").strip()[:200]
    return await _ask(update, texts.choose_how_hot(), HOT)


async def how_hot_chosen(update: Update, context: ChapterContext) -> int:
    _draft(context).how_hot = await _pressed(update)
    return await _ask(update, texts.choose_inside(), INSIDE)


async def inside_chosen(update: Update, context: ChapterContext) -> int:
    _draft(context).inside = bool(await _pressed(update))
    return await _show_summary(update, context)


async def _show_summary(update: Update, context: ChapterContext) -> int:
    draft, directory = _draft(context), context.services.directory
    chapter = await directory.chapter(draft.chapter_id or 0)
    receiver = await directory.member(draft.receiver_id or 0)
    if chapter is None or receiver is None:
        await message_of(update).reply_text(texts.EXPIRED)
        return ConversationHandler.END
    return await _ask(update, texts.summary(draft, chapter, receiver), CONFIRM)


async def confirmed(update: Update, context: ChapterContext) -> int:
    """Store the referral and deliver it exactly as the group command does."""
    query, services, message = query_of(update), context.services, message_of(update)
    await query.answer()
    draft: FormDraft = _user_data(context).pop(_DRAFT, FormDraft())
    chapter = await services.directory.chapter(draft.chapter_id or 0)
    receiver = await services.directory.member(draft.receiver_id or 0)
    fields = None
    if draft.how_hot is not None and draft.inside is not None:
        fields = SlipFields(draft.how_hot, draft.inside)
    if chapter is None or receiver is None or (fields is None and not draft.from_command):
        await message.reply_text(texts.EXPIRED)
        return ConversationHandler.END
    await _drop_keyboard(query)
    giver = member_from_user(query.from_user)
    result = await services.referrals.pass_referral(
        chapter,
        giver,
        ReceiverRef(member=receiver),
        draft.prospect_text(),
        fields,
    )
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return ConversationHandler.END
    passed = result.value
    assert passed is not None  # only group messages can be delivered twice
    confirmation = referral_texts.group_confirmation(
        passed.referral, chapter, giver, passed.receiver, passed.deep_link
    )
    await services.messenger.to_chapter(chapter, confirmation, interactive=True)
    await message.reply_text(texts.done(passed.referral.id, receiver, passed.slip_delivered))
    return ConversationHandler.END


async def cancelled(update: Update, context: ChapterContext) -> int:
    _user_data(context).pop(_DRAFT, None)
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_keyboard(update.callback_query)
    await message_of(update).reply_text(texts.CANCELLED)
    return ConversationHandler.END


async def _drop_keyboard(query: CallbackQuery) -> None:
    """Take the buttons off a finished step; cosmetic, so an old message may refuse."""
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


def _on(step: FormStep, callback: Any) -> CallbackQueryHandler:
    return CallbackQueryHandler(callback, pattern=matches(form_step(step)))


def register(app: Application) -> None:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():  # per_message=False with buttons is intended here
        warnings.simplefilter("ignore", PTBUserWarning)
        form = ConversationHandler(
            entry_points=[CommandHandler("refer", start_form, filters=filters.ChatType.PRIVATE)],
            states={
                CHAPTER: [_on(FormStep.CHAPTER, chapter_chosen)],
                MEMBER: [
                    _on(FormStep.MEMBER, member_chosen),
                    _on(FormStep.PAGE, member_page),
                    MessageHandler(text, member_search),
                ],
                PROSPECT: [MessageHandler(text, prospect_given)],
                CONTACT: [MessageHandler(text, contact_given), _on(FormStep.SKIP, contact_given)],
                HOT: [_on(FormStep.HOW_HOT, how_hot_chosen)],
                INSIDE: [_on(FormStep.INSIDE, inside_chosen)],
                CONFIRM: [_on(FormStep.CONFIRM, confirmed)],
            },
            fallbacks=[
                CommandHandler("cancel", cancelled),
                _on(FormStep.CANCEL, cancelled),
                CommandHandler("refer", start_form, filters=filters.ChatType.PRIVATE),
            ],
            conversation_timeout=timedelta(minutes=30),
            name="refer_form",
        )
    app.add_handler(form)
