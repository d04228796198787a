"""Templates for follow-up: buttons, replies, the giver's update, nudges and escalations."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import FollowUpAction, follow_up_data
from bot.core.durations import humanize
from bot.referrals.status import INITIAL, WITH_STEP_BUTTONS, ReferralStatus, may_move
from bot.texts.common import e, link, name, receiver_label, receiver_plain
from storage.records import Member, Referral

STATUS_LABELS = {
    ReferralStatus.OPEN: "open",
    ReferralStatus.CONTACTED: "contacted",
    ReferralStatus.MEETING: "meeting set",
    ReferralStatus.CLOSED: "closed (business won)",
    ReferralStatus.NOT_A_FIT: "not a fit",
}


def status_label(status: str) -> str:
    return STATUS_LABELS[ReferralStatus(status)]


FOLLOWUP_USAGE = (
    "Log your follow-up with <code>/followup &lt;number&gt; [note]</code>, for example "
    "<code>/followup 12 called, meeting next week</code>. The number is on the slip (#12)."
)


def _button(label: str, referral_id: int, action: FollowUpAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=follow_up_data(referral_id, action))


def slip_buttons(referral_id: int, status: str = INITIAL) -> InlineKeyboardMarkup:
    """The steps the receiver can still take: ✅ Contacted only while the referral is open."""
    first = [_button("📅 Meeting set", referral_id, FollowUpAction.MEETING)]
    if may_move(status, ReferralStatus.CONTACTED):
        first.insert(0, _button("✅ Contacted", referral_id, FollowUpAction.CONTACTED))
    return InlineKeyboardMarkup(
        [first, [_button("✖ Not a fit", referral_id, FollowUpAction.NOT_A_FIT)]]
    )


def nudge_buttons(referral_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button("✅ Contacted", referral_id, FollowUpAction.CONTACTED)],
            [_button("⏰ Remind me tomorrow", referral_id, FollowUpAction.SNOOZE)],
            [_button("✖ Not a fit", referral_id, FollowUpAction.NOT_A_FIT)],
        ]
    )


def _mine_row(referral: Referral) -> list[InlineKeyboardButton]:
    """One referral's steps under /mine; ✅ only while it is open."""
    row = [
        _button(f"📅 #{referral.id}", referral.id, FollowUpAction.MEETING),
        _button(f"✖ #{referral.id}", referral.id, FollowUpAction.NOT_A_FIT),
    ]
    if may_move(referral.status, ReferralStatus.CONTACTED):
        row.insert(0, _button(f"✅ #{referral.id}", referral.id, FollowUpAction.CONTACTED))
    return row


def mine_buttons(referrals: list[Referral]) -> InlineKeyboardMarkup | None:
    rows = [_mine_row(referral) for referral in referrals if referral.status in WITH_STEP_BUTTONS][
        :8
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def step_logged(referral: Referral, giver: Member, in_group: bool) -> str:
    status = status_label(referral.status)
    if in_group:  # never the prospect in a group
        return f"✅ Referral #{referral.id} is now <b>{status}</b>. {name(giver)} has been told."
    return (
        f"✅ Referral #{referral.id} ({e(referral.prospect_name)}) is now <b>{status}</b>. "
        f"I've let {name(giver)} know."
    )


def snoozed(referral_id: int, left: int) -> str:
    more = f"{left} more time{'s' if left != 1 else ''}" if left else "no more times"
    return f"⏰ OK, I'll remind you about #{referral_id} tomorrow. You can postpone {more}."


def giver_update(
    referral: Referral,
    receiver: Member,
    status: ReferralStatus,
    elapsed: timedelta,
    note: str | None,
) -> str:
    who, prospect, after = name(receiver), e(referral.prospect_name), humanize(elapsed)
    if status is ReferralStatus.CONTACTED:
        text = f"📞 {who} contacted {prospect} {after} after your referral #{referral.id}."
    elif status is ReferralStatus.MEETING:
        text = (
            f"📅 {who} set a meeting with {prospect}, {after} after your referral #{referral.id}."
        )
    else:
        text = f"{who} marked your referral #{referral.id} ({prospect}) as not a fit."
    if note:
        text += f"\nNote: <i>{e(note)}</i>"
    return text


def nudge(referral: Referral, giver: Member, age: timedelta, snoozes: int) -> str:
    lines = [
        f"⏰ <b>Follow-up reminder</b> for referral #{referral.id}",
        f"{name(giver)} passed you <b>{e(referral.prospect_name)}</b> {humanize(age)} ago.",
        "Their name is on the line: a quick call or message keeps the chapter's trust.",
    ]
    if referral.phone:
        lines.append(f"Phone: {e(referral.phone)}")
    if referral.email:
        lines.append(f"E-mail: {e(referral.email)}")
    if snoozes:
        lines.append(f"(You postponed this {snoozes} time{'s' if snoozes != 1 else ''}.)")
    return "\n".join(lines)


def nudge_in_group(
    referral: Referral, receiver: Member | None, giver: Member, deep_link: str
) -> str:
    """The fallback when the receiver can't be written to: a mention, never the prospect."""
    who = receiver_label(receiver, referral.receiver_username)
    return (
        f"⏰ {who}, referral #{referral.id} from {name(giver)} is waiting for your follow-up. "
        f"I can't message you privately: {link(deep_link, 'open a chat with me')} and press Start."
    )


def escalation(referral: Referral, receiver: Member | None, age: timedelta) -> str:
    who = receiver_plain(receiver, referral.receiver_username)
    return (
        f"🔔 Your referral #{referral.id} ({e(referral.prospect_name)}) to {who} is still open "
        f"after {humanize(age)}. You may want to check in with them."
    )


def callback_expired() -> str:
    return "This button no longer works. Send /mine to see your referrals."
