"""Passing a referral: the rules, then storing it and getting the slip to the receiver."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.chapters.values import follow_up_window
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger, NotSent
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.referrals.prospect import MAX_PROSPECT_LENGTH, Prospect, parse_prospect
from bot.referrals.status import INITIAL, WITH_STEP_BUTTONS
from bot.texts import followup as followup_texts
from bot.texts import referrals as texts
from bot.texts import slip_fields as slip_field_texts
from storage.chapters import ChapterRepository
from storage.db import UnitOfWork
from storage.members import MemberRepository
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
class Passed:
    referral: Referral
    receiver: Member | None  # as the bot knows them (None: only an @username so far)
    deep_link: str | None  # for the group, when the slip could not be sent privately
    giver_link: str | None = None  # for the group, when the giver can't be written to

    @property
    def slip_delivered(self) -> bool:
        return self.deep_link is None


@dataclass(frozen=True, slots=True)
class Slip:
    """A referral as its giver or receiver sees it privately."""

    referral: Referral
    chapter: Chapter
    giver: Member
    receiver: Member | None
    with_step_buttons: bool  # the receiver may still log a step


def slip_payload(referral_id: int) -> str:
    return f"ref_{referral_id}"


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
        source_message_id: int | None = None,
        announce: Callable[[Passed], Awaitable[None]] | None = None,
    ) -> Result[Passed | None]:
        """Check, store, and send the slip privately; a refusal stores nothing.

        `slip_fields` come from the private form; without them the giver gets a private
        confirmation with buttons to set them. `source_message_id` makes the group command
        idempotent: a message Telegram delivers again (after a crash) is `Done(None)`.
        `announce` posts the group confirmation once the referral is stored, before the private
        messages (the giver is watching the group). Whether the slip reaches the receiver is a
        forecast there (they have opened a chat with the bot); the result says what happened.
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
            referral = await self._store(
                chapter, giver, receiver, parse_prospect(text), now, slip_fields, source_message_id
            )
        if referral is None:
            log.info("Message %s already recorded a referral; ignored", source_message_id)
            return Done(None)
        if announce is not None:
            reachable = receiver.member is not None and receiver.member.can_dm is True
            known = await self.members.get(giver.user_id)  # never tried yet: hope so
            giver_reachable = slip_fields is not None or known is None or known.can_dm is not False
            await announce(self._passed(referral, receiver.member, reachable, giver_reachable))
        delivered = await self._send_slip(referral, chapter, giver, receiver.member)
        giver_told = slip_fields is not None  # the form is the giver's own private chat
        if not giver_told:
            giver_told = await self._confirm_to_giver(referral, giver, receiver.member)
        return Done(self._passed(referral, receiver.member, delivered, giver_told))

    def _passed(
        self, referral: Referral, receiver: Member | None, delivered: bool, giver_told: bool
    ) -> Passed:
        link = self.messenger.deep_link(slip_payload(referral.id))
        return Passed(referral, receiver, None if delivered else link, None if giver_told else link)

    async def _send_slip(
        self, referral: Referral, chapter: Chapter, giver: Member, receiver: Member | None
    ) -> bool:
        if receiver is None or receiver.can_dm is False:
            return False
        try:
            return await self.messenger.to_member(
                receiver.user_id,
                texts.slip(referral, chapter, giver, receiver),
                followup_texts.slip_buttons(referral.id),
                known_can_dm=receiver.can_dm,
            )
        except NotSent as exc:  # transient: the deep link still gets them there
            log.warning("Slip #%s not delivered: %s", referral.id, exc)
            return False

    async def _confirm_to_giver(
        self, referral: Referral, giver: Member, receiver: Member | None
    ) -> bool:
        """The giver's private copy, with buttons for how hot and inside/outside; sent?"""
        stored = await self.members.get(giver.user_id)
        if stored is not None and stored.can_dm is False:
            return False
        try:
            return await self.messenger.to_member(
                giver.user_id,
                slip_field_texts.giver_confirmation(referral, receiver),
                slip_field_texts.field_buttons(referral),
                known_can_dm=stored.can_dm if stored else None,
            )
        except NotSent as exc:
            log.info("Giver's confirmation of #%s not delivered: %s", referral.id, exc)
            return False

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
        source_message_id: int | None,
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
                source_message_id=source_message_id,
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
