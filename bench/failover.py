"""Benchmark: failover. Two real `chapterbot run` on one PostgreSQL database (the fake Bot API
over HTTP); the leader is SIGKILLed, and the time until the standby's first getUpdates is
measured; the killed one comes back as the standby before the next kill. Each kill comes at a
random moment (0.5-2.5 s after the standby said so), so the standby's once-a-second look is
caught at every phase. Goal: worst < 10 s.

    uv run python -m bench.failover [KILLS]    (PostgreSQL at 127.0.0.1:5432, user postgres)
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.fake_http_api import HttpBotApi
from tests.postgres_databases import fresh_database
from tests.two_bots import TwoBots

ENV = {"SWEEP_INTERVAL": "1s", "QUIET_HOURS": "", "LOG_LEVEL": "INFO"}


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    takeovers: list[float] = []
    rng = random.Random(12)
    with (
        tempfile.TemporaryDirectory() as folder,
        fresh_database("bench_failover") as url,
        HttpBotApi() as api,
    ):
        bots = TwoBots(api, url, Path(folder), ENV)
        try:
            bots.start("a")
            leader = bots.wait_for_leader()
            bots.start("b")
            bots.wait_until_standby("b")
            for kill in range(1, kills + 1):
                standby = "b" if leader == "a" else "a"
                time.sleep(rng.uniform(0.5, 2.5))
                killed_at = bots.kill(leader)
                seconds = bots.takeover(standby, killed_at)
                takeovers.append(seconds)
                print(f"kill {kill:2}: {leader} killed, {standby} polled {seconds:.2f} s later")
                bots.start(leader)
                bots.wait_until_standby(leader)
                leader = standby
        finally:
            bots.stop_all()
    median, worst = statistics.median(takeovers), max(takeovers)
    print(
        f"failover over {kills} SIGKILLs: median {median:.2f} s, worst {worst:.2f} s "
        f"(goal: worst under 10 s: {'met' if worst < 10 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
