"""Templates for /settings."""

from __future__ import annotations

from datetime import timedelta

from bot.core.durations import format_duration
from bot.texts.common import e, local_time
from bot.tips.schedule import WEEKDAY_NAMES
from storage.records import Chapter

USAGE = (
    "<b>Change a setting</b> (group admins):\n"
    "<code>/settings timezone Europe/Berlin</code>: the chapter's time zone\n"
    "<code>/settings tips tue 07:30</code>: the education minute's day and time\n"
    "<code>/settings tips off</code> or <code>on</code>: pause or resume the weekly tip\n"
    "<code>/settings tips here</code>: post tips in this topic (forum groups)\n"
    "<code>/settings window 48h</code>: the follow-up window (1h to 30d)\n"
    "<code>/settings currency EUR</code>: the currency of closed business\n"
    "<code>/settings amounts hidden</code> or <code>shown</code>: amounts in thank-yous\n"
    "<code>/settings summary sun 18:00</code> or <code>off</code>: a weekly summary of the "
    "numbers\n"
    "<code>/settings absences 3 in 6</code>: the absence limit (absences in months)\n"
    "<code>/settings visitorhosts @carol @dave</code> or <code>none</code>: the visitor hosts"
)

ADMINS_ONLY = (
    "Only the group's admins can change the chapter's settings. /help lists what you can do."
)


def overview(chapter: Chapter, window: timedelta, currency: str, given_up: int = 0) -> str:
    if chapter.tips_enabled:
        tips = f"{WEEKDAY_NAMES[chapter.tip_weekday]}s at {chapter.tip_time}"
        if chapter.next_tip_at is not None:
            tips += f" (next: {e(local_time(chapter.next_tip_at, chapter.timezone))})"
        if chapter.tip_thread_id is not None:
            tips += ", in the chosen topic"
    else:
        tips = "off"
    window_text = format_duration(window) + (
        " (default)" if chapter.follow_up_window is None else ""
    )
    summary = (
        f"{WEEKDAY_NAMES[chapter.summary_weekday]}s at {chapter.summary_time}"
        if chapter.summary_weekday is not None
        else "off"
    )
    return (
        f"⚙️ <b>Settings for {e(chapter.title)}</b>\n"
        f"Time zone: {e(chapter.timezone)}\n"
        f"Education minute: {tips}\n"
        f"Follow-up window: {window_text}\n"
        f"Currency: {e(currency)}; amounts {'hidden' if chapter.amounts_hidden else 'shown'}"
        " in thank-yous\n"
        f"Weekly summary: {summary}\n"
        + (
            f"⚠️ Reminders Telegram kept refusing, given up: {given_up} (the bot's log says why)\n"
            if given_up
            else ""
        )
        + "\n"
        + USAGE
    )


EXAMPLES = {
    "timezone": "/settings timezone Europe/Berlin (or America/New_York, Asia/Singapore, UTC)",
    "tips": "/settings tips tue 07:30 (days: mon tue wed thu fri sat sun; 24-hour time)",
    "window": "/settings window 48h (from 1h to 30d; units m, h, d)",
    "currency": "/settings currency EUR (an ISO 4217 code: USD, EUR, GBP, CHF...)",
    "amounts": "/settings amounts hidden (or shown)",
    "summary": "/settings summary sun 18:00 (or off)",
}

UNKNOWN_SETTING = "I don't know that setting.\n\n" + USAGE

TOPIC_CHOSEN = "👍 The education minute will be posted in this topic."
TOPIC_CLEARED = "👍 The education minute will be posted in the group's main chat."
