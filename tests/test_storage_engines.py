"""The storage on both engines: schema, atomicity, claims two processes make at once, and the
sweeps' queries served by their indexes."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from storage.chapters import ChapterRepository
from storage.db import Database
from storage.outbox import Lane, NewMessage, OutboxRepository, Priority
from storage.reminders import DUE_SQL, ReminderRepository
from storage.schema import latest, tables
from tests.harness import START

NOW = START


async def _seed(db: Database) -> None:
    """A chapter, two members, one referral with its nudge due, two private messages owed."""
    await db.execute(
        "INSERT INTO chapters (chat_id, title, timezone, created_at)"
        " VALUES (-1001234567890, 'Riverside', 'UTC', '2026-01-01T00:00:00Z')"
    )
    await db.execute(
        "INSERT INTO members (user_id, first_name, updated_at)"
        " VALUES (5000000001, 'A', 'x'), (5000000002, 'B', 'x')"
    )
    await db.execute(
        "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
        " created_at, follow_up_due_at) VALUES (1, 5000000001, 5000000002, 'Jane', 'Jane',"
        " '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z')"
    )
    await db.execute(
        "INSERT INTO reminders (referral_id, kind, due_at) VALUES (1, 'nudge', ?)",
        ("2026-01-04T00:00:00Z",),
    )
    outbox = OutboxRepository(db)
    for text in ("first", "second"):
        await outbox.add(NewMessage("note", text, Priority.NOTE, user_id=5000000002), NOW)


async def test_a_fresh_database_is_at_the_latest_schema(database):
    db = await Database.open(database)
    try:
        assert await db.schema_version() == latest()
        names = set((await tables(db)).tables)
        assert {"referrals", "reminders", "outbox", "chapters", "members"} <= names
    finally:
        await db.close()


async def test_a_failed_transaction_writes_nothing(database):
    db = await Database.open(database)
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.execute(
                    "INSERT INTO members (user_id, first_name, updated_at) VALUES (1, 'A', 'x')"
                )
                raise RuntimeError("boom")
        assert (await db.fetch_one("SELECT COUNT(*) FROM members"))[0] == 0
    finally:
        await db.close()


async def test_telegram_ids_beyond_32_bits_are_kept(database):
    db = await Database.open(database)
    try:
        await _seed(db)
        row = await db.fetch_one("SELECT chat_id FROM chapters")
        assert row["chat_id"] == row[0] == -1001234567890
    finally:
        await db.close()


async def test_two_processes_never_claim_the_same_due_row(database):
    first, second = await Database.open(database), await Database.open(database)
    try:
        await _seed(first)
        reminders = ReminderRepository(first), ReminderRepository(second)
        async with reminders[0].claim(1, NOW) as mine:
            assert mine
            if first.is_postgresql:  # the other process passes the row over while it is held
                async with reminders[1].claim(1, NOW) as theirs:
                    assert not theirs
        await first.execute("UPDATE chapters SET next_tip_at = '2026-01-01T00:00:00Z'")
        tips = ChapterRepository(first), ChapterRepository(second)
        async with tips[0].claim_tip(1, NOW) as mine:
            assert mine
            if first.is_postgresql:
                async with tips[1].claim_tip(1, NOW) as theirs:
                    assert not theirs
        async with tips[1].claim_tip(1, NOW) as theirs:  # free again once the first let go
            assert theirs
        outboxes = OutboxRepository(first), OutboxRepository(second)
        lane, until = Lane(user_id=5000000002), NOW + timedelta(minutes=1)
        claimed = await asyncio.gather(
            *(box.claim_next(lane, f"p{i}", NOW, until) for i, box in enumerate(outboxes))
        )
        ids = [message.id for message in claimed if message is not None]
        assert len(ids) == len(set(ids)) >= 1
    finally:
        await first.close()
        await second.close()


@pytest.mark.parametrize(
    ("query", "params", "index"),
    [
        (DUE_SQL, (NOW.isoformat(), 100), "reminders_due"),
        (
            "SELECT id FROM outbox WHERE user_id = ? AND failed_at IS NULL"
            " ORDER BY priority, id LIMIT 1",
            (5000000002,),
            "outbox_private_lane",
        ),
        (
            "SELECT id FROM chapters WHERE tips_enabled = 1 AND active = 1"
            " AND next_tip_at <= ? ORDER BY next_tip_at LIMIT 10",
            (NOW.isoformat(),),
            "chapters_tip_due",
        ),
    ],
)
async def test_the_sweeps_queries_use_their_indexes(database, query, params, index):
    db = await Database.open(database)
    try:
        await _seed(db)
        if not db.is_postgresql:
            plan = await db.fetch_all("EXPLAIN QUERY PLAN " + query, params)
            assert index in " ".join(str(row[-1]) for row in plan)
            return
        async with db.transaction():  # on a near-empty table the planner would scan it all
            await db.execute("SET LOCAL enable_seqscan = off")
            plan = await db.fetch_all("EXPLAIN " + query, params)
        assert index in " ".join(row[0] for row in plan)
    finally:
        await db.close()
