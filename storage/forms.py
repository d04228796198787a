"""SQL for the private /refer form: one row per member, the step they are on and what they filled.

Every change names the step it was made from (`WHERE step = ?`), so two processes handling the
same member's taps at once can't both move the form on: the second finds it moved and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database, Row
from storage.timestamps import from_db, to_db

_FIELDS = ("chapter_id", "receiver_id", "prospect", "contact", "how_hot", "inside", "from_command")


@dataclass(frozen=True, slots=True)
class StoredForm:
    user_id: int
    step: str
    chapter_id: int | None
    receiver_id: int | None
    prospect: str | None
    contact: str | None
    how_hot: int | None
    inside: bool | None
    from_command: bool
    updated_at: datetime


def _form(row: Row) -> StoredForm:
    return StoredForm(
        user_id=row["user_id"],
        step=row["step"],
        chapter_id=row["chapter_id"],
        receiver_id=row["receiver_id"],
        prospect=row["prospect"],
        contact=row["contact"],
        how_hot=row["how_hot"],
        inside=None if row["inside"] is None else bool(row["inside"]),
        from_command=bool(row["from_command"]),
        updated_at=from_db(row["updated_at"]),
    )


class FormRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, user_id: int) -> StoredForm | None:
        row = await self.db.fetch_one("SELECT * FROM referral_forms WHERE user_id = ?", (user_id,))
        return _form(row) if row else None

    async def begin(self, user_id: int, step: str, now: datetime, **fields: Any) -> None:
        """A fresh form (replacing any half-filled one)."""
        values = {name: fields.get(name) for name in _FIELDS}
        values["from_command"] = int(bool(values["from_command"]))
        await self.db.execute(
            "INSERT INTO referral_forms (user_id, step, chapter_id, receiver_id,"
            " prospect, contact, how_hot, inside, from_command, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " step = excluded.step, chapter_id = excluded.chapter_id,"
            " receiver_id = excluded.receiver_id, prospect = excluded.prospect,"
            " contact = excluded.contact, how_hot = excluded.how_hot, inside = excluded.inside,"
            " from_command = excluded.from_command, updated_at = excluded.updated_at",
            (user_id, step, *values.values(), to_db(now)),
        )

    async def advance(
        self, user_id: int, from_step: str, to_step: str, now: datetime, **fields: Any
    ) -> bool:
        """Move the form on from `from_step`, setting `fields`; False if it wasn't there."""
        unknown = set(fields) - set(_FIELDS)
        if unknown:
            raise ValueError(f"not a form field: {sorted(unknown)}")
        assignments = "".join(f", {name} = ?" for name in fields)
        values = [int(v) if isinstance(v, bool) else v for v in fields.values()]
        changed = await self.db.execute_rowcount(
            f"UPDATE referral_forms SET step = ?, updated_at = ?{assignments}"
            " WHERE user_id = ? AND step = ?",
            (to_step, to_db(now), *values, user_id, from_step),
        )
        return changed == 1

    async def take(self, user_id: int, step: str) -> bool:
        """Remove the form if it is still at `step` (confirming it, in the referral's own
        transaction); False if it had moved or gone."""
        return (
            await self.db.execute_rowcount(
                "DELETE FROM referral_forms WHERE user_id = ? AND step = ?", (user_id, step)
            )
            == 1
        )

    async def drop(self, user_id: int) -> bool:
        return (
            await self.db.execute_rowcount(
                "DELETE FROM referral_forms WHERE user_id = ?", (user_id,)
            )
            == 1
        )
