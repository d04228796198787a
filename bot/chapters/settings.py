"""What a group's admins can change for their chapter, and how each value is read and checked.

Every change returns `Done(chapter)` with the chapter as stored, or `Refused(BAD_SETTING)` naming
the setting and what was wrong with the value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.chapters.values import next_summary_at, next_tip_at
from bot.core.clock import Clock
from bot.core.currencies import is_currency_code
from bot.core.durations import parse_duration
from bot.core.result import Done, Reason, Refusal, Refused, Result, refused
from bot.i18n import LANGUAGES, language_of
from bot.tips.schedule import parse_clock, parse_weekday
from storage.chapters import ChapterRepository
from storage.records import Chapter

MIN_WINDOW, MAX_WINDOW = timedelta(hours=1), timedelta(days=30)


class SettingRefused(Refusal):
    """A value that can't be used for a chapter setting."""


def resolve_timezone(text: str) -> str:
    """Europe/Berlin, europe/berlin -> the IANA name; anything else is refused."""
    name = text.strip()
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        pass
    by_lower = {zone.lower(): zone for zone in available_timezones()}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    raise SettingRefused(Reason.UNKNOWN_TIMEZONE, name=name)


def _bad(setting: str, problem: Refused) -> Refused:
    return refused(Reason.BAD_SETTING, setting=setting, problem=problem)


def _weekly(setting: str, weekday_text: str, time_text: str) -> tuple[int, time] | Refused:
    """A weekday and a local time, as `tue 07:30` sets the tip or the summary."""
    try:
        return parse_weekday(weekday_text), parse_clock(time_text)
    except Refusal as refusal:
        return _bad(setting, refusal.refused)


def needs_value(setting: str) -> Refused:
    """A known setting sent without its value."""
    return _bad(setting, refused(Reason.NEEDS_VALUE, setting=setting))


@dataclass(eq=False)
class ChapterSettings:
    chapters: ChapterRepository
    clock: Clock

    async def _reschedule(self, chapter: Chapter) -> Chapter:
        """After a schedule change the next tip follows the new day, time and zone."""
        return await self.chapters.update(
            chapter.id, next_tip_at=next_tip_at(chapter, self.clock.now())
        )

    async def set_timezone(self, chapter: Chapter, text: str) -> Result[Chapter]:
        try:
            zone = resolve_timezone(text)
        except Refusal as refusal:
            return _bad("timezone", refusal.refused)
        chapter = await self.chapters.update(chapter.id, timezone=zone)
        summary = next_summary_at(chapter, self.clock.now())
        if summary is not None:
            chapter = await self.chapters.update(chapter.id, next_summary_at=summary)
        return Done(await self._reschedule(chapter))

    async def set_tip_time(
        self, chapter: Chapter, weekday_text: str, time_text: str
    ) -> Result[Chapter]:
        when = _weekly("tips", weekday_text, time_text)
        if isinstance(when, Refused):
            return when
        weekday, at = when
        chapter = await self.chapters.update(
            chapter.id, tip_weekday=weekday, tip_time=f"{at:%H:%M}", tips_enabled=1
        )
        return Done(await self._reschedule(chapter))

    async def set_tips_enabled(self, chapter: Chapter, enabled: bool) -> Result[Chapter]:
        chapter = await self.chapters.update(chapter.id, tips_enabled=int(enabled))
        return Done(await self._reschedule(chapter) if enabled else chapter)

    async def set_tips_topic(self, chapter: Chapter, thread_id: int | None) -> Result[Chapter]:
        return Done(await self.chapters.update(chapter.id, tip_thread_id=thread_id))

    async def set_currency(self, chapter: Chapter, text: str) -> Result[Chapter]:
        code = text.strip().upper()
        if not is_currency_code(code):
            return _bad("currency", refused(Reason.NOT_A_CURRENCY, text=text))
        return Done(await self.chapters.update(chapter.id, currency=code))

    async def set_language(self, chapter: Chapter, text: str) -> Result[Chapter]:
        """The language of the chapter's group posts (and of members who chose none)."""
        code = language_of(text)
        if code is None:
            refusal = refused(Reason.NOT_A_LANGUAGE, text=text, codes=list(LANGUAGES))
            return _bad("language", refusal)
        return Done(await self.chapters.update(chapter.id, language=code))

    async def set_amounts_hidden(self, chapter: Chapter, hidden: bool) -> Result[Chapter]:
        return Done(await self.chapters.update(chapter.id, amounts_hidden=int(hidden)))

    async def set_summary(
        self, chapter: Chapter, weekday_text: str, time_text: str
    ) -> Result[Chapter]:
        when = _weekly("summary", weekday_text, time_text)
        if isinstance(when, Refused):
            return when
        weekday, at = when
        wanted = replace(chapter, summary_weekday=weekday, summary_time=f"{at:%H:%M}")
        return Done(
            await self.chapters.update(
                chapter.id,
                summary_weekday=wanted.summary_weekday,
                summary_time=wanted.summary_time,
                next_summary_at=next_summary_at(wanted, self.clock.now()),
            )
        )

    async def summary_off(self, chapter: Chapter) -> Result[Chapter]:
        return Done(
            await self.chapters.update(
                chapter.id, summary_weekday=None, summary_time=None, next_summary_at=None
            )
        )

    async def set_window(self, chapter: Chapter, text: str) -> Result[Chapter]:
        try:
            window = parse_duration(text)
        except Refusal as refusal:
            return _bad("window", refusal.refused)
        if not MIN_WINDOW <= window <= MAX_WINDOW:
            return _bad("window", refused(Reason.WINDOW_OUT_OF_RANGE))
        return Done(
            await self.chapters.update(chapter.id, follow_up_window_s=int(window.total_seconds()))
        )
