"""`chapterbot doctor`: what operators get wrong, checked one by one, each problem with its fix.

It only reads: getMe, getWebhookInfo and getChatMember on Telegram's side, the database opened
read-only on ours. Exit status 1 when any check fails (warnings alone leave it 0).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot, ChatMember, User
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.core.config import Settings
from bot.tips.content import bundled_tips_path, load_tips
from chapterbot.ops.settings import OpsSettings
from storage.db import DatabaseUnavailable, Target
from storage.ops import DatabaseState, inspect_database, inspect_postgresql
from storage.schema import bundled_migrations

OK, WARN, FAIL = "ok", "warn", "fail"
RECENT_ERROR = timedelta(hours=24)  # a delivery error older than this is history


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # OK, WARN or FAIL
    detail: str
    fix: str | None = None


async def examine(settings: Settings, ops_settings: OpsSettings, bot: Bot) -> list[Check]:
    """Every check, in the order an operator would fix them."""
    checks = [await check_any_database(settings), check_tips(settings)]
    try:
        await bot.initialize()  # getMe
    except InvalidToken:
        return [_token_rejected(), *checks]
    except NetworkError as exc:
        where = settings.api_url or "Telegram"
        return [
            Check(
                "token",
                FAIL,
                f"{where} is unreachable: {exc.message}",
                "check the server's network, proxy settings and TELEGRAM_API_URL",
            ),
            *checks,
        ]
    me = bot.bot
    checks[:0] = [Check("token", OK, f"works: @{me.username} (id {me.id})"), check_privacy(me)]
    checks.append(await check_webhook(bot, ops_settings))
    checks.extend(await check_chapters(bot, settings))
    return checks


def _token_rejected() -> Check:
    return Check(
        "token",
        FAIL,
        "Telegram rejected TELEGRAM_BOT_TOKEN",
        "copy the token again from @BotFather (/mybots, API Token) into .env",
    )


def check_privacy(me: User) -> Check:
    if not me.can_read_all_group_messages:
        return Check("privacy mode", OK, "on: in groups the bot gets commands and replies only")
    return Check(
        "privacy mode",
        WARN,
        "off: Telegram sends the bot every message in its groups, which it does not need",
        "@BotFather: /setprivacy, Enable (it applies to groups the bot is added to afterwards)",
    )


async def check_any_database(settings: Settings) -> Check:
    """The SQLite file, or the PostgreSQL database DATABASE_URL names."""
    try:
        target = Target.parse(settings.database)
    except DatabaseUnavailable as exc:
        return Check("database", FAIL, str(exc), "fix DATABASE_URL (see the README, PostgreSQL)")
    if not target.dialect.is_postgresql:
        return check_database(settings, target.path)
    try:
        state = await inspect_postgresql(target.url)
    except DatabaseUnavailable as exc:
        return Check("database", FAIL, str(exc), "check DATABASE_URL and the server")
    return _judge(target.shown(), state)


def check_database(settings: Settings, path: Path | None = None) -> Check:
    path = path or settings.database_path
    try:
        state = inspect_database(path)
    except sqlite3.Error as exc:
        return Check(
            "database",
            FAIL,
            f"{path} cannot be read: {exc}",
            "check DATABASE_PATH and that this user may read and write the file",
        )
    if not state.exists:
        folder = path.resolve().parent
        if not os.access(folder, os.W_OK):
            return Check(
                "database",
                FAIL,
                f"{path} does not exist and {folder} is not writable",
                "point DATABASE_PATH at a folder the bot's user may write to",
            )
        return Check(
            "database",
            WARN,
            f"{path} does not exist yet",
            "`chapterbot run` creates it (check DATABASE_PATH if it should exist)",
        )
    return _judge(str(path), state)


def _judge(path: str, state: DatabaseState) -> Check:
    """The schema against this code's, and the chapters."""
    latest = len(bundled_migrations())
    if state.schema_version > latest:
        return Check(
            "database",
            FAIL,
            f"{path} is at schema {state.schema_version}, newer than this code ({latest})",
            "run the chapterbot version that wrote it, or restore a matching backup",
        )
    if state.schema_version < latest:
        return Check(
            "database",
            WARN,
            f"{path} is at schema {state.schema_version} of {latest}",
            "`chapterbot run` applies the missing migrations at start",
        )
    chapters = len(state.active_chapters)
    return Check("database", OK, f"{path} is reachable and migrated; {chapters} active chapter(s)")


