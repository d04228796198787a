"""One education-minute tip, as read from the tips file (no imports: texts and content share it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Tip:
    title: str
    body_html: str
    source_html: str | None
    line: int  # 1-based line of its heading
    key: str = ""  # the English title's slug: a tip and its translations share it


def slug(title: str) -> str:
    """'“Tell them I sent you”' -> 'tell-them-i-sent-you': a tip's key, from its English title."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")


def visible_length(html: str) -> int:
    """What Telegram counts against its 4096 limit: the text once tags are parsed."""
    return len(unescape(_TAG.sub("", html)))
