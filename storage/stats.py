"""SQL for the chapter's numbers, added up by SQLite: a chapter with 50,000 referrals answers
with a handful of rows, and no row becomes a Python object on the event loop.

Statuses come from the caller (bot/referrals/status.py): `initial` is the status a referral
starts in (its follow-up is the first step past it: kept on the referral as
`first_follow_up_at` when that step is taken), `closed` the status of business won.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database, Row, status_literal
from storage.rows import record
from storage.timestamps import to_db

FAR_PAST = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


@dataclass(frozen=True, slots=True)
class Period:
    """A chapter's referrals passed (or closed) in [start, end)."""

    chapter_id: int
    start: datetime | None
    end: datetime

    def params(self) -> tuple[int, str, str]:
        return self.chapter_id, to_db(self.start or FAR_PAST), to_db(self.end)


@dataclass(frozen=True, slots=True)
class FollowUpCounts:
    passed: int
    due: int  # the window has ended, or followed up already
    on_time: int
    median_delay: timedelta | None  # from passing to the first follow-up


@dataclass(frozen=True, slots=True)
class ClosedCounts:
    count: int
    cents: dict[str | None, int]  # per currency closed in (None: before currencies were kept)


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    id: int
    chapter_id: int
    giver_id: int
    receiver_id: int | None
    status: str
    created_at: datetime
    follow_up_due_at: datetime
    first_follow_up_at: datetime | None
    amount_cents: int | None
    currency: str | None  # the chapter's currency when it was closed
    closed_at: datetime | None


_FACTS = """
SELECT r.id, r.chapter_id, r.giver_id, r.receiver_id, r.status, r.created_at,
       r.follow_up_due_at, r.amount_cents, r.currency, r.closed_at, r.first_follow_up_at
FROM referrals r
"""


def _facts(row: Row) -> ReferralFacts:
    return record(ReferralFacts, row)


_PASSED = """
WITH passed AS (
  SELECT r.created_at, r.follow_up_due_at, r.first_follow_up_at AS followed_at
  FROM referrals r
  WHERE r.chapter_id = ? AND r.created_at >= ? AND r.created_at < ? {receiver}
),
delays AS (
  SELECT {seconds} AS seconds
  FROM passed WHERE followed_at IS NOT NULL
)
SELECT
  (SELECT COUNT(*) FROM passed) AS passed,
  (SELECT COUNT(*) FROM passed WHERE followed_at IS NOT NULL OR follow_up_due_at <= ?) AS due,
  (SELECT COUNT(*) FROM passed WHERE followed_at <= follow_up_due_at) AS on_time,
  (SELECT AVG(seconds) FROM (
     SELECT seconds FROM delays ORDER BY seconds
     LIMIT 2 - (SELECT COUNT(*) FROM delays) % 2
     OFFSET ((SELECT COUNT(*) FROM delays) - 1) / 2) middle) AS median_seconds
"""

_TOP_GIVERS = """
SELECT g.giver_id AS user_id, g.value FROM (
  SELECT r.giver_id, COUNT(*) AS value, MIN(r.id) AS first FROM referrals r
  WHERE r.chapter_id = ? AND r.created_at >= ? AND r.created_at < ? GROUP BY r.giver_id
) g
JOIN members m ON m.user_id = g.giver_id AND m.stats_hidden = 0
ORDER BY g.value DESC, g.first LIMIT ?
"""

_TOP_CLOSERS = """
SELECT r.receiver_id AS user_id, {value} AS value FROM referrals r
JOIN members m ON m.user_id = r.receiver_id AND m.stats_hidden = 0
WHERE r.chapter_id = ? AND r.status = {closed} AND r.closed_at >= ? AND r.closed_at < ?
GROUP BY r.receiver_id ORDER BY value DESC, MIN(r.closed_at), MIN(r.id) LIMIT ?
"""

