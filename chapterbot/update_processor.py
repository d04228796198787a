"""Many chats at once, each chat in order.

PTB handles updates one at a time by default, so one group waiting on Telegram's 20-a-minute
limit would hold up every other chapter. This processor runs updates of different chats
concurrently, while the updates of one chat still run one after another, in the order they came
(which the referral form's conversation relies on).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor
from telegram.request import BaseRequest, RequestData

# How long the next getUpdates waits for the updates already fetched to be handled. Telegram
# treats the next getUpdates as confirming every update before it, so an update confirmed while
# it is still being handled is lost if the process dies then. A handler that takes longer than
# this (it should not: sends go through the outbox after the update) no longer holds up polling.
CONFIRM_WAIT = 10.0


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}
        self.handling = 0  # updates being handled now

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        self.handling += 1
        try:
            await self._in_chat_order(update, coroutine)
        finally:
            self.handling -= 1

    async def _in_chat_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:  # FIFO: this chat's updates keep their order
                await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:  # forget idle chats, so memory follows activity
                del self._holders[key], self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


class ConfirmAfterHandled(BaseRequest):
    """The request layer for getUpdates: each call waits until the updates fetched before have
    been handled (stored), so Telegram is told they arrived only once they are safe."""

    def __init__(self, inner: BaseRequest, processor: PerChatUpdateProcessor) -> None:
        self.inner = inner
        self.processor = processor
        self.queue: asyncio.Queue[object] | None = None  # the Application's, once built

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    def _busy(self) -> bool:
        queued = self.queue is not None and not self.queue.empty()
        return queued or self.processor.handling > 0

    async def wait_until_handled(self) -> None:
        deadline = time.monotonic() + CONFIRM_WAIT
        await asyncio.sleep(0.005)  # the fetcher hands the last batch to the processor first
        while self._busy() and time.monotonic() < deadline:  # noqa: ASYNC110 (PTB owns both)
            await asyncio.sleep(0.005)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *timeouts: Any,
        **named_timeouts: Any,
    ) -> tuple[int, bytes]:
        if url.endswith("/getUpdates"):
            await self.wait_until_handled()
        return await self.inner.do_request(url, method, request_data, *timeouts, **named_timeouts)
