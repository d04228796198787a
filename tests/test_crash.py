"""The real bot process, killed with SIGKILL at random moments while referrals arrive and nudges
fall due, restarted over the same database each time. Nothing acknowledged is lost; every
referral stored is confirmed in the group and slipped to its receiver (from the outbox, even
when the process died right after storing it); every nudge that fell due is sent; and no
message goes out more than once per crash."""

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

KILLS = 6
CRASH_ENV = {
    "FOLLOW_UP_WINDOW": "3s",
    "SWEEP_INTERVAL": "1s",
    "QUIET_HOURS": "",
    "ESCALATE_AFTER": "off",
    "LOG_LEVEL": "WARNING",
}
CONFIRMED = re.compile(r"Referral #(\d+) recorded")
SLIPPED = re.compile(r"<b>Referral #(\d+)</b> in ")
NUDGED = re.compile(r"Follow-up reminder</b> for referral #(\d+)")


def push(api: HttpBotApi, chat, sender, text: str) -> None:
    api.push_update(update_json(message=message_json(chat, sender, text, date=int(time.time()))))


def numbers(api: HttpBotApi, pattern: re.Pattern, chat_id: int) -> Counter:
    return Counter(
        int(match.group(1))
        for call in api.calls("sendMessage")
        if call.chat_id == chat_id and (match := pattern.search(call.text))
    )


def stored_count(database) -> int:
    try:
        with sqlite3.connect(database, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM referrals").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or busy: nothing seen
        return 0


def owed_count(database) -> int:
    with sqlite3.connect(database, timeout=1) as conn:
        return conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def wait_until_stored(database, count: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while stored_count(database) < count and time.monotonic() < deadline:
        time.sleep(0.0005)


def test_sigkill_at_random_moments_loses_nothing_and_repeats_little(tmp_path):
    rng = random.Random(20261122)
    kills, prospect, database = 0, 0, tmp_path / "chapter.db"
    with HttpBotApi() as api:
        push(api, private_chat(BOB), BOB, "/start")
        push(api, GROUP, BOB, "/help")
        process = start_bot(api, tmp_path, **CRASH_ENV)
        try:
            for round_ in range(KILLS):
                for _ in range(rng.randint(2, 4)):
                    prospect += 1
                    push(api, GROUP, ALICE, f"/refer @bob Prospect {prospect}")
                    time.sleep(rng.uniform(0.0, 0.4))
                time.sleep(rng.uniform(0.8, 3.5))  # some nudges fall due meanwhile
                if round_ % 2:  # every other crash at the worst moment: right after a commit
                    wait_until_stored(database, prospect)  # (nothing else fetched and unsaved)
                    prospect += 1
                    push(api, GROUP, ALICE, f"/refer @bob Prospect {prospect}")
                    wait_until_stored(database, prospect)
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)
                kills += 1
                process = start_bot(api, tmp_path, **CRASH_ENV)

            def settled() -> bool:
                confirmed = numbers(api, CONFIRMED, GROUP.id)
                return (
                    len(confirmed) == prospect
                    and set(numbers(api, SLIPPED, BOB.id)) == set(confirmed)
                    and set(numbers(api, NUDGED, BOB.id)) >= set(confirmed)
                    and owed_count(database) == 0
                )

            # returns once settled; restarts are slow when busy, a dead process's claim lapses
            api.wait_for(settled, timeout=60)  # after 15 s
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)

    confirmed = numbers(api, CONFIRMED, GROUP.id)
    slipped = numbers(api, SLIPPED, BOB.id)
    nudged = numbers(api, NUDGED, BOB.id)
    with sqlite3.connect(tmp_path / "chapter.db") as conn:
        stored = dict(conn.execute("SELECT id, prospect FROM referrals").fetchall())
        pending = conn.execute("SELECT COUNT(*) FROM reminders WHERE done_at IS NULL").fetchone()[0]
        owed = conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]

    repeats = sum(count - 1 for counts in (confirmed, slipped, nudged) for count in counts.values())
    print(
        f"\ncrash test: {kills} SIGKILLs, {len(stored)} referrals stored, "
        f"{len(confirmed)} confirmed in the group, {len(slipped)} slipped to the receiver, "
        f"{len(nudged)} nudged; {repeats} repeated messages; {owed} left in the outbox"
    )
    assert sorted(stored.values()) == sorted(f"Prospect {n}" for n in range(1, prospect + 1))
    assert set(confirmed) == set(stored), "every referral stored is confirmed in the group"
    assert set(slipped) == set(stored), "every referral stored is slipped to its receiver"
    assert set(nudged) == set(stored), "every nudge that fell due was sent"
    assert pending == 0 and owed == 0
    assert repeats <= kills, f"{repeats} repeated messages for {kills} crashes"
