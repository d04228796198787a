"""Templates for /export."""

from __future__ import annotations

from bot.texts.common import e, link

ADMINS_ONLY = "Only the group's admins can export the chapter's referrals."
SENT = "📄 I've sent you the export privately."
GROUP_ONLY = "Send /export in your chapter's group (admins only); I'll send the file here."


def caption(title: str, rows: int) -> str:
    return f"{e(title)}: {rows} referral{'s' if rows != 1 else ''}, with their follow-up history."


def cannot_send(deep_link: str) -> str:
    return (
        "I can't send you the file privately yet: "
        f"{link(deep_link, 'open a chat with me')}, press Start, then send /export here again."
    )


ATTENDANCE_CAPTION = "{title}: attendance, one row per member per meeting ({rows} rows)."
VISITORS_CAPTION = "{title}: {rows} visitors, with their contact details. Keep this file private."
