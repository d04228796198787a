"""The composition root: settings in, a ready-to-run Application out. Nothing happens at import."""

from __future__ import annotations

import logging

from telegram import (
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.commands import GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.context import BotData, ChapterApp, ChapterContext
from bot.services import Services
from bot.settings import Settings
from storage.db import Database

log = logging.getLogger(__name__)


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    rate_limiter: bool = True,
) -> ChapterApp:
    """Build the bot. `request` replaces the HTTP layer (tests pass a fake Bot API)."""
    from handlers import register_handlers  # handlers import bot/, not the other way round

    clock = clock or SystemClock()

    async def post_init(app: ChapterApp) -> None:
        db = await Database.open(settings.database_path)
        app.bot_data.services = Services.build(settings, clock, db, app.bot)
        await _publish_command_menus(app)
        schedule_sweeps(app, settings)

    async def post_shutdown(app: ChapterApp) -> None:
        services = app.bot_data.services
        if services is not None:
            await services.db.close()
            app.bot_data.services = None

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
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    if settings.base_url:
        builder = builder.base_url(settings.base_url).base_file_url(settings.base_file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    register_handlers(app)
    return app


async def sweep_reminders(context: ChapterContext) -> None:
    """Job: send the nudges and escalations that are due (the database says which)."""
    await context.services.reminder_sweep.run()


def schedule_sweeps(app: ChapterApp, settings: Settings) -> None:
    """Repeating jobs that only look for due rows; the first runs right after start."""
    interval = settings.sweep_interval.total_seconds()
    first = min(interval, 1.0)
    app.job_queue.run_repeating(sweep_reminders, interval=interval, first=first, name="reminders")


async def _publish_command_menus(app: ChapterApp) -> None:
    try:
        await app.bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
        await app.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    except TelegramError as exc:
        log.warning("Could not publish the command menus: %s", exc)
