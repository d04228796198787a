"""The admins' CSV of a chapter's one-to-ones, testimonials and education credits."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.csv_export import ExportFile, csv_file, export_filename, member_names
from bot.core.messenger import Messenger
from bot.texts import scorecard_stats as texts
from storage.members import MemberRepository
from storage.one_to_ones import OneToOneRepository
from storage.recognition import RecognitionRepository
from storage.records import Chapter
from storage.timestamps import to_db

ACTIVITY_COLUMNS = [
    "kind",
    "id",
    "at_utc",
    "day",
    "member_id",
    "member",
    "other_id",
    "other",
    "status",
    "text",
]


@dataclass(eq=False)
class ActivityExporter:
    one_to_ones: OneToOneRepository
    recognition: RecognitionRepository
    members: MemberRepository
    messenger: Messenger
    clock: Clock

    async def send(self, chapter: Chapter, admin_id: int) -> bool:
        """The file in the admin's private chat (after the referrals' file went there)."""
        export = await self.activity_csv(chapter)
        caption = texts.activity_caption(chapter.title, export.rows)
        return await self.messenger.document_to_member(
            admin_id, export.filename, export.content, caption
        )

    async def activity_csv(self, chapter: Chapter) -> ExportFile:
        rows = await self._rows(chapter)
        names = await member_names(
            self.members, [row[4] for row in rows] + [row[6] for row in rows if row[6]]
        )
        for row in rows:
            row[5], row[7] = names.get(row[4], ""), names.get(row[6], "") if row[6] else ""
        filename = export_filename(chapter, "activity", self.clock.now())
        return csv_file(filename, ACTIVITY_COLUMNS, rows)

    async def _rows(self, chapter: Chapter) -> list[list]:
        rows: list[list] = []
        for o in await self.one_to_ones.of_chapter(chapter.id):
            rows.append(
                [
                    "one_to_one",
                    o.id,
                    to_db(o.created_at),
                    o.met_on.isoformat(),
                    o.logged_by,
                    "",
                    o.partner_id,
                    "",
                    o.status.value,
                    o.note or "",
                ]
            )
        for t in await self.recognition.testimonials(chapter.id):
            rows.append(
                [
                    "testimonial",
                    t.id,
                    to_db(t.created_at),
                    "",
                    t.writer_id,
                    "",
                    t.subject_id,
                    "",
                    "",
                    t.text,
                ]
            )
        for c in await self.recognition.credits(chapter.id):
            rows.append(
                [
                    "credit",
                    c.id,
                    to_db(c.earned_at),
                    c.local_day.isoformat(),
                    c.user_id,
                    "",
                    "",
                    "",
                    c.kind.value,
                    c.note or c.tip_week or "",
                ]
            )
        return rows
