"""Stopping within seconds, even with a send backlog.

A service manager kills a process about 10 s after SIGTERM. With a backlog (a group's 20
messages a minute), sends wait in the rate limiter for minutes. So on SIGTERM the bot stops
taking updates, and gives what is queued a few seconds: a send that hasn't left by then is not
made (`ShuttingDown`), which leaves its outbox row owed for the next start. Handling the updates
already taken then only stores facts, which is quick. Nothing is lost; nothing waits.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import Application

from bot.core.messenger import ShuttingDown
from bot.core.rate_limiter import Priority, PriorityRateLimiter

log = logging.getLogger(__name__)

GRACE = 3.0  # seconds a queued send may still take once the process is stopping


class StoppingRateLimiter(PriorityRateLimiter):
    """The rate limiter, whose waits end (with `ShuttingDown`) once stopping's grace is up.

    A request already on its way to Telegram is never cut: only one still waiting for its turn.
    """

    def __init__(self, speed: float = 1.0, max_retries: int = 2) -> None:
        super().__init__(speed=speed, max_retries=max_retries)
        self._stopped: asyncio.Event | None = None

    async def initialize(self) -> None:
        await super().initialize()
        self._stopped = asyncio.Event()

    def stop_after(self, grace: float) -> None:
        """From `grace` seconds on, sends still waiting give up."""
        if self._stopped is not None:
            asyncio.get_running_loop().call_later(grace, self._stopped.set)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> Any:
        stopped = self._stopped
        if stopped is None or data.get("chat_id") is None:  # not a send: never held back
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        if stopped.is_set():
            raise ShuttingDown()
        started = asyncio.Event()

        async def tracked(*call_args: Any, **call_kwargs: Any) -> Any:
            started.set()
            return await callback(*call_args, **call_kwargs)

        request = asyncio.ensure_future(
            super().process_request(tracked, args, kwargs, endpoint, data, rate_limit_args)
        )
        stop = asyncio.ensure_future(stopped.wait())
        try:
            await asyncio.wait({request, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if request.done() or started.is_set():
            return await request
        request.cancel()
        raise ShuttingDown()


def begin_stopping(app: Application) -> None:
    """Start the grace period: queued sends get GRACE seconds, then give up."""
    limiter = app.bot.rate_limiter
    if isinstance(limiter, StoppingRateLimiter):
        limiter.stop_after(GRACE)


def stop_on_signals(app: Application, loop: asyncio.AbstractEventLoop) -> None:
    """SIGINT and SIGTERM stop the bot: no new updates, a few seconds' grace, then exit."""

    def on_signal() -> None:
        log.info("Stopping: no new updates; sends get %s s, the rest waits in the outbox", GRACE)
        begin_stopping(app)
        app.stop_running()

    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, on_signal)
