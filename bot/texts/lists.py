"""Templates for /mine (a member's own referrals) and /pending (the chapter's overdue ones)."""

from __future__ import annotations

from bot.core.durations import humanize
from bot.referrals.lists import Mine, Overdue
from bot.referrals.status import INITIAL
from bot.texts.common import e, local_time, receiver_plain
from bot.texts.followup import status_label

MINE_IS_PRIVATE = "Your own referrals are private: send /mine to me in a private chat."


def mine(listed: Mine) -> str:
    lines = ["<b>Referrals you received</b>"]
    if not listed.received:
        lines.append("None waiting for you.")
    for referral, giver, chapter in ((x.referral, x.other, x.chapter) for x in listed.received):
        line = (
            f"#{referral.id} {e(referral.prospect_name)}, "
            f"from {receiver_plain(giver, None)}: {status_label(referral.status)}"
        )
        if referral.status == INITIAL:
            line += f", follow up by {e(local_time(referral.follow_up_due_at, chapter.timezone))}"
        lines.append(line)
    lines.append("\n<b>Referrals you gave</b>")
    if not listed.given:
        lines.append("None yet. <code>/refer</code> in your chapter's group passes one.")
    for referral, receiver in ((x.referral, x.other) for x in listed.given):
        who = receiver_plain(receiver, referral.receiver_username)
        lines.append(
            f"#{referral.id} {e(referral.prospect_name)} → {who}: {status_label(referral.status)}"
        )
    return "\n".join(lines)


def pending(overdue: Overdue) -> str:
    """Overdue referrals by receiver, without prospect details (this goes to the group)."""
    rows, window = overdue.receivers, overdue.window
    if not rows:
        return f"👏 No referral is waiting past the {humanize(window)} follow-up window."
    lines = [f"<b>Waiting past the {humanize(window)} follow-up window</b>"]
    for row in rows:
        ages = ", ".join(f"#{referral_id} ({humanize(age)})" for referral_id, age in row.items)
        lines.append(f"• {receiver_plain(row.receiver, row.username)}: {ages}")
    return "\n".join(lines)
