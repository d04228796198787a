"""The admins' CSV of a chapter's one-to-ones, testimonials and education credits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock
from bot.core.csv_export import ExportFile, csv_file, export_filename, member_names
from bot.core.messenger import Messenger
from bot.i18n import N_
from bot.texts import export as export_texts
from bot.texts import scorecard_stats as texts
from storage.members import MemberRepository
from storage.one_to_ones import OneToOneRepository
from storage.recognition import RecognitionRepository
from storage.records import Chapter
from storage.timestamps import to_db

ACTIVITY_COLUMNS = [
    N_("kind"),
    N_("id"),
    N_("at_utc"),
    N_("day"),
    N_("member_id"),
    N_("member"),
    N_("other_id"),
    N_("other"),
    N_("status"),
    N_("text"),
]


@dataclass(frozen=True, slots=True)
class _Activity:
    """One line of the file: a one-to-one, a testimonial or an education credit."""

    kind: str
    id: int
    at: datetime
    day: str
    member_id: int
    other_id: int | None
    status: str
    text: str

    def row(self, names: dict[int, str], words: dict[str, str]) -> list[object]:
        """The line's cells; `words`: the coded values in the admin's language."""
        other = names.get(self.other_id, "") if self.other_id else ""
        return [
            words.get(self.kind, self.kind),
            self.id,
            to_db(self.at),
            self.day,
            self.member_id,
            names.get(self.member_id, ""),
            self.other_id or "",
            other,
            words.get(self.status, self.status),
            self.text,
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
        activities = await self._activities(chapter)
        names = await member_names(
            self.members,
            [a.member_id for a in activities] + [a.other_id for a in activities if a.other_id],
        )
        filename = export_filename(chapter, "activity", self.clock.now())
        words = export_texts.cell_words()
        return csv_file(filename, ACTIVITY_COLUMNS, [a.row(names, words) for a in activities])

    async def _activities(self, chapter: Chapter) -> list[_Activity]:
        one_to_ones = await self.one_to_ones.of_chapter(chapter.id)
        testimonials = await self.recognition.testimonials(chapter.id)
        credits = await self.recognition.credits(chapter.id)
        return [
            *(
                _Activity(
                    "one_to_one",
                    o.id,
                    o.created_at,
                    o.met_on.isoformat(),
                    o.logged_by,
                    o.partner_id,
                    o.status.value,
                    o.note or "",
                )
                for o in one_to_ones
            ),
            *(
                _Activity(
                    "testimonial", t.id, t.created_at, "", t.writer_id, t.subject_id, "", t.text
                )
                for t in testimonials
            ),
            *(
                _Activity(
                    "credit",
                    c.id,
                    c.earned_at,
                    c.local_day.isoformat(),
                    c.user_id,
                    None,
                    c.kind.value,
                    c.note or c.tip_week or "",
                )
                for c in credits
            ),
        ]
