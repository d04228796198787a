"""What the metrics count below the HTTP layer: Telegram's refusals and 429s, and the sweeps, which
only the leader runs (one process: always the leader, until PostgreSQL brings several)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.error import TimedOut

from chapterbot.ops.instrument import InstrumentedRequest
from chapterbot.ops.metrics import Metrics
from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import FORBIDDEN_BLOCKED, TIMEOUT, FakeBotApi, retry_after

SEND = "https://api.example/bot123:abc/sendMessage"


def sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels or None)


async def test_refusals_and_429s_are_counted_by_method_and_reason():
    api, metrics = FakeBotApi(), Metrics()
    request = InstrumentedRequest(api, metrics)
    api.fail("sendMessage", retry_after(3))
    api.fail("sendMessage", FORBIDDEN_BLOCKED)
    api.fail("sendMessage", TIMEOUT)
    assert (await request.do_request(SEND, "POST"))[0] == 429
    assert (await request.do_request(SEND, "POST"))[0] == 403
    with pytest.raises(TimedOut):
        await request.do_request(SEND, "POST")
    assert (await request.do_request(SEND, "POST"))[0] == 200
    failures = "chapterbot_send_failures_total"
    assert sample(metrics, failures, method="sendMessage", reason="rate_limited") == 1
    assert sample(metrics, failures, method="sendMessage", reason="forbidden") == 1
    assert sample(metrics, failures, method="sendMessage", reason="timeout") == 1
    assert sample(metrics, "chapterbot_rate_limit_waits_total") == 1


def sweep_job(bot, name: str):
    [job] = bot.app.job_queue.get_jobs_by_name(name)
    return job


async def test_a_sweep_is_timed_and_marks_the_bot_as_sweeping(bot):
    ops = bot.app.bot_data.ops
    assert ops.last_sweep_at is None
    await sweep_job(bot, "reminders").run(bot.app)
    assert sample(ops.metrics, "chapterbot_sweep_duration_seconds_count", sweep="reminders") == 1
    assert ops.last_sweep_at is not None


async def test_a_standby_process_does_not_sweep(bot, clock):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    clock.advance(timedelta(hours=73))
    bot.api.clear()
    ops = bot.app.bot_data.ops
    ops.is_leader = lambda: False  # what the PostgreSQL leader election will plug in
    await sweep_job(bot, "reminders").run(bot.app)
    assert bot.api.texts(BOB.id) == []  # the leader sends the nudge, not this process
    assert not ops.sweeps_stalled()  # a standby's sweeps can't stall
    ops.is_leader = lambda: True
    await sweep_job(bot, "reminders").run(bot.app)
    assert "Follow-up reminder" in bot.api.texts(BOB.id)[-1]
