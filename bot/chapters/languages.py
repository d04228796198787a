"""Which language a private message is rendered in, for a member known only by id."""

from __future__ import annotations

from contextlib import AbstractContextManager

from bot.i18n import first_shipped, use_language
from storage.members import MemberRepository


async def language_of(members: MemberRepository, user_id: int, chapter_id: int | None) -> str:
    """The member's /language choice, else their app's language, else the chapter's (else
    DEFAULT_LANGUAGE): one query, for sweeps and notes to someone other than the sender."""
    return first_shipped(*await members.languages(user_id, chapter_id))


async def speaking_to(
    members: MemberRepository, user_id: int, chapter_id: int | None = None
) -> AbstractContextManager[str]:
    """`with await speaking_to(members, user_id, chapter_id): text = texts.nudge(...)`."""
    return use_language(await language_of(members, user_id, chapter_id))
