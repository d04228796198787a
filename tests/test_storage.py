"""Storage on a real SQLite file: migrations, atomicity."""

from __future__ import annotations

import sqlite3

import pytest

from storage import schema
from storage.db import Database, DatabaseError, bundled_migrations
from storage.referrals import ReferralRepository


async def test_a_fresh_database_is_migrated_to_the_latest_version(tmp_path):
    db = await Database.open(tmp_path / "fresh.db")
    assert await db.schema_version() == len(bundled_migrations())
    journal = await db.fetch_one("PRAGMA journal_mode")
    foreign_keys = await db.fetch_one("PRAGMA foreign_keys")
    synchronous = await db.fetch_one("PRAGMA synchronous")
    await db.close()
    assert journal[0] == "wal" and foreign_keys[0] == 1
    assert synchronous[0] == 2  # FULL: a commit the group saw confirmed survives a power cut


async def test_opening_again_applies_nothing_twice(tmp_path):
    path = tmp_path / "twice.db"
    db = await Database.open(path)
    await db.execute(
        "INSERT INTO chapters (chat_id, title, timezone, created_at) VALUES (-1, 'T', 'UTC', 'x')"
    )
    await db.close()
    db = await Database.open(path)
    assert (await db.fetch_one("SELECT COUNT(*) FROM chapters"))[0] == 1
    await db.close()


async def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "broken.db"
    db = await Database.open(path)
    version = await db.schema_version()
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "broken.py").write_text(
        "from alembic import op\n"
        f"revision = '{version + 1:04d}'\ndown_revision = '{version:04d}'\n"
        "def upgrade():\n"
        "    op.execute('CREATE TABLE half (x)')\n"
        "    op.execute('INSERT INTO nowhere VALUES (1)')\n"
    )
    monkeypatch.setattr(schema, "EXTRA_VERSION_LOCATIONS", [str(versions)])
    with pytest.raises(DatabaseError) as failed:
        await schema.migrate(db)
    assert isinstance(failed.value.orig, sqlite3.OperationalError)  # type: ignore[attr-defined]
    assert await db.schema_version() == version
    assert await db.fetch_one("SELECT name FROM sqlite_master WHERE name = 'half'") is None
    await db.close()


def made_by_an_earlier_version(path, stop_at: int) -> None:
    """A file as chapterbot before Alembic left it: migrations 1..stop_at applied as it applied
    them (each script in a transaction, then `PRAGMA user_version`), no alembic_version."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, _, sql in bundled_migrations()[:stop_at]:
        conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {number};\nCOMMIT;")
    conn.close()


@pytest.mark.parametrize("how", ["made by an earlier version", "migrated part way"])
async def test_each_migration_upgrades_a_database_holding_data(tmp_path, how):
    """Stop at every version, put a chapter's data in, and migrate the rest of the way."""
    for stop_at in range(1, len(bundled_migrations()) + 1):
        path = tmp_path / f"from_{stop_at}.db"
        if how == "made by an earlier version":
            made_by_an_earlier_version(path, stop_at)
            db = await Database.open(path, migrate_to=stop_at)  # as it is: nothing to apply
            assert await db.schema_version() == stop_at
        else:
            db = await Database.open(path, migrate_to=stop_at)
        await db.execute(
            "INSERT INTO chapters (chat_id, title, timezone, created_at)"
            " VALUES (-100, 'Riverside', 'UTC', '2026-01-01T00:00:00Z')"
        )
        await db.execute(
            "INSERT INTO members (user_id, first_name, updated_at)"
            " VALUES (1, 'A', 'x'), (2, 'B', 'x')"
        )
        await db.execute(
            "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
            " created_at, follow_up_due_at) VALUES (1, 1, 2, 'Jane', 'Jane',"
            " '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z')"
        )
        await db.close()
        db = await Database.open(path)
        assert await db.schema_version() == len(bundled_migrations())
        # Alembic took over where `PRAGMA user_version` left off, and the code reads the data
        stamped = await db.fetch_one("SELECT version_num FROM alembic_version")
        assert stamped[0] == f"{len(bundled_migrations()):04d}"
        referral = await ReferralRepository(db).get(1)
        assert referral is not None and referral.prospect_name == "Jane"
        assert referral.receiver_id == 2 and referral.status == "open"
        row = await db.fetch_one("SELECT prospect_name, status FROM referrals")
        assert tuple(row) == ("Jane", "open")
        chapter = await db.fetch_one("SELECT tips_enabled, tip_time, currency FROM chapters")
        assert tuple(chapter) == (1, "08:00", None)  # later columns got their defaults
        if stop_at == 1:  # the follow-up migration gave the old referral its history and reminders
            events = await db.fetch_all("SELECT status FROM referral_events")
            reminders = await db.fetch_all("SELECT kind, due_at FROM reminders ORDER BY kind")
            assert [tuple(e) for e in events] == [("open",)]
            assert [tuple(r) for r in reminders] == [
                ("escalation", "2026-01-08T00:00:00Z"),
                ("nudge", "2026-01-04T00:00:00Z"),
            ]
        await db.close()


async def test_a_failed_transaction_writes_nothing(tmp_path):
    db = await Database.open(tmp_path / "tx.db")
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute(
                "INSERT INTO members (user_id, first_name, updated_at) VALUES (1, 'A', 'x')"
            )
            raise RuntimeError("boom")
    assert (await db.fetch_one("SELECT COUNT(*) FROM members"))[0] == 0
    await db.close()


async def test_migration_13_keeps_each_referrals_first_follow_up_from_its_history(tmp_path):
    """/stats reads the first follow-up from the referral: the referrals passed before it was
    kept there get it from their history (the first step past open), the others stay empty."""
    path = tmp_path / "from_12.db"
    made_by_an_earlier_version(path, 12)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        "INSERT INTO chapters (chat_id, title, timezone, created_at)"
        " VALUES (-100, 'Riverside', 'UTC', '2026-01-01T00:00:00Z');"
        "INSERT INTO members (user_id, first_name, updated_at) VALUES (1, 'A', 'x'), (2, 'B', 'x');"
        "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
        " status, created_at, follow_up_due_at) VALUES"
        " (1, 1, 2, 'Jane', 'Jane', 'meeting', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'),"
        " (1, 1, 2, 'John', 'John', 'open', '2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z');"
        "INSERT INTO referral_events (referral_id, status, by_user_id, at) VALUES"
        " (1, 'open', 1, '2026-01-01T00:00:00Z'), (1, 'meeting', 2, '2026-01-03T00:00:00Z'),"
        " (1, 'contacted', 2, '2026-01-02T10:00:00Z'), (2, 'open', 1, '2026-01-02T00:00:00Z');"
    )
    conn.close()
    db = await Database.open(path)
    rows = await db.fetch_all("SELECT id, first_follow_up_at FROM referrals ORDER BY id")
    assert [tuple(row) for row in rows] == [(1, "2026-01-02T10:00:00Z"), (2, None)]
    await db.close()
