"""The composition root: settings in, a ready-to-run Application out. Nothing happens at import."""

from __future__ import annotations

import logging
from typing import Any, cast

from telegram import (
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, BaseRateLimiter, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot.core.clock import Clock, SystemClock
from bot.core.config import Settings
from bot.core.outbox import RENEW_EVERY
from bot.core.rate_limiter import PriorityRateLimiter, scheduled_sends
from bot.i18n import LANGUAGES, telegram_code, use_language
from bot.i18n import configure as configure_languages
from bot.i18n import load_all as load_catalogs
from bot.texts.commands import group_menu, private_menu
from bot.tips.content import TipBook, bundled_tips_path, load_tip_books
from chapterbot.bootstrap import build_services
from chapterbot.ops.instrument import InstrumentedRequest, InstrumentedUpdateProcessor, leader_sweep
from chapterbot.ops.state import Ops
from chapterbot.stopping import StoppingRateLimiter
from chapterbot.update_processor import ConfirmAfterHandled, PerChatUpdateProcessor
from handlers import register_handlers
from handlers.context import BotData, ChapterApp, ChapterContext
from storage.db import Database

log = logging.getLogger(__name__)


class TipsFileInvalid(Exception):
    """The tips file has errors; `report` lists them, one per line, with line numbers."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def read_tip_book(settings: Settings) -> TipBook:
    """The tips file and its translations beside it (tips.es.md...); any error stops the start."""
    path = settings.tips_file or bundled_tips_path()
    book, translations = load_tip_books(path)
    errors = [problem.format(str(path)) for problem in book.errors]
    for other, translated in translations.values():
        errors += [problem.format(str(other)) for problem in translated.errors]
    if errors:
        raise TipsFileInvalid("\n".join(errors))
    return book


def telegram_rate_limiter(speed: float = 1.0) -> PriorityRateLimiter:
    """Telegram's limits, members first (bot/core/rate_limiter.py), and a prompt stop
    (chapterbot/stopping.py); `speed` for the benches."""
    return StoppingRateLimiter(speed=speed)


def build_application(
    settings: Settings,
    *,
    tip_book: TipBook | None = None,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    rate_limiter: bool | BaseRateLimiter = True,
) -> ChapterApp:
    """Build the bot. `request` replaces the HTTP layer (tests pass a fake Bot API)."""
    clock = clock or SystemClock()
    configure_languages(settings.default_language)
    load_catalogs()  # a broken catalog stops the start, not a reply
    tip_book = tip_book or read_tip_book(settings)
    ops = Ops(sweep_interval=settings.sweep_interval.total_seconds())

    async def post_init(app: ChapterApp) -> None:
        db = await Database.open(settings.database)
        app.bot_data.services = build_services(settings, clock, db, app.bot, tip_book)
        await _publish_command_menus(app, settings.default_language)
        schedule_sweeps(app, settings)

    async def post_shutdown(app: ChapterApp) -> None:
        services = app.bot_data.services
        if services is not None:
            services.scorecard.close()
            await services.outbox.close()
            await services.store.db.close()
            app.bot_data.services = None

    processor = PerChatUpdateProcessor()
    builder = (
        Application.builder()
        .token(settings.token)
        .context_types(ContextTypes(context=ChapterContext, bot_data=BotData))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(InstrumentedUpdateProcessor(processor, ops.metrics))
        .request(InstrumentedRequest(request or HTTPXRequest(256), ops.metrics))  # counts failures
    )
    if rate_limiter:
        limiter = rate_limiter if isinstance(rate_limiter, BaseRateLimiter) else None
        # PTB types the builder by its rate limiter's argument type; ours takes a dict.
        builder = builder.rate_limiter(cast(Any, limiter or telegram_rate_limiter()))
    if settings.base_url and settings.base_file_url:
        builder = builder.base_url(settings.base_url).base_file_url(settings.base_file_url)
    # getUpdates confirms the updates before it: only once they have been handled.
    polling = ConfirmAfterHandled(request or HTTPXRequest(1), processor)
    builder = builder.get_updates_request(polling)
    # The builder can't carry ChapterContext into its JobQueue's type; the app is a ChapterApp.
    app = cast(ChapterApp, builder.build())
    polling.queue = app.update_queue
    app.bot_data.ops = ops
    register_handlers(app)
    return app


async def sweep_reminders(context: ChapterContext) -> None:
    """Job: send the nudges and escalations that are due (the database says which)."""
    await context.services.reminder_sweep.run()


async def sweep_outbox(context: ChapterContext) -> None:
    """Job: send what the outbox still owes (left by a failure, a crash or a busy group)."""
    await context.services.outbox.sweep()


async def renew_claims(context: ChapterContext) -> None:
    """Job: keep this process's claims on the messages it is sending alive."""
    await context.services.outbox.renew()


async def sweep_tips(context: ChapterContext) -> None:
    """Job: post the education minute (and weekly summaries) to chapters whose time has come."""
    await context.services.tips.sweep()
    await context.services.summaries.run()


async def sweep_scorecards(context: ChapterContext) -> None:
    """Job: one-to-one reminders that are due, and the monthly scorecards of chapters due one."""
    await context.services.scorecard.reminders.run()
    await context.services.scorecard.monthly.sweep()


async def sweep_meetings(context: ChapterContext) -> None:
    """Job: close check-ins open for 4 hours, and nudge visitor hosts 48 hours after a meeting."""
    await context.services.meeting.sweep.run()


async def flush_check_ins(context: ChapterContext) -> None:
    """Job: bring check-in messages up to date (at most one edit per meeting every 6 s)."""
    await context.services.meeting.sweep.flush_check_ins()


CHECK_IN_FLUSH_INTERVAL = 3.0  # seconds


def schedule_sweeps(app: ChapterApp, settings: Settings) -> None:
    """Repeating jobs that only look for due rows; the first runs right after start."""
    interval = settings.sweep_interval.total_seconds()
    first = min(interval, 1.0)
    jobs = app.job_queue
    if jobs is None:
        raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
    sweeps = (  # what a sweep sends waits behind members' replies, but for live check-ins
        ("reminders", scheduled_sends(sweep_reminders), interval),
        ("outbox", scheduled_sends(sweep_outbox), interval),  # but rows a member waits for
        ("tips", scheduled_sends(sweep_tips), interval),
        ("scorecards", scheduled_sends(sweep_scorecards), interval),
        ("meetings", scheduled_sends(sweep_meetings), interval),
        ("check-ins", flush_check_ins, CHECK_IN_FLUSH_INTERVAL),
    )
    for name, sweep, every in sweeps:
        job = leader_sweep(name, sweep)  # timed; only the leader sweeps (chapterbot/ops/state.py)
        jobs.run_repeating(job, interval=every, first=first, name=name)
    renew = RENEW_EVERY.total_seconds()  # every process renews the claims it holds
    jobs.run_repeating(renew_claims, interval=renew, first=renew, name="claims")


async def _publish_command_menus(app: ChapterApp, default_language: str) -> None:
    """The menus in the default language for every app, then in each shipped language for the
    apps set to it (Telegram picks by the user's language_code; the command names stay)."""
    try:
        for language in (None, *(code for code in LANGUAGES if code != default_language)):
            with use_language(language or default_language):
                private, group = private_menu(), group_menu()
            code = telegram_code(language) if language else None
            await app.bot.set_my_commands(
                private, scope=BotCommandScopeAllPrivateChats(), language_code=code
            )
            await app.bot.set_my_commands(
                group, scope=BotCommandScopeAllGroupChats(), language_code=code
            )
    except TelegramError as exc:
        log.warning("Could not publish the command menus: %s", exc)
