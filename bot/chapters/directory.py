"""Keeping the bot's own map of chapters and members (Telegram offers no member list)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.i18n import chapter_language, member_language
from bot.referrals.status import ReferralStatus
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.referrals import ReferralRepository

_EVERY_STATUS = tuple(status.value for status in ReferralStatus)


@dataclass(eq=False)
class MemberDirectory:
    """Records who was seen where; skips writes when nothing changed since last time.

    Only members are cached (nothing else writes their names); chapters are read each time,
    since sweeps change them too (a group that removed the bot becomes inactive).
    """

    chapters: ChapterRepository
    members: MemberRepository
    referrals: ReferralRepository
    clock: Clock
    default_timezone: str
    _known_members: dict[int, Member] = field(init=False, default_factory=dict, repr=False)
    _memberships: set[tuple[int, int]] = field(init=False, default_factory=set, repr=False)

    async def chapter_seen(self, chat_id: int, title: str) -> Chapter:
        """A group used the bot: it is an active chapter, under its current title."""
        known = await self.chapters.by_chat_id(chat_id)  # a read; write only what changed
        if known and known.title == title and known.active:
            return known
        return await self.chapters.upsert(chat_id, title, self.default_timezone, self.clock.now())

    async def member_seen(self, member: Member, chapter: Chapter | None = None) -> None:
        """A user showed up; refresh their names and hand them referrals waiting for their @."""
        if self._known_members.get(member.user_id) != member:
            await self.members.upsert(member, self.clock.now())
            if member.language_code:  # what their Telegram app reports, when we ship it
                await self.members.set_language_code(member.user_id, member.language_code)
            if member.username and not member.is_bot:
                await self.referrals.claim_pending(member.username, member.user_id)
            self._known_members[member.user_id] = member
        if chapter is not None and (chapter.id, member.user_id) not in self._memberships:
            await self.members.join_chapter(chapter.id, member.user_id, self.clock.now())
            self._memberships.add((chapter.id, member.user_id))

    async def started_private_chat(self, member: Member) -> Member:
        """The member pressed Start: from now on the bot may write to them."""
        await self.member_seen(member)
        await self.members.set_can_dm(member.user_id, True)
        stored = await self.members.get(member.user_id)
        assert stored is not None
        return stored

    async def home_chapter(self, user_id: int) -> Chapter | None:
        """The first chapter the member was seen in, for commands sent privately."""
        chapters = await self.chapters_of(user_id)
        return chapters[0] if chapters else None

    async def chapters_of(self, user_id: int) -> list[Chapter]:
        """Every chapter the member was seen in."""
        chapters = []
        for chapter_id in await self.members.chapter_ids_of(user_id):
            chapter = await self.chapters.by_id(chapter_id)
            if chapter is not None:
                chapters.append(chapter)
        return chapters

    async def chapter(self, chapter_id: int) -> Chapter | None:
        return await self.chapters.by_id(chapter_id)

    async def member(self, user_id: int) -> Member | None:
        return await self.members.get(user_id)

    async def members_of(self, chapter_id: int) -> list[Member]:
        """The chapter's known members (people, not bots), by name."""
        return await self.members.of_chapter(chapter_id)

    async def private_language(self, user_id: int) -> str:
        """The language of the member's private chat: their choice, their app's, else the
        language of the first chapter they were seen in, else (a member known only from an
        @mention) of the chapter that referred them last, as their slips and nudges are."""
        member = await self.members.get(user_id)
        if member is not None and (member.language or member.language_code):
            return member_language(member)
        chapter = await self.home_chapter(user_id) or await self._referred_in(user_id)
        return chapter_language(chapter)

    async def _referred_in(self, user_id: int) -> Chapter | None:
        """The chapter of the newest referral passed to the member."""
        received = await self.referrals.received_by(user_id, _EVERY_STATUS)
        if not received:
            return None
        newest = max(received, key=lambda referral: (referral.created_at, referral.id))
        return await self.chapters.by_id(newest.chapter_id)

    async def choose_language(self, user_id: int, language: str) -> None:
        """The member's /language choice: their private messages are in it from now on."""
        await self.members.set_language(user_id, language)

    async def member_unreachable(self, user_id: int) -> None:
        """Telegram refused a private message: until they press Start, use the group."""
        await self.members.set_can_dm(user_id, False)

    async def set_stats_hidden(self, user_id: int, hidden: bool) -> None:
        """Keep the member off the chapter's top lists, or put them back."""
        await self.members.set_stats_hidden(user_id, hidden)

    async def claim_delete_hint(self, chapter_id: int) -> bool:
        """True once per chapter: the bot may now explain why it needs the delete right."""
        return await self.chapters.claim_delete_hint(chapter_id)

    async def chapter_left(self, chat_id: int) -> None:
        """The bot was removed from the group: keep the data, stop posting there."""
        await self.chapters.set_active(chat_id, False)

    async def chapter_moved(self, old_chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup: its chapter follows it to the new chat id."""
        await self.chapters.move_chat(old_chat_id, new_chat_id)
