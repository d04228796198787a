"""Telegram's length limits, counted once: what it counts, and how a long text is cut.

Telegram counts a message (4,096) or a caption (1,024) in UTF-16 units of the text once its
markup is parsed: tags don't count, `&amp;` is one character, an emoji may be two. Long lists
are paged where members act on them (/mine) and split into several messages where they only
read them (/pending, and any send through the Messenger); `pieces` does the splitting.
"""

from __future__ import annotations

import re
from html import unescape

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]+>")


def visible_length(html: str) -> int:
    """What Telegram counts against its limits: UTF-16 units of the text once tags are parsed."""
    return len(unescape(_TAG.sub("", html)).encode("utf-16-le")) // 2


def pieces(html: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The text as few messages as fit, split between lines (a longer line between words).
    Tags never span a line in the bot's templates, so each piece stays valid HTML."""
    result: list[str] = []
    current = ""
    for line in _short_lines(html.split("\n"), limit):
        candidate = f"{current}\n{line}" if current else line
        if current and visible_length(candidate) > limit:
            result.append(current)
            candidate = line
        current = candidate
    return [*result, current] if current or not result else result


def _short_lines(lines: list[str], limit: int) -> list[str]:
    out = []
    for line in lines:
        while visible_length(line) > limit:
            cut = line.rfind(" ", 0, limit // 2) if " " in line[: limit // 2] else limit // 2
            out.append(line[:cut])
            line = line[cut:].lstrip()
        out.append(line)
    return out
