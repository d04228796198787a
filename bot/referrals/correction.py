"""A giver edits their /refer in the group: while nobody has acted on the referral, it follows
the edit (the new receiver gets the slip, the previous one hears it was withdrawn); once the
receiver has logged a step, the edit changes nothing and the giver is told how to correct it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.callback_data import slip_start
from bot.core.messenger import NotSent
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.i18n import in_chapter, to_member
from bot.referrals.passing import ReceiverRef, ReferralService, check_referral
from bot.referrals.prospect import parse_prospect
from bot.referrals.status import INITIAL
from bot.texts import referrals as texts
from storage.records import Chapter, Member, Referral
from storage.referrals import Correction

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Corrected:
    referral: Referral  # as it is now
    receiver: Member | None
    changed: bool  # False: the edit left the receiver and the prospect as they were
    slip_delivered: bool = False


async def recorded_by(
    service: ReferralService, chapter_id: int, message_id: int
) -> Referral | None:
    """The referral a group message recorded, if any."""
    return await service.referrals.from_message(chapter_id, message_id)


async def follow_edit(
    service: ReferralService,
    referral: Referral,
    chapter: Chapter,
    giver: Member,
    ref: ReceiverRef,
    text: str,
) -> Result[Corrected]:
    """Correct `referral` from its edited command (same checks as passing it)."""
    receiver = await service._resolve(ref, chapter)
    if isinstance(receiver, Refused):
        return receiver
    problem = check_referral(giver, receiver, text, service.messenger.bot_username)
    if problem is not None:
        return problem
    prospect = parse_prospect(text)
    member = receiver.member
    fix = Correction(
        receiver_id=member.user_id if member else None,
        receiver_username=None if member else receiver.username,
        prospect=prospect.text,
        prospect_name=prospect.name,
        phone=prospect.phone,
        email=prospect.email,
    )
    if _unchanged(referral, fix):
        return Done(Corrected(referral, member, changed=False))
    if referral.status != INITIAL or not await service.referrals.correct(referral.id, fix, INITIAL):
        return refused(Reason.TOO_LATE_TO_EDIT, referral_id=referral.id)
    corrected = await service.referrals.get(referral.id)
    assert corrected is not None
    if referral.receiver_id and referral.receiver_id != fix.receiver_id:
        await _tell_withdrawn(service, referral, giver, chapter)
    delivered = member is not None and member.can_dm is True
    if delivered and member is not None:  # otherwise the group gets the link to it
        link = service.messenger.deep_link(slip_start(corrected.id))
        with in_chapter(chapter):
            fallback = texts.slip_in_group(corrected, member, link)
        async with service.transaction():
            owed = await service._owe_slip(corrected, chapter, giver, member, fallback)
        await service.outbox.deliver([owed])
    return Done(Corrected(corrected, member, changed=True, slip_delivered=delivered))


def _unchanged(referral: Referral, fix: Correction) -> bool:
    return (
        referral.receiver_id == fix.receiver_id
        and (referral.receiver_username or None) == fix.receiver_username
        and referral.prospect == fix.prospect
    )


async def _tell_withdrawn(
    service: ReferralService, referral: Referral, giver: Member, chapter: Chapter
) -> None:
    """The receiver the giver first named: the referral went to someone else."""
    first = await service.members.get(referral.receiver_id or 0)
    with to_member(first, chapter):
        text = texts.withdrawn(referral.id, giver)
    try:
        await service.messenger.to_member(referral.receiver_id or 0, text)
    except NotSent as exc:
        log.info("Withdrawal of #%s not delivered: %s", referral.id, exc)
