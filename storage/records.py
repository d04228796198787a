"""Typed, immutable rows as the rest of the bot sees them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Chapter:
    id: int
    chat_id: int
    title: str
    timezone: str
    active: bool
    follow_up_window: timedelta | None = None  # None: the bot's default
    tips_enabled: bool = True
    tip_weekday: int = 0  # Monday
    tip_time: str = "08:00"
    tip_thread_id: int | None = None
    next_tip_at: datetime | None = None
    currency: str | None = None  # None: the bot's default
    amounts_hidden: bool = False
    summary_weekday: int | None = None  # None: no weekly summary
    summary_time: str | None = None
    next_summary_at: datetime | None = None
    language: str | None = None  # None: the setting DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    username: str | None
    first_name: str
    last_name: str | None
    is_bot: bool
    can_dm: bool | None
    stats_hidden: bool = False
    language: str | None = None  # chosen with /language
    language_code: str | None = None  # what their Telegram app reports (a shipped language)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(frozen=True, slots=True)
class Referral:
    id: int
    chapter_id: int
    giver_id: int
    receiver_id: int | None
    receiver_username: str | None
    prospect: str
    prospect_name: str
    phone: str | None
    email: str | None
    status: str
    created_at: datetime
    follow_up_due_at: datetime
    amount_cents: int | None = None
    currency: str | None = None
    closed_at: datetime | None = None
    how_hot: int | None = None
    inside: bool | None = None

    @property
    def has_contact_details(self) -> bool:
        return bool(self.phone or self.email)
