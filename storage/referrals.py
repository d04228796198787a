"""SQL for referrals (slips)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row, status_literal
from storage.records import Referral
from storage.rows import record
from storage.timestamps import to_db

COLUMNS = (
    "r.id, r.chapter_id, r.giver_id, r.receiver_id, r.receiver_username, r.prospect,"
    " r.prospect_name, r.phone, r.email, r.status, r.created_at, r.follow_up_due_at,"
    " r.amount_cents, r.currency, r.closed_at, r.how_hot, r.inside"
)


def referral_from_row(row: Row) -> Referral:
    return record(Referral, row)


@dataclass(frozen=True, slots=True)
class Correction:
    """A referral's receiver and prospect as the giver's edited message now says."""

    receiver_id: int | None
    receiver_username: str | None
    prospect: str
    prospect_name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class NewReferral:
    chapter_id: int
    giver_id: int
    receiver_id: int | None
    receiver_username: str | None
    prospect: str
    prospect_name: str
    phone: str | None
    email: str | None
    created_at: datetime
    follow_up_due_at: datetime
    status: str  # the initial status, as the domain names it
    how_hot: int | None = None
    inside: bool | None = None
    source_message_id: int | None = None


class ReferralRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, new: NewReferral) -> Referral | None:
        """Insert the referral and its history's first line. None if its group message
        already recorded one (the unique index on chapter and message decides)."""
        async with self.db.transaction():
            rows = await self.db.execute_returning(
                "INSERT INTO referrals (chapter_id, giver_id, receiver_id, receiver_username,"
                " prospect, prospect_name, phone, email, created_at, follow_up_due_at, how_hot,"
                " inside, source_message_id, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chapter_id, source_message_id)"
                " WHERE source_message_id IS NOT NULL DO NOTHING"
                f" RETURNING {COLUMNS.replace('r.', '')}",
                (
                    new.chapter_id,
                    new.giver_id,
                    new.receiver_id,
                    new.receiver_username,
                    new.prospect,
                    new.prospect_name,
                    new.phone,
                    new.email,
                    to_db(new.created_at),
                    to_db(new.follow_up_due_at),
                    new.how_hot,
                    None if new.inside is None else int(new.inside),
                    new.source_message_id,
                    new.status,
                ),
            )
            if not rows:
                return None
            referral = referral_from_row(next(iter(rows)))
            await self._record(referral.id, new.status, new.giver_id, new.created_at, None)
        return referral

    async def _record(
        self, referral_id: int, status: str, by_user_id: int, at: datetime, note: str | None
    ) -> None:
        """One line of the referral's history (inside the caller's transaction)."""
        await self.db.execute(
            "INSERT INTO referral_events (referral_id, status, note, by_user_id, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (referral_id, status, note, by_user_id, to_db(at)),
        )

    async def from_message(self, chapter_id: int, message_id: int) -> Referral | None:
        """The referral a group message recorded (to follow an edit of that message)."""
        row = await self.db.fetch_one(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.chapter_id = ? AND r.source_message_id = ?",
            (chapter_id, message_id),
        )
        return referral_from_row(row) if row else None

    async def correct(self, referral_id: int, fix: Correction, editable: str) -> bool:
        """Rewrite the receiver and the prospect of a referral still in the `editable` status
        (nobody has acted on it yet); False once it has moved on (the receiver logged a step)."""
        changed = await self.db.execute_rowcount(
            "UPDATE referrals SET receiver_id = ?, receiver_username = ?, prospect = ?,"
            " prospect_name = ?, phone = ?, email = ? WHERE id = ? AND status = ?",
            (
                fix.receiver_id,
                fix.receiver_username,
                fix.prospect,
                fix.prospect_name,
                fix.phone,
                fix.email,
                referral_id,
                editable,
            ),
        )
        return changed == 1

    async def get(self, referral_id: int) -> Referral | None:
        row = await self.db.fetch_one(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.id = ?", (referral_id,)
        )
        return referral_from_row(row) if row else None

    async def claim_pending(self, username: str, user_id: int) -> list[int]:
        """Give referrals waiting for @username to the member who now holds it."""
        async with self.db.transaction():
            same = self.db.dialect.same_text_any_case("receiver_username")
            rows = await self.db.fetch_all(
                f"SELECT id FROM referrals WHERE {same} AND receiver_id IS NULL", (username,)
            )
            ids = [row["id"] for row in rows]
            if ids:
                await self.db.execute(
                    "UPDATE referrals SET receiver_id = ?, receiver_username = NULL"
                    f" WHERE {same} AND receiver_id IS NULL",
                    (user_id, username),
                )
        return ids

    async def move(
        self,
        referral_id: int,
        allowed_from: tuple[str, ...],
        to_status: str,
        by_user_id: int,
        now: datetime,
        note: str | None = None,
    ) -> bool:
        """Change the status if it is still one of `allowed_from`, and keep it in the history."""
        placeholders = ", ".join("?" for _ in allowed_from)
        async with self.db.transaction():
            changed = await self.db.execute_rowcount(
                "UPDATE referrals SET status = ?,"
                " first_follow_up_at = COALESCE(first_follow_up_at, ?)"
                f" WHERE id = ? AND status IN ({placeholders})",
                (to_status, to_db(now), referral_id, *allowed_from),
            )
            if changed != 1:
                return False
            await self._record(referral_id, to_status, by_user_id, now, note)
        return True

    async def close(
        self,
        referral_id: int,
        allowed_from: tuple[str, ...],
        to_status: str,
        amount_cents: int,
        currency: str,
        by_user_id: int,
        now: datetime,
        note: str | None = None,
    ) -> str | None:
        """Record business won (or correct its value) if the status is one of `allowed_from`;
        the status it had before, or None."""
        placeholders = ", ".join("?" for _ in allowed_from)
        async with self.db.transaction():
            row = await self.db.fetch_one(
                f"SELECT status FROM referrals WHERE id = ? AND status IN ({placeholders})",
                (referral_id, *allowed_from),
            )
            if row is None:
                return None
            await self.db.execute(
                "UPDATE referrals SET status = ?, amount_cents = ?, currency = ?,"
                " closed_at = COALESCE(closed_at, ?),"
                " first_follow_up_at = COALESCE(first_follow_up_at, ?) WHERE id = ?",
                (to_status, amount_cents, currency, to_db(now), to_db(now), referral_id),
            )
            await self._record(referral_id, to_status, by_user_id, now, note)
        return row["status"]

    async def set_slip_fields(
        self, referral_id: int, how_hot: int | None = None, inside: bool | None = None
    ) -> None:
        """The giver's own fields: how hot (1-5) and inside/outside."""
        if how_hot is not None:
            await self.db.execute(
                "UPDATE referrals SET how_hot = ? WHERE id = ?", (how_hot, referral_id)
            )
        if inside is not None:
            await self.db.execute(
                "UPDATE referrals SET inside = ? WHERE id = ?", (int(inside), referral_id)
            )

    async def received_by(self, user_id: int, statuses: tuple[str, ...]) -> list[Referral]:
        placeholders = ", ".join("?" for _ in statuses)
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.receiver_id = ?"
            f" AND r.status IN ({placeholders}) ORDER BY r.follow_up_due_at",
            (user_id, *statuses),
        )
        return [referral_from_row(row) for row in rows]

    async def waiting_on(
        self, user_id: int, statuses: tuple[str, ...], initial: str, since: datetime
    ) -> list[Referral]:
        """Referrals received in `statuses` that wait on the receiver: every one still in
        `initial` (a follow-up is due), and the others only if passed since `since`."""
        placeholders = ", ".join("?" for _ in statuses)
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.receiver_id = ?"
            f" AND r.status IN ({placeholders}) AND (r.status = ? OR r.created_at >= ?)"
            " ORDER BY r.follow_up_due_at",
            (user_id, *statuses, initial, to_db(since)),
        )
        return [referral_from_row(row) for row in rows]

    async def given_by(self, user_id: int, limit: int) -> list[Referral]:
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.giver_id = ?"
            " ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
            (user_id, limit),
        )
        return [referral_from_row(row) for row in rows]

    async def overdue_in_chapter(
        self, chapter_id: int, status: str, now: datetime
    ) -> list[Referral]:
        """Still in `status` past their follow-up deadline, oldest first."""
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.chapter_id = ?"
            f" AND r.status = {status_literal(status)}"
            " AND r.follow_up_due_at <= ? ORDER BY r.created_at",
            (chapter_id, to_db(now)),
        )
        return [referral_from_row(row) for row in rows]

    async def count_in_chapter(self, chapter_id: int) -> int:
        row = await self.db.fetch_one(
            "SELECT COUNT(*) FROM referrals WHERE chapter_id = ?", (chapter_id,)
        )
        return int(row[0]) if row else 0
