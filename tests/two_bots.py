"""Two (or more) real `chapterbot run` processes on one PostgreSQL database, against the fake Bot
API over HTTP: who leads, who stands by, and killing the leader (tests/test_failover.py and
bench/failover.py share this)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fake_http_api import HttpBotApi
from tests.harness import TOKEN

STANDBY_LINE = "Standby: another chapterbot is the leader"


@dataclass
class BotProcess:
    name: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


@dataclass
class TwoBots:
    """Bot processes named a, b, ... on `database_url`; each calls the fake API as its name."""

    api: HttpBotApi
    database_url: str
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    bots: dict[str, BotProcess] = field(default_factory=dict)
    starts: int = 0

    def start(self, name: str, **env: str) -> BotProcess:
        self.starts += 1
        log = self.workdir / f"{name}.{self.starts}.log"
        environment = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.api.url_for(name),
            "DATABASE_URL": self.database_url,
            **self.env,
            **env,
        }
        environment.pop("DATABASE_PATH", None)
        with log.open("w") as out:
            process = subprocess.Popen(
                [str(Path(sys.executable).with_name("chapterbot")), "run"],
                cwd=self.workdir,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
            )
        self.bots[name] = BotProcess(name, process, log)
        return self.bots[name]

    def leader(self) -> str | None:
        """The bot whose getUpdates came last (only the leader polls)."""
        callers = self.api.callers("getUpdates")
        return callers[-1] if callers else None

    def methods_called_by(self, name: str, since: float) -> list[str]:
        """The methods `name` called from `since` on."""
        with self.api.lock:
            return [m for at, who, m in self.api.arrivals if who == name and at >= since]

    # A process's start (imports, the database, getMe) took over 30 s on the 2-core machine under
    # a load of 10; waiting longer costs a passing run nothing.
    def wait_for_leader(self, timeout: float = 90.0) -> str:
        assert self.api.wait_for(lambda: self.leader() is not None, timeout), "nobody leads"
        leader = self.leader()
        assert leader is not None
        return leader

    def wait_until_standby(self, name: str, timeout: float = 90.0) -> None:
        bot = self.bots[name]
        said = self.api.wait_for(lambda: STANDBY_LINE in bot.output() or not bot.alive, timeout)
        assert said and bot.alive, f"{name} did not stand by:\n{bot.output()}"

    def kill(self, name: str) -> float:
        """SIGKILL; returns when it was sent (time.monotonic, as the fake API's arrivals)."""
        bot = self.bots[name]
        killed_at = time.monotonic()
        bot.process.send_signal(signal.SIGKILL)
        bot.process.wait(timeout=10)
        return killed_at

    def takeover(self, by: str, killed_at: float, timeout: float = 30.0) -> float:
        """Seconds from the kill to `by`'s first getUpdates."""
        assert self.api.wait_for(
            lambda: by in self.api.callers("getUpdates", since=killed_at), timeout
        ), f"{by} never took over:\n{self.bots[by].output()}"
        with self.api.lock:
            first = min(
                at
                for at, who, method in self.api.arrivals
                if who == by and method == "getUpdates" and at >= killed_at
            )
        return first - killed_at

    def stop_all(self) -> None:
        for bot in self.bots.values():
            if bot.alive:
                bot.process.send_signal(signal.SIGTERM)
        for bot in self.bots.values():
            try:
                bot.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                bot.process.kill()
                bot.process.wait()
