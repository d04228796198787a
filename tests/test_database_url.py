"""DATABASE_URL: which engine, and one clear line at start when the database can't be used."""

from __future__ import annotations

import pytest

from bot.core.config import load_settings
from storage.db import Database, DatabaseUnavailable, Target
from tests.harness import TOKEN
from tests.postgres import SERVER, url_of


def test_without_a_url_the_sqlite_file_is_used(tmp_path):
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_PATH": "x.db"})
    assert Target.parse(settings.database).path is not None
    assert not Target.parse(settings.database).dialect.is_postgresql


def test_a_url_chooses_the_engine():
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": "postgresql://u:secret@db:5432/chapters"}
    )
    target = Target.parse(settings.database)
    assert target.dialect.is_postgresql
    assert "secret" not in target.shown() and "secret" not in repr(settings)
    assert Target.parse("sqlite:///data/chapter.db").path == Target.parse("data/chapter.db").path


def _start(monkeypatch, tmp_path, capsys, url: str) -> str:
    from chapterbot.cli import main

    monkeypatch.chdir(tmp_path)
    # the process's logging stays as the tests set it (not on this test's captured stderr)
    monkeypatch.setattr("chapterbot.logs.configure_logging", lambda *args, **kwargs: None)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_a_wrong_url_stops_the_bot_with_one_line(monkeypatch, tmp_path, capsys):
    err = _start(monkeypatch, tmp_path, capsys, "mysql://u:secret@db/chapters")
    assert "DATABASE_URL must start with sqlite:/// or postgresql://" in err
    assert "secret" not in err


def test_an_unreachable_server_stops_the_bot_with_one_line(monkeypatch, tmp_path, capsys):
    err = _start(monkeypatch, tmp_path, capsys, "postgresql://u:secret@127.0.0.1:1/chapters")
    assert "is unreachable" in err and "127.0.0.1:1" in err
    assert "secret" not in err


def _server_or_skip(postgres) -> None:
    postgres.database()  # skips (or fails when required) without a server


def test_bad_credentials_stop_the_bot_with_one_line(monkeypatch, tmp_path, capsys, postgres):
    _server_or_skip(postgres)
    host = SERVER.split("@", 1)[1].rsplit("/", 1)[0]
    err = _start(monkeypatch, tmp_path, capsys, f"postgresql://nobody_here:secret@{host}/test")
    assert "refused the user name or password" in err
    assert "secret" not in err


def test_a_missing_database_stops_the_bot_with_one_line(monkeypatch, tmp_path, capsys, postgres):
    _server_or_skip(postgres)
    err = _start(monkeypatch, tmp_path, capsys, url_of("chapterbot_no_such_database"))
    assert "does not exist" in err


async def test_the_error_is_an_exception_of_its_own():
    with pytest.raises(DatabaseUnavailable):
        await Database.open("postgresql://u:secret@127.0.0.1:1/chapters")
