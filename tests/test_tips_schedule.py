"""When the education minute is due: weekday and local time, held across daylight-saving changes."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from bot.tips.schedule import ScheduleError, next_occurrence, parse_clock, parse_weekday, week_key


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


def test_monday_0800_in_berlin_stays_0800_local_when_summer_time_ends():
    # Summer time ends on Sunday 25 October 2026 in Europe.
    before = next_occurrence(utc("2026-10-17T12:00:00"), 0, time(8), "Europe/Berlin")
    after = next_occurrence(before, 0, time(8), "Europe/Berlin")
    assert before == utc("2026-10-19T06:00:00")  # 08:00 CEST = UTC+2
    assert after == utc("2026-10-26T07:00:00")  # 08:00 CET = UTC+1


def test_monday_0800_in_new_york_stays_0800_local_across_both_changes():
    # Daylight time ends 1 November 2026 and starts 14 March 2027 in the US.
    assert next_occurrence(utc("2026-10-27T00:00:00"), 0, time(8), "America/New_York") == utc(
        "2026-11-02T13:00:00"
    )  # EST, UTC-5
    assert next_occurrence(utc("2026-10-20T00:00:00"), 0, time(8), "America/New_York") == utc(
        "2026-10-26T12:00:00"
    )  # EDT, UTC-4
    assert next_occurrence(utc("2027-03-09T00:00:00"), 0, time(8), "America/New_York") == utc(
        "2027-03-15T12:00:00"
    )  # EDT again


def test_a_time_skipped_by_the_spring_jump_still_gets_a_slot():
    # 02:30 does not exist in Berlin on Sunday 28 March 2027.
    slot = next_occurrence(utc("2027-03-27T12:00:00"), 6, time(2, 30), "Europe/Berlin")
    assert utc("2027-03-28T00:00:00") < slot < utc("2027-03-28T02:00:00")


def test_the_next_slot_is_strictly_after():
    slot = utc("2026-11-23T08:00:00")
    assert next_occurrence(slot, 0, time(8), "UTC") == utc("2026-11-30T08:00:00")
    assert next_occurrence(utc("2026-11-23T07:59:59"), 0, time(8), "UTC") == slot


def test_weeks_are_counted_in_the_chapters_zone():
    sunday_night_utc = utc("2026-11-29T23:30:00")  # already Monday in Berlin
    assert week_key(sunday_night_utc, "UTC") == "2026-W48"
    assert week_key(sunday_night_utc, "Europe/Berlin") == "2026-W49"


@pytest.mark.parametrize(
    ("text", "day"),
    [("mon", 0), ("Tue", 1), ("wednesday", 2), ("THU.", 3), ("fri", 4), ("sat", 5), ("Sunday", 6)],
)
def test_weekdays(text, day):
    assert parse_weekday(text) == day


@pytest.mark.parametrize("text", ["someday", "m", "mo", "", "8"])
def test_bad_weekdays(text):
    with pytest.raises(ScheduleError, match="mon, tue, wed"):
        parse_weekday(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:30", time(7, 30)), ("7:30", time(7, 30)), ("19.00", time(19)), ("23:59", time(23, 59))],
)
def test_times(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "24:00", "7", "07:60", "noon", "7:5", ""])
def test_bad_times(text):
    with pytest.raises(ScheduleError, match="24-hour HH:MM"):
        parse_clock(text)
