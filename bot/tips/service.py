"""Posting the education minute: which tip is next for a chapter, and the weekly sweep."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from bot.chapters.values import next_tip_at
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.core.sweeps import GroupCommit, Handled, sweep_due
from bot.i18n import chapter_language, current_language, use_language
from bot.texts.recognition import tip_buttons
from bot.texts.tips import tip_post
from bot.tips.content import TipBook
from bot.tips.schedule import CATCH_UP, week_key
from bot.tips.tip import Tip
from storage.chapters import ChapterRepository
from storage.db import UnitOfWork
from storage.records import Chapter
from storage.tips import TipRepository

log = logging.getLogger(__name__)

BATCH = 500
CONCURRENT_POSTS = 32  # the rate limiter, not this, keeps us inside Telegram's limits

# A tip posted: (chapter id, title, week, scheduled for, posted at, next tip at).
_Posted = tuple[int, str, str, datetime, datetime, datetime]


@dataclass
class TipReport:
    posted: int = 0
    skipped_late: int = 0
    skipped_same_week: int = 0
    unreachable: int = 0
    failed: int = 0
    scheduled: int = 0


@dataclass(eq=False)
class TipService:
    book: TipBook
    chapters: ChapterRepository
    tips: TipRepository
    messenger: Messenger
    clock: Clock
    transaction: UnitOfWork
    _positions: dict[str, int] | None = field(init=False, default=None, repr=False)

    async def _order(self) -> dict[str, int]:
        """The shared order of the file's tips; new titles are appended once, on first use."""
        if self._positions is None:
            positions = await self.tips.catalog()
            missing = [tip.title for tip in self.book.tips if tip.title not in positions]
            if missing:
                await self.tips.add_to_catalog(missing)
                positions = await self.tips.catalog()
            self._positions = positions
        return self._positions

    async def next_tip(self, chapter: Chapter) -> Tip | None:
        """The tip this chapter has seen least, first in the stable order among equals."""
        if not self.book.tips:
            return None
        positions = await self._order()
        shown = await self.tips.times_posted(chapter.id)
        return min(self.book.tips, key=lambda tip: (shown.get(tip.title, 0), positions[tip.title]))

    async def this_weeks_tip(self, chapter: Chapter) -> Tip | None:
        """For /tip: the last one posted (if still in the file), else the one coming next, as
        the current language writes it."""
        last = await self.tips.last_title(chapter.id)
        tip = (self.book.by_title(last) if last else None) or await self.next_tip(chapter)
        return self.book.in_language(tip, current_language()) if tip else None

    async def sweep(self) -> TipReport:
        """Schedule new chapters, then post every tip that is due, many chapters at once."""
        report, now = TipReport(), self.clock.now()
        if not self.book.tips:  # nothing to post (the bot refuses to start on such a file)
            return report
        for chapter in await self.chapters.tips_unscheduled(BATCH):
            await self.chapters.update(chapter.id, next_tip_at=next_tip_at(chapter, now))
            report.scheduled += 1
        posts = GroupCommit(self.transaction, self._record)
        await sweep_due(
            lambda limit: self.chapters.tips_due(now, limit),
            lambda chapter: self._post_due(chapter, now, report, posts),
            batch=BATCH,
            concurrency=CONCURRENT_POSTS,
            claim=lambda chapter: self.chapters.claim_tip(chapter.id, now),  # never posted twice
        )
        return report

    async def _record(self, post: _Posted) -> None:
        await self.tips.record_post(*post)

    async def _post_due(
        self, chapter: Chapter, now: datetime, report: TipReport, posts: GroupCommit[_Posted]
    ) -> Handled:
        scheduled = chapter.next_tip_at
        assert scheduled is not None
        if now - scheduled > CATCH_UP:  # the bot was down too long: wait for next week
            await self.chapters.update(chapter.id, next_tip_at=next_tip_at(chapter, now))
            report.skipped_late += 1
            return Handled.DONE
        week = week_key(scheduled, chapter.timezone)
        following = next_tip_at(chapter, max(scheduled, now))
        if await self.tips.posted_in_week(chapter.id, week):
            await self.chapters.update(chapter.id, next_tip_at=following)
            report.skipped_same_week += 1
            return Handled.DONE
        tip = await self.next_tip(chapter)
        if tip is None:
            return Handled.DONE
        language = chapter_language(chapter)  # the tip as the chapter's language writes it
        with use_language(language):
            text = tip_post(self.book.in_language(tip, language))
            buttons = tip_buttons(chapter.id, week)
        try:
            delivered = await self.messenger.to_chapter(
                chapter, text, topic=chapter.tip_thread_id, buttons=buttons
            )
        except NotSent as exc:  # transient: still due, the next sweep tries again
            log.warning("Tip for chapter %s not posted, will retry: %s", chapter.chat_id, exc)
            report.failed += 1
            return Handled.FAILED
        if not delivered:
            report.unreachable += 1
            return Handled.DONE
        await posts.settle((chapter.id, tip.title, week, scheduled, now, following))
        report.posted += 1
        return Handled.DONE
