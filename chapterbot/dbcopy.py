"""`chapterbot db copy --from URL --to URL`: move a chapter's whole database to another engine
(SQLite to PostgreSQL, or back) while the bot is stopped.

It refuses, with one line saying why, when a bot runs on either database, when the target
already holds data, or when the source is from another version; otherwise it migrates the
target's schema, copies every table in one transaction (storage/copy.py) and prints both sides'
row counts per table. Exit 0 when they all match, 1 otherwise (the target is then left as it was).
"""

from __future__ import annotations

import logging
import os
import urllib.parse
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from chapterbot.single_instance import InstanceLock
from storage.copy import (
    CopyRefused,
    CountsDiffer,
    TableCount,
    copy_rows,
    rows_in,
    rows_listed,
)
from storage.db import DatabaseUnavailable, Target
from storage.leader import lock_is_taken
from storage.schema import migrate


def _engine(target: Target, *, read_only: bool = False) -> AsyncEngine:
    path = target.path
    if path is None:
        return create_async_engine(target.driver_url(), poolclass=NullPool)
    if read_only:  # never creates (or writes) the source by mistake
        uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro&uri=true"
        return create_async_engine(f"sqlite+aiosqlite:///{uri}", poolclass=NullPool)
    return create_async_engine(target.driver_url(), poolclass=NullPool)


async def _bot_running(target: Target) -> bool:
    path = target.path
    if path is None:
        return await lock_is_taken(target.url)
    return InstanceLock(path).is_held_elsewhere()


async def copy_database(source_url: str, target_url: str, out: TextIO) -> int:
    try:
        source, target = _place(source_url), _place(target_url)
        counts = await _copy(source, target)
    except (CopyRefused, DatabaseUnavailable) as exc:
        print(f"chapterbot db copy refused: {exc}", file=out)
        return 1
    except CountsDiffer as exc:
        print(_table(exc.counts), file=out)
        print("The row counts differ: nothing was kept in the target.", file=out)
        return 1
    except (SQLAlchemyError, OSError) as exc:
        print(f"chapterbot db copy failed: {_reason(exc)}", file=out)
        return 1
    print(f"Copied {source.shown()} to {target.shown()}.", file=out)
    print(_table(counts), file=out)
    total = sum(count.target for count in counts)
    print(f"All {len(counts)} tables match: {total:,} rows.", file=out)
    return 0


def _place(url: str) -> Target:
    """A URL (or a bare SQLite path); the refusal names only the scheme (no password)."""
    try:
        target = Target.parse(url)
    except DatabaseUnavailable:
        scheme = url.split("://", 1)[0]
        raise CopyRefused(
            f"{scheme}:// is not a database chapterbot knows: give sqlite:///path or "
            "postgresql://user:password@host:5432/dbname"
        ) from None
    if not target.dialect.is_postgresql and target.path is None:
        raise CopyRefused("an in-memory SQLite database can't be copied")
    return target


async def _copy(source: Target, target: Target) -> list[TableCount]:
    if source.url == target.url or (source.path and source.path == target.path):
        raise CopyRefused("the source and the target are the same database")
    source_path = source.path
    if source_path is not None and not source_path.is_file():
        raise CopyRefused(f"there is no database at {source_path}")
    for place in (source, target):
        if await _bot_running(place):
            raise CopyRefused(f"a chapterbot is running on {place.shown()}: stop it first")
    source_engine, target_engine = _engine(source, read_only=True), _engine(target)
    try:
        held = {table: rows for table, rows in (await rows_in(target_engine)).items() if rows}
        if held:
            raise CopyRefused(
                f"{target.shown()} already holds data ({rows_listed(held)}): "
                "copy into an empty database"
            )
        logging.getLogger("storage.schema").setLevel(logging.WARNING)  # no "Applying ..." lines
        await migrate(target_engine)  # the schema of this version, as `chapterbot run` makes it
        return await copy_rows(source_engine, target_engine)
    finally:
        await source_engine.dispose()
        await target_engine.dispose()


def _table(counts: list[TableCount]) -> str:
    width = max([len("table"), *(len(count.table) for count in counts)])
    lines = [f"  {'table':<{width}}  {'source':>10}  {'target':>10}"]
    for count in counts:
        differs = "" if count.source == count.target else "  <- differs"
        lines.append(f"  {count.table:<{width}}  {count.source:>10,}  {count.target:>10,}{differs}")
    return "\n".join(lines)


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return f"{type(original).__name__}: {original}".splitlines()[0]
