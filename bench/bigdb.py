"""Build a large chapterbot database quickly (for the benchmarks), through the real migrations.

Shape: `chapters` chapters, `members` members spread over them, `referrals` referrals with their
history (passed; contacted 5 hours later for those followed up) and both reminders. Nearly all
are followed up (reminders done); a few are open with reminders in the future; exactly `due`
nudges are due at NOW, and `due` chapters' tips too.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import Database
from storage.timestamps import to_db

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def build(
    path: Path,
    *,
    referrals: int,
    chapters: int = 1000,
    members: int = 30_000,
    due: int = 100,
    now: datetime = NOW,
):
    if path.exists():
        path.unlink()
    asyncio.run(_migrate(path))
    rng = random.Random(7)
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        fill(conn, rng, referrals=referrals, chapters=chapters, members=members, due=due, now=now)
    conn.execute("PRAGMA optimize")
    conn.close()
    return time.perf_counter() - started


def fill(
    conn, rng, *, referrals: int, chapters: int, members: int, due: int, now: datetime
) -> None:
    """Insert the rows through `conn.executemany` (sqlite3's, or bench/engines.py's COPY)."""
    conn.executemany(
        "INSERT INTO chapters (id, chat_id, title, timezone, created_at, next_tip_at)"
        " VALUES (?, ?, ?, 'UTC', ?, ?)",
        [
            (
                c,
                -1_000_000_000_000 - c,
                f"Chapter {c}",
                to_db(now - timedelta(days=400)),
                to_db(now - timedelta(minutes=5) if c <= due else now + timedelta(days=3)),
            )
            for c in range(1, chapters + 1)
        ],
    )
    conn.executemany(
        "INSERT INTO members (user_id, username, first_name, can_dm, updated_at)"
        " VALUES (?, ?, ?, 1, ?)",
        [(m, f"member{m}", f"Member {m}", to_db(now)) for m in range(1, members + 1)],
    )
    per_chapter = max(members // chapters, 2)
    conn.executemany(
        "INSERT INTO chapter_members (chapter_id, user_id, first_seen_at) VALUES (?, ?, ?)",
        [
            (1 + (m - 1) // per_chapter, m, to_db(now))
            for m in range(1, members + 1)
            if 1 + (m - 1) // per_chapter <= chapters
        ],
    )
    _referrals(conn, rng, referrals, chapters, per_chapter, due, now)


def _referrals(
    conn, rng, count: int, chapters: int, per_chapter: int, due: int, now: datetime
) -> None:
    batch = 50_000
    open_every = 100  # 1% still open
    for start in range(1, count + 1, batch):
        rows, events, reminders = [], [], []
        for r in range(start, min(start + batch, count + 1)):
            chapter = rng.randint(1, chapters)
            giver = (chapter - 1) * per_chapter + rng.randint(1, per_chapter)
            receiver = (chapter - 1) * per_chapter + rng.randint(1, per_chapter)
            created = now - timedelta(seconds=rng.randint(3 * 86400, 400 * 86400))
            is_due = r <= due
            is_open = is_due or r % open_every == 0
            if is_due:
                created = now - timedelta(hours=73)
            elif is_open:
                created = now - timedelta(hours=rng.randint(1, 70))
            deadline = created + timedelta(hours=72)
            rows.append(
                (
                    r,
                    chapter,
                    giver,
                    receiver,
                    f"Prospect {r}",
                    f"Prospect {r}",
                    "open" if is_open else "contacted",
                    to_db(created),
                    to_db(deadline),
                    None if is_open else to_db(created + timedelta(hours=5)),
                )
            )
            events.append((r, "open", giver, to_db(created)))
            done = None if is_open else to_db(created + timedelta(hours=5))
            if done is not None:  # contacted 5 hours after it was passed
                events.append((r, "contacted", receiver, done))
            reminders.append((r, "nudge", to_db(deadline), done))
            reminders.append(
                (
                    r,
                    "escalation",
                    to_db(created + timedelta(days=7)),
                    None if is_open and not is_due else done or to_db(now),
                )
            )
        conn.executemany(
            "INSERT INTO referrals (id, chapter_id, giver_id, receiver_id, prospect, prospect_name,"
            " status, created_at, follow_up_due_at, first_follow_up_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO referral_events (referral_id, status, by_user_id, at) VALUES (?, ?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO reminders (referral_id, kind, due_at, done_at) VALUES (?, ?, ?, ?)",
            reminders,
        )


async def _migrate(path: Path) -> None:
    db = await Database.open(path)
    await db.close()
