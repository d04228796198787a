"""The real bot process stops within seconds of SIGTERM while a group's backlog waits on
Telegram's 20-messages-a-minute limit, and loses nothing: what it could not send is owed in the
outbox and goes out after the next start."""

from __future__ import annotations

import re
import signal
import sqlite3
import time

from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.fake_http_api import HttpBotApi
from tests.test_process import start_bot

REFERRALS = 40
CONFIRMED = re.compile(r"Referral #(\d+) recorded")


def push(api: HttpBotApi, chat, sender, text: str) -> None:
    api.push_update(update_json(message=message_json(chat, sender, text, date=int(time.time()))))


def confirmed(api: HttpBotApi) -> set[int]:
    return {
        int(match.group(1))
        for call in api.calls("sendMessage")
        if call.chat_id == GROUP.id and (match := CONFIRMED.search(call.text))
    }


def test_sigterm_with_a_backlog_exits_within_ten_seconds_and_loses_nothing(tmp_path):
    database = tmp_path / "chapter.db"
    with HttpBotApi() as api:
        push(api, private_chat(BOB), BOB, "/start")
        push(api, GROUP, BOB, "/help")
        process = start_bot(api, tmp_path, LOG_LEVEL="WARNING")
        try:
            assert api.wait_for(lambda: api.calls("getUpdates"), timeout=30), "never polled"
            for number in range(1, REFERRALS + 1):
                push(api, GROUP, ALICE, f"/refer @bob Prospect {number}")
            # the group's first 20 posts (Bob's /help answer among them) go at once; the next
            # waits a minute: a backlog
            assert api.wait_for(lambda: len(confirmed(api)) >= 19, timeout=60)
            time.sleep(1)
            stopping = time.monotonic()
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=90)
            took = time.monotonic() - stopping
        finally:
            if process.poll() is None:
                process.kill()
        before_restart = confirmed(api)
        with sqlite3.connect(database) as conn:
            stored = {row[0] for row in conn.execute("SELECT id FROM referrals")}
            owed = {
                row[0]
                for row in conn.execute(
                    "SELECT referral_id FROM outbox WHERE kind = 'confirmation'"
                )
            }

        print(
            f"\nshutdown: exited {took:.1f} s after SIGTERM; {len(stored)} referrals stored, "
            f"{len(before_restart)} confirmed before the stop, {len(owed)} owed in the outbox"
        )
        assert process.returncode == 0, output
        assert "Traceback" not in output
        assert took < 10, f"took {took:.1f} s to stop"
        assert len(stored) == REFERRALS, "every referral taken was stored"
        assert before_restart | owed == stored, "each confirmed, or owed for the next start"

        process = start_bot(api, tmp_path, LOG_LEVEL="WARNING")  # the owed ones go out
        try:
            expected = len(before_restart) + min(len(owed), 20)  # a minute's worth, at once
            assert api.wait_for(lambda: len(confirmed(api)) >= expected, timeout=60)
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)
