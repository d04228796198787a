"""Templates for /export."""

from __future__ import annotations

from bot.texts.common import e

ADMINS_ONLY = "Only the group's admins can export the chapter's referrals."
SENT = "📄 I've sent you the export privately."
GROUP_ONLY = "Send /export in your chapter's group (admins only); I'll send the file here."


def caption(title: str, rows: int) -> str:
    return f"{e(title)}: {rows} referral{'s' if rows != 1 else ''}, with their follow-up history."
