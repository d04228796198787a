"""Telegram's limits with members first: replies go ahead of broadcasts, and a 429 pauses all.

Telegram allows about 30 messages a second overall and 20 a minute in one group. PTB's
`AIORateLimiter` keeps those limits but serves requests in arrival order, so a member's reply
waits behind a whole tip broadcast; and after a 429 it waits out the pause *after* taking a
slot, so every slot taken meanwhile goes out at once and overfills the next second.

This limiter hands out send slots from one place, best priority first, and hands none out while
Telegram has asked for a pause. Slots are paced at 29.5 a second with a tolerance of under half
a slot (a late timer is made good, never a burst); on top of that a send may start only once
the 30th send before it has been out for a full second (20th and a minute, in a group). A send
counts as out from when it reached Telegram at the latest (its reply came, less the quickest
round trip seen), so a process paused by the machine between taking a slot and sending can't
squeeze 31 messages into one second. The request layer times the HTTP call itself
(`on_the_wire`), so PTB's building and parsing, and a busy event loop, don't count as time on
the way: those would hold each window open longer than Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import enum
import functools
import itertools
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ParamSpec, TypeVar

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

OVERALL_RATE = 29.5  # messages per second, just under Telegram's 30
OVERALL_LIMIT = (30, 1.0)  # at most 30 messages in any second
GROUP_LIMIT = (20, 60.0)  # at most 20 messages in any minute in one group
TOLERANCE = 4  # of a slot: how late a timer may be and still keep the pace


class Priority(enum.IntEnum):
    """Lower goes first."""

    INTERACTIVE = 0  # an answer to something a member just did: they are watching
    SCHEDULED = 1  # nudges, tips, summaries, monthly cards: a few seconds later is fine


_current = contextvars.ContextVar("send_priority", default=Priority.INTERACTIVE)

P = ParamSpec("P")
R = TypeVar("R")


def scheduled_sends(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    """Decorate a sweep: every message it sends (tasks it starts too) yields to members."""

    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _current.set(Priority.SCHEDULED)
        try:
            return await func(*args, **kwargs)
        finally:
            _current.reset(token)

    return wrapper


@dataclass(eq=False, slots=True)
class _Send:
    """One message's place in the windows: when it started, and when it was out at the latest;
    when its HTTP call began and ended, if the request layer said (`on_the_wire`)."""

    started: float
    out: float | None = None
    wire_start: float | None = None
    wire_end: float | None = None


_sending: contextvars.ContextVar[_Send | None] = contextvars.ContextVar(
    "send_in_progress", default=None
)


@contextlib.contextmanager
def on_the_wire() -> Iterator[None]:
    """The request layer wraps the HTTP call in this: the limiter then counts a send's time
    on the way from the call alone, not from PTB building the request and reading the reply."""
    send = _sending.get()
    if send is None:
        yield
        return
    loop = asyncio.get_running_loop()
    send.wire_start = loop.time()
    try:
        yield
    finally:
        send.wire_end = loop.time()


class _Window:
    """The last `size` sends; a new one may start once the oldest of them is `period` old."""

    def __init__(self, size: int, period: float) -> None:
        self.sends: deque[_Send] = deque(maxlen=size)
        self.period = period

    def ready_at(self, now: float) -> float | None:
        """When the next send may start; None while the oldest one is still on its way."""
        if len(self.sends) < (self.sends.maxlen or 0):
            return now
        oldest = self.sends[0].out
        return None if oldest is None else oldest + self.period


@dataclass(order=True, slots=True)
class _Waiter:
    priority: int
    seq: int
    group: int | str | None = field(compare=False)
    turn: asyncio.Future[_Send] = field(compare=False)


def _group_of(chat_id: object) -> int | str | None:
    """Groups, supergroups and channels have negative ids (or an @name); users positive ones."""
    with contextlib.suppress(TypeError, ValueError):
        chat_id = int(chat_id)  # type: ignore[call-overload]
    if isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0):
        return chat_id
    return None


class PriorityRateLimiter(BaseRateLimiter[Priority]):
    """Telegram's limits, best priority first, with one pause for everyone after a 429.

    `rate_limit_args` may name a `Priority` for one call; otherwise the sending code's own
    priority applies (`scheduled_sends`). `speed` scales time, for the benchmarks only.
    """

    def __init__(self, speed: float = 1.0, max_retries: int = 2) -> None:
        self.speed = speed
        self.max_retries = max_retries
        self._interval = 1.0 / (OVERALL_RATE * speed)
        self._tolerance = TOLERANCE * self._interval
        self._overall = _Window(OVERALL_LIMIT[0], OVERALL_LIMIT[1] / speed)
        self._groups: dict[int | str, _Window] = {}
        self._waiting: list[_Waiter] = []
        self._numbers = itertools.count()
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._quickest = float("inf")  # the quickest round trip seen
        self._poke: asyncio.Future[None] | None = None
        self._dispatcher: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        self._ensure_dispatcher()

    async def shutdown(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatcher
            self._dispatcher = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> Any:
        if data.get("chat_id") is None:  # not a message to a chat (getUpdates, answers...)
            return await callback(*args, **kwargs)
        priority = _current.get() if rate_limit_args is None else rate_limit_args
        group, seq = _group_of(data["chat_id"]), next(self._numbers)
        for attempt in range(self.max_retries + 1):
            send = await self._take_turn(priority, seq, group)
            token = _sending.set(send)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self._pause(exc.retry_after)
                if attempt == self.max_retries:
                    raise
                log.info("Telegram asked for a pause; %s retried after it", endpoint)
            finally:
                _sending.reset(token)
                self._sent(send)
        raise AssertionError("unreachable")

    async def _take_turn(self, priority: int, seq: int, group: int | str | None) -> _Send:
        """A slot for this request (a retry keeps its place). A slot given just before a 429
        is handed back: nothing starts during the pause."""
        loop = asyncio.get_running_loop()
        while True:
            send = await self._wait_for_slot(priority, seq, group)
            send.started = loop.time()  # when it really goes, not when the slot was given
            if send.started >= self._paused_until:
                return send
            send.out = send.started
            self._wake()

    async def _wait_for_slot(self, priority: int, seq: int, group: int | str | None) -> _Send:
        self._ensure_dispatcher()
        waiter = _Waiter(priority, seq, group, asyncio.get_running_loop().create_future())
        self._waiting.append(waiter)
        self._wake()
        try:
            return await waiter.turn
        except asyncio.CancelledError:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif waiter.turn.done() and not waiter.turn.cancelled():
                self._sent(waiter.turn.result())  # given a slot it won't use
            raise

    def _pause(self, retry_after: timedelta | float) -> None:
        seconds = retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
        until = asyncio.get_running_loop().time() + float(seconds) / self.speed
        self._paused_until = max(self._paused_until, until)
        self._next_slot = max(self._next_slot, self._paused_until)

    def _sent(self, send: _Send) -> None:
        """A send is over: it was out by its reply less the quickest round trip seen (at the
        earliest, when it started). Timed on the wire when the request layer said."""
        start, end = send.started, asyncio.get_running_loop().time()
        if send.wire_start is not None and send.wire_end is not None:
            start, end = send.wire_start, send.wire_end
        self._quickest = min(self._quickest, end - start)
        send.out = max(start, end - self._quickest)
        self._wake()

    def _wake(self) -> None:
        if self._poke is not None and not self._poke.done():
            self._poke.set_result(None)

    def _ensure_dispatcher(self) -> None:
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch())

    async def _dispatch(self) -> None:
        """Give out slots one at a time; sleep until the next is due or something changes."""
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            ready = self._ready_at(now)
            waiter = self._best_waiter(now) if ready is not None and ready <= now else None
            if waiter is not None:
                self._grant(waiter, now)
                continue
            if ready is not None and ready <= now:  # everyone waiting is held by their group
                ready = self._group_ready_at(now)
            self._poke = loop.create_future()
            timer = None
            if ready is not None and self._waiting:
                timer = loop.call_at(ready, self._wake)
            await self._poke
            if timer is not None:
                timer.cancel()

    def _ready_at(self, now: float) -> float | None:
        """When the next slot opens overall (pace, window, pause); None: when a send ends."""
        window = self._overall.ready_at(now)
        if window is None:
            return None
        pace = self._next_slot - self._tolerance
        return max(window, pace, self._paused_until)

    def _best_waiter(self, now: float) -> _Waiter | None:
        """The first waiter by priority and arrival whose group may take a message now."""
        for waiter in sorted(self._waiting):
            window = self._groups.get(waiter.group) if waiter.group is not None else None
            ready = window.ready_at(now) if window is not None else now
            if ready is not None and ready <= now:
                return waiter
        return None

    def _group_ready_at(self, now: float) -> float | None:
        times = [
            self._groups[w.group].ready_at(now) for w in self._waiting if w.group in self._groups
        ]
        known = [t for t in times if t is not None]
        return min(known) if known else None

    def _grant(self, waiter: _Waiter, now: float) -> None:
        self._waiting.remove(waiter)
        if waiter.turn.done():  # its sender was cancelled meanwhile
            return
        send = _Send(started=now)
        self._next_slot = max(self._next_slot, now) + self._interval
        self._overall.sends.append(send)
        if waiter.group is not None:
            if waiter.group not in self._groups:
                self._forget_quiet_groups(now)
                self._groups[waiter.group] = _Window(GROUP_LIMIT[0], GROUP_LIMIT[1] / self.speed)
            self._groups[waiter.group].sends.append(send)
        waiter.turn.set_result(send)

    def _forget_quiet_groups(self, now: float) -> None:
        """Drop the windows of groups with nothing sent for a minute, so memory follows use."""
        if len(self._groups) < 1024:
            return
        for group, window in list(self._groups.items()):
            last = window.sends[-1].out if window.sends else now - window.period
            if last is not None and last <= now - window.period:
                del self._groups[group]
