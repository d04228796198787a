"""How the process is run (webhook or polling, where it listens, its log format), read from the
environment next to the bot's own settings and validated the same way: every problem at once."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.core.config import SettingsError

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a secret_token
LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Listen:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class OpsSettings:
    webhook_url: str | None = None  # set: webhook mode; None: long polling
    webhook_listen: Listen = Listen("0.0.0.0", 8080)
    webhook_secret: str | None = field(default=None, repr=False)  # None: generated and kept
    health_listen: Listen | None = None  # polling mode only: where /healthz and /metrics answer
    log_format: str = "text"

    @property
    def webhook_path(self) -> str:
        """The path Telegram posts to: the one in WEBHOOK_URL (a reverse proxy passes it on)."""
        return urlsplit(self.webhook_url or "").path or "/"


def parse_listen(text: str) -> Listen:
    """`0.0.0.0:8080`, `127.0.0.1:9000`, `[::1]:8080`, `:8080` or `8080`."""
    host, _, port = text.strip().rpartition(":")
    host = host.strip("[]") or "0.0.0.0"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected host:port like 0.0.0.0:8080, got {text!r}")
    return Listen(host, int(port))


def load_ops_settings(environ: Mapping[str, str] | None = None) -> OpsSettings:
    env = dict(os.environ if environ is None else environ)
    problems: list[str] = []

    def listen(name: str, default: str | None) -> Listen | None:
        text = (env.get(name) or "").strip() or default
        if text is None:
            return None
        try:
            return parse_listen(text)
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
            return None

    webhook_url = (env.get("WEBHOOK_URL") or "").strip() or None
    self_hosted = bool((env.get("TELEGRAM_API_URL") or "").strip())
    if webhook_url and not _acceptable_url(webhook_url, allow_http=self_hosted):
        problems.append(
            "WEBHOOK_URL must be the public https:// address Telegram posts to"
            f" (http:// only with a self-hosted TELEGRAM_API_URL), got {webhook_url!r}"
        )
    secret = (env.get("WEBHOOK_SECRET") or "").strip() or None
    if secret and not _SECRET.match(secret):
        problems.append("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    log_format = (env.get("LOG_FORMAT") or "text").strip().lower()
    if log_format not in LOG_FORMATS:
        problems.append(f"LOG_FORMAT must be text or json, got {log_format!r}")
    settings = OpsSettings(
        webhook_url=webhook_url,
        webhook_listen=listen("WEBHOOK_LISTEN", "0.0.0.0:8080") or Listen("0.0.0.0", 8080),
        webhook_secret=secret,
        health_listen=listen("HEALTH_LISTEN", None),
        log_format=log_format,
    )
    if problems:
        raise SettingsError("\n".join(problems))
    return settings


def _acceptable_url(url: str, *, allow_http: bool) -> bool:
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    return parts.scheme in schemes and bool(parts.hostname)
