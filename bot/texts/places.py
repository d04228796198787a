"""Templates for a command sent where it doesn't work: say where it does, or what to try."""

from __future__ import annotations

from bot.texts.common import e

SETTINGS_IN_GROUP = (
    "A chapter's settings are changed in its group: send /settings there (admins change them, "
    "everyone can look)."
)
PENDING_IN_GROUP = (
    "/pending lists the chapter's late follow-ups, so it works in your chapter's group. "
    "Here, /mine shows your own referrals."
)
NOTHING_TO_CANCEL = "There's nothing to cancel: you're not filling in a referral form right now."
CANCEL_IS_PRIVATE = (
    "/cancel stops the private referral form; there's nothing to cancel in the group."
)


def unknown_command(command: str, in_group: bool) -> str:
    where = "in the group" if in_group else "here"
    return f"I don't know /{e(command)}. /help lists what I can do {where}."
