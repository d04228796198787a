"""/refer in a private chat: a short form with buttons, ending in the same referral as the group's.

Steps: chapter (when several) -> member (paged, searchable) -> prospect -> contact (optional)
-> how hot -> inside/outside -> summary to confirm. /cancel or Cancel leaves, storing nothing.

Where the member is lives in the database (bot/referrals/form_state.py), not in this process:
after a restart they carry on where they were and the buttons of their current step still work,
and any process sharing the database can take their next tap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import FormPress, FormStep, matches, parse_form
from bot.core.result import Done, Refused
from bot.referrals.form import FormDraft, Stage, page_of, search
from bot.referrals.passing import ReceiverRef, SlipFields, prospect_too_long
from bot.texts import followup as followup_texts
from bot.texts import referral_form as texts
from bot.texts.refusals import say
from handlers.context import ChapterContext
from handlers.parts import NotForThisHandler, message_of, query_of, user_of
from handlers.people import member_from_user
from handlers.typed_referral import draft_from_command
from storage.records import Chapter, Member

PressHandler = Callable[[Update, ChapterContext, FormDraft, FormPress], Awaitable[None]]
TextHandler = Callable[[Update, ChapterContext, FormDraft, str], Awaitable[None]]


async def _candidates(context: ChapterContext, draft: FormDraft) -> list[Member]:
    members = await context.services.directory.members_of(draft.chapter_id or 0)
    return [member for member in members if member.user_id != draft.user_id]


async def start_form(update: Update, context: ChapterContext) -> None:
    """/refer in private: pick the chapter, or go straight to the member if there is one.
    With words after it (`/refer @carol Pia, 555-0166`) the form starts filled in with them."""
    message, user_id, forms = message_of(update), user_of(update).id, context.services.forms
    directory = context.services.directory
    chapters = [c for c in await directory.chapters_of(user_id) if c.active]
    if not chapters:
        await forms.drop(user_id)
        await message.reply_text(texts.no_chapter())
        return
    if context.args:
        typed = await draft_from_command(message, directory, chapters, user_id)
        if isinstance(typed, Refused):
            await message.reply_text(say(typed))
            return
        typed.user_id = user_id
        stage = await _missing(context, typed)
        draft = await forms.begin(
            user_id,
            stage,
            typed.chapter_id,
            receiver_id=typed.receiver_id if stage is not Stage.MEMBER else None,
            prospect=typed.prospect,
            from_command=True,
        )
        await _ask(update, context, draft, chapters)
        return
    if len(chapters) == 1:
        draft = await forms.begin(user_id, Stage.MEMBER, chapters[0].id)
        await _show_members(update, context, draft)
        return
    await forms.begin(user_id, Stage.CHAPTER)
    text, keyboard = texts.choose_chapter(chapters)
    await message.reply_text(text, reply_markup=keyboard)


async def _missing(context: ChapterContext, draft: FormDraft) -> Stage:
    """For a form filled in from the command: the first thing still to ask (or the summary)."""
    if draft.chapter_id is None:
        return Stage.CHAPTER
    if draft.receiver_id not in {m.user_id for m in await _candidates(context, draft)}:
        return Stage.MEMBER
    return Stage.PROSPECT if not draft.prospect else Stage.CONFIRM


async def _ask(
    update: Update, context: ChapterContext, draft: FormDraft, chapters: list[Chapter] | None = None
) -> None:
    """Ask the question of the step the form is on."""
    message, directory = message_of(update), context.services.directory
    if draft.stage is Stage.CHAPTER:
        chapters = chapters or await directory.chapters_of(draft.user_id)
        text, keyboard = texts.choose_chapter([c for c in chapters if c.active])
        await message.reply_text(text, reply_markup=keyboard)
    elif draft.stage is Stage.MEMBER:
        await _show_members(update, context, draft)
    elif draft.stage is Stage.PROSPECT:
        await message.reply_text(texts.ask_prospect())
    elif draft.stage is Stage.CONFIRM:
        chapter = await directory.chapter(draft.chapter_id or 0)
        receiver = await directory.member(draft.receiver_id or 0)
        if chapter is None or receiver is None:
            await context.services.forms.drop(draft.user_id)
            await message.reply_text(texts.expired())
            return
        text, keyboard = texts.summary(draft, chapter, receiver)
        await message.reply_text(text, reply_markup=keyboard)


async def _show_members(
    update: Update, context: ChapterContext, draft: FormDraft, page: int = 0
) -> None:
    members = await _candidates(context, draft)
    if not members:
        await context.services.forms.drop(draft.user_id)
        await message_of(update).reply_text(texts.no_members())
        return
    text, keyboard = texts.choose_member(page_of(members, page))
    query = update.callback_query
    if query is not None and (parse_form(query.data) or FormPress(FormStep.CANCEL)).step is (
        FormStep.PAGE
    ):
        await query.edit_message_text(text, reply_markup=keyboard)
    else:
        await message_of(update).reply_text(text, reply_markup=keyboard)


async def chapter_chosen(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    allowed = {c.id for c in await context.services.directory.chapters_of(draft.user_id)}
    if press.value not in allowed:  # forged data: only the giver's own chapters
        return
    if draft.from_command:  # skip what the command already said
        draft.chapter_id = press.value
        stage = await _missing(context, draft)
        receiver = draft.receiver_id if stage is not Stage.MEMBER else None
        moved = await context.services.forms.move(
            draft, stage, chapter_id=press.value, receiver_id=receiver
        )
        if moved is not None:
            await _ask(update, context, moved)
        return
    moved = await context.services.forms.move(draft, Stage.MEMBER, chapter_id=press.value)
    if moved is not None:
        await _show_members(update, context, moved)


async def member_page(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    await _show_members(update, context, draft, press.value)


async def member_chosen(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    if press.value not in {m.user_id for m in await _candidates(context, draft)}:
        return  # forged or stale: not a member of this chapter
    stage = Stage.CONFIRM if draft.from_command and draft.prospect else Stage.PROSPECT
    moved = await context.services.forms.move(draft, stage, receiver_id=press.value)
    if moved is not None:
        await _ask(update, context, moved)


async def contact_skipped(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    await _contact_given(update, context, draft, None)


async def how_hot_chosen(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    if await context.services.forms.move(draft, Stage.INSIDE, how_hot=press.value):
        text, keyboard = texts.choose_inside()
        await message_of(update).reply_text(text, reply_markup=keyboard)


async def inside_chosen(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    directory = context.services.directory
    chapter = await directory.chapter(draft.chapter_id or 0)
    receiver = await directory.member(draft.receiver_id or 0)
    if chapter is None or receiver is None:
        await context.services.forms.drop(draft.user_id)
        await message_of(update).reply_text(texts.expired())
        return
    if await context.services.forms.move(draft, Stage.CONFIRM, inside=bool(press.value)):
        text, keyboard = texts.summary(draft, chapter, receiver)
        await message_of(update).reply_text(text, reply_markup=keyboard)


async def confirmed(
    update: Update, context: ChapterContext, draft: FormDraft, press: FormPress
) -> None:
    """Store the referral (taking the form in the same transaction) and send it on exactly as
    the group command does."""
    query, services, message = query_of(update), context.services, message_of(update)
    chapter = await services.directory.chapter(draft.chapter_id or 0)
    receiver = await services.directory.member(draft.receiver_id or 0)
    fields = None
    if draft.how_hot is not None and draft.inside is not None:
        fields = SlipFields(draft.how_hot, draft.inside)
    if chapter is None or receiver is None or (fields is None and not draft.from_command):
        await services.forms.drop(draft.user_id)
        await message.reply_text(texts.expired())
        return
    await _drop_keyboard(query)
    result = await services.referrals.pass_referral(
        chapter,
        member_from_user(query.from_user),
        ReceiverRef(member=receiver),
        draft.prospect_text(),
        fields,  # None from the command: the giver gets the buttons to set them, as in the group
        form_of=draft.user_id,
    )
    if not isinstance(result, Done):
        await services.forms.drop(draft.user_id)
        await message.reply_text(say(result))
    # Done: the group's confirmation, the slip and the giver's note are on their way (or, if
    # the form was already taken by a tap handled elsewhere, they were sent from there)


_PRESSES: dict[FormStep, tuple[Stage, PressHandler]] = {
    FormStep.CHAPTER: (Stage.CHAPTER, chapter_chosen),
    FormStep.MEMBER: (Stage.MEMBER, member_chosen),
    FormStep.PAGE: (Stage.MEMBER, member_page),
    FormStep.SKIP: (Stage.CONTACT, contact_skipped),
    FormStep.HOW_HOT: (Stage.HOW_HOT, how_hot_chosen),
    FormStep.INSIDE: (Stage.INSIDE, inside_chosen),
    FormStep.CONFIRM: (Stage.CONFIRM, confirmed),
}


async def form_button(update: Update, context: ChapterContext) -> None:
    """A tap on the form: handled if it belongs to the step the member is on."""
    query = query_of(update)
    press = parse_form(query.data)
    if press is None:
        raise NotForThisHandler("not a form button")
    if press.step is FormStep.CANCEL:
        await cancelled(update, context)
        return
    draft = await context.services.forms.current(query.from_user.id)
    expected, handle = _PRESSES[press.step]
    if draft is None or draft.stage is not expected:  # finished, cancelled, or a past step
        await query.answer(followup_texts.callback_expired(), show_alert=True)
        return
    await query.answer()
    await handle(update, context, draft, press)


async def member_search(
    update: Update, context: ChapterContext, draft: FormDraft, text: str
) -> None:
    """The giver typed part of a name: show who matches."""
    query = text[:64]
    found = search(await _candidates(context, draft), query)
    reply, keyboard = texts.choose_member(page_of(found, 0), query)
    await message_of(update).reply_text(reply, reply_markup=keyboard)


async def prospect_given(
    update: Update, context: ChapterContext, draft: FormDraft, text: str
) -> None:
    message = message_of(update)
    too_long = prospect_too_long(text)
    if too_long is not None:
        await message.reply_text(say(too_long))
        return
    if draft.from_command:  # contact details are in the text; how hot etc. come after
        moved = await context.services.forms.move(draft, Stage.CONFIRM, prospect=text)
        if moved is not None:
            await _ask(update, context, moved)
        return
    if await context.services.forms.move(draft, Stage.CONTACT, prospect=text):
        await message.reply_text(texts.ask_contact(), reply_markup=texts.contact_keyboard())


async def contact_typed(
    update: Update, context: ChapterContext, draft: FormDraft, text: str
) -> None:
    await _contact_given(update, context, draft, text[:200])


async def _contact_given(
    update: Update, context: ChapterContext, draft: FormDraft, contact: str | None
) -> None:
    fields = {} if contact is None else {"contact": contact}
    if await context.services.forms.move(draft, Stage.HOW_HOT, **fields):
        text, keyboard = texts.choose_how_hot()
        await message_of(update).reply_text(text, reply_markup=keyboard)


_TEXTS: dict[Stage, TextHandler] = {
    Stage.MEMBER: member_search,
    Stage.PROSPECT: prospect_given,
    Stage.CONTACT: contact_typed,
}


async def form_text(update: Update, context: ChapterContext) -> None:
    """Something typed in the private chat: the answer to the form's question, if it asks one."""
    draft = await context.services.forms.current(user_of(update).id)
    handle = _TEXTS.get(draft.stage) if draft is not None else None
    if draft is not None and handle is not None:
        await handle(update, context, draft, (message_of(update).text or "").strip())


async def cancelled(update: Update, context: ChapterContext) -> None:
    had_form = await context.services.forms.drop(user_of(update).id)
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_keyboard(update.callback_query)
    await message_of(update).reply_text(
        texts.cancelled() if had_form else texts.nothing_to_cancel()
    )


async def _drop_keyboard(query: CallbackQuery) -> None:
    """Take the buttons off a finished step; cosmetic, so an old message may refuse."""
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


def register(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("refer", start_form, filters=private))
    app.add_handler(CommandHandler("cancel", cancelled, filters=private))
    app.add_handler(CallbackQueryHandler(form_button, pattern=matches(parse_form)))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, form_text))
