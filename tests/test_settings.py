from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.config import SettingsError, load_settings
from bot.core.durations import DurationError, format_duration, humanize, parse_duration
from tests.harness import TOKEN


def test_only_the_token_is_needed():
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.database_path == Path("chapterbot.db")
    assert settings.follow_up_window == timedelta(hours=72)
    assert settings.default_timezone == "UTC"
    assert settings.base_url is None
    assert TOKEN not in repr(settings)


def test_self_hosted_api_root_becomes_the_base_url():
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "http://127.0.0.1:8081/"}
    )
    assert settings.base_url == "http://127.0.0.1:8081/bot"


def test_every_problem_is_reported_at_once():
    with pytest.raises(SettingsError) as error:
        load_settings(
            {
                "TELEGRAM_BOT_TOKEN": "",
                "FOLLOW_UP_WINDOW": "three days",
                "DEFAULT_TIMEZONE": "Mars/Olympus",
                "LOG_LEVEL": "LOUD",
                "TELEGRAM_API_URL": "ftp://x",
            }
        )
    lines = str(error.value).splitlines()
    assert len(lines) == 5
    assert any("TELEGRAM_BOT_TOKEN is not set" in line for line in lines)
    assert any("FOLLOW_UP_WINDOW" in line for line in lines)
    assert any("Mars/Olympus" in line for line in lines)


def test_a_malformed_token_is_refused():
    with pytest.raises(SettingsError, match="does not look like a token"):
        load_settings({"TELEGRAM_BOT_TOKEN": "hello"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("72h", timedelta(hours=72)),
        ("3d", timedelta(days=3)),
        (" 2W ", timedelta(weeks=2)),
        ("3 days", timedelta(days=3)),  # the unit in words, as every language may write it
        ("48 hours", timedelta(hours=48)),
    ],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "72", "h", "0h", "-1h", "1.5h", "3 dais", "1y", "2 months"])
def test_bad_durations(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_duration_formatting():
    assert format_duration(timedelta(hours=72)) == "3d"
    assert format_duration(timedelta(hours=36)) == "36h"
    assert format_duration(timedelta(seconds=90)) == "90s"
    assert humanize(timedelta(hours=5, minutes=10)) == "5 hours"
    assert humanize(timedelta(minutes=1)) == "1 minute"


def test_cli_reports_bad_settings_without_a_traceback(tmp_path, monkeypatch, capsys):
    from chapterbot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN is not set" in err
    assert "Traceback" not in err
