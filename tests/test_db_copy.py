"""`chapterbot db copy --from URL --to URL`: every row of every table, SQLite to PostgreSQL and
back, in one transaction, with both sides' counts printed; refusals in one line."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from chapterbot.cli import main
from chapterbot.single_instance import InstanceLock
from storage.db import Database
from storage.leader import LeaderLock
from tests.postgres_databases import fresh_database, query
from tests.seed_every_table import SEED


def sqlite_database(path: Path, *, seeded: bool) -> str:
    async def migrate() -> None:
        db = await Database.open(path)
        await db.close()

    asyncio.run(migrate())
    if seeded:
        with contextlib.closing(sqlite3.connect(path)) as conn, conn:
            for statement in SEED:
                conn.execute(statement)
    return f"sqlite:///{path}"


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {table: sorted(conn.execute(f"SELECT * FROM {table}")) for table in tables}


def by_column(names: list[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows as (column, value) pairs, columns by name: the engines may order columns apart."""
    return sorted(
        (tuple(sorted(zip(names, row, strict=True))) for row in rows),
        key=repr,
    )


def sqlite_rows_by_column(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        found = {}
        for table in sqlite_rows(path):
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            found[table] = by_column(names, cursor.fetchall())
        return found


def postgres_rows_by_column(url: str) -> dict[str, list[tuple[Any, ...]]]:
    tables = query(
        url,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        " AND tablename != 'alembic_version'",
    )
    found = {}
    for (table,) in tables:
        names = [
            name
            for (name,) in query(
                url,
                "SELECT column_name FROM information_schema.columns WHERE table_name = $1"
                " ORDER BY ordinal_position",
                table,
            )
        ]
        found[table] = by_column(names, query(url, f"SELECT * FROM {table}"))
    return found


def postgres_database(url: str, *, seeded: bool) -> str:
    async def migrate() -> None:
        db = await Database.open(url)
        await db.close()

    asyncio.run(migrate())
    for statement in SEED if seeded else []:
        query(url, statement)
    return url


def copy(source: str, target: str, capsys) -> tuple[int, list[str]]:
    code = main(["db", "copy", "--from", source, "--to", target])
    return code, capsys.readouterr().out.strip().splitlines()


def counts_in(lines: list[str]) -> dict[str, tuple[int, int]]:
    """The printed table: {table: (source, target)}."""
    found = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and all(part.replace(",", "").isdigit() for part in parts[1:3]):
            found[parts[0]] = (int(parts[1].replace(",", "")), int(parts[2].replace(",", "")))
    return found


def test_sqlite_to_sqlite_copies_every_row_and_prints_matching_counts(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    target = f"sqlite:///{tmp_path / 'to.db'}"
    code, lines = copy(source, target, capsys)
    assert code == 0, lines
    expected = sqlite_rows(tmp_path / "from.db")
    assert all(expected.values()), "the seed fills every table"
    assert sqlite_rows(tmp_path / "to.db") == expected
    counts = counts_in(lines)
    assert set(counts) == set(expected)
    assert all(counts[t] == (len(rows), len(rows)) for t, rows in expected.items())
    assert (
        lines[-1] == f"All {len(expected)} tables match: {sum(map(len, expected.values()))} rows."
    )


def test_a_target_that_holds_data_is_refused_and_left_alone(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    target = sqlite_database(tmp_path / "to.db", seeded=False)
    with contextlib.closing(sqlite3.connect(tmp_path / "to.db")) as conn, conn:
        conn.execute("INSERT INTO ops_state (key, value) VALUES ('mine', 'keep')")
    code, lines = copy(source, target, capsys)
    assert code == 1
    assert lines == [
        f"chapterbot db copy refused: {tmp_path / 'to.db'} already holds data "
        "(1 row in ops_state): "
        "copy into an empty database"
    ]
    assert sqlite_rows(tmp_path / "to.db")["ops_state"] == [("mine", "keep")]


def test_counts_that_differ_exit_1_and_keep_nothing(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    target = sqlite_database(tmp_path / "to.db", seeded=False)
    with contextlib.closing(sqlite3.connect(tmp_path / "to.db")) as conn, conn:
        conn.execute(  # a target that loses a row on the way
            "CREATE TRIGGER lose AFTER INSERT ON ops_state WHEN NEW.key = 'last_start'"
            " BEGIN DELETE FROM ops_state WHERE key = NEW.key; END"
        )
    code, lines = copy(source, target, capsys)
    assert code == 1
    assert lines[-1] == "The row counts differ: nothing was kept in the target."
    assert counts_in(lines)["ops_state"] == (2, 1)
    assert [line for line in lines if "differs" in line] == [
        line for line in lines if line.split()[0] == "ops_state"
    ]
    assert not any(sqlite_rows(tmp_path / "to.db").values()), "rolled back"


@pytest.mark.parametrize(
    ("source", "target", "said"),
    [
        (
            "sqlite:///{tmp}/none.db",
            "sqlite:///{tmp}/to.db",
            "there is no database at {tmp}/none.db",
        ),
        (
            "mysql://root:pw@host/x",
            "sqlite:///{tmp}/to.db",
            "mysql:// is not a database chapterbot knows: give sqlite:///path or "
            "postgresql://user:password@host:5432/dbname",
        ),
        (
            "sqlite:///{tmp}/from.db",
            "sqlite:///{tmp}/from.db",
            "the source and the target are the same database",
        ),
    ],
)
def test_wrong_places_are_refused_in_one_line(tmp_path, capsys, source, target, said):
    sqlite_database(tmp_path / "from.db", seeded=True)
    code, lines = copy(source.format(tmp=tmp_path), target.format(tmp=tmp_path), capsys)
    assert code == 1
    assert lines == [f"chapterbot db copy refused: {said.format(tmp=tmp_path)}"]
    assert not (tmp_path / "none.db").exists()


def test_a_running_bot_on_the_source_is_refused(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    running = InstanceLock(tmp_path / "from.db")
    running.acquire()
    try:
        code, lines = copy(source, f"sqlite:///{tmp_path / 'to.db'}", capsys)
    finally:
        running.release()
    assert code == 1
    assert lines == [
        f"chapterbot db copy refused: a chapterbot is running on {tmp_path / 'from.db'}: "
        "stop it first"
    ]


def test_sqlite_to_postgresql_and_back_keeps_every_row(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    expected = sqlite_rows_by_column(tmp_path / "from.db")
    with fresh_database("copy") as url:
        code, lines = copy(source, url, capsys)
        assert code == 0, lines
        assert postgres_rows_by_column(url) == expected
        assert counts_in(lines) == {t: (len(rows), len(rows)) for t, rows in expected.items()}
        # the ids go on after the copied ones (the identity sequences were moved)
        next_event = query(
            url,
            "INSERT INTO referral_events (referral_id, status, at) VALUES (1, 'open', 'now')"
            " RETURNING id",
        )
        assert next_event == [(4,)]
        query(url, "DELETE FROM referral_events WHERE id = 4")

        code, lines = copy(url, f"sqlite:///{tmp_path / 'back.db'}", capsys)
        assert code == 0, lines
    assert sqlite_rows_by_column(tmp_path / "back.db") == expected


def test_postgresql_to_sqlite_copies_every_table(tmp_path, capsys):
    with fresh_database("copy") as url:
        postgres_database(url, seeded=True)
        expected = postgres_rows_by_column(url)
        assert all(expected.values()), "the seed fills every table"
        code, lines = copy(url, f"sqlite:///{tmp_path / 'to.db'}", capsys)
    assert code == 0, lines
    assert sqlite_rows_by_column(tmp_path / "to.db") == expected
    assert (
        lines[-1] == f"All {len(expected)} tables match: {sum(map(len, expected.values()))} rows."
    )
    with contextlib.closing(sqlite3.connect(tmp_path / "to.db")) as conn, conn:
        added = conn.execute(
            "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
            " created_at, follow_up_due_at) VALUES (1, 101, 102, 'x', 'x', 'now', 'now')"
        )
        assert added.lastrowid == 6


def test_a_postgresql_target_with_data_or_a_running_bot_is_refused(tmp_path, capsys):
    source = sqlite_database(tmp_path / "from.db", seeded=True)
    with fresh_database("copy") as url:
        postgres_database(url, seeded=False)
        query(url, "INSERT INTO ops_state (key, value) VALUES ('mine', 'keep')")
        code, lines = copy(source, url, capsys)
        assert code == 1
        shown = url  # no password in it to hide
        assert lines == [
            f"chapterbot db copy refused: {shown} already holds data (1 row in ops_state): "
            "copy into an empty database"
        ]
        query(url, "DELETE FROM ops_state")

        async def lead() -> LeaderLock:
            lock = LeaderLock(url)
            assert await lock.try_acquire()
            return lock

        loop = asyncio.new_event_loop()
        try:
            lock = loop.run_until_complete(lead())
            code, lines = copy(source, url, capsys)
            loop.run_until_complete(lock.close())
        finally:
            loop.close()
        assert code == 1
        assert lines == [
            f"chapterbot db copy refused: a chapterbot is running on {shown}: stop it first"
        ]
        assert query(url, "SELECT count(*) FROM referrals") == [(0,)]
