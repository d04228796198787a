"""The meeting's and visitors' "no"s, joined into bot/texts/refusals.py's one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.core.result import Reason
from bot.texts import meeting as texts
from bot.texts import visitors as visitor_texts

MEETING_REPLIES: dict[Reason, Callable[[Mapping[str, Any]], str]] = {
    Reason.MEETING_ALREADY_OPEN: lambda d: texts.already_open(),
    Reason.NO_OPEN_MEETING: lambda d: texts.none_open(),
    Reason.NO_MEETING_YET: lambda d: texts.no_meeting_yet(),
    Reason.NOT_ON_ROSTER: lambda d: texts.not_on_roster(d.get("name")),
    Reason.CHECK_IN_CLOSED: lambda d: texts.tap_closed(),
    Reason.NO_SUBSTITUTE: lambda d: texts.sub_no_name(),
    Reason.NO_VISITOR_NAME: lambda d: visitor_texts.no_name(),
    Reason.MEETING_TEXT_TOO_LONG: lambda d: texts.too_long(d["limit"], d["length"]),
    Reason.VISITOR_NOT_FOUND: lambda d: visitor_texts.not_found(d["visitor_id"]),
    Reason.NOT_VISITOR_HOST: lambda d: visitor_texts.not_host(),
    Reason.VISITOR_JOINED_BY_ADMINS: lambda d: visitor_texts.joined_admins_only(),
    Reason.VISITOR_ALREADY_CAME: lambda d: visitor_texts.already_came(d["visitor"]),
    Reason.VISITOR_ALREADY_JOINED: lambda d: visitor_texts.already_joined(d["visitor"]),
    Reason.VISITOR_ALREADY_LOGGED: lambda d: visitor_texts.already_logged(d["visitor"]),
    Reason.VISITOR_ALREADY_INVITED: lambda d: visitor_texts.already_invited(d["visitor"]),
    Reason.VISITOR_NOT_CAME_YET: lambda d: visitor_texts.not_came_yet(d["visitor"]),
    Reason.SUBSTITUTE_IS_MEMBER: lambda d: texts.substitute_is_member(d["name"]),
    Reason.ABSENCE_RULE_UNREADABLE: lambda d: texts.absence_rule_unreadable(),
    Reason.ABSENCE_LIMIT_OUT_OF_RANGE: lambda d: texts.absence_limit_out_of_range(d["most"]),
    Reason.ABSENCE_MONTHS_OUT_OF_RANGE: lambda d: texts.absence_months_out_of_range(d["most"]),
}
