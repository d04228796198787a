"""Two real `chapterbot run` processes on one PostgreSQL database, against the fake Bot API over
HTTP; only the leader takes updates. The leader is SIGKILLed while referrals arrive and nudges
fall due, and the standby takes over: every acknowledged referral is stored, confirmed and
slipped, every due nudge is sent, at most one message repeats per crash (the takeover times are
printed). Also: a leader whose lock session ends stops polling; a clean stop hands over; in
webhook mode the new leader points Telegram at itself. Skipped (with the reason) without
PostgreSQL."""

from __future__ import annotations

import itertools
import random
import signal
import statistics
import time

import httpx

from chapterbot.ops.http import SECRET_HEADER
from storage.leader import LOCK_SESSION_SETTINGS
from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.fake_http_api import HttpBotApi
from tests.postgres_databases import fresh_database, query
from tests.test_crash import CONFIRMED, NUDGED, SLIPPED, numbers, push
from tests.test_webhook_process import free_port
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


def test_a_leader_whose_lock_session_ends_stops_polling_and_the_standby_takes_over(tmp_path):
    """The leader's lock connection is cut (a DBA's pg_terminate_backend, a network fault): it
    stops polling at once and stands by; the standby leads; later it can lead again."""
    with fresh_database("deposed") as url, HttpBotApi() as api:
        bots = TwoBots(api, url, tmp_path, ENV)
        try:
            bots.start("a")
            assert bots.wait_for_leader() == "a"
            bots.start("b")
            bots.wait_until_standby("b")
            ended_at = time.monotonic()
            assert end_lock_session(url) == 1
            took = bots.takeover("b", ended_at)
            time.sleep(1.5)
            stopped = bots.methods_called_by("a", since=ended_at + 0.5)
            assert "getUpdates" not in stopped, "the deposed leader stopped polling"
            assert bots.bots["a"].alive
            push(api, GROUP, ALICE, "/refer @bob Prospect 1")
            assert api.wait_for(lambda: numbers(api, CONFIRMED, GROUP.id)), "b answers"

            killed_at = bots.kill("b")  # the old leader, a standby now, takes over again
            retook = bots.takeover("a", killed_at)
            a_log = bots.bots["a"].output()
        finally:
            bots.stop_all()
    print(
        f"\nlock session ended: b polled {took:.2f} s later; "
        f"b killed: a polled {retook:.2f} s later"
    )
    assert "Lost the leader lock" in a_log
    assert "Traceback" not in a_log


def end_lock_session(url: str) -> int:
    """End the session that holds the leader lock, as pg_terminate_backend does."""
    rows = query(
        url,
        "SELECT pg_terminate_backend(lock.pid) FROM pg_locks lock"
        " JOIN pg_stat_activity activity ON activity.pid = lock.pid"
        " WHERE lock.locktype = 'advisory' AND lock.granted AND lock.objsubid = 1"
        " AND activity.application_name = $1 AND activity.datname = current_database()",
        LOCK_SESSION_SETTINGS["application_name"],
    )
    return len(rows)


def test_a_leader_stopped_cleanly_hands_over_to_the_standby(tmp_path):
    """SIGTERM (a deploy, a restart): the leader finishes what it took, lets the lock go last,
    and the standby leads within about a second; nothing is handled twice."""
    with fresh_database("handover") as url, HttpBotApi() as api:
        bots = TwoBots(api, url, tmp_path, ENV)
        try:
            bots.start("a")
            assert bots.wait_for_leader() == "a"
            bots.start("b")
            bots.wait_until_standby("b")
            push(api, GROUP, ALICE, "/refer @bob Prospect 1")
            assert api.wait_for(lambda: numbers(api, CONFIRMED, GROUP.id)), "a answers"
            stopped_at = time.monotonic()
            bots.bots["a"].process.send_signal(signal.SIGTERM)
            assert bots.bots["a"].process.wait(timeout=20) == 0
            took = bots.takeover("b", stopped_at)
            push(api, GROUP, ALICE, "/refer @bob Prospect 2")
            assert api.wait_for(lambda: len(numbers(api, CONFIRMED, GROUP.id)) == 2), "b answers"
            time.sleep(1)
        finally:
            bots.stop_all()
    print(f"\nclean stop: b polled {took:.2f} s after SIGTERM to a")
    assert numbers(api, CONFIRMED, GROUP.id) == {1: 1, 2: 1}


def test_in_webhook_mode_the_leader_points_telegram_at_itself_and_a_standby_answers_503(tmp_path):
    ports = {name: free_port() for name in ("a", "b")}
    hooks = {name: f"http://127.0.0.1:{port}/tg/hook" for name, port in ports.items()}
    update = update_json(message=message_json(GROUP, ALICE, "/refer @bob Jane Roe", date=1))

    def webhook(name: str) -> dict[str, str]:
        return {"WEBHOOK_URL": hooks[name], "WEBHOOK_LISTEN": f"127.0.0.1:{ports[name]}"}

    def registered() -> list[str]:
        return [call.params["url"] for call in api.calls("setWebhook")]

    with fresh_database("webhook") as url, HttpBotApi() as api:
        bots = TwoBots(api, url, tmp_path, ENV)
        try:
            bots.start("a", **webhook("a"))
            assert api.wait_for(lambda: registered() == [hooks["a"]]), "a registers itself"
            bots.start("b", **webhook("b"))
            bots.wait_until_standby("b")
            secret = api.calls("setWebhook")[0].params["secret_token"]
            with httpx.Client() as telegram:
                refused = deliver_to(telegram, hooks["b"], update, secret)
                assert refused.status_code == 503
                assert telegram.get(hooks["b"].replace("/tg/hook", "/healthz")).json()["role"] == (
                    "standby"
                )
                killed_at = bots.kill("a")
                assert api.wait_for(lambda: registered() == [hooks["a"], hooks["b"]]), "b takes it"
                assert deliver_to(telegram, hooks["b"], update, secret).status_code == 200
                assert api.wait_for(lambda: numbers(api, CONFIRMED, GROUP.id)), "b answers"
            switched = [at for at, who, m in api.arrivals if who == "b" and m == "setWebhook"]
        finally:
            bots.stop_all()
    assert not api.calls("getUpdates"), "webhook mode never polls"
    print(
        f"\nwebhook takeover: b registered its URL {switched[0] - killed_at:.2f} s after the kill"
    )
    assert switched[0] - killed_at < 10


def deliver_to(client: httpx.Client, hook: str, update: dict, secret: str) -> httpx.Response:
    return client.post(hook, json=update, headers={SECRET_HEADER: secret})
