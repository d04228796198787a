"""One `chapterbot run` per SQLite file: a second real process on the same file refuses to start
with one clear line (two would poll Telegram against each other), and may start once the first
is gone, however it went (SIGKILL leaves no stale lock)."""

from __future__ import annotations

import signal

from tests.fake_http_api import HttpBotApi
from tests.test_process import start_bot


def test_a_second_bot_on_the_same_sqlite_file_refuses_to_start(tmp_path):
    with HttpBotApi() as api:
        first = start_bot(api, tmp_path)
        try:
            assert api.wait_for(lambda: api.calls("getUpdates")), "the first never polled"
            polls_before = len(api.calls("getUpdates"))
            second = start_bot(api, tmp_path)
            output, _ = second.communicate(timeout=30)
            assert second.returncode == 1
            lines = output.strip().splitlines()
            assert lines == [
                f"chapterbot cannot start: another chapterbot is already running on "
                f"{tmp_path / 'chapter.db'} (it holds {tmp_path / 'chapter.db.lock'}); stop it "
                "first, or use PostgreSQL to run two (see README)"
            ]
            assert first.poll() is None, "the first bot keeps running"
            assert len(api.calls("getMe")) == 1, "the second never reached Telegram"
            assert len(api.calls("getUpdates")) >= polls_before
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)

        # SIGKILL leaves no stale lock: the next bot starts
        third = start_bot(api, tmp_path)
        try:
            calls = len(api.calls("getMe"))
            assert api.wait_for(lambda: len(api.calls("getMe")) > calls), "never started"
            assert third.poll() is None
        finally:
            third.send_signal(signal.SIGTERM)
            output, _ = third.communicate(timeout=20)
        assert third.returncode == 0, output


def test_bots_on_different_files_run_side_by_side(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with HttpBotApi() as api:
        first = start_bot(api, tmp_path / "a")
        second = start_bot(api, tmp_path / "b")
        try:
            assert api.wait_for(lambda: len(api.calls("getMe")) == 2), "both start"
            assert first.poll() is None and second.poll() is None
        finally:
            for process in (first, second):
                process.send_signal(signal.SIGTERM)
                process.communicate(timeout=20)
