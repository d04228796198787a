"""Everything a handler or a job may call, built once per application."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot

from bot.business.closing import ClosingService
from bot.business.stats import StatsService
from bot.business.summaries import SummarySweep
from bot.chapters.directory import MemberDirectory
from bot.chapters.export import Exporter
from bot.chapters.settings import ChapterSettings
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.followup.reminders import ReminderSweep
from bot.followup.steps import FollowUpService
from bot.referrals.lists import Overview
from bot.referrals.passing import ReferralService
from bot.tips.content import TipBook
from bot.tips.service import TipService
from bot.tips.tip import Tip
from storage.chapters import ChapterRepository
from storage.db import Database
from storage.export import ExportRepository
from storage.members import MemberRepository
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository
from storage.stats import StatsRepository
from storage.tips import TipRepository


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    chapters: ChapterRepository
    members: MemberRepository
    referrals: ReferralRepository
    reminders: ReminderRepository
    directory: MemberDirectory
    messenger: Messenger
    referral_service: ReferralService
    follow_ups: FollowUpService
    reminder_sweep: ReminderSweep
    overview: Overview
    tip_book: TipBook
    tip_service: TipService
    chapter_settings: ChapterSettings
    closing: ClosingService
    stats: StatsService
    exporter: Exporter
    summaries: SummarySweep

    def first_tip(self) -> Tip | None:
        return self.tip_book.tips[0] if self.tip_book.tips else None

    @classmethod
    def build(
        cls, settings: Settings, clock: Clock, db: Database, bot: Bot, tip_book: TipBook
    ) -> Services:
        chapters = ChapterRepository(db)
        members = MemberRepository(db)
        referrals = ReferralRepository(db)
        reminders = ReminderRepository(db)
        messenger = Messenger(bot, members)
        stats = StatsService(StatsRepository(db), members, settings, clock)
        return cls(
            settings=settings,
            clock=clock,
            db=db,
            chapters=chapters,
            members=members,
            referrals=referrals,
            reminders=reminders,
            directory=MemberDirectory(
                chapters, members, referrals, clock, settings.default_timezone
            ),
            messenger=messenger,
            referral_service=ReferralService(
                referrals, members, chapters, reminders, messenger, settings, clock
            ),
            follow_ups=FollowUpService(referrals, reminders, members, messenger, settings, clock),
            reminder_sweep=ReminderSweep(reminders, members, chapters, messenger, settings, clock),
            overview=Overview(referrals, members, chapters, clock),
            tip_book=tip_book,
            tip_service=TipService(tip_book, chapters, TipRepository(db), bot, clock),
            chapter_settings=ChapterSettings(chapters, settings, clock),
            stats=stats,
            exporter=Exporter(ExportRepository(db), clock),
            summaries=SummarySweep(chapters, stats, bot, settings, clock),
            closing=ClosingService(
                referrals, reminders, members, chapters, messenger, settings, clock
            ),
        )
