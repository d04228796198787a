"""`chapterbot backup PATH`: a consistent copy while the bot is writing."""

from __future__ import annotations

import sqlite3

from chapterbot.cli import main
from storage.db import Database


async def test_a_backup_taken_while_writing_is_consistent_and_restorable(
    tmp_path, monkeypatch, capsys
):
    live = tmp_path / "live.db"
    db = await Database.open(live)
    await db.execute(
        "INSERT INTO chapters (chat_id, title, timezone, created_at) VALUES (-1, 'A', 'UTC', 'x')"
    )
    async with db.transaction():  # a write in progress, not yet committed
        await db.execute(
            "INSERT INTO chapters (chat_id, title, timezone, created_at)"
            " VALUES (-2, 'B', 'UTC', 'x')"
        )
        monkeypatch.setenv("DATABASE_PATH", str(live))
        assert main(["backup", str(tmp_path / "copy.db")]) == 0
    await db.close()

    assert "Backed up" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT title FROM chapters").fetchall() == [("A",)]
    restored = await Database.open(tmp_path / "copy.db")  # a restored file opens as usual
    assert await restored.schema_version() > 0
    await restored.close()


def test_backup_of_a_missing_database_fails_clearly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "nope.db"))
    assert main(["backup", str(tmp_path / "copy.db")]) == 1
    assert "there is no database" in capsys.readouterr().err
    assert not (tmp_path / "copy.db").exists()


def test_backup_of_a_postgresql_database_points_to_pg_dump(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:secret@db.example:5432/chapters")
    assert main(["backup", "copy.db"]) == 1
    err = capsys.readouterr().err
    assert "pg_dump" in err and "pg_restore" in err
    assert "secret" not in err


def test_backup_follows_a_sqlite_database_url(tmp_path, monkeypatch, capsys):
    live = tmp_path / "live.db"
    with sqlite3.connect(live) as conn:
        conn.execute("CREATE TABLE t (x)")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{live}")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "elsewhere.db"))
    assert main(["backup", str(tmp_path / "copy.db")]) == 0
    assert "Backed up" in capsys.readouterr().out
