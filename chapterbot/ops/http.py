"""The one HTTP port: Telegram's webhook, /healthz and /metrics (Starlette, served by uvicorn).

No update is handled here: a webhook request is checked and put in the Application's queue,
where polling would have put it; the handlers take it from there.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections import OrderedDict

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from chapterbot.ops.health import health_report, refresh_database_figures
from chapterbot.ops.metrics import CONTENT_TYPE
from handlers.context import ChapterApp

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class RecentUpdates:
    """The last `size` update ids taken: Telegram re-sends an update whose answer it missed."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    def __contains__(self, update_id: int) -> bool:
        return update_id in self._ids

    def add(self, update_id: int) -> None:
        self._ids[update_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)


class WebhookReceiver:
    """POST from Telegram: 403 without the secret, 503 from a standby (Telegram retries until
    the leader takes it), 400 for a body that is no update, 200 once the update is in the queue
    (or was already taken)."""

    def __init__(self, app: ChapterApp, secret: str) -> None:
        self.app = app
        self.secret = secret.encode()
        self.recent = RecentUpdates()
        self.requests = app.bot_data.ops.metrics.webhook_requests

    async def receive(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.requests.labels("forbidden").inc()
            return Response(status_code=403)
        if not self.app.bot_data.ops.is_leader():
            self.requests.labels("standby").inc()
            return Response(status_code=503, headers={"Retry-After": "1"})
        update = self._parse(await request.body())
        if update is None:
            self.requests.labels("malformed").inc()
            return Response(status_code=400)
        if update.update_id in self.recent:
            self.requests.labels("duplicate").inc()
            return Response(status_code=200)
        self.recent.add(update.update_id)
        await self.app.update_queue.put(update)
        self.requests.labels("accepted").inc()
        return Response(status_code=200)

    def _parse(self, body: bytes) -> Update | None:
        try:
            payload = json.loads(body)
            if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
                return None
            return Update.de_json(payload, self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("Webhook body is not a Telegram update: %s", type(exc).__name__)
            return None


def build_http_app(app: ChapterApp, *, webhook_path: str | None, secret: str | None) -> Starlette:
    """/healthz and /metrics always; the webhook at `webhook_path` when given."""

    async def healthz(request: Request) -> Response:
        healthy, body = await health_report(app)
        return JSONResponse(body, status_code=200 if healthy else 503)

    async def metrics(request: Request) -> Response:
        await refresh_database_figures(app)
        return Response(app.bot_data.ops.metrics.exposition(), media_type=CONTENT_TYPE)

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
    if webhook_path is not None and secret is not None:
        receiver = WebhookReceiver(app, secret)
        routes.append(Route(webhook_path, receiver.receive, methods=["POST"]))
    return Starlette(routes=routes)
