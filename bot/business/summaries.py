"""The optional weekly summary of the chapter's numbers, posted on the chapter's own schedule."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot.business.closing import chapter_currency
from bot.business.stats import StatsService
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.rate_limiter import scheduled_sends
from bot.texts import stats as texts
from bot.tips.schedule import CATCH_UP, next_occurrence, parse_clock
from storage.chapters import ChapterRepository
from storage.records import Chapter

log = logging.getLogger(__name__)


@dataclass(eq=False)
class SummarySweep:
    chapters: ChapterRepository
    stats: StatsService
    bot: Bot
    settings: Settings
    clock: Clock

    @scheduled_sends
    async def run(self) -> int:
        """Post every summary that is due; returns how many went out."""
        posted, now = 0, self.clock.now()
        for chapter in await self.chapters.summaries_due(now, 500):
            following = self._next(chapter, now)
            if chapter.next_summary_at and now - chapter.next_summary_at <= CATCH_UP:
                try:
                    await self._post(chapter)
                    posted += 1
                except Forbidden:
                    await self.chapters.set_active(chapter.chat_id, False)
                except TelegramError as exc:  # transient: try again on the next sweep
                    log.warning("Summary for %s not posted: %s", chapter.chat_id, exc)
                    continue
            await self.chapters.update(chapter.id, next_summary_at=following)
        return posted

    def _next(self, chapter: Chapter, now):
        assert chapter.summary_weekday is not None and chapter.summary_time is not None
        return next_occurrence(
            now, chapter.summary_weekday, parse_clock(chapter.summary_time), chapter.timezone
        )

    async def _post(self, chapter: Chapter) -> None:
        figures = await self.stats.chapter_figures(chapter, "week")
        currency = chapter_currency(chapter, self.settings)
        text = texts.weekly_summary(chapter.title, chapter.timezone, currency, figures)
        await self.bot.send_message(chapter.chat_id, text, message_thread_id=chapter.tip_thread_id)
