"""Prometheus metrics, with the standard client library, in one registry per application.

Counts that the database already holds (referrals passed, nudges and tips sent, the backlog) are
read from it when /metrics is scraped, so every process reports the same totals and a restart
loses none. What only the process sees (updates, failures, latency, sweeps) is counted live.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

from storage.ops import ActivityTotals

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class _ActivityCollector(Collector):
    """Exposes the totals last read from the database as counters."""

    def __init__(self) -> None:
        self.totals: ActivityTotals | None = None

    def collect(self) -> Iterator[Metric]:
        if self.totals is None:
            return
        for name, documentation, value in (
            ("chapterbot_referrals_passed", "Referrals passed", self.totals.referrals_passed),
            ("chapterbot_nudges_sent", "Follow-up nudges delivered", self.totals.nudges_sent),
            ("chapterbot_tips_sent", "Education-minute tips posted", self.totals.tips_posted),
        ):
            yield CounterMetricFamily(name, documentation, value=value)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.updates = Counter(
            "chapterbot_updates", "Updates received, by kind", ["kind"], registry=registry
        )
        self.handler_latency = Histogram(
            "chapterbot_handler_latency_seconds",
            "Time to handle one update",
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )
        self.send_failures = Counter(
            "chapterbot_send_failures",
            "Bot API calls that failed, by method and reason",
            ["method", "reason"],
            registry=registry,
        )
        self.rate_limit_waits = Counter(
            "chapterbot_rate_limit_waits",
            "429 answers from Telegram (each means a wait)",
            registry=registry,
        )
        self.sweep_duration = Histogram(
            "chapterbot_sweep_duration_seconds",
            "Time one sweep for due work took",
            ["sweep"],
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )
        self.outbox_backlog = Gauge(
            "chapterbot_outbox_backlog",
            "Nudges, escalations and tips due but not sent yet",
            registry=registry,
        )
        self.webhook_requests = Counter(
            "chapterbot_webhook_requests",
            "Webhook requests, by outcome",
            ["outcome"],
            registry=registry,
        )
        self._activity = _ActivityCollector()
        registry.register(self._activity)

    def set_database_figures(self, totals: ActivityTotals, backlog: int) -> None:
        self._activity.totals = totals
        self.outbox_backlog.set(backlog)

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric."""
        return generate_latest(self.registry)
