"""The admins' CSV files of a chapter's attendance and visitors (visitors' contact details are
only ever here, sent privately to an admin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock
from bot.core.csv_export import ExportFile, csv_file, export_filename, member_names
from bot.core.messenger import Messenger
from bot.i18n import N_
from bot.texts import export as export_texts
from bot.texts import meeting_stats as texts
from storage.attendance import AttendanceRepository
from storage.members import MemberRepository
from storage.records import Chapter
from storage.timestamps import to_db
from storage.visitors import Visitor, VisitorRepository

ATTENDANCE_COLUMNS = [
    N_("meeting"),
    N_("meeting_at_utc"),
    N_("member_id"),
    N_("member"),
    N_("mark"),
]
VISITOR_COLUMNS = [
    N_("visitor"),
    N_("invited_at_utc"),
    N_("inviter_id"),
    N_("inviter"),
    N_("name"),
    N_("business"),
    N_("phone"),
    N_("email"),
    N_("as_written"),
    N_("came_at_utc"),
    N_("follow_up"),
    N_("follow_up_at_utc"),
    N_("joined_at_utc"),
]


def _time(moment: datetime | None) -> str:
    return to_db(moment) if moment else ""


def _visitor_row(visitor: Visitor, names: dict[int, str], words: dict[str, str]) -> list[object]:
    return [
        f"V{visitor.id}",
        _time(visitor.invited_at),
        visitor.inviter_id,
        names.get(visitor.inviter_id, ""),
        visitor.name,
        visitor.business,
        visitor.phone,
        visitor.email,
        visitor.details,
        _time(visitor.came_at),
        words.get(visitor.outcome, visitor.outcome) if visitor.outcome else "",
        _time(visitor.outcome_at),
        _time(visitor.joined_at),
    ]


@dataclass(eq=False)
class MeetingExporter:
    attendance: AttendanceRepository
    visitors: VisitorRepository
    members: MemberRepository
    messenger: Messenger
    clock: Clock

    async def send(self, chapter: Chapter, admin_id: int) -> bool:
        """Both files in the admin's private chat (after the referrals' file went there)."""
        attendance = await self.attendance_csv(chapter)
        visitors = await self.visitors_csv(chapter)
        for export, caption in (
            (attendance, texts.attendance_caption(chapter.title, attendance.rows)),
            (visitors, texts.visitors_caption(chapter.title, visitors.rows)),
        ):
            if not await self.messenger.document_to_member(
                admin_id, export.filename, export.content, caption
            ):
                return False
        return True

    def _file(self, chapter: Chapter, kind: str, header: list[str], rows: list[list]) -> ExportFile:
        return csv_file(export_filename(chapter, kind, self.clock.now()), header, rows)

    async def attendance_csv(self, chapter: Chapter) -> ExportFile:
        marks = await self.attendance.all_marks(chapter.id)
        names = await member_names(self.members, (user_id for _, _, user_id, _ in marks))
        words = export_texts.cell_words()  # the admin's language
        rows = [
            [meeting_id, to_db(at), user_id, names.get(user_id, ""), words.get(mark, mark)]
            for meeting_id, at, user_id, mark in marks
        ]
        return self._file(chapter, "attendance", ATTENDANCE_COLUMNS, rows)

    async def visitors_csv(self, chapter: Chapter) -> ExportFile:
        visitors = await self.visitors.all_of(chapter.id)
        names = await member_names(self.members, (visitor.inviter_id for visitor in visitors))
        words = export_texts.cell_words()
        rows = [_visitor_row(visitor, names, words) for visitor in visitors]
        return self._file(chapter, "visitors", VISITOR_COLUMNS, rows)