def check_tips(settings: Settings) -> Check:
    path = settings.tips_file or bundled_tips_path()
    book = load_tips(path)
    if book.errors:
        return Check(
            "tips file",
            FAIL,
            f"{path} has {len(book.errors)} error(s)",
            f"run `chapterbot tips check {path}` and fix the lines it names",
        )
    return Check("tips file", OK, f"{path}: {len(book.tips)} tips")


async def check_webhook(bot: Bot, ops_settings: OpsSettings) -> Check:
    try:
        info = await bot.get_webhook_info()
    except TelegramError as exc:
        return Check("webhook", FAIL, f"getWebhookInfo failed: {exc.message}")
    pending = f"{info.pending_update_count} update(s) waiting"
    wanted = ops_settings.webhook_url
    if (info.url or None) != wanted:
        now_set = f"set to {info.url}" if info.url else "not set"
        mode = f"webhook mode ({wanted})" if wanted else "polling mode"
        return Check(
            "webhook",
            FAIL,
            f"configured for {mode}, but Telegram's webhook is {now_set}; {pending}",
            "`chapterbot run` sets this at start; if it is running, another process with"
            " this token changed it: stop that one",
        )
    error_at = info.last_error_date
    if wanted and info.last_error_message and error_at is not None and _recent(error_at):
        return Check(
            "webhook",
            FAIL,
            f"Telegram's last delivery failed: {info.last_error_message} ({pending})",
            "check that the bot runs and the reverse proxy forwards WEBHOOK_URL to"
            " WEBHOOK_LISTEN with the path unchanged",
        )
    mode = f"webhook at {wanted}" if wanted else "polling (no webhook set)"
    return Check("webhook", OK, f"{mode}; {pending}")


def _recent(moment: datetime) -> bool:
    return datetime.now(UTC) - moment.astimezone(UTC) < RECENT_ERROR


async def check_chapters(bot: Bot, settings: Settings) -> list[Check]:
    """Each active chapter: the bot is still in the group and may delete messages there."""
    try:
        target = Target.parse(settings.database)
        if target.dialect.is_postgresql:
            chapters = (await inspect_postgresql(target.url)).active_chapters
        else:
            chapters = inspect_database(target.path or settings.database_path).active_chapters
    except (sqlite3.Error, DatabaseUnavailable):
        return []  # the database check already says so
    return [await _check_chapter(bot, chat_id, title) for chat_id, title in chapters]


async def _check_chapter(bot: Bot, chat_id: int, title: str) -> Check:
    name = f"chapter {title} ({chat_id})"
    try:
        member = await bot.get_chat_member(chat_id, bot.bot.id)
    except TelegramError as exc:
        return Check(
            name,
            FAIL,
            f"Telegram says: {exc.message}",
            "add the bot to the group again (or ignore a group that closed)",
        )
    if member.status in (ChatMember.LEFT, ChatMember.BANNED):
        return Check(
            name,
            FAIL,
            "the bot is no longer in this group",
            "add the bot to the group again; until then the chapter gets nothing",
        )
    if member.status == ChatMember.OWNER or getattr(member, "can_delete_messages", False):
        return Check(name, OK, "the bot is an admin and may delete messages")
    return Check(
        name,
        FAIL,
        "the bot may not delete messages, so contact details stay visible",
        "make the bot an admin of the group with the “Delete messages” right",
    )


def report(checks: list[Check]) -> str:
    """The checklist as printed: one line per check, a fix under each problem, a summary."""
    marks = {OK: "[ok]  ", WARN: "[warn]", FAIL: "[FAIL]"}
    lines = []
    for check in checks:
        lines.append(f"{marks[check.status]} {check.name}: {check.detail}")
        if check.fix and check.status != OK:
            lines.append(f"         fix: {check.fix}")
    failed = sum(check.status == FAIL for check in checks)
    lines.append(f"{failed} problem(s) found." if failed else "No problems found.")
    return "\n".join(lines)
