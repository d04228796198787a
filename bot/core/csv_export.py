"""The admins' CSV files, one way: how a file is named, how a cell is kept from running as a
formula, how a small file is written, and the members' names its rows show.

The referrals' file is streamed to a temporary file from a worker thread (bot/chapters/export.py);
the meeting's and the scorecard's files are small and written here in memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO
from zoneinfo import ZoneInfo

from bot.i18n import _, pgettext
from storage.members import MemberRepository
from storage.records import Chapter

_FORMULA_START = re.compile(r"^[=@\t\r]|^[+-][^\d\s]")


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    content: bytes | BinaryIO  # the referrals' export is a temporary file: close it after use
    rows: int


def safe_cell(value: object) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA_START.match(text) else text


def _slug(title: str) -> str:
    """`Riverside Chapter` -> `riverside-chapter`, `Отделение Алматы` -> `отделение-алматы`:
    letters of any script kept (a Russian chapter's file is not `chapter-...`)."""
    return re.sub(r"[\W_]+", "-", title).strip("-").lower()


def _kind_word(kind: str) -> str:
    """What the file holds, as one word of the reader's language."""
    words = {
        # Translators: a word of an exported file's name, as in
        # riverside-chapter-referrals-2026-11-23.csv (one word, or words joined by -).
        "referrals": pgettext("file name", "referrals"),
        # Translators: a word of an exported file's name (riverside-chapter-attendance-....csv).
        "attendance": pgettext("file name", "attendance"),
        # Translators: a word of an exported file's name (riverside-chapter-visitors-....csv).
        "visitors": pgettext("file name", "visitors"),
        # Translators: a word of an exported file's name (riverside-chapter-activity-....csv):
        # one-to-ones, testimonials and education credits.
        "activity": pgettext("file name", "activity"),
    }
    return _slug(words.get(kind, kind))


def export_filename(chapter: Chapter, kind: str, now: datetime) -> str:
    """riverside-chapter-referrals-2026-11-23.csv: the chapter, the kind (in the reader's
    language: grupo-retiro-referencias-2026-11-23.csv), its local date."""
    local_date = now.astimezone(ZoneInfo(chapter.timezone)).date()
    words = [_slug(chapter.title), _kind_word(kind), local_date.isoformat()]
    return "-".join(word for word in words if word) + ".csv"


def csv_file(filename: str, header: Sequence[str], rows: Sequence[Iterable[object]]) -> ExportFile:
    """A small CSV in memory, every cell made safe (UTF-8 with a BOM, as spreadsheets expect);
    `header`: the columns' msgids (N_), written in the reader's language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_(column) for column in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return ExportFile(filename, buffer.getvalue().encode("utf-8-sig"), len(rows))


async def member_names(members: MemberRepository, user_ids: Iterable[int]) -> dict[int, str]:
    """The full name of each member the bot knows among `user_ids` (the rest are left out)."""
    names = {}
    for user_id in set(user_ids):
        member = await members.get(user_id)
        if member is not None:
            names[user_id] = member.full_name
    return names
