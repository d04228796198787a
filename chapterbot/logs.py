"""Logging set-up: readable lines, chatty libraries quieted, the token never written."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = message.replace(self.token, "<token>")
                record.args = None
        return True


class QuietNetworkRetries(logging.Filter):
    """PTB logs each failed start-up attempt with a traceback; the message alone says enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Network Retry Loop"):
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(level: str, token: str, log_format: str = "text") -> None:
    """`log_format` "text": readable lines; "json": one JSON object per line (LOG_FORMAT)."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level, force=True
    )
    for handler in logging.getLogger().handlers:
        if log_format == "json":
            from chapterbot.ops.jsonlog import JsonFormatter

            handler.setFormatter(JsonFormatter(token))
        handler.addFilter(RedactToken(token))
        handler.addFilter(QuietNetworkRetries())
    # httpx logs every request URL at INFO, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # storage.schema logs each migration
    # A sweep still sending when its next run comes is normal (the rate limiter paces it); the
    # scheduler's "skipped: maximum number of running instances" line would repeat every run.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
