"""Passing a referral: the rules, then storing it and getting the slip to the receiver."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.chapters.values import follow_up_window
from bot.core.callback_data import slip_start
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.core.outbox import Outbox, Owed
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.i18n import in_chapter, to_member
from bot.referrals.form import Stage
from bot.referrals.prospect import MAX_PROSPECT_LENGTH, Prospect, parse_prospect
from bot.referrals.status import INITIAL, WITH_STEP_BUTTONS
from bot.texts import followup as followup_texts
from bot.texts import referral_form as form_texts
from bot.texts import referrals as texts
from bot.texts import slip_fields as slip_field_texts
from storage.chapters import ChapterRepository
from storage.db import UnitOfWork
from storage.forms import FormRepository
from storage.members import MemberRepository
from storage.outbox import Lane
from storage.records import Chapter, Member, Referral
from storage.referrals import NewReferral, ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReceiverRef:
    """The receiver as the giver named them: a known member, or only an @username."""

    member: Member | None = None
    username: str | None = None
    several_named: tuple[str, ...] = ()  # every receiver named, when there are several


@dataclass(frozen=True, slots=True)
class SlipFields:
    """The giver's own fields, from the private form: how hot (1-5) and inside or outside."""

    how_hot: int
    inside: bool


@dataclass(frozen=True, slots=True)
class SourceMessage:
    """The group message a /refer came in: the confirmation answers it, in its topic; a photo
    (or file) it came with goes to the receiver with the slip."""

    chat_id: int
    message_id: int
    thread_id: int | None = None
    has_attachment: bool = False


@dataclass(frozen=True, slots=True)
class Passed:
    """Stored, and its messages sent (or owed: the outbox sends them as soon as it can)."""

    referral: Referral
    receiver: Member | None  # as the bot knows them (None: only an @username so far)
    slip_sent: bool  # the receiver is known to take private messages: the slip goes there
    attachment_sent: bool = False  # the command's photo (or file) goes with the slip


@dataclass(frozen=True, slots=True)
class Slip:
    """A referral as its giver or receiver sees it privately."""

    referral: Referral
    chapter: Chapter
    giver: Member
    receiver: Member | None
    with_step_buttons: bool  # the receiver may still log a step


def check_referral(
    giver: Member, receiver: ReceiverRef, text: str, bot_username: str
) -> Refused | None:
    """Why this referral can't be passed, or None when it can."""
    if receiver.member is None and not receiver.username:
        return refused(Reason.NO_RECEIVER)
    if receiver.several_named:
        return refused(Reason.SEVERAL_RECEIVERS, names=receiver.several_named)
    if receiver.member is not None and receiver.member.user_id == giver.user_id:
        return refused(Reason.SELF)
    if receiver.username and giver.username and receiver.username.lower() == giver.username.lower():
        return refused(Reason.SELF)
    if (receiver.member is not None and receiver.member.is_bot) or (
        receiver.username and receiver.username.lower() == bot_username.lower()
    ):
        return refused(Reason.BOT)
    if not any(char.isalnum() for char in text):  # blank, punctuation, emoji, zero-width
        return refused(Reason.NO_PROSPECT)
    return prospect_too_long(text)


def prospect_too_long(text: str) -> Refused | None:
    length = len(text.strip())
    if length > MAX_PROSPECT_LENGTH:
        return refused(Reason.TOO_LONG, length=length, limit=MAX_PROSPECT_LENGTH)
    return None


