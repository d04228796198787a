"""`chapterbot db copy`: every row of one database into another, SQLite or PostgreSQL either way.

The target's schema is the bot's current one (the caller migrates it first); the source must
have the same tables and columns. Rows go in foreign-key order, in batches, in ONE transaction
on the target: a copy that fails or whose counts don't match leaves the target as it was.
PostgreSQL's identity sequences are moved past the copied ids afterwards, so the next referral
gets the next number.
"""

from __future__ import annotations

import decimal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, MetaData, Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

BATCH = 2_000  # rows per INSERT round trip
# Tables that are not the bot's data: the migrator's bookkeeping, SQLite's own.
_NOT_DATA = ("alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4")


class CopyRefused(Exception):
    """The copy can't start; the message says why in one line."""


class CountsDiffer(Exception):
    """The target's counts don't match the source's after copying (nothing was kept)."""

    def __init__(self, counts: list[TableCount]) -> None:
        super().__init__("the row counts differ")
        self.counts = counts


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    source: int
    target: int


def _data_tables(sync_conn: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(sync_conn)
    for name in _NOT_DATA:
        if name in metadata.tables:
            metadata.remove(metadata.tables[name])
    return metadata


async def reflect(conn: AsyncConnection) -> MetaData:
    """The bot's tables as the database has them, columns and foreign keys included."""
    return await conn.run_sync(_data_tables)


async def counts(conn: AsyncConnection, tables: Sequence[Table]) -> dict[str, int]:
    found = {}
    for table in tables:
        found[table.name] = int(await conn.scalar(select(func.count()).select_from(table)) or 0)
    return found


async def rows_in(engine: AsyncEngine) -> dict[str, int]:
    """Each table's row count (tables that exist; none in a new database)."""
    async with engine.connect() as conn:
        metadata = await reflect(conn)
        return await counts(conn, metadata.sorted_tables)


def _same_shape(source: MetaData, target: MetaData) -> None:
    """Refuse a source whose tables or columns are not the target's (another version)."""
    for name, table in target.tables.items():
        if name not in source.tables:
            raise CopyRefused(f"the source has no table {name}: {_UPGRADE}")
        missing = {c.name for c in table.columns} ^ {c.name for c in source.tables[name].columns}
        if missing:
            raise CopyRefused(
                f"the columns of {name} differ ({', '.join(sorted(missing))}): {_UPGRADE}"
            )
    extra = sorted(set(source.tables) - set(target.tables))
    if extra:
        raise CopyRefused(f"the source has tables this version doesn't know ({', '.join(extra)})")


_UPGRADE = "it was made by another version of chapterbot; start this version once on it first"


def _plain(value: Any) -> Any:
    """A value either engine takes: PostgreSQL's NUMERIC and booleans as SQLite has them."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


async def copy_rows(
    source: AsyncEngine,
    target: AsyncEngine,
    *,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> list[TableCount]:
    """Copy every row; the target must hold the current schema and no rows. Returns the counts
    of both sides per table; raises CountsDiffer (target rolled back) when they don't match."""
    async with source.connect() as src, target.connect() as dst:
        if src.dialect.name == "postgresql":  # one snapshot of every table
            await src.execution_options(isolation_level="REPEATABLE READ")
        async with src.begin(), dst.begin():
            source_tables, target_tables = await reflect(src), await reflect(dst)
            _same_shape(source_tables, target_tables)
            ordered = target_tables.sorted_tables  # parents before children
            held = {name: rows for name, rows in (await counts(dst, ordered)).items() if rows}
            if held:
                raise CopyRefused(f"the target already holds data ({rows_listed(held)})")
            before = await counts(src, ordered)
            for table in ordered:
                await _copy_table(src, dst, source_tables.tables[table.name], table, batch)
                if progress is not None:
                    progress(table.name, before[table.name])
            if dst.dialect.name == "postgresql":
                await _reset_sequences(dst, ordered)
            after = await counts(dst, ordered)
            result = [TableCount(t.name, before[t.name], after[t.name]) for t in ordered]
            if any(count.source != count.target for count in result):
                raise CountsDiffer(result)  # leaving `begin()` by an exception rolls back
    return result


async def _copy_table(
    src: AsyncConnection, dst: AsyncConnection, source: Table, target: Table, batch: int
) -> None:
    names = [column.name for column in target.columns]
    order = list(target.primary_key.columns) or list(target.columns)
    query = select(*(source.columns[name] for name in names)).order_by(
        *(source.columns[column.name] for column in order)
    )
    write = await _writer(dst, target, names)
    convert = src.dialect.name == "postgresql"  # SQLite's values suit either engine as they are
    result = await src.stream(query)
    async for rows in result.partitions(batch):
        await write([tuple(map(_plain, row)) if convert else tuple(row) for row in rows])


async def _writer(
    dst: AsyncConnection, target: Table, names: list[str]
) -> Callable[[list[tuple[Any, ...]]], Awaitable[object]]:
    """How a batch goes in: PostgreSQL's COPY (in the open transaction), or one SQLite
    statement run for every row."""
    if dst.dialect.name == "postgresql":
        raw = await dst.get_raw_connection()
        driver: Any = raw.driver_connection

        async def copy_in(rows: list[tuple[Any, ...]]) -> object:
            return await driver.copy_records_to_table(target.name, records=rows, columns=names)

        return copy_in
    quote = dst.dialect.identifier_preparer.quote
    insert = (
        f"INSERT INTO {quote(target.name)} ({', '.join(map(quote, names))})"
        f" VALUES ({', '.join('?' for _ in names)})"
    )

    async def insert_all(rows: list[tuple[Any, ...]]) -> object:
        return await dst.exec_driver_sql(insert, rows)

    return insert_all


async def _reset_sequences(dst: AsyncConnection, tables: Sequence[Table]) -> None:
    """Identity columns continue after the highest copied id (explicit ids don't move them)."""
    for table in tables:
        for column in table.primary_key.columns:
            sequence = await dst.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence is None:
                continue
            highest = await dst.scalar(select(func.max(column)))
            await dst.execute(
                text("SELECT setval(CAST(:sequence AS regclass), :next, false)"),
                {"sequence": sequence, "next": int(highest or 0) + 1},
            )


def rows_listed(counts_by_table: dict[str, int]) -> str:
    """`1 row in ops_state, 3 in referrals`: where a database holds rows."""
    shown = [f"{count:,} in {table}" for table, count in sorted(counts_by_table.items())]
    shown[0] = shown[0].replace(" in ", " row in " if shown[0].startswith("1 ") else " rows in ", 1)
    more = f", and {len(shown) - 4} more tables" if len(shown) > 4 else ""
    return ", ".join(shown[:4]) + more
