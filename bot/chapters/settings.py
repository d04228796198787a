"""What a group's admins can change for their chapter, and how each value is read and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.business.amounts import is_currency_code
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.durations import DurationError, parse_duration
from bot.tips.schedule import ScheduleError, next_occurrence, parse_clock, parse_weekday
from bot.tips.service import next_slot
from storage.chapters import ChapterRepository
from storage.records import Chapter

MIN_WINDOW, MAX_WINDOW = timedelta(hours=1), timedelta(days=30)


class SettingRefused(ValueError):
    """A value that can't be used; the message says what would work."""


def follow_up_window(chapter: Chapter, settings: Settings) -> timedelta:
    return chapter.follow_up_window or settings.follow_up_window


def resolve_timezone(text: str) -> str:
    """Europe/Berlin, europe/berlin -> the IANA name; anything else is refused."""
    name = text.strip()
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    by_lower = {zone.lower(): zone for zone in available_timezones()}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    raise SettingRefused(f"unknown time zone {name!r}")


@dataclass(eq=False)
class ChapterSettings:
    chapters: ChapterRepository
    settings: Settings
    clock: Clock

    async def _reschedule(self, chapter: Chapter) -> Chapter:
        """After a schedule change the next tip follows the new day, time and zone."""
        return await self.chapters.update(
            chapter.id, next_tip_at=next_slot(chapter, self.clock.now())
        )

    async def set_timezone(self, chapter: Chapter, text: str) -> Chapter:
        chapter = await self.chapters.update(chapter.id, timezone=resolve_timezone(text))
        if chapter.summary_weekday is not None and chapter.summary_time is not None:
            first = next_occurrence(
                self.clock.now(),
                chapter.summary_weekday,
                parse_clock(chapter.summary_time),
                chapter.timezone,
            )
            chapter = await self.chapters.update(chapter.id, next_summary_at=first)
        return await self._reschedule(chapter)

    async def set_tip_time(self, chapter: Chapter, weekday_text: str, time_text: str) -> Chapter:
        try:
            weekday, at = parse_weekday(weekday_text), parse_clock(time_text)
        except ScheduleError as exc:
            raise SettingRefused(str(exc)) from exc
        chapter = await self.chapters.update(
            chapter.id, tip_weekday=weekday, tip_time=f"{at:%H:%M}", tips_enabled=1
        )
        return await self._reschedule(chapter)

    async def set_tips_enabled(self, chapter: Chapter, enabled: bool) -> Chapter:
        chapter = await self.chapters.update(chapter.id, tips_enabled=int(enabled))
        return await self._reschedule(chapter) if enabled else chapter

    async def set_tips_topic(self, chapter: Chapter, thread_id: int | None) -> Chapter:
        return await self.chapters.update(chapter.id, tip_thread_id=thread_id)

    async def set_currency(self, chapter: Chapter, text: str) -> Chapter:
        code = text.strip().upper()
        if not is_currency_code(code):
            raise SettingRefused(f"{text!r} is not a 3-letter currency code")
        return await self.chapters.update(chapter.id, currency=code)

    async def set_amounts_hidden(self, chapter: Chapter, hidden: bool) -> Chapter:
        return await self.chapters.update(chapter.id, amounts_hidden=int(hidden))

    async def set_summary(self, chapter: Chapter, weekday_text: str, time_text: str) -> Chapter:
        try:
            weekday, at = parse_weekday(weekday_text), parse_clock(time_text)
        except ScheduleError as exc:
            raise SettingRefused(str(exc)) from exc
        first = next_occurrence(self.clock.now(), weekday, at, chapter.timezone)
        return await self.chapters.update(
            chapter.id, summary_weekday=weekday, summary_time=f"{at:%H:%M}", next_summary_at=first
        )

    async def summary_off(self, chapter: Chapter) -> Chapter:
        return await self.chapters.update(
            chapter.id, summary_weekday=None, summary_time=None, next_summary_at=None
        )

    async def set_window(self, chapter: Chapter, text: str) -> Chapter:
        try:
            window = parse_duration(text)
        except DurationError as exc:
            raise SettingRefused(str(exc)) from exc
        if not MIN_WINDOW <= window <= MAX_WINDOW:
            raise SettingRefused("the follow-up window must be between 1 hour and 30 days")
        return await self.chapters.update(
            chapter.id, follow_up_window_s=int(window.total_seconds())
        )
