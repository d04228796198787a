"""The meeting feature's parts, built once and handed to the handlers as `services.meeting`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.meeting.board import CheckInBoard
from bot.meeting.closing import MeetingCloser
from bot.meeting.export import MeetingExporter
from bot.meeting.figures import MeetingFigures
from bot.meeting.roster import RosterService
from bot.meeting.service import MeetingService
from bot.meeting.sweep import MeetingSweep
from bot.meeting.visitors import VisitorService
from storage.attendance import AttendanceRepository
from storage.meetings import MeetingRepository
from storage.roster import RosterRepository
from storage.store import Store
from storage.substitutes import SubstituteRepository
from storage.visitors import VisitorRepository


@dataclass(eq=False)
class MeetingFeature:
    meetings: MeetingRepository
    attendance: AttendanceRepository
    visitor_rows: VisitorRepository
    service: MeetingService
    visitors: VisitorService
    roster: RosterService
    sweep: MeetingSweep
    figures: MeetingFigures
    exporter: MeetingExporter

    @classmethod
    def build(
        cls,
        settings: Settings,
        clock: Clock,
        store: Store,
        messenger: Messenger,
    ) -> MeetingFeature:
        """The meeting's own repositories over the store's database, and its services."""
        db, chapters, members = store.db, store.chapters, store.members
        meetings, roster = MeetingRepository(db), RosterRepository(db)
        attendance, visitor_rows = AttendanceRepository(db), VisitorRepository(db)
        substitutes = SubstituteRepository(db)
        board = CheckInBoard(meetings, roster, members, substitutes, chapters, messenger, clock)
        closer = MeetingCloser(
            meetings, roster, attendance, members, chapters, board, messenger, clock
        )
        visitors = VisitorService(visitor_rows, roster, meetings, members, messenger, clock)
        return cls(
            meetings=meetings,
            attendance=attendance,
            visitor_rows=visitor_rows,
            service=MeetingService(
                store.transaction, meetings, roster, substitutes, board, closer, visitors, clock
            ),
            visitors=visitors,
            roster=RosterService(roster, attendance, members, chapters, clock),
            sweep=MeetingSweep(
                meetings,
                visitor_rows,
                roster,
                members,
                chapters,
                board,
                closer,
                messenger,
                settings,
                clock,
            ),
            figures=MeetingFigures(attendance, visitor_rows, clock),
            exporter=MeetingExporter(attendance, visitor_rows, members, messenger, clock),
        )
