"""The fake Bot API served over HTTP on 127.0.0.1, for tests that run the real bot process."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.fake_api import ApiCall, FakeBotApi


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


class HttpBotApi:
    """Serves `<root>/bot<token>/<method>` from a FakeBotApi; thread-safe; long-polls getUpdates."""

    def __init__(self) -> None:
        self.fake = FakeBotApi()
        self.lock = threading.Lock()
        self.first_calls: dict[str, float] = {}
        # (time.monotonic(), caller, method) of every request as it arrives; the caller is the
        # path before /bot<token>/ (give each process TELEGRAM_API_URL=<url>/<name> to tell
        # several bot processes apart).
        self.arrivals: list[tuple[float, str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> HttpBotApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def push_update(self, update: dict[str, Any]) -> None:
        with self.lock:
            self.fake.updates.append(update)

    def calls(self, method: str | None = None) -> list[ApiCall]:
        with self.lock:
            return [call for call in self.fake.calls if method is None or call.method == method]

    def wait_for(self, predicate, timeout: float = 30.0) -> bool:
        """True as soon as `predicate()` holds. The generous limit is for a busy 2-core machine,
        where starting the bot process alone can take over 10 s; a pass costs no extra time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.02)
        return False

    def first_call_at(self, method: str) -> float | None:
        """When `method` was first called (time.monotonic), or None."""
        with self.lock:
            return self.first_calls.get(method)

    def url_for(self, caller: str) -> str:
        """TELEGRAM_API_URL for one bot process, whose requests `arrivals` then name."""
        return f"{self.url}/{caller}"

    def callers(self, method: str, since: float = 0.0) -> list[str]:
        """Who called `method` (at or after `since`), in the order the calls arrived."""
        with self.lock:
            return [who for at, who, name in self.arrivals if name == method and at >= since]

    def _respond(self, method: str, params: dict[str, Any], caller: str = "") -> tuple[int, bytes]:
        with self.lock:
            now = time.monotonic()
            self.first_calls.setdefault(method, now)
            self.arrivals.append((now, caller, method))
        if method == "getUpdates":
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
            while time.monotonic() < deadline:
                with self.lock:
                    offset = int(params.get("offset") or 0)
                    if any(update["update_id"] >= offset for update in self.fake.updates):
                        break
                time.sleep(0.02)
        with self.lock:
            return self.fake.respond(method, params)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                params = {key: _decode(value) for key, value in parse_qsl(body)}
                route, method = self.path.rsplit("/", 1)
                caller = route.rsplit("/bot", 1)[0].strip("/")
                status, payload = api._respond(method, params, caller)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the bot process was killed while waiting: nobody to answer

            def log_message(self, *args: object) -> None:
                return None

        return Handler
