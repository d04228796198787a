"""One `chapterbot run` per SQLite file: a second one would poll Telegram against the first
(each knocking the other off with 409 Conflict) and sweep twice.

The running bot holds an exclusive `flock` on `<database>.lock` for its whole life. The kernel
drops the lock when the process ends, however it ends (SIGKILL included), so there is never a
stale lock to clean up; the empty file itself stays, harmlessly.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class AlreadyRunning(Exception):
    """Another process holds the database's lock."""


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Hold the lock until `release` or the process's end; AlreadyRunning if taken."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(
                f"another chapterbot is already running on {self.database} "
                f"(it holds {self.path}); stop it first, or use PostgreSQL to run two "
                "(see README)"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    def is_held_elsewhere(self) -> bool:
        """Whether a running bot holds the lock (for commands that need the bot stopped)."""
        try:
            self.acquire()
        except AlreadyRunning:
            return True
        except FileNotFoundError:  # no folder: no bot there either
            return False
        self.release()
        return False
