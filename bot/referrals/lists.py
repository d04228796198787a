"""Lists for members: their own referrals (/mine) and the chapter's overdue ones (/pending)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.chapters.values import follow_up_window
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.referrals.status import ACTIVE, INITIAL
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member, Referral
from storage.referrals import ReferralRepository

GIVEN_SHOWN = 15
STILL_IN_HAND = timedelta(days=30)  # a referral followed up longer ago leaves /mine


@dataclass(frozen=True, slots=True)
class Listed:
    """A referral on /mine, with the other member on it (None: only an @username yet)."""

    referral: Referral
    other: Member | None
    chapter: Chapter


@dataclass(frozen=True, slots=True)
class Mine:
    received: list[Listed]  # still being worked on
    given: list[Listed]  # the latest ones


@dataclass(frozen=True, slots=True)
class OverdueByReceiver:
    receiver: Member | None
    username: str | None
    items: list[tuple[int, timedelta]]  # (referral id, age)


@dataclass(frozen=True, slots=True)
class Overdue:
    window: timedelta  # the chapter's follow-up window
    receivers: list[OverdueByReceiver]


@dataclass(eq=False)
class ReferralLists:
    referrals: ReferralRepository
    members: MemberRepository
    chapters: ChapterRepository
    settings: Settings
    clock: Clock

    async def _member(self, user_id: int | None) -> Member | None:
        return await self.members.get(user_id) if user_id else None

    async def _chapter(self, chapter_id: int) -> Chapter:
        chapter = await self.chapters.by_id(chapter_id)
        assert chapter is not None
        return chapter

    async def mine(self, user_id: int) -> Mine:
        """What waits on the member (every referral still to follow up, and those followed up
        in the last weeks, which may still close) and what they gave (the latest)."""
        since = self.clock.now() - STILL_IN_HAND
        received_referrals = await self.referrals.waiting_on(user_id, ACTIVE, INITIAL, since)
        given_referrals = await self.referrals.given_by(user_id, GIVEN_SHOWN)
        all_referrals = received_referrals + given_referrals
        # Each chapter and member once, however many referrals they appear on.
        chapters = {cid: await self._chapter(cid) for cid in {r.chapter_id for r in all_referrals}}
        people = {r.giver_id for r in received_referrals} | {
            r.receiver_id for r in given_referrals if r.receiver_id
        }
        members = {uid: await self._member(uid) for uid in people}
        return Mine(
            received=[
                Listed(r, members[r.giver_id], chapters[r.chapter_id]) for r in received_referrals
            ],
            given=[
                Listed(r, members.get(r.receiver_id or 0), chapters[r.chapter_id])
                for r in given_referrals
            ],
        )

    async def overdue(self, chapter: Chapter) -> Overdue:
        """Open referrals past their deadline, grouped by receiver, oldest first."""
        now = self.clock.now()
        groups: dict[tuple[int | None, str | None], list[Referral]] = {}
        for referral in await self.referrals.overdue_in_chapter(chapter.id, INITIAL, now):
            key = (referral.receiver_id, referral.receiver_username)
            groups.setdefault(key, []).append(referral)
        receivers = [
            OverdueByReceiver(
                receiver=await self._member(receiver_id),
                username=username,
                items=[(referral.id, now - referral.created_at) for referral in referrals],
            )
            for (receiver_id, username), referrals in groups.items()
        ]
        return Overdue(follow_up_window(chapter, self.settings), receivers)
