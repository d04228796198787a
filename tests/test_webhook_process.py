"""The real `chapterbot run` process in webhook mode: a fake Telegram serves the Bot API on
127.0.0.1 and posts updates to the bot's webhook, as Telegram does behind a reverse proxy."""

from __future__ import annotations

import json
import signal
import socket
import subprocess

import httpx

from chapterbot.ops.http import SECRET_HEADER
from tests.builders import message_json, update_json
from tests.cast import ALICE, GROUP
from tests.fake_http_api import HttpBotApi
from tests.harness import TOKEN
from tests.test_process import start_bot

HANDLED = ["message", "edited_message", "callback_query", "my_chat_member", "chat_member"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def deliver(telegram: httpx.Client, update: dict, *, secret: str) -> httpx.Response:
    """What Telegram does with each update: POST it to the webhook with the secret header."""
    return telegram.post("/tg/hook", json=update, headers={SECRET_HEADER: secret})


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=20)
    return output


def test_webhook_mode_takes_updates_posted_by_telegram_and_answers_in_the_chat(tmp_path):
    port = free_port()
    webhook = f"http://127.0.0.1:{port}/tg/hook"
    with HttpBotApi() as api:
        process = start_bot(
            api,
            tmp_path,
            WEBHOOK_URL=webhook,
            WEBHOOK_LISTEN=f"127.0.0.1:{port}",
            LOG_FORMAT="json",
        )
        try:
            assert api.wait_for(lambda: api.calls("setWebhook")), "never registered the webhook"
            registered = api.calls("setWebhook")[0].params
            assert registered["url"] == webhook
            assert registered["allowed_updates"] == HANDLED
            assert registered["drop_pending_updates"] is False
            secret = registered["secret_token"]  # generated and kept in the database
            assert len(secret) >= 32
            update = update_json(message=message_json(GROUP, ALICE, "/refer @bob Jane Roe", date=1))
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as telegram:
                wrong = telegram.post(
                    "/tg/hook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
                )
                assert wrong.status_code == 403
                right = telegram.post(
                    "/tg/hook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
                )
                assert right.status_code == 200
                assert api.wait_for(
                    lambda: any("#1" in call.text for call in api.calls("sendMessage"))
                ), "no confirmation in the group"
                health = telegram.get("/healthz")
                assert health.status_code == 200 and health.json()["database"] == "ok"
                metrics = telegram.get("/metrics").text
                assert "chapterbot_referrals_passed_total 1.0" in metrics
        finally:
            output = stop(process)
    assert process.returncode == 0, output
    assert not api.calls("getUpdates"), "webhook mode must not poll"
    assert not api.calls("deleteWebhook"), "a restart keeps the webhook (and its pending updates)"
    assert TOKEN not in output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert lines, "no log lines"
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert "Jane Roe" not in output  # member-written text stays out of logs above DEBUG


def test_the_same_secret_is_used_after_a_restart(tmp_path):
    port = free_port()
    env = {"WEBHOOK_URL": f"http://127.0.0.1:{port}/hook", "WEBHOOK_LISTEN": f"127.0.0.1:{port}"}
    secrets = []
    with HttpBotApi() as api:
        for _ in range(2):
            process = start_bot(api, tmp_path, **env)
            count = len(secrets) + 1
            try:
                assert api.wait_for(lambda: len(api.calls("setWebhook")) == count)  # noqa: B023
            finally:
                assert stop(process) is not None
            secrets.append(api.calls("setWebhook")[-1].params["secret_token"])
    assert secrets[0] == secrets[1]


def test_polling_mode_removes_the_webhook_without_dropping_pending_updates(tmp_path):
    port = free_port()
    with HttpBotApi() as api:
        process = start_bot(api, tmp_path, HEALTH_LISTEN=f"127.0.0.1:{port}")
        try:
            assert api.wait_for(lambda: api.calls("getUpdates")), "never polled"
            health = httpx.get(f"http://127.0.0.1:{port}/healthz")
            assert health.status_code == 200
            assert httpx.post(f"http://127.0.0.1:{port}/hook", json={}).status_code in (404, 405)
        finally:
            output = stop(process)
    assert process.returncode == 0, output
    removed = api.calls("deleteWebhook")
    assert removed and removed[0].params.get("drop_pending_updates") is False
