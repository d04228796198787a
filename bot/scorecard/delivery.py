"""Drawing cards off the event loop: one worker thread renders every chart."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bot.scorecard.chart_specs import ChapterChart, MemberChart


def _draw_member(chart: MemberChart) -> bytes:
    from bot.scorecard import charts  # matplotlib loads with the first chart, in the worker

    return charts.render_member_chart(chart)


def _draw_chapter(chart: ChapterChart) -> bytes:
    from bot.scorecard import charts

    return charts.render_chapter_chart(chart)


@dataclass(eq=False)
class ChartPainter:
    """One worker thread draws every chart, one at a time: the bot keeps answering meanwhile,
    and matplotlib (whose font and text caches are shared) never runs in two threads at once."""

    _worker: ThreadPoolExecutor = field(
        init=False,
        repr=False,
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="scorecard-charts"),
    )

    async def member_png(self, chart: MemberChart) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(self._worker, _draw_member, chart)

    async def chapter_png(self, chart: ChapterChart) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, _draw_chapter, chart)

    def close(self) -> None:
        self._worker.shutdown(wait=True)
