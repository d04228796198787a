"""Wiring by name, in one place: each service gets the repositories, the unit of work and the
messenger it needs, and nothing else."""

from __future__ import annotations

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
from bot.core.outbox import Outbox
from bot.followup.reminders import ReminderSweep
from bot.followup.steps import FollowUpService
from bot.meeting.feature import MeetingFeature
from bot.referrals.form_state import ReferralForms
from bot.referrals.lists import ReferralLists
from bot.referrals.passing import ReferralService
from bot.scorecard.feature import ScorecardFeature
from bot.services import Services
from bot.tips.content import TipBook
from bot.tips.service import TipService
from storage.db import Database
from storage.store import Store


def build_services(
    settings: Settings, clock: Clock, db: Database, bot: Bot, tip_book: TipBook
) -> Services:
    store = Store.over(db)
    uow, chapters, members = store.transaction, store.chapters, store.members
    referrals, reminders = store.referrals, store.reminders
    messenger = Messenger(bot, members, chapters)
    outbox = Outbox(store.outbox, messenger, chapters, settings, clock)
    directory = MemberDirectory(chapters, members, referrals, clock, settings.default_timezone)
    stats = StatsService(store.stats, members, directory, settings, clock)
    meeting = MeetingFeature.build(settings, clock, store, messenger)
    return Services(
        settings=settings,
        clock=clock,
        store=store,
        messenger=messenger,
        outbox=outbox,
        directory=directory,
        referrals=ReferralService(
            uow,
            referrals,
            members,
            chapters,
            reminders,
            messenger,
            outbox,
            store.forms,
            settings,
            clock,
        ),
        forms=ReferralForms(store.forms, clock),
        lists=ReferralLists(referrals, members, chapters, settings, clock),
        followup=FollowUpService(
            uow, referrals, reminders, members, messenger, outbox, settings, clock
        ),
        reminder_sweep=ReminderSweep(
            reminders, members, chapters, messenger, settings, clock, outbox, uow
        ),
        closing=ClosingService(
            uow, referrals, reminders, members, chapters, messenger, outbox, settings, clock
        ),
        stats=stats,
        summaries=SummarySweep(chapters, stats, meeting.figures, messenger, clock),
        export=Exporter(store.export, messenger, clock),
        chapter_settings=ChapterSettings(chapters, clock),
        tip_book=tip_book,
        tips=TipService(tip_book, chapters, store.tips, messenger, clock, uow),
        scorecard=ScorecardFeature.build(settings, clock, db, messenger),
        meeting=meeting,
    )
