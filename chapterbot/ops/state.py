"""What the running process knows about itself: metrics, its role, when it last swept."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from chapterbot.ops.metrics import Metrics


def always_leader() -> bool:
    """One process: it is the leader. The PostgreSQL issue (12) plugs in a real election here."""
    return True


@dataclass
class Ops:
    sweep_interval: float  # seconds
    metrics: Metrics = field(default_factory=Metrics)
    is_leader: Callable[[], bool] = always_leader
    monotonic: Callable[[], float] = time.monotonic  # tests pass a fake
    started_at: float = 0.0
    last_sweep_at: float | None = None

    def __post_init__(self) -> None:
        self.started_at = self.monotonic()

    def took_the_lead(self) -> None:
        """A standby became leader: its sweeps count from now (not from its start, hours ago)."""
        self.started_at = self.monotonic()
        self.last_sweep_at = None

    def sweep_finished(self) -> None:
        self.last_sweep_at = self.monotonic()

    def seconds_since_sweep(self) -> float:
        """Since the last finished sweep (or since start, before the first one)."""
        return self.monotonic() - (self.last_sweep_at or self.started_at)

    def sweeps_stalled(self) -> bool:
        """The leader has not finished a sweep for three intervals."""
        return self.is_leader() and self.seconds_since_sweep() > 3 * self.sweep_interval