_CLOSED = """
SELECT r.currency, COUNT(*) AS n, COALESCE(SUM(COALESCE(r.amount_cents, 0)), 0) AS cents
FROM referrals r
WHERE r.chapter_id = ? AND r.status = {closed} AND r.closed_at >= ? AND r.closed_at < ? {who}
GROUP BY r.currency
"""


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def follow_up(
        self, period: Period, initial: str, now: datetime, receiver_id: int | None = None
    ) -> FollowUpCounts:
        """How the referrals passed in the period (to one receiver, if given) were followed up."""
        receiver = "" if receiver_id is None else "AND r.receiver_id = ?"
        who = [] if receiver_id is None else [receiver_id]
        params = [*period.params(), *who, to_db(now)]
        seconds = self.db.dialect.seconds_between("followed_at", "created_at")
        row = await self.db.fetch_one_aside(
            _PASSED.format(receiver=receiver, seconds=seconds), params
        )
        assert row is not None
        median = row["median_seconds"]
        return FollowUpCounts(
            passed=row["passed"],
            due=row["due"],
            on_time=row["on_time"],
            median_delay=None if median is None else timedelta(seconds=median),
        )

    async def given(self, period: Period, giver_id: int) -> int:
        row = await self.db.fetch_one_aside(
            "SELECT COUNT(*) FROM referrals r WHERE r.chapter_id = ? AND r.created_at >= ?"
            " AND r.created_at < ? AND r.giver_id = ?",
            (*period.params(), giver_id),
        )
        return int(row[0]) if row else 0

    async def closed_totals(
        self,
        period: Period,
        closed: str,
        *,
        receiver_id: int | None = None,
        giver_id: int | None = None,
    ) -> ClosedCounts:
        """Business won in the period: all of it, or one receiver's, or from one giver's."""
        who, extra = "", []
        if receiver_id is not None:
            who, extra = "AND r.receiver_id = ?", [receiver_id]
        elif giver_id is not None:
            who, extra = "AND r.giver_id = ?", [giver_id]
        sql = _CLOSED.format(closed=status_literal(closed), who=who)
        rows = await self.db.fetch_all_aside(sql, (*period.params(), *extra))
        cents = {row["currency"]: row["cents"] for row in rows}
        return ClosedCounts(sum(row["n"] for row in rows), cents)

    async def top_givers(self, period: Period, limit: int) -> list[tuple[int, int]]:
        """(user id, referrals passed), most first; members who hide from the lists left out."""
        rows = await self.db.fetch_all_aside(_TOP_GIVERS, (*period.params(), limit))
        return [(row["user_id"], row["value"]) for row in rows]

    async def top_closers(
        self, period: Period, closed: str, limit: int, *, by_deals: bool
    ) -> list[tuple[int, int]]:
        """(user id, cents won, or deals when `by_deals`), most first; hidden members left out."""
        value = "COUNT(*)" if by_deals else "SUM(COALESCE(r.amount_cents, 0))"
        sql = _TOP_CLOSERS.format(value=value, closed=status_literal(closed))
        rows = await self.db.fetch_all_aside(sql, (*period.params(), limit))
        return [(row["user_id"], row["value"]) for row in rows]

    # Row by row, for the scorecard's six months (bot/scorecard/service.py).
    async def passed(
        self, chapter_id: int, initial: str, start: datetime | None, end: datetime
    ) -> list[ReferralFacts]:
        """Referrals passed in the chapter in [start, end); follow-up is the first status
        after `initial`."""
        rows = await self.db.fetch_all(
            _FACTS + " WHERE r.chapter_id = ? AND r.created_at >= ? AND r.created_at < ?",
            (chapter_id, to_db(start or FAR_PAST), to_db(end)),
        )
        return [_facts(row) for row in rows]

    async def closed(
        self, chapter_id: int, initial: str, closed: str, start: datetime | None, end: datetime
    ) -> list[ReferralFacts]:
        """Referrals in status `closed` (business won) with closed_at in [start, end)."""
        rows = await self.db.fetch_all(
            _FACTS + f" WHERE r.chapter_id = ? AND r.status = {status_literal(closed)}"
            " AND r.closed_at >= ? AND r.closed_at < ?",
            (chapter_id, to_db(start or FAR_PAST), to_db(end)),
        )
        return [_facts(row) for row in rows]
