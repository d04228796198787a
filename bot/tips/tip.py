"""One education-minute tip, as read from the tips file (texts and content share it)."""

from __future__ import annotations

import re
from dataclasses import dataclass


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
