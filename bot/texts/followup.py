"""Templates for follow-up: buttons, replies, the giver's update, nudges and escalations."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import FollowUpAction, follow_up_data
from bot.core.durations import humanize
from bot.i18n import N_, _, ngettext
from bot.referrals.status import INITIAL, WITH_STEP_BUTTONS, ReferralStatus, may_move
from bot.texts.common import e, link, name, receiver_label, receiver_plain
from storage.records import Member, Referral

STATUS_LABELS = {
    ReferralStatus.OPEN: N_("open"),
    ReferralStatus.CONTACTED: N_("contacted"),
    ReferralStatus.MEETING: N_("meeting set"),
    ReferralStatus.CLOSED: N_("closed (business won)"),
    ReferralStatus.NOT_A_FIT: N_("not a fit"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[ReferralStatus(status)])


def followup_usage() -> str:
    return _(
        "Log your follow-up with <code>/followup &lt;number&gt; [note]</code>, for example "
        "<code>/followup 12 called, meeting next week</code>. The number is on the slip (#12)."
    )


def _button(label: str, referral_id: int, action: FollowUpAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=follow_up_data(referral_id, action))


def slip_buttons(referral_id: int, status: str = INITIAL) -> InlineKeyboardMarkup:
    """The steps the receiver can still take: ✅ Contacted only while the referral is open."""
    first = [_button(_("📅 Meeting set"), referral_id, FollowUpAction.MEETING)]
    if may_move(status, ReferralStatus.CONTACTED):
        first.insert(0, _button(_("✅ Contacted"), referral_id, FollowUpAction.CONTACTED))
    return InlineKeyboardMarkup(
        [first, [_button(_("✖ Not a fit"), referral_id, FollowUpAction.NOT_A_FIT)]]
    )


def nudge_buttons(referral_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(_("✅ Contacted"), referral_id, FollowUpAction.CONTACTED)],
            [_button(_("⏰ Remind me tomorrow"), referral_id, FollowUpAction.SNOOZE)],
            [_button(_("✖ Not a fit"), referral_id, FollowUpAction.NOT_A_FIT)],
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
        return _("✅ Referral #{number} is now <b>{status}</b>. {giver} has been told.").format(
            number=referral.id, status=status, giver=name(giver)
        )
    return _(
        "✅ Referral #{number} ({prospect}) is now <b>{status}</b>. I've let {giver} know."
    ).format(
        number=referral.id, prospect=e(referral.prospect_name), status=status, giver=name(giver)
    )


def snoozed(referral_id: int, left: int) -> str:
    if not left:
        return _(
            "⏰ OK, I'll remind you about #{number} tomorrow. You can postpone no more times."
        ).format(number=referral_id)
    return ngettext(
        "⏰ OK, I'll remind you about #{number} tomorrow. You can postpone {left} more time.",
        "⏰ OK, I'll remind you about #{number} tomorrow. You can postpone {left} more times.",
        left,
    ).format(number=referral_id, left=left)


def giver_update(
    referral: Referral,
    receiver: Member,
    status: ReferralStatus,
    elapsed: timedelta,
    note: str | None,
) -> str:
    if status is ReferralStatus.CONTACTED:
        text = _("📞 {receiver} contacted {prospect} {after} after your referral #{number}.")
    elif status is ReferralStatus.MEETING:
        text = _(
            "📅 {receiver} set a meeting with {prospect}, {after} after your referral #{number}."
        )
    else:
        text = _("{receiver} marked your referral #{number} ({prospect}) as not a fit.")
    text = text.format(
        receiver=name(receiver),
        prospect=e(referral.prospect_name),
        after=humanize(elapsed),
        number=referral.id,
    )
    if note:
        text += "\n" + _("Note: <i>{note}</i>").format(note=e(note))
    return text


def nudge(referral: Referral, giver: Member, age: timedelta, snoozes: int) -> str:
    lines = [
        _("⏰ <b>Follow-up reminder</b> for referral #{number}").format(number=referral.id),
        _("{giver} passed you <b>{prospect}</b> {age} ago.").format(
            giver=name(giver), prospect=e(referral.prospect_name), age=humanize(age)
        ),
        _("Their name is on the line: a quick call or message keeps the chapter's trust."),
    ]
    if referral.phone:
        lines.append(_("Phone: {phone}").format(phone=e(referral.phone)))
    if referral.email:
        lines.append(_("E-mail: {email}").format(email=e(referral.email)))
    if snoozes:
        lines.append(
            ngettext(
                "(You postponed this {count} time.)", "(You postponed this {count} times.)", snoozes
            ).format(count=snoozes)
        )
    return "\n".join(lines)


def nudge_in_group(
    referral: Referral, receiver: Member | None, giver: Member, deep_link: str
) -> str:
    """The fallback when the receiver can't be written to: a mention, never the prospect."""
    return _(
        "⏰ {receiver}, referral #{number} from {giver} is waiting for your follow-up. "
        "I can't message you privately: {open_chat} and press Start."
    ).format(
        receiver=receiver_label(receiver, referral.receiver_username),
        number=referral.id,
        giver=name(giver),
        open_chat=link(deep_link, _("open a chat with me")),
    )


def escalation(referral: Referral, receiver: Member | None, age: timedelta) -> str:
    return _(
        "🔔 Your referral #{number} ({prospect}) to {receiver} is still open "
        "after {age}. You may want to check in with them."
    ).format(
        number=referral.id,
        prospect=e(referral.prospect_name),
        receiver=receiver_plain(receiver, referral.receiver_username),
        age=humanize(age),
    )


def callback_expired() -> str:
    return _("This button no longer works. Send /mine to see your referrals.")
