"""Property-based tests over the meeting's parsers and commands, and its rules' edge cases.

Any member text either gets a clear refusal or is stored exactly as written; nothing raises; the
bot's replies are always valid, escaped HTML; a visitor's contact details never reach the group.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.callback_data import (
    arrived_data,
    check_in_data,
    parse_arrived,
    parse_check_in,
    parse_visitor_follow_up,
    visitor_follow_up_data,
)
from bot.meeting.rules import (
    RuleError,
    Standing,
    months_before,
    parse_absence_rule,
    parse_mark,
    parse_visitor_ref,
    standing,
)
from storage.meetings import Mark
from storage.roster import AbsenceRule
from storage.visitors import VisitorOutcome
from tests.cast import ALICE, BOB, GROUP
from tests.html_check import visible_text
from tests.test_properties import FAST, MEMBER_TEXT, SLOW, assert_sent_html_is_valid, run_in_bot


@FAST
@given(MEMBER_TEXT)
def test_absence_rules_are_refused_clearly_or_within_bounds(text):
    try:
        rule = parse_absence_rule(text)
    except RuleError as error:
        assert error.refused.reason
        return
    assert 1 <= rule.limit <= 52 and 1 <= rule.months <= 24


@FAST
@given(
    st.integers(1, 52),
    st.integers(1, 24),
    st.sampled_from(["{} in {}", "{}/{}", "{} in {} months"]),
)
def test_absence_rules_read_as_written(limit, months, form):
    assert parse_absence_rule(form.format(limit, months)) == AbsenceRule(limit, months)


@FAST
@given(MEMBER_TEXT)
def test_marks_and_visitor_numbers_are_read_strictly(text):
    assert parse_mark(text) in (None, *Mark)
    number = parse_visitor_ref(text)
    assert number is None or f"v{number}" in text.lower().replace("#", "")


@FAST
@given(st.text(max_size=70))
def test_meeting_buttons_are_parsed_strictly(data):
    for parse in (parse_check_in, parse_arrived, parse_visitor_follow_up):
        parsed = parse(data)
        assert parsed is None or data[:3] in ("mt:", "va:", "vf:")


@FAST
@given(
    st.integers(1, 10**12 - 1),
    st.sampled_from([Mark.PRESENT, Mark.LATE, Mark.SUBSTITUTE]),
    st.sampled_from(list(VisitorOutcome)),
)
def test_meeting_buttons_round_trip_and_fit_telegram(number, mark, outcome):
    data = [check_in_data(number, mark), arrived_data(number)]
    data.append(visitor_follow_up_data(number, outcome))
    assert all(len(item.encode()) <= 64 for item in data)
    press, arrived, follow = (
        parse(item)
        for parse, item in zip(
            (parse_check_in, parse_arrived, parse_visitor_follow_up), data, strict=True
        )
    )
    assert press is not None and (press.meeting_id, press.mark) == (number, mark)
    assert arrived == number
    assert follow is not None and (follow.visitor_id, follow.outcome) == (number, outcome)


def test_forged_meeting_buttons_are_not_read():
    for data in ("mt:1:x", "mt::p", "mt:1:p:", "va:", "va:1x", "vf:1:z", "vf:1", "MT:1:p"):
        assert parse_check_in(data) is None and parse_arrived(data) is None
        assert parse_visitor_follow_up(data) is None


@pytest.mark.parametrize(
    ("now", "months", "then"),
    [
        ("2026-08-31T10:00:00", 6, "2026-02-28T10:00:00"),
        ("2026-03-31T10:00:00", 1, "2026-02-28T10:00:00"),
        ("2026-01-15T10:00:00", 6, "2025-07-15T10:00:00"),
        ("2028-08-29T10:00:00", 6, "2028-02-29T10:00:00"),
        ("2026-11-23T09:00:00", 24, "2024-11-23T09:00:00"),
    ],
)
def test_months_before_counts_calendar_months(now, months, then):
    moment = datetime.fromisoformat(now).replace(tzinfo=UTC)
    assert months_before(moment, months) == datetime.fromisoformat(then).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("absences", "where"),
    [
        (0, Standing.FINE),
        (1, Standing.FINE),
        (2, Standing.ONE_SHORT),
        (3, Standing.AT_LIMIT),
        (4, Standing.AT_LIMIT),
    ],
)
def test_where_a_member_stands_against_three_in_six(absences, where):
    assert standing(absences, AbsenceRule(3, 6)) is where


@SLOW
@given(MEMBER_TEXT.filter(lambda t: len(t) <= 1100))
def test_any_visitor_text_is_stored_as_written_or_refused(tmp_path_factory, text):
    async def scenario(bot):
        await bot.say(GROUP, ALICE, f"/visitor {text}")
        await bot.say(GROUP, BOB, f"/sub {text}")

    bot, errors, path = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    assert len(bot.api.texts(GROUP.id)) == 2, "each command gets one answer"
    assert_sent_html_is_valid(bot)
    with sqlite3.connect(path) as conn:
        visitors = conn.execute("SELECT details, phone, email FROM visitors").fetchall()
        subs = conn.execute("SELECT details FROM substitutes").fetchall()
    stripped = text.strip()
    if visitors:
        [(details, phone, email)] = visitors
        assert details == stripped
        # a substitute must not be a member: an @name, or a name on the roster, is refused
        member_like = "sounds like a member" in bot.api.texts(GROUP.id)[1]
        assert subs == ([] if member_like else [(stripped,)])
        said = visible_text(bot.api.texts(GROUP.id)[0])
        assert (phone is None or phone not in said) and (email is None or email not in said)
    else:
        assert subs == []


@SLOW
@given(
    st.sampled_from(
        [
            "/meeting",
            "/attendance",
            "/roster",
            "/visitors",
            "/visitor V1",
            "/settings absences",
            "/settings visitorhosts",
        ]
    ),
    MEMBER_TEXT,
)
def test_any_meeting_command_gets_an_answer_never_an_error(tmp_path_factory, command, args):
    async def scenario(bot):
        bot.api.admins.add((GROUP.id, ALICE.id))
        await bot.say(GROUP, BOB, "/visitor Jane Smith, 555-0101")
        await bot.say(GROUP, ALICE, f"{command} {args}")

    bot, errors, _ = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    assert len(bot.api.texts(GROUP.id)) >= 2 or bot.api.sent(GROUP.id, "editMessageText")
    assert_sent_html_is_valid(bot)
