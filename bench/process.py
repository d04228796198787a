"""Benchmarks 4 and 5: the real `chapterbot run` process with 1,000 chapters, 30,000 members and
1,000,000 referrals in its database. Start-up: from launch to the first getUpdates. Memory: peak
RSS while it sweeps (due nudges and tips included) and handles a stream of /refer updates.

    uv run python -m bench.process [REFERRALS]
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.bigdb import build
from tests.builders import Chat, User, message_json, update_json
from tests.fake_http_api import HttpBotApi
from tests.harness import TOKEN

RUN_SECONDS = 15


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def launch(api: HttpBotApi, database: Path, workdir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_PATH": str(database),
        "SWEEP_INTERVAL": "1s",
        "QUIET_HOURS": "",
        "LOG_LEVEL": "WARNING",
    }
    chapterbot = Path(sys.executable).with_name("chapterbot")
    return subprocess.Popen(
        [str(chapterbot), "run"],
        cwd=workdir,
        env=env,
        stdout=(workdir / "bot.log").open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )


def main() -> None:
    referrals = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "big.db"
        seconds = build(database, referrals=referrals, now=datetime.now(UTC).replace(microsecond=0))
        size = database.stat().st_size / 1e6
        print(
            f"database: 1,000 chapters, 30,000 members, {referrals:,} referrals "
            f"({size:.0f} MB, built in {seconds:.0f} s)"
        )
        with HttpBotApi() as api:
            launched = time.monotonic()
            process = launch(api, database, Path(folder))
            try:
                api.wait_for(lambda: api.first_call_at("getUpdates") is not None, timeout=30)
                first_poll = api.first_call_at("getUpdates")
                assert first_poll is not None, (Path(folder) / "bot.log").read_text()
                print(f"start-up to first getUpdates: {first_poll - launched:.2f} s (goal < 2 s)")
                for n in range(300):  # three referrals in each of 100 chapters
                    chapter = 1 + n % 100
                    group = Chat(id=-1_000_000_000_000 - chapter, title=f"Chapter {chapter}")
                    giver = User((chapter - 1) * 30 + 1 + n % 29, "Giver")
                    receiver = (chapter - 1) * 30 + 2 + n % 28
                    text = f"/refer @member{receiver} Prospect {n}, wants a quote"
                    api.push_update(update_json(message=message_json(group, giver, text, date=1)))
                time.sleep(RUN_SECONDS)
                sent = len(api.calls("sendMessage"))
                peak = peak_rss_mb(process.pid)
            finally:
                stopping = time.monotonic()
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                print(
                    f"stopped {time.monotonic() - stopping:.1f} s after SIGTERM "
                    f"(exit status {process.returncode})"
                )
                log = (Path(folder) / "bot.log").read_text().splitlines()
                print(f"log: {len(log)} lines; last: {log[-4:]}")
        print(
            f"messages sent while running {RUN_SECONDS} s: {sent:,} (replies, slips, nudges, tips)"
        )
        print(f"peak RSS: {peak:.1f} MB (goal < 150 MB)")


if __name__ == "__main__":
    main()
