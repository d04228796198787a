"""Settings, read once at start from the environment (and `.env`), validated, typed."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.currencies import is_currency_code
from bot.core.durations import DurationError, parse_duration
from bot.core.quiet_hours import QuietHours, QuietHoursError, parse_quiet_hours
from bot.i18n import LANGUAGES, language_of

_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SettingsError(ValueError):
    """Raised with every problem found, one per line, so the operator fixes them in one go."""


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)
    api_url: str | None = None
    database_path: Path = Path("chapterbot.db")
    # sqlite:///path or postgresql://user:password@host:5432/db; None: SQLite at database_path
    database_url: str | None = field(default=None, repr=False)
    follow_up_window: timedelta = timedelta(hours=72)
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    sweep_interval: timedelta = timedelta(seconds=60)
    quiet_hours: QuietHours | None = field(default_factory=lambda: QuietHours(time(21), time(8)))
    escalate_after: timedelta | None = timedelta(days=7)
    snooze: timedelta = timedelta(hours=24)
    max_snoozes: int = 3
    tips_file: Path | None = None  # None: the tips shipped with the bot
    default_currency: str = "USD"
    default_language: str = "en"  # a chapter's language until its admins choose one
    bot_admin_ids: frozenset[int] = frozenset()
    allowed_chat_ids: frozenset[int] | None = None  # None: any group may use the bot

    @property
    def database(self) -> str | Path:
        """Where the database is: DATABASE_URL, or else the SQLite file DATABASE_PATH."""
        return self.database_url or self.database_path

    @property
    def base_url(self) -> str | None:
        return f"{self.api_url.rstrip('/')}/bot" if self.api_url else None

    @property
    def base_file_url(self) -> str | None:
        return f"{self.api_url.rstrip('/')}/file/bot" if self.api_url else None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from a mapping (default: the process environment)."""
    env = dict(os.environ if environ is None else environ)
    problems: list[str] = []

    def duration(name: str, default: str) -> timedelta:
        try:
            return parse_duration(env.get(name) or default)
        except DurationError as exc:
            problems.append(f"{name}: {exc}")
            return parse_duration(default)

    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        problems.append("TELEGRAM_BOT_TOKEN is not set: ask @BotFather for one and put it in .env")
    elif not _TOKEN.match(token):
        problems.append("TELEGRAM_BOT_TOKEN does not look like a token from @BotFather")

    api_url = (env.get("TELEGRAM_API_URL") or "").strip() or None
    if api_url and not re.match(r"^https?://[^\s/]+", api_url):
        problems.append(f"TELEGRAM_API_URL must start with http:// or https://, got {api_url!r}")

    timezone = (env.get("DEFAULT_TIMEZONE") or "UTC").strip()
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        problems.append(
            f"DEFAULT_TIMEZONE: {timezone!r} is not an IANA time zone like Europe/Berlin"
        )

    log_level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
    if log_level not in _LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {log_level!r}")

    quiet_hours: QuietHours | None = None
    try:
        quiet_hours = parse_quiet_hours(env.get("QUIET_HOURS", "21:00-08:00"))
    except QuietHoursError as exc:
        problems.append(f"QUIET_HOURS: {exc}")

    escalate_text = (env.get("ESCALATE_AFTER") or "7d").strip()
    escalate_after = None if escalate_text.lower() == "off" else duration("ESCALATE_AFTER", "7d")

    currency = (env.get("DEFAULT_CURRENCY") or "USD").strip().upper()
    if not is_currency_code(currency):
        problems.append(
            f"DEFAULT_CURRENCY must be an ISO 4217 code like USD or EUR, got {currency!r}"
        )

    language = (env.get("DEFAULT_LANGUAGE") or "en").strip()
    if language_of(language) is None:
        problems.append(f"DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {language!r}")

    def id_list(name: str) -> frozenset[int] | None:
        text = (env.get(name) or "").strip()
        if not text:
            return None
        try:
            return frozenset(int(part) for part in re.split(r"[,\s]+", text) if part)
        except ValueError:
            problems.append(f"{name} must be a comma-separated list of numeric ids, got {text!r}")
            return None

    settings = Settings(
        token=token,
        api_url=api_url,
        database_path=Path(env.get("DATABASE_PATH") or "chapterbot.db"),
        database_url=(env.get("DATABASE_URL") or "").strip() or None,
        follow_up_window=duration("FOLLOW_UP_WINDOW", "72h"),
        default_timezone=timezone,
        log_level=log_level,
        sweep_interval=duration("SWEEP_INTERVAL", "60s"),
        quiet_hours=quiet_hours,
        tips_file=Path(env["TIPS_FILE"]) if env.get("TIPS_FILE") else None,
        escalate_after=escalate_after,
        default_currency=currency,
        default_language=language_of(language) or "en",
        bot_admin_ids=id_list("BOT_ADMIN_IDS") or frozenset(),
        allowed_chat_ids=id_list("ALLOWED_CHAT_IDS"),
    )
    if problems:
        raise SettingsError("\n".join(problems))
    return settings
