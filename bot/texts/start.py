"""Templates for /start and /help."""

from __future__ import annotations

from bot.texts.common import e
from storage.records import Member


def welcome(member: Member) -> str:
    return (
        f"Hi {e(member.first_name)}! I'm your chapter's referral assistant.\n\n"
        "• In your chapter's group, <code>/refer @member Prospect name, details</code> records "
        "a referral; I send the receiver the slip here, privately.\n"
        "• I remind receivers to follow up, and tell givers when they did.\n"
        "• Every week I post an education minute to the group.\n\n"
        "Now that you've started me, I can message you privately. /help lists what I can do."
    )


HELP_PRIVATE = (
    "<b>What you can do here</b>\n"
    "/start – introduce yourself to me so I can message you\n"
    "/help – this list\n\n"
    "In your chapter's group:\n"
    "/refer – pass a referral: <code>/refer @bob Jane Roe, 555-0100</code>"
)

HELP_GROUP = (
    "<b>Chapter commands</b>\n"
    "/refer – pass a referral: <code>/refer @bob Jane Roe, Roe Bakery, 555-0100</code> "
    "(or reply to Bob's message with <code>/refer Jane Roe, …</code>)\n"
    "/help – this list\n\n"
    "Open a private chat with me and press Start so I can send you the referrals you receive."
)
