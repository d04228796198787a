"""Everything a handler or a job may call, built once per application."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot

from bot.clock import Clock
from bot.members import MemberDirectory
from bot.messenger import Messenger
from bot.referrals import ReferralService
from bot.settings import Settings
from storage.chapters import ChapterRepository
from storage.db import Database
from storage.members import MemberRepository
from storage.referrals import ReferralRepository


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    chapters: ChapterRepository
    members: MemberRepository
    referrals: ReferralRepository
    directory: MemberDirectory
    messenger: Messenger
    referral_service: ReferralService

    @classmethod
    def build(cls, settings: Settings, clock: Clock, db: Database, bot: Bot) -> Services:
        chapters = ChapterRepository(db)
        members = MemberRepository(db)
        referrals = ReferralRepository(db)
        messenger = Messenger(bot, members)
        return cls(
            settings=settings,
            clock=clock,
            db=db,
            chapters=chapters,
            members=members,
            referrals=referrals,
            directory=MemberDirectory(
                chapters, members, referrals, clock, settings.default_timezone
            ),
            messenger=messenger,
            referral_service=ReferralService(
                referrals, members, chapters, messenger, settings, clock
            ),
        )
