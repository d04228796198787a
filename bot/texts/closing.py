"""Templates for closed business: the group's thank-you, the giver's note, the mistakes."""

from __future__ import annotations

from bot.business.amounts import format_amount
from bot.i18n import _
from bot.texts.common import e, mention, name
from storage.records import Member, Referral


def closed_usage() -> str:
    return _(
        "Record business won with <code>/closed &lt;number&gt; &lt;amount&gt; [note]</code>, "
        "for example <code>/closed 12 2,500</code> or <code>/closed 12 2.5k new shopfront</code>. "
        "Send it again to correct the amount."
    )


def thank_you_in_group(referral: Referral, giver: Member, receiver: Member, hidden: bool) -> str:
    """The public recognition: credits the giver; never the prospect."""
    if hidden:
        text = _(
            "🎉 <b>Thank you for closed business!</b>\n"
            "{receiver} closed business from referral #{number}, "
            "passed by {giver}. Thank you, {giver_first_name}!"
        )
    else:
        text = _(
            "🎉 <b>Thank you for closed business!</b>\n"
            "{receiver} closed business worth <b>{value}</b> from referral #{number}, "
            "passed by {giver}. Thank you, {giver_first_name}!"
        )
    return text.format(
        receiver=mention(receiver),
        value=e(_value(referral)),
        number=referral.id,
        giver=mention(giver),
        giver_first_name=e(giver.first_name),
    )


def giver_closed(
    referral: Referral, receiver: Member, corrected: bool, note: str | None = None
) -> str:
    value = e(_value(referral))
    if corrected:
        text = _("✏️ {receiver} corrected the value of referral #{number} to {value}.").format(
            receiver=name(receiver), number=referral.id, value=value
        )
    else:
        text = _(
            "🎉 Your referral #{number} ({prospect}) turned into business: "
            "{receiver} closed it, worth {value}. Thank you for passing it!"
        ).format(
            number=referral.id,
            prospect=e(referral.prospect_name),
            receiver=name(receiver),
            value=value,
        )
    return text + (note_line(note) if note else "")


def note_line(note: str) -> str:
    """A member's note under a message: '\\nNote: <i>…</i>'."""
    return "\n" + _("Note: <i>{note}</i>").format(note=e(note))


def closed_reply(referral: Referral, corrected: bool) -> str:
    value = e(_value(referral))
    if corrected:
        return _("✏️ Referral #{number} is now recorded at {value}.").format(
            number=referral.id, value=value
        )
    return _(
        "✅ Referral #{number} ({prospect}) closed at {value}. "
        "The chapter and the giver have been told. Send the command again to correct the value."
    ).format(number=referral.id, prospect=e(referral.prospect_name), value=value)


def corrected_in_private_chapter(referral_id: int) -> str:
    """A correction sent in a group that keeps amounts private: no amount in the reply."""
    return _(
        "✏️ The value of referral #{number} is corrected. This chapter keeps amounts "
        "private: the giver sees the new value in a private chat, and so do you with "
        "<code>/stats me</code>."
    ).format(number=referral_id)


def _value(referral: Referral) -> str:
    return format_amount(referral.amount_cents or 0, referral.currency or "USD")
