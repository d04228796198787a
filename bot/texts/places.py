"""Templates for a command sent where it doesn't work: say where it does, or what to try."""

from __future__ import annotations

from bot.i18n import _
from bot.texts.common import e


def settings_in_group() -> str:
    return _(
        "A chapter's settings are changed in its group: send /settings there (admins change "
        "them, everyone can look)."
    )


def pending_in_group() -> str:
    return _(
        "/pending lists the chapter's late follow-ups, so it works in your chapter's group. "
        "Here, /mine shows your own referrals."
    )


def nothing_to_cancel() -> str:
    return _("There's nothing to cancel: you're not filling in a referral form right now.")


def cancel_is_private() -> str:
    return _("/cancel stops the private referral form; there's nothing to cancel in the group.")


def unknown_command(command: str, in_group: bool) -> str:
    if in_group:
        return _("I don't know /{command}. /help lists what I can do in the group.").format(
            command=e(command)
        )
    return _("I don't know /{command}. /help lists what I can do here.").format(command=e(command))
