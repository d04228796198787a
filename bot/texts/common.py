"""Shared pieces of the message templates: escaping, names, links and local times."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.i18n import _, local_datetime
from storage.records import Member


def e(text: object) -> str:
    """Escape user-supplied text for Telegram's HTML parse mode."""
    return escape(str(text), quote=False)


def name(member: Member) -> str:
    """A member's name as plain (escaped) text."""
    return e(member.full_name)


def mention(member: Member) -> str:
    """A member's name that notifies them in a group."""
    return f'<a href="tg://user?id={member.user_id}">{e(member.full_name)}</a>'


def receiver_label(member: Member | None, username: str | None) -> str:
    """The receiver as shown in a group: a mention, or @username while they are not known yet."""
    if member is not None:
        return mention(member)
    return e(f"@{username}")


def receiver_plain(member: Member | None, username: str | None) -> str:
    return name(member) if member is not None else e(f"@{username}")


def local_time(moment: datetime, timezone: str) -> str:
    """'Wed 25 Nov, 18:26 CET': a time in the chapter's zone, as members read it."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local_datetime(local)} {local.tzname()}"


def link(url: str, label: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{e(label)}</a>'


def something_went_wrong() -> str:
    return _(
        "Sorry, something went wrong on my side. Please try again in a minute; "
        "if it keeps happening, tell your chapter's admin."
    )
