"""Measuring the bot from the outside: every Bot API call, every update, every sweep."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.ext import BaseUpdateProcessor, CallbackContext
from telegram.request import BaseRequest, RequestData

from bot.core.rate_limiter import on_the_wire
from chapterbot.ops.metrics import Metrics
from chapterbot.ops.state import Ops

# Which update is being handled, for log lines (see chapterbot/ops/jsonlog.py).
current_update_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "current_update_id", default=None
)
current_chat_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "current_chat_id", default=None
)

_REASONS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
}


def failure_reason(status: int) -> str:
    return _REASONS.get(status, "server_error" if status >= 500 else f"http_{status}")


class InstrumentedRequest(BaseRequest):
    """Passes every call to the real request layer and counts what went wrong."""

    def __init__(self, inner: BaseRequest, metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *timeouts: Any,
        **named_timeouts: Any,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        try:
            with on_the_wire():  # the rate limiter counts a send's time on the way from here
                status, body = await self.inner.do_request(
                    url, method, request_data, *timeouts, **named_timeouts
                )
        except TimedOut:
            self.metrics.send_failures.labels(api_method, "timeout").inc()
            raise
        except NetworkError:
            self.metrics.send_failures.labels(api_method, "network").inc()
            raise
        if status >= 300:
            self.metrics.send_failures.labels(api_method, failure_reason(status)).inc()
            if status == 429:
                self.metrics.rate_limit_waits.inc()
        return status, body


def update_kind(update: object) -> str:
    if isinstance(update, Update):
        for kind in Update.ALL_TYPES:
            if getattr(update, kind, None) is not None:
                return kind
    return "other"


class InstrumentedUpdateProcessor(BaseUpdateProcessor):
    """Counts updates by kind, times their handling, and names them in log lines."""

    def __init__(self, inner: BaseUpdateProcessor, metrics: Metrics) -> None:
        super().__init__(inner.max_concurrent_updates)
        self.inner = inner
        self.metrics = metrics

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        self.metrics.updates.labels(update_kind(update)).inc()
        await self.inner.do_process_update(update, self._timed(update, coroutine))

    async def _timed(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update):
            current_update_id.set(update.update_id)
            current_chat_id.set(update.effective_chat.id if update.effective_chat else None)
        started = time.perf_counter()
        try:
            await coroutine
        finally:
            self.metrics.handler_latency.observe(time.perf_counter() - started)

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()


Sweep = Callable[[Any], Coroutine[Any, Any, None]]


def leader_sweep(name: str, sweep: Sweep) -> Sweep:
    """A sweep job that runs only on the leader, is timed, and marks the bot as sweeping."""

    async def run(context: CallbackContext) -> None:
        ops: Ops = context.bot_data.ops
        if not ops.is_leader():
            return
        started = time.perf_counter()
        await sweep(context)
        ops.metrics.sweep_duration.labels(name).observe(time.perf_counter() - started)
        ops.sweep_finished()

    run.__name__ = run.__qualname__ = f"{name}_sweep"
    return run
