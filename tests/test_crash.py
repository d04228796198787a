"""The real bot process, killed with SIGKILL at random moments while referrals arrive and nudges
fall due, restarted over the same database each time. Nothing acknowledged is lost, every nudge
that fell due is sent, and no message goes out more than once per crash."""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import time
from collections import Counter

from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.fake_http_api import HttpBotApi
from tests.test_process import start_bot

CRASH_ENV = {
    "FOLLOW_UP_WINDOW": "3s",
    "SWEEP_INTERVAL": "1s",
    "QUIET_HOURS": "",
    "ESCALATE_AFTER": "off",
    "LOG_LEVEL": "WARNING",
}
CONFIRMED = re.compile(r"Referral #(\d+) recorded")
NUDGED = re.compile(r"Follow-up reminder</b> for referral #(\d+)")


def push(api: HttpBotApi, chat, sender, text: str) -> None:
    api.push_update(update_json(message=message_json(chat, sender, text, date=int(time.time()))))


def numbers(api: HttpBotApi, pattern: re.Pattern, chat_id: int) -> Counter:
    return Counter(
        int(match.group(1))
        for call in api.calls("sendMessage")
        if call.chat_id == chat_id and (match := pattern.search(call.text))
    )


def test_sigkill_at_random_moments_loses_nothing_and_repeats_little(tmp_path):
    rng = random.Random(20261122)
    kills, prospect = 0, 0
    with HttpBotApi() as api:
        push(api, private_chat(BOB), BOB, "/start")
        push(api, GROUP, BOB, "/help")
        process = start_bot(api, tmp_path, **CRASH_ENV)
        try:
            for _ in range(4):
                for _ in range(rng.randint(2, 4)):
                    prospect += 1
                    push(api, GROUP, ALICE, f"/refer @bob Prospect {prospect}")
                    time.sleep(rng.uniform(0.0, 0.4))
                time.sleep(rng.uniform(0.8, 3.5))  # some nudges fall due meanwhile
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)
                kills += 1
                process = start_bot(api, tmp_path, **CRASH_ENV)

            def settled() -> bool:
                confirmed = numbers(api, CONFIRMED, GROUP.id)
                return len(confirmed) == prospect and set(numbers(api, NUDGED, BOB.id)) >= set(
                    confirmed
                )

            api.wait_for(settled, timeout=60)  # returns once settled; restarts are slow when busy
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)

    confirmed = numbers(api, CONFIRMED, GROUP.id)
    nudged = numbers(api, NUDGED, BOB.id)
    with sqlite3.connect(tmp_path / "chapter.db") as conn:
        stored = dict(conn.execute("SELECT id, prospect FROM referrals").fetchall())
        pending = conn.execute("SELECT COUNT(*) FROM reminders WHERE done_at IS NULL").fetchone()[0]

    assert set(confirmed) <= set(stored), "every referral acknowledged in the chat is stored"
    assert sorted(stored.values()) == sorted(f"Prospect {n}" for n in range(1, prospect + 1))
    assert set(nudged) == set(stored), "every nudge that fell due was sent"
    assert pending == 0
    repeats = sum(count - 1 for count in confirmed.values()) + sum(
        count - 1 for count in nudged.values()
    )
    print(
        f"\ncrash test: {kills} SIGKILLs, {len(stored)} referrals stored, "
        f"{sum(nudged.values())} nudges for {len(nudged)} referrals, {repeats} repeats"
    )
    assert repeats <= kills, f"{repeats} repeated messages for {kills} crashes"
