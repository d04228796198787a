"""The real `chapterbot run` process against the fake Bot API over HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import message_json, update_json
from tests.cast import ALICE, GROUP
from tests.fake_http_api import HttpBotApi
from tests.harness import TOKEN


def start_bot(api: HttpBotApi, workdir: Path, **env: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_PATH": str(workdir / "chapter.db"),
        **env,
    }
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("chapterbot")), "run"],
        cwd=workdir,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_bot_runs_answers_and_stops_cleanly(tmp_path, stop_signal):
    with HttpBotApi() as api:
        process = start_bot(api, tmp_path)
        try:
            assert api.wait_for(lambda: api.calls("getUpdates")), "never polled"
            api.push_update(
                update_json(message=message_json(GROUP, ALICE, "/refer @bob Jane Roe", date=1))
            )
            assert api.wait_for(
                lambda: any("#1" in call.text for call in api.calls("sendMessage"))
            ), "no confirmation"
        finally:
            process.send_signal(stop_signal)
            output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert TOKEN not in output
    assert "Traceback" not in output
    assert len(api.calls("setMyCommands")) == 2 * 4  # private and group, in four languages
