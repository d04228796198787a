"""Why the scorecard's services say no: the reasons, and the limits they quote.

Kept apart from the services so that bot/texts can turn each reason into words without
importing the services (which send those words).
"""

from __future__ import annotations

import enum

MAX_NOTE = 300  # a one-to-one's note
MAX_TESTIMONIAL = 1000
MAX_CEU_NOTE = 300


class OneToOneRefusal(enum.Enum):
    NO_PARTNER = "no_partner"
    SELF = "self"
    BOT = "bot"
    NOT_IN_CHAPTER = "not_in_chapter"
    FUTURE = "future"
    TOO_OLD = "too_old"
    NOTE_TOO_LONG = "note_too_long"
    ALREADY_LOGGED = "already_logged"


class OneToOneRefused(Exception):
    def __init__(self, reason: OneToOneRefusal, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


class RecognitionRefusal(enum.Enum):
    NO_SUBJECT = "no_subject"
    SELF = "self"
    BOT = "bot"
    NOT_IN_CHAPTER = "not_in_chapter"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CEU_TODAY_ALREADY = "ceu_today_already"


class RecognitionRefused(Exception):
    def __init__(self, reason: RecognitionRefusal, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail
