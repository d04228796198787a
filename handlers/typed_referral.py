"""`/refer @carol Pia Private, 555-0166` sent privately: the form starts from what was typed.

The receiver and the prospect are read as in the group; the chapter is the one the giver shares
with the receiver. Whatever is missing or doesn't fit (no receiver, a name the chapter doesn't
know, several shared chapters) is left empty for the form to ask.
"""

from __future__ import annotations

from telegram import Message

from bot.chapters.directory import MemberDirectory
from bot.core.result import Reason, Refused, refused
from bot.referrals.form import FormDraft
from bot.referrals.passing import ReceiverRef
from handlers.referrals import receiver_and_prospect
from storage.records import Chapter, Member


async def draft_from_command(
    message: Message, directory: MemberDirectory, chapters: list[Chapter], giver_id: int
) -> FormDraft | Refused:
    """The form's draft filled in from the words after /refer (`from_command` set); refused
    when it names several receivers, as in the group."""
    ref, prospect = receiver_and_prospect(message)
    if ref.several_named:
        return refused(Reason.SEVERAL_RECEIVERS, names=ref.several_named)
    draft = FormDraft(prospect=prospect or None, from_command=True)
    if len(chapters) == 1:
        draft.chapter_id = chapters[0].id
    if ref.member is None and not ref.username:
        return draft
    found = {
        chapter.id: member
        for chapter in chapters
        for member in await directory.members_of(chapter.id)
        if _is(ref, member) and member.user_id != giver_id
    }
    if len(found) == 1 or (draft.chapter_id is not None and draft.chapter_id in found):
        chapter_id = draft.chapter_id if draft.chapter_id in found else next(iter(found))
        draft.chapter_id, draft.receiver_id = chapter_id, found[chapter_id].user_id
    elif found:  # the receiver is in several of the giver's chapters: ask which
        draft.receiver_id = next(iter(found.values())).user_id
    return draft


def _is(ref: ReceiverRef, member: Member) -> bool:
    if ref.member is not None:
        return member.user_id == ref.member.user_id
    return (member.username or "").lower() == (ref.username or "").lower()
