"""Templates for follow-up: buttons, replies, the giver's update, nudges and escalations."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import FollowUpAction, follow_up_data
from bot.core.durations import humanize
from bot.referrals.lists import OverdueByReceiver
from bot.texts.common import e, link, local_time, name, receiver_label, receiver_plain
from storage.records import Chapter, Member, Referral

STATUS_LABELS = {
    "open": "open",
    "contacted": "contacted",
    "meeting": "meeting set",
    "closed": "closed (business won)",
    "not_a_fit": "not a fit",
}

FOLLOWUP_USAGE = (
    "Log your follow-up with <code>/followup &lt;number&gt; [note]</code>, for example "
    "<code>/followup 12 called, meeting next week</code>. The number is on the slip (#12)."
)


def _button(label: str, referral_id: int, action: FollowUpAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=follow_up_data(referral_id, action))


def slip_buttons(referral_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button("✅ Contacted", referral_id, FollowUpAction.CONTACTED),
                _button("📅 Meeting set", referral_id, FollowUpAction.MEETING),
            ],
            [_button("✖ Not a fit", referral_id, FollowUpAction.NOT_A_FIT)],
        ]
    )


def nudge_buttons(referral_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button("✅ Contacted", referral_id, FollowUpAction.CONTACTED)],
            [_button("⏰ Remind me tomorrow", referral_id, FollowUpAction.SNOOZE)],
            [_button("✖ Not a fit", referral_id, FollowUpAction.NOT_A_FIT)],
        ]
    )


def mine_buttons(referrals: list[Referral]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            _button(f"✅ #{referral.id}", referral.id, FollowUpAction.CONTACTED),
            _button(f"📅 #{referral.id}", referral.id, FollowUpAction.MEETING),
            _button(f"✖ #{referral.id}", referral.id, FollowUpAction.NOT_A_FIT),
        ]
        for referral in referrals
        if referral.status in ("open", "contacted")
    ][:8]
    return InlineKeyboardMarkup(rows) if rows else None


def step_logged(referral: Referral, giver: Member, in_group: bool) -> str:
    status = STATUS_LABELS[referral.status]
    if in_group:  # never the prospect in a group
        return f"✅ Referral #{referral.id} is now <b>{status}</b>. {name(giver)} has been told."
    return (
        f"✅ Referral #{referral.id} ({e(referral.prospect_name)}) is now <b>{status}</b>. "
        f"I've let {name(giver)} know."
    )


def not_found(referral_id: int) -> str:
    return f"I can't find referral #{referral_id} here. Check the number on your slip, or /mine."


def not_receiver(referral_id: int) -> str:
    return f"Only the receiver of referral #{referral_id} can log its follow-up."


def already_past(referral: Referral) -> str:
    return (
        f"Referral #{referral.id} is already <b>{STATUS_LABELS[referral.status]}</b>, "
        "so that step doesn't apply any more."
    )


def snoozed(referral_id: int, left: int) -> str:
    more = f"{left} more time{'s' if left != 1 else ''}" if left else "no more times"
    return f"⏰ OK, I'll remind you about #{referral_id} tomorrow. You can postpone {more}."


def nothing_to_postpone(referral_id: int) -> str:
    return (
        f"There's no reminder to postpone for #{referral_id}: its follow-up window is still "
        "open, and I'll only remind you once it ends."
    )


def snooze_limit(referral_id: int) -> str:
    return (
        f"You've postponed #{referral_id} as often as you can. Please contact the prospect, "
        "or tap “Not a fit” if it isn't for you."
    )


def giver_update(
    referral: Referral, receiver: Member, status: str, elapsed: timedelta, note: str | None
) -> str:
    who, prospect, after = name(receiver), e(referral.prospect_name), humanize(elapsed)
    if status == "contacted":
        text = f"📞 {who} contacted {prospect} {after} after your referral #{referral.id}."
    elif status == "meeting":
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


def mine(
    received: list[tuple[Referral, Member, Chapter]],
    given: list[tuple[Referral, Member | None, Chapter]],
) -> str:
    lines = ["<b>Referrals you received</b>"]
    if not received:
        lines.append("None waiting for you.")
    for referral, giver, chapter in received:
        line = (
            f"#{referral.id} {e(referral.prospect_name)}, from {name(giver)}: "
            f"{STATUS_LABELS[referral.status]}"
        )
        if referral.status == "open":
            line += f", follow up by {e(local_time(referral.follow_up_due_at, chapter.timezone))}"
        lines.append(line)
    lines.append("\n<b>Referrals you gave</b>")
    if not given:
        lines.append("None yet. <code>/refer</code> in your chapter's group passes one.")
    for referral, receiver, _chapter in given:
        who = receiver_plain(receiver, referral.receiver_username)
        lines.append(
            f"#{referral.id} {e(referral.prospect_name)} → {who}: {STATUS_LABELS[referral.status]}"
        )
    return "\n".join(lines)


def pending(rows: list[OverdueByReceiver], window: timedelta) -> str:
    """Overdue referrals by receiver, without prospect details (this goes to the group)."""
    if not rows:
        return f"👏 No referral is waiting past the {humanize(window)} follow-up window."
    lines = [f"<b>Waiting past the {humanize(window)} follow-up window</b>"]
    for row in rows:
        ages = ", ".join(f"#{referral_id} ({humanize(age)})" for referral_id, age in row.items)
        lines.append(f"• {receiver_plain(row.receiver, row.username)}: {ages}")
    return "\n".join(lines)


def callback_expired() -> str:
    return "This button no longer works. Send /mine to see your referrals."


MINE_IS_PRIVATE = "Your own referrals are private: send /mine to me in a private chat."
