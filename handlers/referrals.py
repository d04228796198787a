"""/refer: pass a referral in the group; the giver's buttons for how hot and inside/outside."""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.core.callback_data import matches, parse_slip_field
from bot.core.messenger import NotSent
from bot.core.result import Done
from bot.referrals.passing import Passed, ReceiverRef
from bot.texts import followup as followup_texts
from bot.texts import referrals as texts
from bot.texts import slip_fields as slip_field_texts
from bot.texts.refusals import say
from handlers.command_text import CaptionCommand, text_or_caption
from handlers.context import ChapterContext
from handlers.parts import message_of, query_of, user_of
from handlers.people import current_chapter, member_from_user
from storage.records import Chapter, Member

log = logging.getLogger(__name__)


def receiver_and_prospect(message: Message) -> tuple[ReceiverRef, str]:
    """Who the referral is for (a leading @mention, or the replied-to member) and the rest.

    Mentions that follow the first one straight away are further receivers (refused later:
    one receiver per referral); a mention further on is part of the prospect.
    """
    text = text_or_caption(message)
    command_end = len(text.split(maxsplit=1)[0]) if text.strip() else 0
    rest = text[command_end:].strip()
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    if message.text:
        mentions = message.parse_entities(kinds)
    else:
        mentions = message.parse_caption_entities(kinds)
    leading: list[ReceiverRef] = []
    labels: list[str] = []
    for entity, mentioned in sorted(mentions.items(), key=lambda item: item[0].offset):
        if not rest.startswith(mentioned):
            continue
        rest = rest[len(mentioned) :].strip()
        labels.append(mentioned)
        if entity.type == MessageEntity.TEXT_MENTION and entity.user:
            leading.append(ReceiverRef(member=member_from_user(entity.user)))
        else:
            leading.append(ReceiverRef(username=mentioned.lstrip("@")))
    if leading:
        first = leading[0]
        several = tuple(labels) if len(labels) > 1 else ()
        return ReceiverRef(first.member, first.username, several), rest
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and not replied.forum_topic_created:
        return ReceiverRef(member=member_from_user(replied.from_user)), rest
    return ReceiverRef(), rest


async def refer_in_group(update: Update, context: ChapterContext) -> None:
    """Record a referral, confirm it in the group, and get the slip to the receiver."""
    message, services = message_of(update), context.services
    chapter = await current_chapter(update, context)
    giver = member_from_user(user_of(update))
    receiver, prospect = receiver_and_prospect(message)
    confirmation = _GroupConfirmation(message, chapter, giver)
    result = await services.referrals.pass_referral(
        chapter,
        giver,
        receiver,
        prospect,
        source_message_id=message.message_id,
        announce=confirmation.post,
    )
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return
    passed = result.value
    if passed is None:  # Telegram delivered this message again: it is recorded already
        return
    kept = False  # a photo (or file) sent on with the slip, so the group needn't keep it
    if message.effective_attachment:  # /refer as a photo's (or a file's) caption
        kept = await _pass_attachment(message, context, passed)
    await confirmation.settle(passed, kept)
    if passed.referral.has_contact_details or kept:
        await _remove_contact_details(message, context, chapter.id)


class _GroupConfirmation:
    """The group's "referral passed" message, posted before the private ones: the giver is
    watching the group. It carries the link to the slip when the receiver can't be written to
    yet (and says whether a photo went with the slip); if what happened differs from that
    forecast, the message is corrected."""

    def __init__(self, message: Message, chapter: Chapter, giver: Member) -> None:
        self.message, self.chapter, self.giver = message, chapter, giver
        self.posted: Message | None = None
        self.forecast: tuple[bool, bool, bool] = (False, False, False)
        self.failure: TelegramError | None = None

    def text(self, passed: Passed, kept: bool) -> str:
        text = texts.group_confirmation(
            passed.referral,
            self.chapter,
            self.giver,
            passed.receiver,
            passed.deep_link,
            passed.giver_link,
        )
        if self.message.effective_attachment:
            text += "\n" + texts.attachment_note(kept)
        return text

    async def post(self, forecast: Passed) -> None:
        photo = bool(self.message.effective_attachment)
        self.forecast = (
            forecast.slip_delivered,
            forecast.slip_delivered and photo,
            forecast.giver_link is None,
        )
        try:
            self.posted = await self.message.reply_text(self.text(forecast, self.forecast[1]))
        except TelegramError as exc:  # the slip still goes out; the error is raised after
            self.failure = exc

    async def settle(self, passed: Passed, kept: bool) -> None:
        if self.failure is not None:
            raise self.failure
        outcome = (passed.slip_delivered, kept, passed.giver_link is None)
        if self.posted is not None and outcome != self.forecast:
            try:
                await self.posted.edit_text(self.text(passed, kept))
            except BadRequest as exc:  # deleted meanwhile: the slip is in the chat anyway
                log.info("Could not correct the confirmation: %s", exc.message)


async def _pass_attachment(message: Message, context: ChapterContext, passed: Passed) -> bool:
    """Copy the photo (or file) the referral came with to the receiver, under the slip."""
    if not passed.slip_delivered or passed.receiver is None:
        return False
    try:
        return await context.services.messenger.copy_to_member(
            passed.receiver.user_id,
            message.chat_id,
            message.message_id,
            texts.attachment_caption(passed.referral.id),
        )
    except NotSent as exc:
        log.info("Attachment of #%s not passed on: %s", passed.referral.id, exc)
        return False


async def _remove_contact_details(
    message: Message, context: ChapterContext, chapter_id: int
) -> None:
    """Delete the command that carried a phone or e-mail; explain once if we lack the right."""
    try:
        await message.delete()
    except (BadRequest, Forbidden) as exc:
        log.info("Could not delete a message with contact details: %s", exc.message)
        if "not found" in exc.message.lower():
            return  # someone deleted it already: nothing left to protect
        if await context.services.directory.claim_delete_hint(chapter_id):
            await message.reply_text(texts.delete_right_hint())


async def slip_field_button(update: Update, context: ChapterContext) -> None:
    """The giver taps how hot (1-5) or inside/outside on their private confirmation."""
    query = query_of(update)
    press = parse_slip_field(query.data)
    if press is None:  # the pattern let it through, so this does not happen
        await query.answer(followup_texts.callback_expired(), show_alert=True)
        return
    result = await context.services.referrals.set_slip_field(
        press.referral_id, query.from_user.id, press.how_hot, press.inside
    )
    if not isinstance(result, Done):
        await query.answer(say(result), show_alert=True)
        return
    await query.answer(slip_field_texts.field_saved(result.value))
    try:
        await query.edit_message_reply_markup(slip_field_texts.field_buttons(result.value))
    except BadRequest as exc:  # unchanged, or too old to edit: the answer said it
        log.info("Could not update the slip buttons: %s", exc.message)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("refer", refer_in_group, filters=filters.ChatType.GROUPS))
    in_caption = filters.ChatType.GROUPS & CaptionCommand("refer")
    app.add_handler(MessageHandler(in_caption, refer_in_group))
    app.add_handler(CallbackQueryHandler(slip_field_button, pattern=matches(parse_slip_field)))
