"""Templates for commands the bot won't act on as sent: forwarded, or posted as the group."""

from __future__ import annotations

from bot.i18n import _
from bot.texts.common import e


def forwarded() -> str:
    return _(
        "That command was forwarded, so I've left it alone: I only act on commands their sender "
        "writes. To pass or log a referral, type the command yourself."
    )


def post_as_yourself(command: str) -> str:
    """An anonymous admin (or a channel) used a command that needs a person behind it."""
    return _(
        "You're posting as the group, so I can't tell who you are, and /{command} needs a "
        "person: a giver, a receiver, someone I can write to privately. Please send it again "
        "as yourself (in the group's admin settings, turn off “Remain anonymous”, or send it "
        "from your own account)."
    ).format(command=e(command))
