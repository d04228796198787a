"""Benchmark: SIGTERM with a send backlog. How long the real `chapterbot run` takes to exit, and
whether what it could not send is kept for the next start (goal: exit within 10 s, nothing lost).

Two backlogs, each against a fake Bot API on 127.0.0.1 that keeps Telegram's limits:
- referrals: 40 `/refer` in one group, whose confirmations wait on the group's 20 a minute;
  SIGTERM once 19 are confirmed. Kept means: every referral stored, each one confirmed before
  the stop or owed in the outbox, and a restart sends the owed ones.
- broadcast: 1,000 chapters' tips due at once, at 30 messages a second; SIGTERM once 60 are out.
  Kept means: the tips not recorded as posted are still due.

    uv run python -m bench.shutdown [RUNS] [CHAPTERS]
"""

from __future__ import annotations

import re
import signal
import socketserver
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.bigdb import build
from storage.timestamps import to_db
from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.fake_http_api import HttpBotApi
from tests.test_process import start_bot

REFERRALS = 40
STOP_AFTER = 60  # tips out before SIGTERM
GOAL = 10.0  # seconds
CONFIRMED = re.compile(r"Referral #(\d+) recorded")


def push(api: HttpBotApi, chat, sender, text: str) -> None:
    api.push_update(update_json(message=message_json(chat, sender, text, date=int(time.time()))))


def confirmed(api: HttpBotApi) -> set[int]:
    return {
        int(match.group(1))
        for call in api.calls("sendMessage")
        if call.chat_id == GROUP.id and (match := CONFIRMED.search(call.text))
    }


def stop(process) -> tuple[float, int, str]:
    """SIGTERM; seconds until the process exited, its status and output."""
    asked = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=120)
    return time.perf_counter() - asked, process.returncode, output


def referral_backlog(workdir: Path) -> tuple[float, str]:
    database = workdir / "chapter.db"
    with HttpBotApi() as api:
        push(api, private_chat(BOB), BOB, "/start")
        push(api, GROUP, BOB, "/help")
        process = start_bot(api, workdir, LOG_LEVEL="WARNING")
        try:
            if not api.wait_for(lambda: api.calls("getUpdates"), timeout=60):
                raise SystemExit("the bot never polled")
            for number in range(1, REFERRALS + 1):
                push(api, GROUP, ALICE, f"/refer @bob Prospect {number}")
            if not api.wait_for(lambda: len(confirmed(api)) >= 19, timeout=60):
                raise SystemExit("the referrals were not confirmed")
            time.sleep(1)
            took, code, output = stop(process)
        finally:
            if process.poll() is None:
                process.kill()
        before = confirmed(api)
        with sqlite3.connect(database) as conn:
            stored = {row[0] for row in conn.execute("SELECT id FROM referrals")}
            owed = {
                row[0]
                for row in conn.execute(
                    "SELECT referral_id FROM outbox WHERE kind = 'confirmation'"
                )
            }
        process = start_bot(api, workdir, LOG_LEVEL="WARNING")  # the owed ones go out
        try:
            expected = len(before) + min(len(owed), 20)  # a minute's worth goes at once
            sent_after = api.wait_for(lambda: len(confirmed(api)) >= expected, timeout=60)
        finally:
            stop(process)
    kept = (
        len(stored) == REFERRALS and before | owed == stored and sent_after and code == 0
    ) and "Traceback" not in output
    return took, (
        f"{len(stored)} stored, {len(before)} confirmed before the stop, {len(owed)} owed;"
        f" after the restart {len(confirmed(api)) - len(before)} more confirmed;"
        f" exit status {code}; {'kept' if kept else 'NOT KEPT'}"
    )


def broadcast_backlog(workdir: Path, chapters: int) -> tuple[float, str]:
    database = workdir / "chapter.db"
    with HttpBotApi() as api:
        build(database, referrals=1000, chapters=chapters, members=2 * chapters, due=chapters)
        process = start_bot(api, workdir, SWEEP_INTERVAL="1s", LOG_LEVEL="WARNING")
        try:
            if not api.wait_for(lambda: len(api.calls("sendMessage")) >= STOP_AFTER, 120):
                raise SystemExit("the broadcast never started")
            took, code, output = stop(process)
        finally:
            if process.poll() is None:
                process.kill()
        sent = sum(1 for call in api.calls("sendMessage") if (call.chat_id or 0) < 0)
    with sqlite3.connect(database) as conn:
        posted = conn.execute("SELECT COUNT(*) FROM tip_posts").fetchone()[0]
        due = conn.execute(
            "SELECT COUNT(*) FROM chapters WHERE next_tip_at <= ?", (to_db(datetime.now(UTC)),)
        ).fetchone()[0]
    kept = posted + due == chapters and code == 0
    if "-v" in sys.argv:
        print(output)
    return took, (
        f"{sent:,} tips sent, {posted:,} recorded as posted, {due:,} still due;"
        f" exit status {code}; {'kept' if kept else 'NOT KEPT'}"
    )


def main() -> None:
    socketserver.BaseServer.handle_error = lambda *_: None  # the fake's long poll, cut at exit
    args = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    runs = int(args[0]) if args else 3
    chapters = int(args[1]) if len(args) > 1 else 1000
    scenarios = [
        ("referrals (40 in one group)", referral_backlog),
        (f"broadcast ({chapters:,} chapters)", lambda w: broadcast_backlog(w, chapters)),
    ]
    for name, scenario in scenarios if "--broadcast" not in sys.argv else scenarios[1:]:
        times = []
        for number in range(1, runs + 1):
            with tempfile.TemporaryDirectory() as folder:
                took, kept = scenario(Path(folder))
            times.append(took)
            print(f"{name}, run {number}: exit {took:.1f} s after SIGTERM; {kept}")
        print(
            f"{name}: exit after SIGTERM median {statistics.median(times):.1f} s"
            f" ({min(times):.1f}-{max(times):.1f}; goal <= {GOAL:.0f} s)"
        )


if __name__ == "__main__":
    main()
