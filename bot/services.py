"""Everything a handler or a job may call, built once per application (by chapterbot/bootstrap).

Handlers reach these as `context.services.<name>` and nothing below them: no repository, no SQL.
`store` is here for the jobs' wiring and for tests that look at what was stored.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from bot.i18n import current_language
from bot.meeting.feature import MeetingFeature
from bot.referrals.form_state import ReferralForms
from bot.referrals.lists import ReferralLists
from bot.referrals.passing import ReferralService
from bot.scorecard.feature import ScorecardFeature
from bot.tips.content import TipBook
from bot.tips.service import TipService
from bot.tips.tip import Tip
from storage.store import Store


@dataclass(frozen=True, eq=False)
class Services:
    settings: Settings
    clock: Clock
    store: Store
    messenger: Messenger
    outbox: Outbox  # messages owed after a stored fact; the outbox job sends what is left
    directory: MemberDirectory  # chapters and members the bot has seen
    referrals: ReferralService  # passing a referral, slips, the giver's fields
    forms: ReferralForms  # where each member is in the private /refer form
    lists: ReferralLists  # /mine and /pending
    followup: FollowUpService  # the receiver's steps and snoozes
    reminder_sweep: ReminderSweep  # job: nudges and escalations
    closing: ClosingService  # /closed
    stats: StatsService  # /stats
    summaries: SummarySweep  # job: weekly summaries
    export: Exporter  # /export
    chapter_settings: ChapterSettings  # /settings
    tip_book: TipBook
    tips: TipService  # /tip and the weekly tip job
    scorecard: ScorecardFeature  # one-to-ones, testimonials, credits, the scorecard and its jobs
    meeting: MeetingFeature  # the weekly meeting: check-in, attendance, roster, visitors

    def first_tip(self) -> Tip | None:
        """The file's first tip, as the current language writes it."""
        if not self.tip_book.tips:
            return None
        return self.tip_book.in_language(self.tip_book.tips[0], current_language())
