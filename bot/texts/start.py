"""Templates for /start, /language, and groups the bot doesn't serve. /help is in commands.py."""

from __future__ import annotations

from bot.i18n import _
from bot.texts.common import e
from storage.records import Member


def welcome(member: Member) -> str:
    return _(
        "Hi {first_name}! I'm your chapter's referral assistant.\n\n"
        "• In your chapter's group, <code>/refer @member Prospect name, details</code> records "
        "a referral; I send the receiver the slip here, privately. Or send /refer here to pass "
        "one step by step.\n"
        "• I remind receivers to follow up, and tell givers when they did.\n"
        "• Every week I post an education minute to the group.\n\n"
        "Now that you've started me, I can message you privately. /help lists what I can do."
    ).format(first_name=e(member.first_name))


def not_allowed_here() -> str:
    return _(
        "Hello! This bot serves a fixed list of chapters, and this group isn't one of them, "
        "so I'll leave now. If that's a mistake, ask the bot's owner to add this group."
    )
