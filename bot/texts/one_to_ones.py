"""Templates for /121 (/onetoone), its confirmation buttons, the reminder, and /dancecard."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import one_to_one_data
from bot.i18n import _, decimal_two, weekday_day
from bot.scorecard.service import Snapshot
from bot.texts.common import e, link, mention, name
from storage.one_to_ones import OneToOne
from storage.records import Member


def usage() -> str:
    return _(
        "Log a one-to-one like this: <code>/121 @bob</code> (today), "
        "<code>/121 @bob yesterday</code>, <code>/121 @bob friday Coffee at the bakery</code> "
        "or <code>/121 @bob 2026-11-20</code>. Reply to Bob's message with <code>/121</code> "
        "to name him that way."
    )


def day_label(day: date) -> str:
    return weekday_day(day)


def logged(one: OneToOne, partner: Member, deep_link: str | None) -> str:
    text = _(
        "🤝 One-to-one with {partner} on {day} logged. "
        "It counts once {first_name} confirms; I've asked them privately."
    ).format(partner=name(partner), day=day_label(one.met_on), first_name=e(partner.first_name))
    if deep_link:
        text += "\n" + _("{partner}, I can't message you yet: {open_chat} to confirm it.").format(
            partner=mention(partner), open_chat=link(deep_link, _("open a chat with me"))
        )
    return text


def merged(one: OneToOne, partner: Member) -> str:
    return _(
        "🤝 {partner} had logged this one-to-one already ({day}): "
        "it now counts for both of you, once."
    ).format(partner=name(partner), day=day_label(one.met_on))


def ask_partner(one: OneToOne, logger: Member) -> str:
    text = _("🤝 {logger} logged a one-to-one with you on {day}.").format(
        logger=name(logger), day=day_label(one.met_on)
    )
    if one.note:
        text += f"\n<i>{e(one.note)}</i>"
    return text + "\n" + _("Did it happen? It counts for both of you once you confirm.")


def reminder(one: OneToOne, logger: Member) -> str:
    return _("⏰ Still waiting for your answer.") + "\n" + ask_partner(one, logger)


def confirm_buttons(one_to_one_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("Yes, we met"), callback_data=one_to_one_data(one_to_one_id, True)
                ),
                InlineKeyboardButton(
                    _("Didn't happen"), callback_data=one_to_one_data(one_to_one_id, False)
                ),
            ]
        ]
    )


def decided_for_partner(one: OneToOne, logger: Member, met: bool) -> str:
    values = {"logger": name(logger), "day": day_label(one.met_on)}
    if met:
        return _("✅ Confirmed: your one-to-one with {logger} on {day}.").format(**values)
    return _("Noted: the one-to-one with {logger} on {day} didn't happen.").format(**values)


def decided_for_logger(one: OneToOne, partner: Member, met: bool, change: str) -> str:
    values = {"partner": name(partner), "day": day_label(one.met_on)}
    if met:
        return (
            _("✅ {partner} confirmed your one-to-one on {day}.").format(**values) + f"\n{change}"
        )
    return _(
        "{partner} says the one-to-one on {day} didn't happen, "
        "so it doesn't count. If that's a mix-up, talk to them and log it again."
    ).format(**values)


def card_change(before: Snapshot, after: Snapshot) -> str:
    """How the one-to-ones line and the total moved: the member sees it at once."""
    return _(
        "Your card: one-to-ones {before_rate} → {after_rate} a week; {before_total} → "
        "{after_total} of {available} points. /scorecard shows it all."
    ).format(
        before_rate=_two_decimals(before.one_to_ones_per_week),
        after_rate=_two_decimals(after.one_to_ones_per_week),
        before_total=before.total,
        after_total=after.total,
        available=after.available,
    )


def _two_decimals(value: float) -> str:
    """0.99 / 0,99: always two decimals, the local decimal mark."""
    return decimal_two(value)


def partner_unreachable() -> str:
    return "\n" + _(
        "I can't message them yet: ask them to open a private chat with me and press Start, "
        "or log it in the group, where I can post a link for them."
    )


def button_not_yours() -> str:
    return _("Only the member who was asked can answer this.")


def button_gone() -> str:
    return _("This button no longer works.")


def already_answered() -> str:
    return _("Already answered: nothing changed.")


def answer_saved() -> str:
    return _("Thanks, saved.")


def group_or_private_only() -> str:
    return _("Send /121 in your chapter's group or to me privately.")


def no_chapter() -> str:
    return _(
        "I haven't seen you in a chapter yet. Send a command in your chapter's group first, "
        "then log your one-to-ones here."
    )


def no_shared_chapter() -> str:
    return _(
        "You two don't share a chapter that I know of. Log it in your chapter's group instead."
    )


def dancecard_in_group() -> str:
    return _("Your dance card is private: send /dancecard to me in a private chat.")


def dancecard(
    chapter_title: str,
    not_met: list[tuple[Member, date | None]],
    never_referred: list[Member],
) -> str:
    lines = [_("💃 <b>Your dance card: {title}</b>").format(title=e(chapter_title))]
    if not_met:
        lines.append(_("Not met one-to-one in the last six months (longest first):"))
        for member, last in not_met:
            when = _("last met {day}").format(day=day_label(last)) if last else _("never met")
            lines.append(f"• {name(member)} ({when})")
    else:
        lines.append(_("You've met everyone in the last six months. 👏"))
    if never_referred:
        lines.append("\n" + _("Never passed a referral to:"))
        lines.append(", ".join(name(member) for member in never_referred))
    lines.append("\n" + _("Log a meeting with <code>/121 @member</code>."))
    return "\n".join(lines)
