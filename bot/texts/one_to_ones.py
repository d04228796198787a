"""Templates for /121 (/onetoone), its confirmation buttons, the reminder, and /dancecard."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import one_to_one_data
from bot.scorecard.service import Snapshot
from bot.texts.common import e, link, mention, name
from storage.one_to_ones import OneToOne
from storage.records import Member

USAGE = (
    "Log a one-to-one like this: <code>/121 @bob</code> (today), "
    "<code>/121 @bob yesterday</code>, <code>/121 @bob friday Coffee at the bakery</code> "
    "or <code>/121 @bob 2026-11-20</code>. Reply to Bob's message with <code>/121</code> "
    "to name him that way."
)

def day_label(day: date) -> str:
    return f"{day:%a %-d %b}"


def logged(one: OneToOne, partner: Member, deep_link: str | None) -> str:
    text = (
        f"🤝 One-to-one with {name(partner)} on {day_label(one.met_on)} logged. "
        f"It counts once {e(partner.first_name)} confirms; I've asked them privately."
    )
    if deep_link:
        text += (
            f"\n{mention(partner)}, I can't message you yet: "
            f"{link(deep_link, 'open a chat with me')} to confirm it."
        )
    return text


def merged(one: OneToOne, partner: Member) -> str:
    return (
        f"🤝 {name(partner)} had logged this one-to-one already ({day_label(one.met_on)}): "
        "it now counts for both of you, once."
    )


def ask_partner(one: OneToOne, logger: Member) -> str:
    text = f"🤝 {name(logger)} logged a one-to-one with you on {day_label(one.met_on)}."
    if one.note:
        text += f"\n<i>{e(one.note)}</i>"
    return text + "\nDid it happen? It counts for both of you once you confirm."


def reminder(one: OneToOne, logger: Member) -> str:
    return "⏰ Still waiting for your answer.\n" + ask_partner(one, logger)


def confirm_buttons(one_to_one_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, we met", callback_data=one_to_one_data(one_to_one_id, True)
                ),
                InlineKeyboardButton(
                    "Didn't happen", callback_data=one_to_one_data(one_to_one_id, False)
                ),
            ]
        ]
    )


def decided_for_partner(one: OneToOne, logger: Member, met: bool) -> str:
    if met:
        return f"✅ Confirmed: your one-to-one with {name(logger)} on {day_label(one.met_on)}."
    return f"Noted: the one-to-one with {name(logger)} on {day_label(one.met_on)} didn't happen."


def decided_for_logger(one: OneToOne, partner: Member, met: bool, change: str) -> str:
    if met:
        return f"✅ {name(partner)} confirmed your one-to-one on {day_label(one.met_on)}.\n{change}"
    return (
        f"{name(partner)} says the one-to-one on {day_label(one.met_on)} didn't happen, "
        "so it doesn't count. If that's a mix-up, talk to them and log it again."
    )


def card_change(before: Snapshot, after: Snapshot) -> str:
    """How the one-to-ones line and the total moved: the member sees it at once."""
    return (
        f"Your card: one-to-ones {before.one_to_ones_per_week:.2f} → "
        f"{after.one_to_ones_per_week:.2f} a week; {before.total} → {after.total} of "
        f"{after.available} points. /scorecard shows it all."
    )


PARTNER_UNREACHABLE = (
    "\nI can't message them yet: ask them to open a private chat with me and press Start, "
    "or log it in the group, where I can post a link for them."
)
BUTTON_NOT_YOURS = "Only the member who was asked can answer this."
BUTTON_GONE = "This button no longer works."
ALREADY_ANSWERED = "Already answered: nothing changed."
ANSWER_SAVED = "Thanks, saved."
GROUP_OR_PRIVATE_ONLY = "Send /121 in your chapter's group or to me privately."
NO_CHAPTER = (
    "I haven't seen you in a chapter yet. Send a command in your chapter's group first, "
    "then log your one-to-ones here."
)
NO_SHARED_CHAPTER = (
    "You two don't share a chapter that I know of. Log it in your chapter's group instead."
)

DANCECARD_IN_GROUP = "Your dance card is private: send /dancecard to me in a private chat."


def dancecard(
    chapter_title: str,
    not_met: list[tuple[Member, date | None]],
    never_referred: list[Member],
) -> str:
    lines = [f"💃 <b>Your dance card: {e(chapter_title)}</b>"]
    if not_met:
        lines.append("Not met one-to-one in the last six months (longest first):")
        for member, last in not_met:
            when = f"last met {day_label(last)}" if last else "never met"
            lines.append(f"• {name(member)} ({when})")
    else:
        lines.append("You've met everyone in the last six months. 👏")
    if never_referred:
        lines.append("\nNever passed a referral to:")
        lines.append(", ".join(name(member) for member in never_referred))
    lines.append("\nLog a meeting with <code>/121 @member</code>.")
    return "\n".join(lines)