@dataclass(eq=False)
class ReferralService:
    transaction: UnitOfWork
    referrals: ReferralRepository
    members: MemberRepository
    chapters: ChapterRepository
    reminders: ReminderRepository
    messenger: Messenger
    outbox: Outbox
    forms: FormRepository
    settings: Settings
    clock: Clock

    async def _resolve(self, ref: ReceiverRef, chapter: Chapter) -> ReceiverRef | Refused:
        """Prefer what the bot knows (names, whether it may write to them) over the bare ref.

        An @username the bot has seen only in other chapters is refused: the slip would take
        the prospect's details out of this chapter. (A mention picked from the group's list,
        or a reply, names someone in this group, so they need no such check.)
        """
        if ref.member is not None:
            stored = await self.members.get(ref.member.user_id)
            return ReceiverRef(member=stored or ref.member, several_named=ref.several_named)
        if ref.username:
            known = await self.members.by_username(ref.username)
            chapters = await self.members.chapter_ids_of(known.user_id) if known else []
            if chapters and chapter.id not in chapters:
                return refused(Reason.NOT_IN_CHAPTER, username=ref.username)
            if known:
                return ReceiverRef(member=known, several_named=ref.several_named)
        return ref

    async def pass_referral(
        self,
        chapter: Chapter,
        giver: Member,
        receiver: ReceiverRef,
        text: str,
        slip_fields: SlipFields | None = None,
        source: SourceMessage | None = None,
        form_of: int | None = None,
    ) -> Result[Passed | None]:
        """Check, store, and get the word out; a refusal stores nothing.

        The group's confirmation, the receiver's slip and the giver's note are written in the
        referral's own transaction and sent right after it (what can't go now goes later, from
        the outbox). `slip_fields` come from the private form; without them the giver gets a
        private copy with buttons to set them. `source` is the group message the command came
        in: delivered again (after a crash) it is `Done(None)`, and whatever the first delivery
        still owes goes out. `form_of` is the member whose private form this confirms: the
        form is taken in the same transaction, so a second tap (in any process) is `Done(None)`.
        """
        resolved = await self._resolve(receiver, chapter)
        if isinstance(resolved, Refused):
            return resolved
        receiver = resolved
        refusal = check_referral(giver, receiver, text, self.messenger.bot_username)
        if refusal is not None:
            return refusal
        now = self.clock.now()
        async with self.transaction():
            if form_of is not None and not await self.forms.take(form_of, Stage.CONFIRM.value):
                return Done(None)  # confirmed already, by a tap handled before (or elsewhere)
            referral = await self._store(
                chapter, giver, receiver, parse_prospect(text), now, slip_fields, source
            )
            if referral is not None:
                owed = await self._owe_messages(referral, chapter, giver, receiver, source)
        if referral is None:
            log.info("Message %s already recorded a referral", source.message_id if source else 0)
            self.outbox.wake(Lane(chapter_id=chapter.id))
            return Done(None)
        await self.outbox.deliver(owed)
        reachable = receiver.member is not None and receiver.member.can_dm is True
        with_attachment = source is not None and source.has_attachment
        return Done(Passed(referral, receiver.member, reachable, reachable and with_attachment))

    async def _owe_messages(
        self,
        referral: Referral,
        chapter: Chapter,
        giver: Member,
        receiver: ReceiverRef,
        source: SourceMessage | None,
    ) -> list[Owed]:
        """The group's confirmation first, then the slip (and the photo it came with), then
        the giver's note. The confirmation links to the slip unless the receiver is known to
        take private messages; if they turn out not to, the slip's fallback posts the link."""
        member = receiver.member
        link = self.messenger.deep_link(slip_start(referral.id))
        reachable = member is not None and member.can_dm is True
        with_attachment = source is not None and source.has_attachment
        known_giver = await self.members.get(giver.user_id)
        giver_known_unreachable = known_giver is not None and known_giver.can_dm is False
        from_form = referral.how_hot is not None  # the form is the giver's own private chat
        with in_chapter(chapter):
            confirmation = texts.group_confirmation(
                referral,
                chapter,
                giver,
                member,
                None if reachable else link,
                link if giver_known_unreachable and not from_form else None,
            )
            if with_attachment:
                confirmation += "\n" + texts.attachment_note(reachable)
        owed = [
            await self.outbox.owe_group(
                chapter.id,
                confirmation,
                kind="confirmation",
                referral_id=referral.id,
                reply_to=source.message_id if source else None,
                thread_id=source.thread_id if source else None,
            )
        ]
        if member is not None and member.can_dm is not False:
            with in_chapter(chapter):
                fallback = texts.slip_in_group(referral, member, link) if reachable else None
            owed.append(await self._owe_slip(referral, chapter, giver, member, fallback))
        if with_attachment and reachable and member is not None and source is not None:
            with to_member(member, chapter):
                caption = texts.attachment_caption(referral.id)
            owed.append(
                await self.outbox.owe_member(
                    member.user_id,
                    caption,
                    kind="attachment",
                    referral_id=referral.id,
                    copy_of=(source.chat_id, source.message_id),
                )
            )
        giver = known_giver or giver  # as stored: their /language choice included
        owed.extend(await self._owe_giver_note(referral, chapter, giver, member, reachable, link))
        return owed

    async def _owe_slip(
        self,
        referral: Referral,
        chapter: Chapter,
        giver: Member,
        member: Member,
        fallback: str | None,
    ) -> Owed:
        """The receiver's slip, in the receiver's language (not the group's, not the giver's)."""
        with to_member(member, chapter):
            slip = texts.slip(referral, chapter, giver, member)
            buttons = followup_texts.slip_buttons(referral.id)
        return await self.outbox.owe_member(
            member.user_id,
            slip,
            kind="slip",
            referral_id=referral.id,
            buttons=buttons,
            fallback=(chapter.id, fallback) if fallback else None,
        )

    async def _owe_giver_note(
        self,
        referral: Referral,
        chapter: Chapter,
        giver: Member,
        receiver: Member | None,
        reachable: bool,
        link: str,
    ) -> list[Owed]:
        """From the group: a private copy with buttons for how hot and inside/outside (if the
        giver turns out not to take private messages, the group is asked to invite them).
        From the private form: a word that it went through."""
        if referral.how_hot is not None and receiver is not None:
            with to_member(giver, chapter):
                text = form_texts.done(referral.id, receiver, reachable)
            return [await self.outbox.owe_member(giver.user_id, text, kind="form_done")]
        stored = await self.members.get(giver.user_id)
        if stored is not None and stored.can_dm is False:
            return []
        with to_member(giver, chapter):
            copy = slip_field_texts.giver_confirmation(referral, receiver)
            buttons = slip_field_texts.field_buttons(referral)
        with in_chapter(chapter):
            invite = texts.giver_invite(giver, link)
        return [
            await self.outbox.owe_member(
                giver.user_id,
                copy,
                kind="giver_copy",
                referral_id=referral.id,
                buttons=buttons,
                fallback=(chapter.id, invite),
            )
        ]

    async def set_slip_field(
        self, referral_id: int, actor_id: int, how_hot: int | None, inside: bool | None
    ) -> Result[Referral]:
        """The giver sets how hot (1-5) or inside/outside on their own referral."""
        referral = await self.referrals.get(referral_id)
        if referral is None or referral.giver_id != actor_id:
            return refused(Reason.NOT_GIVER)
        await self.referrals.set_slip_fields(referral_id, how_hot, inside)
        updated = await self.referrals.get(referral_id)
        return Done(updated or referral)

    async def _store(
        self,
        chapter: Chapter,
        giver: Member,
        receiver: ReceiverRef,
        prospect: Prospect,
        now: datetime,
        slip_fields: SlipFields | None,
        source: SourceMessage | None,
    ) -> Referral | None:
        """The referral, its history's first line and its reminders, in one transaction."""
        referral = await self.referrals.add(
            NewReferral(
                chapter_id=chapter.id,
                giver_id=giver.user_id,
                receiver_id=receiver.member.user_id if receiver.member else None,
                receiver_username=None if receiver.member else receiver.username,
                prospect=prospect.text,
                prospect_name=prospect.name,
                phone=prospect.phone,
                email=prospect.email,
                created_at=now,
                follow_up_due_at=now + follow_up_window(chapter, self.settings),
                status=INITIAL,
                how_hot=slip_fields.how_hot if slip_fields else None,
                inside=slip_fields.inside if slip_fields else None,
                source_message_id=source.message_id if source else None,
            )
        )
        if referral is None:
            return None
        due = {"nudge": referral.follow_up_due_at}
        if self.settings.escalate_after is not None:
            due["escalation"] = now + self.settings.escalate_after
        await self.reminders.schedule_new(referral.id, due)
        return referral

    async def slip_for(self, referral_id: int, viewer_id: int) -> Result[Slip]:
        """The slip for its giver or receiver (with step buttons for the receiver)."""
        referral = await self.referrals.get(referral_id)
        if referral is None:
            return refused(Reason.SLIP_NOT_FOUND, referral_id=referral_id)
        if viewer_id not in (referral.giver_id, referral.receiver_id):
            return refused(Reason.NOT_PARTY, referral_id=referral_id)
        chapter = await self.chapters.by_id(referral.chapter_id)
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id) if referral.receiver_id else None
        assert chapter is not None and giver is not None
        buttons = viewer_id == referral.receiver_id and referral.status in WITH_STEP_BUTTONS
        return Done(Slip(referral, chapter, giver, receiver, buttons))
