"""Passing a referral: the rules, then storing it and getting the slip to the receiver."""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.chapters.settings import follow_up_window
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.referrals.prospect import MAX_PROSPECT_LENGTH, Prospect, parse_prospect
from bot.texts import followup as followup_texts
from bot.texts import referrals as texts
from bot.texts import slip_fields as slip_field_texts
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member, Referral
from storage.referrals import NewReferral, ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


class Refusal(enum.Enum):
    NO_RECEIVER = "no_receiver"
    SELF = "self"
    BOT = "bot"
    NO_PROSPECT = "no_prospect"
    TOO_LONG = "too_long"
    SEVERAL_RECEIVERS = "several_receivers"


class ReferralRefused(Exception):
    def __init__(self, reason: Refusal, detail: int = 0, names: tuple[str, ...] = ()) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail
        self.names = names  # SEVERAL_RECEIVERS: every receiver named, as written


@dataclass(frozen=True, slots=True)
class ReceiverRef:
    """The receiver as the giver named them: a known member, or only an @username."""

    member: Member | None = None
    username: str | None = None
    several_named: tuple[str, ...] = ()  # every receiver named, when there are several


@dataclass(frozen=True, slots=True)
class Passed:
    referral: Referral
    giver: Member
    receiver: Member | None
    slip_delivered: bool
    deep_link: str


@dataclass(frozen=True, slots=True)
class SlipView:
    text: str
    buttons: InlineKeyboardMarkup | None = None


def slip_payload(referral_id: int) -> str:
    return f"ref_{referral_id}"


