"""The rate limiter: members' replies go ahead of broadcasts, Telegram's limits hold, and a 429
pauses everyone. Time is scaled up (`speed`) so a second of Telegram's lasts milliseconds here;
the assertions are about order and windows, never about how fast the machine is."""

from __future__ import annotations

import asyncio

from telegram.error import RetryAfter

from bot.core.rate_limiter import Priority, PriorityRateLimiter, on_the_wire, scheduled_sends


class Telegram:
    """Records when each message went out, and can answer 429 once."""

    def __init__(self) -> None:
        self.sent: list[tuple[float, int, str]] = []
        self.too_many_once = False

    async def send(self, chat_id: int, text: str) -> bool:
        now = asyncio.get_running_loop().time()
        if self.too_many_once:
            self.too_many_once = False
            self.rejected_at = now
            raise RetryAfter(1)
        self.sent.append((now, chat_id, text))
        return True


async def send(limiter, telegram, chat_id, text, priority=None):
    return await limiter.process_request(
        telegram.send, (chat_id, text), {}, "sendMessage", {"chat_id": chat_id}, priority
    )


def most_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    return max((sum(1 for t in times[i:] if t - start < window) for i, start in enumerate(times)))


async def test_a_members_reply_overtakes_a_broadcast_already_queued():
    limiter, telegram = PriorityRateLimiter(speed=100), Telegram()
    await limiter.initialize()
    tips = [
        asyncio.create_task(send(limiter, telegram, -i, "tip", Priority.SCHEDULED))
        for i in range(1, 121)
    ]
    await asyncio.sleep(0)
    await send(limiter, telegram, -999, "Referral #1 passed")
    texts = [text for _, _, text in telegram.sent]
    assert texts.index("Referral #1 passed") < 10  # 120 tips were queued before it
    await asyncio.gather(*tips)
    await limiter.shutdown()


async def test_a_sweep_marks_its_messages_as_scheduled():
    limiter, telegram = PriorityRateLimiter(speed=100), Telegram()

    @scheduled_sends
    async def broadcast():
        await asyncio.gather(*(send(limiter, telegram, -i, "tip") for i in range(1, 80)))

    sweep = asyncio.create_task(broadcast())
    await asyncio.sleep(0.001)
    await send(limiter, telegram, 42, "Your slip")  # no priority given: a reply to a member
    assert [text for _, _, text in telegram.sent].index("Your slip") < 50
    await sweep
    await limiter.shutdown()


async def test_no_second_holds_more_than_30_messages_nor_a_group_minute_more_than_20():
    speed = 200  # a Telegram second is 5 ms, a minute 0.3 s
    limiter, telegram = PriorityRateLimiter(speed=speed), Telegram()
    chats = [-1] * 45 + [-i for i in range(2, 80)] + list(range(1, 40))
    await asyncio.gather(*(send(limiter, telegram, chat, "x") for chat in chats))
    times = [t for t, _, _ in telegram.sent]
    assert len(times) == len(chats)
    assert most_in_any_window(times, 1 / speed) <= 30
    group = [t for t, chat, _ in telegram.sent if chat == -1]
    assert most_in_any_window(group, 60 / speed) <= 20
    others = [t for t, chat, _ in telegram.sent if chat != -1]
    assert max(others) < sorted(group)[20]  # a full group holds up no one else
    await limiter.shutdown()


async def test_after_a_429_nothing_goes_out_until_the_pause_is_over():
    speed = 20  # retry after 1 s means 50 ms here
    limiter, telegram = PriorityRateLimiter(speed=speed), Telegram()
    first = [asyncio.create_task(send(limiter, telegram, -i, "tip")) for i in range(1, 6)]
    await asyncio.gather(*first)
    telegram.too_many_once = True
    rest = [asyncio.create_task(send(limiter, telegram, -i, "tip")) for i in range(6, 40)]
    await asyncio.gather(*rest)
    after = [t for t, _, _ in telegram.sent if t > telegram.rejected_at]
    assert len(after) == 34  # the rejected one was retried
    assert min(after) >= telegram.rejected_at + 1 / speed
    assert most_in_any_window(after, 1 / speed) <= 30  # the pause left no burst behind
    await limiter.shutdown()


async def test_calls_without_a_chat_are_not_held():
    limiter = PriorityRateLimiter(speed=1)

    async def get_me():
        return {"id": 1}

    for _ in range(100):  # a hundred at Telegram's real speed would take over three seconds
        assert await limiter.process_request(get_me, (), {}, "getMe", {}, None) == {"id": 1}
    await limiter.shutdown()


async def test_a_send_is_out_when_its_http_call_ends_not_when_ptb_has_read_the_reply():
    """The request layer times the HTTP call (`on_the_wire`): a slow read of the reply (a busy
    event loop, PTB parsing) doesn't hold Telegram's one-second window open any longer."""
    limiter = PriorityRateLimiter(speed=1)
    loop = asyncio.get_running_loop()
    wire: dict[str, float] = {}

    async def post(read_reply_for: float) -> bool:
        with on_the_wire():
            await asyncio.sleep(0)
        wire["end"] = loop.time()
        await asyncio.sleep(read_reply_for)
        return True

    async def send_reading_for(seconds: float) -> None:
        await limiter.process_request(post, (seconds,), {}, "sendMessage", {"chat_id": -1}, None)

    await send_reading_for(0)  # the quickest round trip: almost nothing
    await send_reading_for(0.05)
    assert limiter._overall.sends[-1].out <= wire["end"]  # not 50 ms later
    await limiter.shutdown()
