"""SQL for the chapter's numbers: referrals in a period with their first follow-up time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database, status_literal
from storage.timestamps import from_db, from_db_or_none, to_db

FAR_PAST = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


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
    closed_at: datetime | None


_SELECT = """
SELECT r.id, r.chapter_id, r.giver_id, r.receiver_id, r.status, r.created_at,
       r.follow_up_due_at, r.amount_cents, r.closed_at,
       (SELECT MIN(e.at) FROM referral_events e
         WHERE e.referral_id = r.id AND e.status != ?) AS first_follow_up_at
FROM referrals r
"""


def _facts(row: aiosqlite.Row) -> ReferralFacts:
    return ReferralFacts(
        id=row["id"],
        chapter_id=row["chapter_id"],
        giver_id=row["giver_id"],
        receiver_id=row["receiver_id"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
        follow_up_due_at=from_db(row["follow_up_due_at"]),
        first_follow_up_at=from_db_or_none(row["first_follow_up_at"]),
        amount_cents=row["amount_cents"],
        closed_at=from_db_or_none(row["closed_at"]),
    )


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def passed(
        self, chapter_id: int, initial: str, start: datetime | None, end: datetime
    ) -> list[ReferralFacts]:
        """Referrals passed in the chapter in [start, end); follow-up is the first status
        after `initial`."""
        rows = await self.db.fetch_all(
            _SELECT + " WHERE r.chapter_id = ? AND r.created_at >= ? AND r.created_at < ?",
            (initial, chapter_id, to_db(start or FAR_PAST), to_db(end)),
        )
        return [_facts(row) for row in rows]

    async def closed(
        self, chapter_id: int, initial: str, closed: str, start: datetime | None, end: datetime
    ) -> list[ReferralFacts]:
        """Referrals in status `closed` (business won) with closed_at in [start, end)."""
        rows = await self.db.fetch_all(
            _SELECT + f" WHERE r.chapter_id = ? AND r.status = {status_literal(closed)}"
            " AND r.closed_at >= ? AND r.closed_at < ?",
            (initial, chapter_id, to_db(start or FAR_PAST), to_db(end)),
        )
        return [_facts(row) for row in rows]
