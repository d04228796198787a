"""The admins' CSV export of a chapter's referrals, with every field and the follow-up history."""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from dataclasses import dataclass
from typing import BinaryIO

from bot.core.callback_data import AskAgain
from bot.core.clock import Clock
from bot.core.csv_export import ExportFile, export_filename, safe_cell
from bot.core.messenger import Messenger
from bot.core.result import Done, Reason, Result, refused
from bot.i18n import N_, _
from bot.referrals.status import INITIAL
from bot.texts import export as texts
from storage.export import ExportRepository, ExportSnapshot, HistoryLine
from storage.records import Chapter, Referral
from storage.timestamps import to_db

CSV_COLUMNS = [
    N_("referral"),
    N_("passed_at_utc"),
    N_("giver_id"),
    N_("giver"),
    N_("receiver_id"),
    N_("receiver"),
    N_("prospect_name"),
    N_("phone"),
    N_("email"),
    N_("prospect_text"),
    N_("how_hot"),
    N_("inside_outside"),
    N_("status"),
    N_("follow_up_due_utc"),
    N_("first_follow_up_utc"),
    N_("closed_at_utc"),
    N_("amount"),
    N_("currency"),
    N_("history"),
]


def _history(lines: list[HistoryLine], words: dict[str, str]) -> str:
    return "; ".join(
        texts.history_step(
            words.get(line.status, line.status), to_db(line.at), line.by_user_id, line.note
        )
        for line in lines
    )


def _row(
    referral: Referral, names: dict[int, str], history: list[HistoryLine], words: dict[str, str]
) -> list[str]:
    """One referral's cells; `words`: the coded values in the admin's language."""
    first_follow_up = next((h.at for h in history if h.status != INITIAL), None)
    receiver = names.get(referral.receiver_id or 0) or texts.pending_receiver(
        referral.receiver_username or ""
    )
    inside = {True: words["inside"], False: words["outside"], None: ""}[referral.inside]
    values = [
        referral.id,
        to_db(referral.created_at),
        referral.giver_id,
        names.get(referral.giver_id, ""),
        referral.receiver_id or "",
        receiver,
        referral.prospect_name,
        referral.phone,
        referral.email,
        referral.prospect,
        referral.how_hot or "",
        inside,
        words.get(referral.status, referral.status),
        to_db(referral.follow_up_due_at),
        to_db(first_follow_up) if first_follow_up else "",
        to_db(referral.closed_at) if referral.closed_at else "",
        f"{referral.amount_cents / 100:.2f}" if referral.amount_cents is not None else "",
        referral.currency or "",
        _history(history, words),
    ]
    return [safe_cell(value) for value in values]


@dataclass(eq=False)
class Exporter:
    export: ExportRepository
    messenger: Messenger
    clock: Clock

    async def send(self, chapter: Chapter, admin_id: int) -> Result[None]:
        """The chapter's CSV in the admin's private chat, never in the group."""
        export = await self.chapter_csv(chapter)
        caption = texts.caption(chapter.title, export.rows)
        try:
            delivered = await self.messenger.document_to_member(
                admin_id, export.filename, export.content, caption
            )
        finally:
            if not isinstance(export.content, bytes):
                export.content.close()
        if delivered:
            return Done(None)
        return refused(Reason.EXPORT_UNDELIVERABLE, link=self.messenger.deep_link(AskAgain.EXPORT))

    async def chapter_csv(self, chapter: Chapter) -> ExportFile:
        """The CSV, written to a temporary file by a worker thread reading its own snapshot of
        the database: a chapter of 50,000 referrals neither holds the event loop nor memory."""
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `send`, after the upload)
        try:
            rows = await asyncio.to_thread(_write_csv, self.export.snapshot(chapter.id), spool)
        except BaseException:
            spool.close()
            raise
        return ExportFile(export_filename(chapter, "referrals", self.clock.now()), spool, rows)


def _write_csv(snapshot: ExportSnapshot, spool: BinaryIO) -> int:
    """In a worker thread: every referral, one row at a time, into `spool`. Returns the count."""
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    rows = 0
    with snapshot:
        names, words = snapshot.names(), texts.cell_words()  # the admin's language
        writer = csv.writer(text)
        writer.writerow([_(column) for column in CSV_COLUMNS])
        for referral, history in snapshot.referrals():
            writer.writerow(_row(referral, names, history, words))
            rows += 1
    text.flush()
    text.detach()  # leave the file open for the upload
    spool.seek(0)
    return rows
