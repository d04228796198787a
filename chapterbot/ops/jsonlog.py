"""LOG_FORMAT=json: one JSON object per line, for log shippers; the token never written."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from chapterbot.ops.instrument import current_chat_id, current_update_id


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, and the update and chat being handled when there is one."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        update_id, chat_id = current_update_id.get(), current_chat_id.get()
        if update_id is not None:
            entry["update_id"] = update_id
        if chat_id is not None:
            entry["chat_id"] = chat_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        line = json.dumps(entry, ensure_ascii=False)
        return line.replace(self.token, "<token>") if self.token else line
