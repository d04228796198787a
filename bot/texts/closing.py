"""Templates for closed business: the group's thank-you, the giver's note, the mistakes."""

from __future__ import annotations

from bot.business.amounts import format_amount
from bot.texts.common import e, mention, name
from storage.records import Member, Referral

CLOSED_USAGE = (
    "Record business won with <code>/closed &lt;number&gt; &lt;amount&gt; [note]</code>, "
    "for example <code>/closed 12 2,500</code> or <code>/closed 12 2.5k new shopfront</code>. "
    "Send it again to correct the amount."
)


def thank_you_in_group(referral: Referral, giver: Member, receiver: Member, hidden: bool) -> str:
    """The public recognition: credits the giver; never the prospect."""
    worth = "" if hidden else f" worth <b>{e(_value(referral))}</b>"
    return (
        f"🎉 <b>Thank you for closed business!</b>\n"
        f"{mention(receiver)} closed business{worth} from referral #{referral.id}, "
        f"passed by {mention(giver)}. Thank you, {e(giver.first_name)}!"
    )


def giver_closed(
    referral: Referral, receiver: Member, corrected: bool, note: str | None = None
) -> str:
    value = e(_value(referral))
    if corrected:
        text = f"✏️ {name(receiver)} corrected the value of referral #{referral.id} to {value}."
    else:
        text = (
            f"🎉 Your referral #{referral.id} ({e(referral.prospect_name)}) turned into business: "
            f"{name(receiver)} closed it, worth {value}. Thank you for passing it!"
        )
    return text + (f"\nNote: <i>{e(note)}</i>" if note else "")


def closed_reply(referral: Referral, corrected: bool) -> str:
    value = e(_value(referral))
    if corrected:
        return f"✏️ Referral #{referral.id} is now recorded at {value}."
    return (
        f"✅ Referral #{referral.id} ({e(referral.prospect_name)}) closed at {value}. "
        "The chapter and the giver have been told. Send the command again to correct the value."
    )


def corrected_in_private_chapter(referral_id: int) -> str:
    """A correction sent in a group that keeps amounts private: no amount in the reply."""
    return (
        f"✏️ The value of referral #{referral_id} is corrected. This chapter keeps amounts "
        "private: the giver sees the new value in a private chat, and so do you with "
        "<code>/stats me</code>."
    )


def _value(referral: Referral) -> str:
    return format_amount(referral.amount_cents or 0, referral.currency or "USD")
