"""The optional weekly summary of the chapter's numbers, posted on the chapter's own schedule."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.business.stats import StatsService
from bot.chapters.values import next_summary_at
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.i18n import in_chapter
from bot.meeting.figures import MeetingFigures
from bot.texts import meeting_stats as meeting_texts
from bot.texts import stats as texts
from bot.tips.schedule import CATCH_UP
from storage.chapters import ChapterRepository
from storage.records import Chapter

log = logging.getLogger(__name__)


@dataclass(eq=False)
class SummarySweep:
    chapters: ChapterRepository
    stats: StatsService
    meetings: MeetingFigures
    messenger: Messenger
    clock: Clock

    async def run(self) -> int:
        """Post every summary that is due; returns how many went out."""
        posted, now = 0, self.clock.now()
        for chapter in await self.chapters.summaries_due(now, 500):
            async with self.chapters.claim_summary(chapter.id, now) as mine:
                if mine:  # not posted meanwhile by another process
                    posted += await self._post_due(chapter, now)
        return posted

    async def _post_due(self, chapter: Chapter, now: datetime) -> int:
        following = next_summary_at(chapter, now)
        posted = 0
        if chapter.next_summary_at and now - chapter.next_summary_at <= CATCH_UP:
            try:
                posted = int(await self._post(chapter))
            except NotSent as exc:  # transient: try again on the next sweep
                log.warning("Summary for %s not posted: %s", chapter.chat_id, exc)
                return 0
        await self.chapters.update(chapter.id, next_summary_at=following)
        return posted

    async def _post(self, chapter: Chapter) -> bool:
        figures = await self.stats.chapter_figures(chapter, "week")
        meetings = await self.meetings.for_chapter(chapter, "week")
        visitors = meetings.visitors
        with in_chapter(chapter):
            text = texts.weekly_summary(chapter.title, chapter.timezone, figures)
            if meetings.meetings or visitors.invited or visitors.came or visitors.joined:
                text += meeting_texts.chapter_lines(meetings)  # chapters holding them with the bot
        return await self.messenger.to_chapter(chapter, text, topic=chapter.tip_thread_id)
