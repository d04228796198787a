"""`chapterbot run` as a service: webhook mode, or polling with a health port.

Plain polling without HEALTH_LISTEN keeps PTB's own `run_polling`; this module takes over when
an HTTP port is wanted, or on PostgreSQL, where several processes elect a leader, with the same
order of start and stop (PTB's `Application.__run`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
import socket
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette
from telegram import Update
from telegram.error import NetworkError

from chapterbot.ops.http import build_http_app
from chapterbot.ops.leader import Election
from chapterbot.ops.settings import Listen, OpsSettings
from chapterbot.stopping import begin_stopping
from handlers.context import ChapterApp
from storage.leader import LeaderLock
from storage.ops import OpsRepository

log = logging.getLogger(__name__)

# The update types the handlers use: Telegram sends nothing else (chat_member only where the bot
# is an admin, which is how it learns who joined).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.CHAT_MEMBER,
]
MAX_CONNECTIONS = 40


class _Server(uvicorn.Server):
    """uvicorn without its signal handling: the bot owns SIGINT and SIGTERM (uvicorn would
    re-raise them once it stopped, ending the process before the bot has shut down)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class HttpServer:
    def __init__(self, asgi_app: Starlette, listen: Listen) -> None:
        family = socket.AF_INET6 if ":" in listen.host else socket.AF_INET
        self.socket = socket.create_server((listen.host, listen.port), family=family)
        config = uvicorn.Config(asgi_app, lifespan="off", access_log=False, log_config=None)
        self.server = _Server(config)
        self.task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve(sockets=[self.socket]))
        while not self.server.started and not self.task.done():  # noqa: ASYNC110 (only a flag)
            await asyncio.sleep(0.01)
        if self.task.done():
            await self.task  # raises what stopped it

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task
        self.socket.close()


async def webhook_secret(app: ChapterApp, configured: str | None) -> str:
    """WEBHOOK_SECRET, or one generated once and kept in the database (the same after restarts,
    and for every process sharing the database)."""
    if configured:
        return configured
    services = app.bot_data.services
    assert services is not None
    repository = OpsRepository(services.store.db)
    return await repository.keep_first("webhook_secret", secrets.token_urlsafe(32))


async def register_webhook(app: ChapterApp, url: str, secret: str, attempts: int = 3) -> None:
    """setWebhook with the secret and the handled update types, keeping pending updates."""
    for attempt in range(1, attempts + 1):
        try:
            await app.bot.set_webhook(
                url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
                max_connections=MAX_CONNECTIONS,
            )
            log.info("Webhook registered; Telegram posts updates to %s", url)
            return
        except NetworkError as exc:
            if attempt == attempts:
                raise
            log.warning("setWebhook failed (%s); trying again", exc.message)
            await asyncio.sleep(attempt)


async def serve(
    app: ChapterApp, ops_settings: OpsSettings, leader_lock: LeaderLock | None = None
) -> None:
    """Run until SIGINT or SIGTERM, then finish the updates already taken and stop cleanly.

    With `leader_lock` (several processes on one PostgreSQL database), updates are taken only
    while this process is the leader (chapterbot/ops/leader.py)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop.set)
    server: HttpServer | None = None
    election: Election | None = None
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        if leader_lock is None:
            server = await _start(app, ops_settings)
        else:
            election = _election(app, ops_settings, leader_lock)
            server = await _start_standing_by(app, ops_settings, election)
        await stop.wait()
        log.info("Stopping: finishing the updates already taken")
        begin_stopping(app)  # sends still waiting after a few seconds stay in the outbox
    finally:
        if election is not None:
            await election.stop()  # no change of role from here on
        if server is not None:
            await server.stop()  # no new webhook requests from here on
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()  # handles what is already in the queue
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        if leader_lock is not None:
            await leader_lock.close()  # last: a standby takes over once all is stored


async def _start(app: ChapterApp, ops_settings: OpsSettings) -> HttpServer:
    webhook = ops_settings.webhook_url
    secret = await webhook_secret(app, ops_settings.webhook_secret) if webhook else None
    listen = ops_settings.webhook_listen if webhook else ops_settings.health_listen
    assert listen is not None
    http_app = build_http_app(app, webhook_path=ops_settings.webhook_path, secret=secret)
    server = HttpServer(http_app, listen)
    if not webhook:  # removes a webhook first, keeping its pending updates
        await start_polling(app)
    await app.start()
    await server.start()
    log.info("Listening on %s:%s", listen.host, server.port)
    if webhook and secret:
        try:
            await register_webhook(app, webhook, secret)
        except BaseException:
            await server.stop()
            raise
    return server


async def start_polling(app: ChapterApp) -> None:
    await app.updater.start_polling(  # type: ignore[union-attr]
        allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, bootstrap_retries=3
    )


def _election(app: ChapterApp, ops_settings: OpsSettings, lock: LeaderLock) -> Election:
    """Polling: the leader polls, and stops when deposed. Webhook: the leader points Telegram
    at its own WEBHOOK_URL when elected; a standby answers the webhook with 503 (chapterbot/ops/
    http.py), so Telegram retries until it reaches the leader."""
    webhook = ops_settings.webhook_url

    async def elected() -> None:
        if webhook:
            secret = await webhook_secret(app, ops_settings.webhook_secret)
            await register_webhook(app, webhook, secret)
        else:
            await start_polling(app)

    async def deposed() -> None:
        if not webhook:
            await stop_polling_unconfirmed(app)

    return Election(lock, app.bot_data.ops, on_elected=elected, on_deposed=deposed)


async def stop_polling_unconfirmed(app: ChapterApp) -> None:
    """Stop polling without telling Telegram the last updates were taken: the new leader gets
    them again (at worst handled twice, never lost if this process can't store them now)."""
    updater = app.updater
    if updater is None or not updater.running:
        return
    # PTB confirms the fetched updates with one more getUpdates when polling stops; a deposed
    # leader must not (it would also cut the new leader's long poll short with a 409).
    updater._Updater__polling_cleanup_cb = None  # type: ignore[attr-defined]
    await updater.stop()


async def _start_standing_by(
    app: ChapterApp, ops_settings: OpsSettings, election: Election
) -> HttpServer | None:
    """The Application runs (its queue, its jobs), the HTTP port listens; the election then
    decides whether this process takes updates."""
    webhook = ops_settings.webhook_url
    secret = await webhook_secret(app, ops_settings.webhook_secret) if webhook else None
    listen = ops_settings.webhook_listen if webhook else ops_settings.health_listen
    await app.start()
    server = None
    if listen is not None:
        http_app = build_http_app(app, webhook_path=ops_settings.webhook_path, secret=secret)
        server = HttpServer(http_app, listen)
        await server.start()
        log.info("Listening on %s:%s", listen.host, server.port)
    election.start()
    return server
