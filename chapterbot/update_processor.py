"""Many chats at once, each chat in order.

PTB handles updates one at a time by default, so one group waiting on Telegram's 20-a-minute
limit would hold up every other chapter. This processor runs updates of different chats
concurrently, while the updates of one chat still run one after another, in the order they came
(which the referral form's conversation relies on).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


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

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
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
