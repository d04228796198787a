"""`chapterbot backup PATH`: a consistent copy of the database, taken while the bot runs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    pass


def backup_database(source: Path, target: Path) -> int:
    """Copy with SQLite's online backup (safe beside a running writer); returns the size."""
    if not source.exists():
        raise BackupError(f"there is no database at {source}")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    partial = target.with_name(target.name + ".partial")
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src,
        sqlite3.connect(partial) as dst,
    ):
        src.backup(dst)
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {ok}")
    os.replace(partial, target)
    return target.stat().st_size
