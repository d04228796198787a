"""LOG_FORMAT=json: every line parses back as one JSON object, and the token is never in it."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.core.config import SettingsError
from chapterbot.ops.instrument import current_chat_id, current_update_id
from chapterbot.ops.jsonlog import JsonFormatter
from chapterbot.ops.settings import load_ops_settings
from tests.harness import TOKEN


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(TOKEN))
    logger = logging.getLogger("chapterbot.test_json")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    yield logger, lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_each_line_is_one_json_object_with_time_level_logger_and_message(json_log):
    logger, lines = json_log
    logger.warning("Tip for chapter %s not posted", -100123)
    [line] = lines()
    assert line["level"] == "WARNING"
    assert line["logger"] == "chapterbot.test_json"
    assert line["message"] == "Tip for chapter -100123 not posted"
    assert line["time"].endswith("+00:00")
    assert "update_id" not in line


def test_a_line_written_while_handling_an_update_names_the_update_and_chat(json_log):
    logger, lines = json_log
    update_token, chat_token = current_update_id.set(4242), current_chat_id.set(-100777)
    try:
        logger.info("Could not delete a message")
    finally:
        current_update_id.reset(update_token)
        current_chat_id.reset(chat_token)
    [line] = lines()
    assert (line["update_id"], line["chat_id"]) == (4242, -100777)


def test_the_token_never_reaches_a_line_not_even_in_a_traceback(json_log):
    logger, lines = json_log
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logger.exception("Request to %s failed", f"/bot{TOKEN}/getMe")
    [line] = lines()
    assert TOKEN not in json.dumps(line)
    assert "<token>" in line["message"] and "<token>" in line["exception"]


def test_log_format_accepts_text_or_json_only():
    assert load_ops_settings({}).log_format == "text"
    assert load_ops_settings({"LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(SettingsError, match="LOG_FORMAT must be text or json"):
        load_ops_settings({"LOG_FORMAT": "xml"})


def test_webhook_settings_are_checked_and_every_problem_reported_at_once():
    with pytest.raises(SettingsError) as raised:
        load_ops_settings(
            {
                "WEBHOOK_URL": "http://bot.example.com/hook",
                "WEBHOOK_LISTEN": "nowhere",
                "WEBHOOK_SECRET": "has spaces",
            }
        )
    report = str(raised.value)
    assert "WEBHOOK_URL must be the public https://" in report
    assert "WEBHOOK_LISTEN" in report
    assert "WEBHOOK_SECRET" in report
    settings = load_ops_settings(
        {"WEBHOOK_URL": "https://bot.example.com/tg/hook", "WEBHOOK_LISTEN": "127.0.0.1:9000"}
    )
    assert (settings.webhook_path, str(settings.webhook_listen)) == ("/tg/hook", "127.0.0.1:9000")
