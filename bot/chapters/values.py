"""A chapter's own values, with the bot's defaults where the admins set none: the one place
that reads them (the follow-up window, the currency, when the next tip and summary are due)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.config import Settings
from bot.tips.schedule import next_occurrence, parse_clock
from storage.records import Chapter


def follow_up_window(chapter: Chapter, settings: Settings) -> timedelta:
    return chapter.follow_up_window or settings.follow_up_window


def currency(chapter: Chapter, settings: Settings) -> str:
    return chapter.currency or settings.default_currency


def next_tip_at(chapter: Chapter, after: datetime) -> datetime:
    """The chapter's next tip slot strictly after `after`, on its weekday and local time."""
    return next_occurrence(
        after, chapter.tip_weekday, parse_clock(chapter.tip_time), chapter.timezone
    )


def next_summary_at(chapter: Chapter, after: datetime) -> datetime | None:
    """The next weekly summary strictly after `after`; None when the chapter has none."""
    if chapter.summary_weekday is None or chapter.summary_time is None:
        return None
    return next_occurrence(
        after, chapter.summary_weekday, parse_clock(chapter.summary_time), chapter.timezone
    )
