"""The scorecard feature's services, built in one place and reached as `services.scorecard`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.scorecard.cards import Cards
from bot.scorecard.delivery import ChartPainter
from bot.scorecard.export import ActivityExporter
from bot.scorecard.figures import ActivityStats
from bot.scorecard.monthly import MonthlyCards
from bot.scorecard.one_to_ones import OneToOneService
from bot.scorecard.recognition import RecognitionService
from bot.scorecard.reminders import OneToOneReminders
from bot.scorecard.service import ScorecardService
from storage.attendance import AttendanceRepository
from storage.chapters import ChapterRepository
from storage.db import Database
from storage.members import MemberRepository
from storage.one_to_ones import OneToOneRepository
from storage.recognition import RecognitionRepository
from storage.scorecard import ScorecardRepository
from storage.stats import StatsRepository
from storage.tips import TipRepository
from storage.visitors import VisitorRepository


@dataclass(eq=False)
class ScorecardFeature:
    one_to_ones: OneToOneService  # /121, its buttons, /dancecard
    recognition: RecognitionService  # /testimonial, /ceu, the tip's credit button
    scores: ScorecardService  # figures, points, colours; /settings score
    cards: Cards  # /scorecard: text and chart
    monthly: MonthlyCards  # job: the monthly cards
    reminders: OneToOneReminders  # job: the 72-hour reminder
    stats: ActivityStats  # what /stats and /stats me add
    exporter: ActivityExporter  # what /export adds

    @classmethod
    def build(
        cls, settings: Settings, clock: Clock, db: Database, messenger: Messenger
    ) -> ScorecardFeature:
        members, chapters = MemberRepository(db), ChapterRepository(db)
        one_to_ones, recognition = OneToOneRepository(db), RecognitionRepository(db)
        scorecards = ScorecardRepository(db)
        scores = ScorecardService(
            scorecards,
            one_to_ones,
            recognition,
            StatsRepository(db),
            members,
            AttendanceRepository(db),
            VisitorRepository(db),
            clock,
        )
        cards = Cards(scores, ChartPainter(), messenger, settings)
        return cls(
            one_to_ones=OneToOneService(one_to_ones, members, chapters, scores, messenger, clock),
            recognition=RecognitionService(
                recognition, members, chapters, TipRepository(db), messenger, clock
            ),
            scores=scores,
            cards=cards,
            monthly=MonthlyCards(scorecards, chapters, cards, clock),
            reminders=OneToOneReminders(one_to_ones, members, messenger, clock),
            stats=ActivityStats(one_to_ones, recognition, clock),
            exporter=ActivityExporter(one_to_ones, recognition, members, messenger, clock),
        )

    def close(self) -> None:
        self.cards.painter.close()
