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
from dataclasses import dataclass
from pathlib import Path
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
from storage.db import Database
from storage.leader import asyncpg_url, lock_is_taken


@dataclass(frozen=True, slots=True)
class Place:
    """One side of the copy: a SQLite file or a PostgreSQL database."""

    url: str

    @classmethod
    def parse(cls, url: str) -> Place:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in ("sqlite", "postgresql", "postgres"):
            raise CopyRefused(f"{_shown(url)} is not a sqlite:/// or postgresql:// URL")
        return cls(url)

    @property
    def path(self) -> Path | None:
        if not self.url.lower().startswith("sqlite://"):
            return None
        return Path(self.url.split("://", 1)[1][1:].split("?", 1)[0])

    def engine(self, *, read_only: bool = False) -> AsyncEngine:
        path = self.path
        if path is None:
            return create_async_engine(asyncpg_url(self.url), poolclass=NullPool)
        if read_only:  # never creates (or writes) the source by mistake
            uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro&uri=true"
            return create_async_engine(f"sqlite+aiosqlite:///{uri}", poolclass=NullPool)
        return create_async_engine(f"sqlite+aiosqlite:///{path}", poolclass=NullPool)

    async def bot_running(self) -> bool:
        path = self.path
        if path is None:
            return await lock_is_taken(self.url)
        return InstanceLock(path).is_held_elsewhere()

    def __str__(self) -> str:
        return _shown(self.url)


def _shown(url: str) -> str:
    """The URL without its password."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


async def copy_database(source_url: str, target_url: str, out: TextIO) -> int:
    try:
        source, target = Place.parse(source_url), Place.parse(target_url)
        counts = await _copy(source, target)
    except CopyRefused as exc:
        print(f"chapterbot db copy refused: {exc}", file=out)
        return 1
    except CountsDiffer as exc:
        print(_table(exc.counts), file=out)
        print("The row counts differ: nothing was kept in the target.", file=out)
        return 1
    except (SQLAlchemyError, OSError) as exc:
        print(f"chapterbot db copy failed: {_reason(exc)}", file=out)
        return 1
    print(f"Copied {source} to {target}.", file=out)
    print(_table(counts), file=out)
    total = sum(count.target for count in counts)
    print(f"All {len(counts)} tables match: {total:,} rows.", file=out)
    return 0


async def _copy(source: Place, target: Place) -> list[TableCount]:
    if source.url == target.url:
        raise CopyRefused("the source and the target are the same database")
    source_path = source.path
    if source_path is not None and not source_path.is_file():
        raise CopyRefused(f"there is no database at {source_path}")
    for place in (source, target):
        if await place.bot_running():
            raise CopyRefused(f"a chapterbot is running on {place}: stop it first")
    source_engine, target_engine = source.engine(read_only=True), target.engine()
    try:
        held = {table: rows for table, rows in (await rows_in(target_engine)).items() if rows}
        if held:
            raise CopyRefused(
                f"{target} already holds data ({rows_listed(held)}): copy into an empty database"
            )
        await _migrate(target)
        return await copy_rows(source_engine, target_engine)
    finally:
        await source_engine.dispose()
        await target_engine.dispose()


async def _migrate(target: Place) -> None:
    """The target's schema brought to this version's, as `chapterbot run` would."""
    logging.getLogger("storage.db").setLevel(logging.WARNING)  # no "Applying migration" lines
    db = await Database.open(target.path or target.url)
    await db.close()


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
