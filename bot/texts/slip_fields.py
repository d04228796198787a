"""Templates for the giver's private confirmation: how hot (1-5) and inside/outside."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import how_hot_data, inside_data
from bot.i18n import N_, _
from bot.texts.common import e, receiver_plain
from storage.records import Member, Referral

HOW_HOT = {
    1: N_("contact details shared, with their consent"),
    2: N_("I told them about you and your work"),
    3: N_("I recommended you warmly; they expect your call"),
    4: N_("I arranged a call or a meeting for you"),
    5: N_("I introduced you in person"),
}


def how_hot(level: int) -> str:
    return _(HOW_HOT[level])


def giver_confirmation(referral: Referral, receiver: Member | None) -> str:
    who = receiver_plain(receiver, referral.receiver_username)
    levels = "\n".join(f"{level}: {how_hot(level)}" for level in HOW_HOT)
    return _(
        "📤 You passed referral #{number} ({prospect}) to {receiver}.\n\n"
        "<b>How hot is it?</b> It's about your effort behind it, not the odds of a sale:\n"
        "{levels}\n\n"
        "<b>Inside or outside?</b> Inside: you are the customer. Outside: someone else is."
    ).format(number=referral.id, prospect=e(referral.prospect_name), receiver=who, levels=levels)


def field_buttons(referral: Referral) -> InlineKeyboardMarkup:
    def mark(selected: bool, label: str) -> str:
        return f"✓ {label}" if selected else label

    hot = [
        InlineKeyboardButton(
            mark(referral.how_hot == level, str(level)),
            callback_data=how_hot_data(referral.id, level),
        )
        for level in HOW_HOT
    ]
    where = [
        InlineKeyboardButton(
            mark(referral.inside is True, _("Inside (my own need)")),
            callback_data=inside_data(referral.id, True),
        ),
        InlineKeyboardButton(
            mark(referral.inside is False, _("Outside")),
            callback_data=inside_data(referral.id, False),
        ),
    ]
    return InlineKeyboardMarkup([hot, where])


def field_saved(referral: Referral) -> str:
    parts = []
    if referral.how_hot:
        parts.append(_("how hot {level}").format(level=referral.how_hot))
    if referral.inside is not None:
        parts.append(_("inside") if referral.inside else _("outside"))
    return _("Saved: {fields}").format(fields=", ".join(parts)) if parts else _("Saved")
