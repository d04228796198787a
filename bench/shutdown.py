"""Benchmark: SIGTERM while a broadcast is going out. How long the real `chapterbot run` takes to
exit, and whether the unsent part of the backlog is kept for the next start.

1,000 chapters have their tip due; the process runs against a fake Bot API on 127.0.0.1 at
Telegram's real speed (30 messages a second), gets SIGTERM once 60 tips are out, and is timed
until it exits. Then the database says how many tips are still due (kept for the next start).

    uv run python -m bench.shutdown [CHAPTERS]
"""

from __future__ import annotations

import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.bigdb import NOW, build
from tests.fake_http_api import HttpBotApi
from tests.test_process import start_bot

STOP_AFTER = 60  # tips out before SIGTERM
GOAL = 10.0  # seconds


def main() -> None:
    chapters = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder, HttpBotApi() as api:
        workdir = Path(folder)
        build(
            workdir / "chapter.db",
            referrals=1000,
            chapters=chapters,
            members=2 * chapters,
            due=chapters,
            now=NOW,
        )
        process = start_bot(api, workdir, SWEEP_INTERVAL="1s", LOG_LEVEL="WARNING")
        try:
            if not api.wait_for(lambda: len(api.calls("sendMessage")) >= STOP_AFTER, 120):
                raise SystemExit("the broadcast never started")
            asked = time.perf_counter()
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=600)
            took = time.perf_counter() - asked
        finally:
            if process.poll() is None:
                process.kill()
        sent = len(api.calls("sendMessage"))
        with sqlite3.connect(workdir / "chapter.db") as conn:
            posted = conn.execute("SELECT COUNT(*) FROM tip_posts").fetchone()[0]
    print(f"chapters due: {chapters:,}; SIGTERM after {STOP_AFTER} tips")
    code = process.returncode
    print(f"exit {took:.1f} s after SIGTERM (goal <= {GOAL:.0f} s); exit status {code}")
    print(
        f"tips sent: {sent:,}; recorded as posted: {posted:,}; "
        f"left due for the next start: {chapters - posted:,}"
    )


if __name__ == "__main__":
    main()
