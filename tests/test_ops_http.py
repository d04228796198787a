"""The webhook, /healthz and /metrics through the real HTTP server (uvicorn on 127.0.0.1), with
the real Application behind it over the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest

from chapterbot.ops.http import SECRET_HEADER, build_http_app
from chapterbot.ops.serve import HttpServer
from chapterbot.ops.settings import Listen
from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import FORBIDDEN_NOT_STARTED, SERVER_ERROR
from tests.harness import BotUnderTest

SECRET = "the-right-secret"
HOOK = "/telegram/hook"


class Fakemonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def http(bot: BotUnderTest) -> AsyncIterator[httpx.AsyncClient]:
    """The bot running (its queue consumed), served on a free port of 127.0.0.1."""
    await bot.app.start()
    server = HttpServer(
        build_http_app(bot.app, webhook_path=HOOK, secret=SECRET), Listen("127.0.0.1", 0)
    )
    await server.start()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
        yield client
    await server.stop()
    await bot.app.stop()


async def eventually(condition: Callable[[], bool]) -> bool:
    """Wait (up to 5 s) for a queued update to be handled: another task consumes the queue."""
    deadline = asyncio.get_running_loop().time() + 5.0
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def refer(text: str = "/refer @bob Jane Roe, 555-0100") -> dict:
    return update_json(message=message_json(GROUP, ALICE, text, date=1_764_000_000))


async def post(client: httpx.AsyncClient, body, secret: str | None = SECRET) -> httpx.Response:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    if isinstance(body, dict):
        return await client.post(HOOK, json=body, headers=headers)
    return await client.post(HOOK, content=body, headers=headers)


def metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


async def test_telegram_posts_a_referral_and_the_group_gets_its_confirmation(bot, http):
    response = await post(http, refer())
    assert response.status_code == 200
    assert await eventually(lambda: any("#1" in text for text in bot.api.texts(GROUP.id)))
    referral = await bot.services.store.referrals.get(1)
    assert referral is not None and referral.prospect_name == "Jane Roe"


@pytest.mark.parametrize("secret", ["a-wrong-secret", "", None])
async def test_a_request_without_the_right_secret_is_refused_and_not_handled(bot, http, secret):
    response = await post(http, refer(), secret=secret)
    assert response.status_code == 403
    assert bot.api.texts(GROUP.id) == []
    assert bot.app.update_queue.empty()


@pytest.mark.parametrize(
    "body", [b"not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}', b""]
)
async def test_a_body_that_is_not_an_update_gets_400_and_the_bot_carries_on(bot, http, body):
    assert (await post(http, body)).status_code == 400
    assert (await post(http, refer())).status_code == 200
    assert await eventually(lambda: any("#1" in text for text in bot.api.texts(GROUP.id)))


async def test_an_update_telegram_sends_twice_is_handled_once(bot, http):
    help_request = update_json(
        message=message_json(private_chat(BOB), BOB, "/help", date=1_764_000_000)
    )
    assert (await post(http, help_request)).status_code == 200
    assert (await post(http, help_request)).status_code == 200
    assert await eventually(lambda: len(bot.api.texts(BOB.id)) >= 1)
    assert bot.app.update_queue.empty()  # the second copy was never queued
    assert len(bot.api.texts(BOB.id)) == 1
    metrics = (await http.get("/metrics")).text
    assert metric(metrics, 'chapterbot_updates_total{kind="message"}') == 1
    assert metric(metrics, 'chapterbot_webhook_requests_total{outcome="duplicate"}') == 1


async def test_healthz_answers_ok_with_what_an_operator_watches(bot, http):
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "role": "leader",
        "sweeps": "running",
        "seconds_since_sweep": pytest.approx(response.json()["seconds_since_sweep"]),
        "outbox_backlog": 0,
    }


async def test_healthz_is_503_once_the_sweeps_stalled_for_three_intervals(bot, http):
    ops = bot.app.bot_data.ops
    ops.monotonic = clock = Fakemonotonic()
    ops.sweep_finished()
    clock.now += 3 * ops.sweep_interval
    assert (await http.get("/healthz")).status_code == 200
    clock.now += 1
    response = await http.get("/healthz")
    assert response.status_code == 503
    assert response.json()["sweeps"] == "stalled"
    ops.sweep_finished()
    assert (await http.get("/healthz")).status_code == 200


async def test_healthz_is_503_when_the_database_is_unreachable(bot, http):
    await bot.services.store.db.close()
    response = await http.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


async def test_metrics_move_after_a_referral(bot, http):
    before = (await http.get("/metrics")).text
    assert metric(before, "chapterbot_referrals_passed_total") == 0
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=ALICE.id)  # she blocked the bot
    assert (await post(http, refer())).status_code == 200
    registry = bot.app.bot_data.ops.metrics.registry
    assert await eventually(
        lambda: registry.get_sample_value("chapterbot_handler_latency_seconds_count") == 1
    )
    assert any("#1" in text for text in bot.api.texts(GROUP.id))
    after = (await http.get("/metrics")).text
    assert metric(after, "chapterbot_referrals_passed_total") == 1
    assert metric(after, 'chapterbot_updates_total{kind="message"}') == 1
    assert metric(after, "chapterbot_handler_latency_seconds_count") == 1
    assert (
        metric(after, 'chapterbot_send_failures_total{method="sendMessage",reason="forbidden"}')
        == 1
    )
    assert metric(after, 'chapterbot_webhook_requests_total{outcome="accepted"}') == 1
    assert metric(after, "chapterbot_outbox_backlog") == 0
    assert "chapterbot_nudges_sent_total" in after
    assert "chapterbot_tips_sent_total" in after


async def test_the_outbox_backlog_counts_a_confirmation_telegram_could_not_take(bot, http):
    """A group confirmation refused by a 5xx waits in the outbox: the backlog shows it once
    its retry is due, and is back to 0 when it has gone out."""
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=GROUP.id, times=None)  # until cleared
    assert (await post(http, refer())).status_code == 200
    owed = "SELECT id FROM outbox WHERE user_id IS NULL AND attempts >= 1"  # tried, refused
    assert await eventually(lambda: bool(bot.rows(owed)))
    bot.clock.advance(timedelta(minutes=15))
    assert metric((await http.get("/metrics")).text, "chapterbot_outbox_backlog") >= 1
    assert (await http.get("/healthz")).json()["outbox_backlog"] >= 1

    bot.api.failures.clear()  # Telegram is back
    bot.clock.advance(timedelta(minutes=15))
    await bot.services.outbox.sweep()
    assert any("#1" in text for text in bot.api.texts(GROUP.id))
    assert metric((await http.get("/metrics")).text, "chapterbot_outbox_backlog") == 0


async def test_a_standby_answers_the_webhook_503_and_says_standby_in_healthz(bot, http):
    """Several processes on one PostgreSQL database: only the leader takes updates. Telegram
    retries a 503, so the update reaches the leader (or this process, once it leads)."""
    bot.app.bot_data.ops.is_leader = lambda: False
    assert (await post(http, refer(), secret="wrong")).status_code == 403  # the secret first
    refused = await post(http, refer())
    assert refused.status_code == 503
    health = await http.get("/healthz")
    assert health.status_code == 200
    assert health.json()["role"] == "standby" and health.json()["status"] == "ok"
    metrics = (await http.get("/metrics")).text
    assert metric(metrics, 'chapterbot_webhook_requests_total{outcome="standby"}') == 1

    bot.app.bot_data.ops.is_leader = lambda: True  # it takes over: Telegram's retry lands
    assert (await post(http, refer())).status_code == 200
    assert await eventually(lambda: any("#1" in text for text in bot.api.texts(GROUP.id)))
    assert (await http.get("/healthz")).json()["role"] == "leader"
    assert await bot.store.referrals.get(1) is not None
    assert await bot.store.referrals.get(2) is None, "the refused post stored nothing"
