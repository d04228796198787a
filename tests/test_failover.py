"""Two real `chapterbot run` processes on one PostgreSQL database, against the fake Bot API over
HTTP. Only the leader polls; the leader is SIGKILLed while referrals arrive and nudges fall
due, and the standby takes over. Every acknowledged referral is stored, confirmed and slipped,
every due nudge is sent, at most one message repeats per crash; the takeover times are printed.
Skipped (with the reason) without PostgreSQL."""

from __future__ import annotations

import itertools
import random
import statistics
import time

from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.fake_http_api import HttpBotApi
from tests.postgres_databases import fresh_database, query
from tests.test_crash import CONFIRMED, NUDGED, SLIPPED, numbers, push
from tests.two_bots import TwoBots

KILLS = 3
ENV = {
    "FOLLOW_UP_WINDOW": "3s",
    "SWEEP_INTERVAL": "1s",
    "QUIET_HOURS": "",
    "ESCALATE_AFTER": "off",
    "LOG_LEVEL": "INFO",
}


def count(url: str, sql: str) -> int:
    return int(query(url, sql)[0][0])


def wait_until_stored(url: str, referrals: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while count(url, "SELECT count(*) FROM referrals") < referrals:
        assert time.monotonic() < deadline, "the referral was never stored"
        time.sleep(0.005)


def test_the_standby_takes_over_from_a_killed_leader_and_nothing_is_lost(tmp_path):
    rng = random.Random(20261123)
    prospect, takeovers = 0, []
    other = {"a": "b", "b": "a"}
    with fresh_database("failover") as url, HttpBotApi() as api:
        bots = TwoBots(api, url, tmp_path, ENV)
        push(api, private_chat(BOB), BOB, "/start")
        push(api, GROUP, BOB, "/help")
        try:
            bots.start("a")
            leader = bots.wait_for_leader()
            bots.start("b")
            bots.wait_until_standby("b")
            assert bots.leader() == "a"
            for round_ in range(KILLS):
                for _ in range(rng.randint(2, 4)):
                    prospect += 1
                    push(api, GROUP, ALICE, f"/refer @bob Prospect {prospect}")
                    time.sleep(rng.uniform(0.0, 0.4))
                time.sleep(rng.uniform(0.8, 3.0))  # some nudges fall due meanwhile
                if round_ % 2:  # the worst moment: right after a commit, nothing sent yet
                    wait_until_stored(url, prospect)
                    prospect += 1
                    push(api, GROUP, ALICE, f"/refer @bob Prospect {prospect}")
                    wait_until_stored(url, prospect)
                standby = other[leader]
                killed_at = bots.kill(leader)
                takeovers.append(bots.takeover(standby, killed_at))
                bots.start(leader)  # back, as the standby now
                bots.wait_until_standby(leader)
                leader = standby

            def settled() -> bool:
                confirmed = numbers(api, CONFIRMED, GROUP.id)
                return (
                    len(confirmed) == prospect
                    and set(numbers(api, SLIPPED, BOB.id)) == set(confirmed)
                    and set(numbers(api, NUDGED, BOB.id)) >= set(confirmed)
                    and count(url, "SELECT count(*) FROM outbox") == 0
                )

            api.wait_for(settled, timeout=60)  # a dead process's claims lapse first
            stored = dict(query(url, "SELECT id, prospect FROM referrals"))
            pending = count(url, "SELECT count(*) FROM reminders WHERE done_at IS NULL")
            owed = count(url, "SELECT count(*) FROM outbox")
            logs = {name: bot.output() for name, bot in bots.bots.items()}
        finally:
            bots.stop_all()

    confirmed = numbers(api, CONFIRMED, GROUP.id)
    slipped = numbers(api, SLIPPED, BOB.id)
    nudged = numbers(api, NUDGED, BOB.id)
    repeats = sum(n - 1 for counts in (confirmed, slipped, nudged) for n in counts.values())
    pollers = api.callers("getUpdates")
    switches = sum(1 for before, after in itertools.pairwise(pollers) if before != after)
    print(
        f"\nfailover test: {KILLS} SIGKILLs of the leader, {len(stored)} referrals stored, "
        f"{len(confirmed)} confirmed, {len(slipped)} slipped, {len(nudged)} nudged; "
        f"{repeats} repeated messages; takeover {', '.join(f'{s:.2f}' for s in takeovers)} s "
        f"(median {statistics.median(takeovers):.2f} s, worst {max(takeovers):.2f} s)"
    )
    assert sorted(stored.values()) == sorted(f"Prospect {n}" for n in range(1, prospect + 1))
    assert set(confirmed) == set(stored), "every referral stored is confirmed in the group"
    assert set(slipped) == set(stored), "every referral stored is slipped to its receiver"
    assert set(nudged) == set(stored), "every nudge that fell due was sent"
    assert pending == 0 and owed == 0
    assert repeats <= KILLS, f"{repeats} repeated messages for {KILLS} crashes"
    assert switches == KILLS, f"only one process polls at a time: {switches} changes of poller"
    assert max(takeovers) < 10
    for output in logs.values():
        assert "Traceback" not in output, output
