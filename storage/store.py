"""All repositories over the one database, and the unit of work that makes writes atomic."""

from __future__ import annotations

from dataclasses import dataclass

from storage.chapters import ChapterRepository
from storage.db import Database, UnitOfWork
from storage.export import ExportRepository
from storage.members import MemberRepository
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository
from storage.stats import StatsRepository
from storage.tips import TipRepository


@dataclass(frozen=True, eq=False)
class Store:
    db: Database
    chapters: ChapterRepository
    members: MemberRepository
    referrals: ReferralRepository
    reminders: ReminderRepository
    tips: TipRepository
    stats: StatsRepository
    export: ExportRepository

    @classmethod
    def over(cls, db: Database) -> Store:
        return cls(
            db=db,
            chapters=ChapterRepository(db),
            members=MemberRepository(db),
            referrals=ReferralRepository(db),
            reminders=ReminderRepository(db),
            tips=TipRepository(db),
            stats=StatsRepository(db),
            export=ExportRepository(db),
        )

    @property
    def transaction(self) -> UnitOfWork:
        return self.db.transaction
