"""Lists for members: their own referrals (/mine) and the chapter's overdue ones (/pending)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.core.clock import Clock
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member, Referral
from storage.referrals import ReferralRepository

ACTIVE = ("open", "contacted", "meeting")
GIVEN_SHOWN = 15


@dataclass(frozen=True, slots=True)
class OverdueByReceiver:
    receiver: Member | None
    username: str | None
    items: list[tuple[int, timedelta]]  # (referral id, age)


@dataclass(eq=False)
class Overview:
    referrals: ReferralRepository
    members: MemberRepository
    chapters: ChapterRepository
    clock: Clock

    async def _member(self, user_id: int | None) -> Member | None:
        return await self.members.get(user_id) if user_id else None

    async def _chapter(self, chapter_id: int) -> Chapter:
        chapter = await self.chapters.by_id(chapter_id)
        assert chapter is not None
        return chapter

    async def mine(self, user_id: int) -> tuple[list[tuple], list[tuple]]:
        """(received, given): each (referral, the other member, chapter)."""
        received_referrals = await self.referrals.received_by(user_id, ACTIVE)
        given_referrals = await self.referrals.given_by(user_id, GIVEN_SHOWN)
        all_referrals = received_referrals + given_referrals
        # Each chapter and member once, however many referrals they appear on.
        chapters = {cid: await self._chapter(cid) for cid in {r.chapter_id for r in all_referrals}}
        people = {r.giver_id for r in received_referrals} | {
            r.receiver_id for r in given_referrals if r.receiver_id
        }
        members = {uid: await self._member(uid) for uid in people}
        received = [(r, members[r.giver_id], chapters[r.chapter_id]) for r in received_referrals]
        given = [
            (r, members.get(r.receiver_id or 0), chapters[r.chapter_id]) for r in given_referrals
        ]
        return received, given

    async def overdue(self, chapter: Chapter) -> list[OverdueByReceiver]:
        """Open referrals past their deadline, grouped by receiver, oldest first."""
        now = self.clock.now()
        groups: dict[tuple[int | None, str | None], list[Referral]] = {}
        for referral in await self.referrals.overdue_in_chapter(chapter.id, now):
            key = (referral.receiver_id, referral.receiver_username)
            groups.setdefault(key, []).append(referral)
        return [
            OverdueByReceiver(
                receiver=await self._member(receiver_id),
                username=username,
                items=[(referral.id, now - referral.created_at) for referral in referrals],
            )
            for (receiver_id, username), referrals in groups.items()
        ]
