"""The member a scorecard command names (by reply or @username): a member of the chapter,
never the sender, never a bot. One check for /121 and /testimonial, each with its own words."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.result import Done, Reason, Result, refused
from storage.members import MemberRepository
from storage.records import Chapter, Member


@dataclass(frozen=True, slots=True)
class NamingReasons:
    """How one command says no to each wrong way of naming someone."""

    nobody: Reason
    themselves: Reason
    bot: Reason
    not_member: Reason  # details: name


PARTNER = NamingReasons(
    Reason.NO_PARTNER, Reason.PARTNER_SELF, Reason.PARTNER_BOT, Reason.PARTNER_NOT_MEMBER
)
SUBJECT = NamingReasons(
    Reason.NO_TESTIMONIAL_SUBJECT,
    Reason.TESTIMONIAL_SELF,
    Reason.TESTIMONIAL_BOT,
    Reason.TESTIMONIAL_NOT_MEMBER,
)


async def named_member(
    members: MemberRepository,
    bot_username: str,
    chapters: list[Chapter],
    sender: Member,
    named: Member | None,
    username: str | None,
    reasons: NamingReasons,
) -> Result[tuple[Member, Chapter]]:
    """The member named, as stored, and the first of `chapters` they belong to."""
    if named is None and username:
        if username.lower() == bot_username.lower():
            return refused(reasons.bot)
        named = await members.by_username(username)
        if named is None:
            return refused(reasons.not_member, name=f"@{username}")
    if named is None:
        return refused(reasons.nobody)
    if named.user_id == sender.user_id:
        return refused(reasons.themselves)
    if named.is_bot:
        return refused(reasons.bot)
    theirs = set(await members.chapter_ids_of(named.user_id))
    shared = [chapter for chapter in chapters if chapter.id in theirs]
    if not shared:
        return refused(reasons.not_member, name=named.full_name)
    return Done((await members.get(named.user_id) or named, shared[0]))