@dataclass(eq=False)
class ReferralService:
    referrals: ReferralRepository
    members: MemberRepository
    chapters: ChapterRepository
    reminders: ReminderRepository
    messenger: Messenger
    settings: Settings
    clock: Clock

    async def _resolve(self, ref: ReceiverRef) -> ReceiverRef:
        """Prefer what the bot knows (names, whether it may write to them) over the bare ref."""
        if ref.member is not None:
            stored = await self.members.get(ref.member.user_id)
            return ReceiverRef(member=stored or ref.member, several_named=ref.several_named)
        if ref.username:
            known = await self.members.by_username(ref.username)
            if known:
                return ReceiverRef(member=known, several_named=ref.several_named)
        return ref

    def _check(self, giver: Member, receiver: ReceiverRef, text: str) -> None:
        if receiver.member is None and not receiver.username:
            raise ReferralRefused(Refusal.NO_RECEIVER)
        if receiver.several_named:
            raise ReferralRefused(Refusal.SEVERAL_RECEIVERS, names=receiver.several_named)
        if receiver.member is not None and receiver.member.user_id == giver.user_id:
            raise ReferralRefused(Refusal.SELF)
        if (
            receiver.username
            and giver.username
            and receiver.username.lower() == giver.username.lower()
        ):
            raise ReferralRefused(Refusal.SELF)
        bot_name = (self.messenger.bot.username or "").lower()
        if (receiver.member is not None and receiver.member.is_bot) or (
            receiver.username and receiver.username.lower() == bot_name
        ):
            raise ReferralRefused(Refusal.BOT)
        if not any(char.isalnum() for char in text):  # blank, punctuation, emoji, zero-width
            raise ReferralRefused(Refusal.NO_PROSPECT)
        if len(text.strip()) > MAX_PROSPECT_LENGTH:
            raise ReferralRefused(Refusal.TOO_LONG, len(text.strip()))

    async def pass_referral(
        self,
        chapter: Chapter,
        giver: Member,
        receiver: ReceiverRef,
        text: str,
        slip_fields: tuple[int, bool] | None = None,
        source_message_id: int | None = None,
        announce: Callable[[Passed], Awaitable[None]] | None = None,
    ) -> Passed | None:
        """Check, store, and send the slip privately. Raises ReferralRefused, storing nothing.

        `slip_fields` (how hot, inside) come from the private form; without them the giver
        gets a private confirmation with buttons to set them. `source_message_id` makes the
        group command idempotent: a message Telegram delivers again (after a crash) returns None.
        `announce` posts the group confirmation once the referral is stored, before the private
        messages (it is what the giver is watching); its `slip_delivered` is a forecast (the
        receiver has opened a chat with the bot), the returned one says what happened.
        """
        receiver = await self._resolve(receiver)
        self._check(giver, receiver, text)
        prospect = parse_prospect(text)
        now = self.clock.now()
        async with self.referrals.db.transaction():
            referral = await self._store(
                chapter, giver, receiver, prospect, now, slip_fields, source_message_id
            )
        if referral is None:
            log.info("Message %s already recorded a referral; ignored", source_message_id)
            return None
        if announce is not None:
            reachable = receiver.member is not None and receiver.member.can_dm is True
            await announce(self._passed(referral, giver, receiver.member, reachable))
        delivered = False
        if receiver.member is not None and receiver.member.can_dm is not False:
            slip = texts.slip(referral, chapter, giver, receiver.member)
            try:
                delivered = await self.messenger.send_private(
                    receiver.member.user_id,
                    slip,
                    followup_texts.slip_buttons(referral.id),
                    known_can_dm=receiver.member.can_dm,
                )
            except TelegramError as exc:  # transient: the deep link still gets them there
                log.warning("Slip #%s not delivered: %s", referral.id, exc)
        if slip_fields is None:
            await self._confirm_to_giver(referral, giver, receiver.member)
        return self._passed(referral, giver, receiver.member, delivered)

    def _passed(
        self, referral: Referral, giver: Member, receiver: Member | None, delivered: bool
    ) -> Passed:
        link = self.messenger.deep_link(slip_payload(referral.id))
        return Passed(referral, giver, receiver, slip_delivered=delivered, deep_link=link)

    async def _confirm_to_giver(
        self, referral: Referral, giver: Member, receiver: Member | None
    ) -> None:
        """The giver's private copy, with buttons for how hot and inside/outside."""
        stored = await self.members.get(giver.user_id)
        if stored is not None and stored.can_dm is False:
            return
        text = slip_field_texts.giver_confirmation(referral, receiver)
        try:
            await self.messenger.send_private(
                giver.user_id,
                text,
                slip_field_texts.field_buttons(referral),
                known_can_dm=stored.can_dm if stored else None,
            )
        except TelegramError as exc:
            log.info("Giver's confirmation of #%s not delivered: %s", referral.id, exc)

    async def set_slip_field(
        self, referral_id: int, actor_id: int, how_hot: int | None, inside: bool | None
    ) -> Referral | None:
        """The giver sets how hot (1-5) or inside/outside; None if it isn't their referral."""
        referral = await self.referrals.get(referral_id)
        if referral is None or referral.giver_id != actor_id:
            return None
        await self.referrals.set_slip_fields(referral_id, how_hot, inside)
        return await self.referrals.get(referral_id)

    async def _store(
        self,
        chapter: Chapter,
        giver: Member,
        receiver: ReceiverRef,
        prospect: Prospect,
        now: datetime,
        slip_fields: tuple[int, bool] | None,
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
                how_hot=slip_fields[0] if slip_fields else None,
                inside=slip_fields[1] if slip_fields else None,
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

    async def slip_for(self, referral_id: int, viewer_id: int) -> SlipView:
        """The slip for its giver or receiver (with follow-up buttons for the receiver)."""
        referral = await self.referrals.get(referral_id)
        if referral is None:
            return SlipView(texts.slip_not_found(referral_id))
        if viewer_id not in (referral.giver_id, referral.receiver_id):
            return SlipView(texts.slip_not_yours(referral_id))
        chapter = await self.chapters.by_id(referral.chapter_id)
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id) if referral.receiver_id else None
        assert chapter is not None and giver is not None
        text = texts.slip(referral, chapter, giver, receiver)
        if viewer_id == referral.receiver_id and referral.status in ("open", "contacted"):
            return SlipView(text, followup_texts.slip_buttons(referral.id))
        return SlipView(text)
