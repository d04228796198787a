"""The one shape of a refused meeting or visitor action: a reason (and a detail), never stored.

Handlers turn each reason into words with `bot.texts.visitors.refusal` / `bot.texts.meeting`.
"""

from __future__ import annotations

import enum


class Reason(enum.Enum):
    ALREADY_OPEN = "already_open"
    NONE_OPEN = "none_open"
    NO_MEETING_YET = "no_meeting_yet"
    NOT_ON_ROSTER = "not_on_roster"
    CLOSED = "closed"
    NO_NAME = "no_name"
    TOO_LONG = "too_long"
    NO_CHAPTER = "no_chapter"
    VISITOR_NOT_FOUND = "visitor_not_found"
    NOT_HOST = "not_host"
    ADMINS_ONLY = "admins_only"
    ALREADY_CAME = "already_came"
    ALREADY_JOINED = "already_joined"
    ALREADY_LOGGED = "already_logged"


class MeetingRefused(Exception):
    """Raised before anything is written: the action changed nothing."""

    def __init__(self, reason: Reason, detail: object = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail
