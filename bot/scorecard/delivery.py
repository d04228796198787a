"""Drawing cards off the event loop and getting them to a member: a chart with the text."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from telegram import Bot, InputFile
from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden

from bot.scorecard.chart_specs import ChapterChart, MemberChart
from storage.members import MemberRepository

log = logging.getLogger(__name__)


def _draw_member(chart: MemberChart) -> bytes:
    from bot.scorecard import charts  # matplotlib loads on the first chart, in the worker

    return charts.render_member_chart(chart)


def _draw_chapter(chart: ChapterChart) -> bytes:
    from bot.scorecard import charts

    return charts.render_chapter_chart(chart)


@dataclass(eq=False)
class CardDelivery:
    """One worker thread draws every chart, one at a time: the bot keeps answering meanwhile,
    and matplotlib (whose font and text caches are shared) never runs in two threads at once."""

    bot: Bot
    members: MemberRepository
    _painter: ThreadPoolExecutor = field(
        init=False,
        repr=False,
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="scorecard-charts"),
    )

    async def member_png(self, chart: MemberChart) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(self._painter, _draw_member, chart)

    async def chapter_png(self, chart: ChapterChart) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._painter, _draw_chapter, chart)

    def close(self) -> None:
        self._painter.shutdown(wait=True)

    async def send(self, user_id: int, png: bytes, text: str, filename: str) -> bool:
        """The chart with the text as its caption (or after it, when too long for one).

        False when Telegram says the member can't be written to (never started, blocked);
        transient failures propagate for the caller to retry.
        """
        fits = len(text) <= MessageLimit.CAPTION_LENGTH
        try:
            await self.bot.send_photo(
                user_id, InputFile(png, filename=filename), caption=text if fits else None
            )
            if not fits:
                await self.bot.send_message(user_id, text)
        except Forbidden as exc:
            log.info("Scorecard for %s not delivered: %s", user_id, exc.message)
            await self.members.set_can_dm(user_id, False)
            return False
        except BadRequest as exc:
            if "chat not found" not in exc.message.lower():
                raise
            await self.members.set_can_dm(user_id, False)
            return False
        return True
