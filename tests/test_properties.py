"""Property-based tests over every parser of member input.

Arbitrary unicode, right-to-left text, emoji, long inputs, HTML and Markdown fragments, SQL
metacharacters and null bytes: each input either gets a clear refusal or is accepted and
round-trips unchanged; nothing else raises; what the bot sends is always valid, escaped HTML.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from datetime import time, timedelta
from zoneinfo import available_timezones

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.business.amounts import AmountError, format_amount, parse_amount, parse_amount_and_note
from bot.business.stats import PERIODS
from bot.chapters.settings import SettingRefused, resolve_timezone
from bot.core.callback_data import (
    FollowUpAction,
    FollowUpPress,
    follow_up_data,
    how_hot_data,
    inside_data,
    one_to_one_start,
    parse_follow_up,
    parse_one_to_one_start,
    parse_slip_field,
    parse_slip_start,
    parse_visitor_start,
    slip_start,
    visitor_start,
)
from bot.core.durations import DurationError, format_duration, parse_duration
from bot.core.quiet_hours import QuietHoursError, parse_quiet_hours
from bot.referrals.prospect import parse_prospect
from bot.scorecard.goals import Unclear, read_goal
from bot.tips.content import parse_tips
from bot.tips.schedule import WEEKDAYS, ScheduleError, parse_clock, parse_weekday
from tests.cast import ALICE, BOB, GROUP
from tests.clock import FakeClock
from tests.harness import START, build_bot, settings_for
from tests.html_check import telegram_html_problems, visible_text

NASTY = st.sampled_from(
    [
        "<b>",
        "</i>",
        "<script>alert(1)</script>",
        "&amp;",
        "&",
        "**bold**",
        "_x_",
        "`code`",
        "'; DROP TABLE referrals; --",
        '" OR 1=1 --',
        "\x00",
        "\u202eevil\u202c",
        "שלום",
        "مرحبا",
        "😀👍🏽",
        "\n",
        "@bob",
        "#1",
        "/refer",
        "$",
        "€",
        "1,000",
        "k",
        " ",
        "\t",
        "Ж",
        "\ufeff",
    ]
)
MEMBER_TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=12).map("".join)
FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(MEMBER_TEXT)
def test_prospect_parsing_never_raises_and_keeps_the_text(text):
    if not text.strip():
        return
    prospect = parse_prospect(text)
    assert prospect.text == text.strip()
    for field in (prospect.phone, prospect.email):
        assert field is None or field in text


REFUSED = object()


def parsed_or_refused_clearly(parse, text, error):
    """What `parse` read, or REFUSED when it raised `error` with words saying why."""
    try:
        return parse(text)
    except error as exc:
        assert str(exc)
        return REFUSED


@FAST
@given(
    st.one_of(MEMBER_TEXT, st.from_regex(r"[$€£]?\d{1,9}([.,]\d{1,3})*\s?[kKmM]?", fullmatch=True))
)
def test_amounts_are_refused_clearly_or_read_within_bounds(text):
    amount = parsed_or_refused_clearly(parse_amount, text, AmountError)
    if amount is not REFUSED:
        assert 0 < amount.cents <= 100_000_000_000


@FAST
@given(st.integers(1, 100_000_000_000), st.sampled_from(["USD", "EUR", "GBP", "CHF", "JPY"]))
def test_amounts_round_trip_through_their_display(cents, currency):
    amount, note = parse_amount_and_note(format_amount(cents, currency))
    assert (amount.cents, amount.currency, note) == (cents, currency, None)


@FAST
@given(
    st.one_of(MEMBER_TEXT, st.from_regex(r"\d{1,9}([.,]\d{1,4}){0,3}%?", fullmatch=True)),
    st.booleans(),
)
def test_goals_are_read_or_asked_about_never_guessed(text, amount):
    goal = read_goal(text, amount=amount)
    if isinstance(goal, Unclear):
        assert not amount and goal.decimal != goal.whole
    else:
        assert goal is None or goal >= 0


@FAST
@given(st.decimals(0, 10**6, places=2), st.sampled_from(".,"))
def test_goals_read_either_decimal_mark(value, mark):
    assert read_goal(f"{value:.2f}".replace(".", mark)) == value


@FAST
@given(MEMBER_TEXT)
def test_durations_are_refused_clearly_or_positive(text):
    duration = parsed_or_refused_clearly(parse_duration, text, DurationError)
    if duration is not REFUSED:
        assert duration > timedelta(0)


@FAST
@given(st.integers(1, 999_999), st.sampled_from("smhdw"))
def test_durations_round_trip(amount, unit):
    duration = parse_duration(f"{amount}{unit}")
    assert parse_duration(format_duration(duration)) == duration


@FAST
@given(MEMBER_TEXT)
def test_weekdays_and_times_are_refused_clearly_or_valid(text):
    for parse in (parse_weekday, parse_clock):
        parsed_or_refused_clearly(parse, text, ScheduleError)


@FAST
@given(st.integers(0, 6), st.times())
def test_weekdays_and_times_round_trip(day, moment):
    assert parse_weekday(WEEKDAYS[day]) == day
    at = time(moment.hour, moment.minute)
    assert parse_clock(f"{at:%H:%M}") == at


@FAST
@given(st.one_of(MEMBER_TEXT, st.sampled_from(sorted(available_timezones()))))
def test_time_zones_are_refused_clearly_or_real(text):
    zone = parsed_or_refused_clearly(resolve_timezone, text, SettingRefused)
    if zone is REFUSED:
        return
    assert zone in available_timezones() or zone == text.strip()
    if text in available_timezones():
        assert zone == text


@FAST
@given(MEMBER_TEXT)
def test_quiet_hours_are_refused_clearly_or_round_trip(text):
    quiet = parsed_or_refused_clearly(parse_quiet_hours, text, QuietHoursError)
    if quiet is not REFUSED and quiet is not None:
        assert parse_quiet_hours(str(quiet)) == quiet


@FAST
@given(st.one_of(st.text(max_size=70), NASTY))
def test_callback_data_is_parsed_strictly(data):
    for parse in (parse_follow_up, parse_slip_field):
        parsed = parse(data)
        if parsed is not None:
            assert len(data.encode()) <= 64


@FAST
@given(
    st.integers(0, 10**12 - 1),
    st.sampled_from(list(FollowUpAction)),
    st.integers(1, 5),
    st.booleans(),
)
def test_callback_data_round_trips_and_fits_telegram(referral_id, action, level, inside):
    for data in (
        follow_up_data(referral_id, action),
        how_hot_data(referral_id, level),
        inside_data(referral_id, inside),
    ):
        assert len(data.encode()) <= 64
    assert parse_follow_up(follow_up_data(referral_id, action)) == FollowUpPress(
        referral_id, action
    )
    assert parse_slip_field(how_hot_data(referral_id, level)).how_hot == level
    assert parse_slip_field(inside_data(referral_id, inside)).inside is inside


START_LINKS = [
    (slip_start, parse_slip_start),
    (one_to_one_start, parse_one_to_one_start),
    (visitor_start, parse_visitor_start),
]


@FAST
@given(st.integers(0, 10**12 - 1), st.one_of(st.text(max_size=70), NASTY))
def test_start_links_round_trip_fit_telegram_and_read_nothing_else(number, forged):
    for build, parse in START_LINKS:
        payload = build(number)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", payload)  # what t.me/<bot>?start= takes
        assert parse(payload) == number
        read = parse(forged)
        assert read is None or (forged.startswith(build(0)[:-1]) and forged[-1].isdigit())


@FAST
@given(MEMBER_TEXT)
def test_tip_files_never_crash_the_checker(text):
    book = parse_tips(text)
    for tip in book.tips:
        assert telegram_html_problems(tip.body_html) == []


# -- through the real Application ----------------------------------------------------------


def run_in_bot(tmp_path_factory, scenario):
    async def main():
        path = tmp_path_factory.mktemp("prop") / "chapter.db"
        bot = build_bot(settings_for(path), FakeClock(START))
        await bot.start()
        errors = []

        async def record(update, context):
            errors.append(context.error)

        bot.app.add_error_handler(record)
        try:
            await scenario(bot)
        finally:
            await bot.stop()
        return bot, errors, path

    return asyncio.run(main())


def assert_sent_html_is_valid(bot) -> None:
    for call in bot.api.sent():
        assert telegram_html_problems(call.text) == [], call.text


@SLOW
@given(MEMBER_TEXT.filter(lambda t: len(t) <= 1200))
def test_any_refer_text_is_recorded_as_written_or_refused(tmp_path_factory, text):
    async def scenario(bot):
        await bot.say(GROUP, BOB, "/help")
        await bot.say(GROUP, ALICE, f"/refer @bob {text}")

    bot, errors, path = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT prospect FROM referrals").fetchall()
    stripped = text.strip()
    if rows:
        assert rows == [(stripped,)]
    else:
        assert bot.api.texts(GROUP.id), "a refusal must be explained"
    assert_sent_html_is_valid(bot)
    if rows:  # the slip shows exactly what was written: escaped, so never read as markup
        [slip] = [call for call in bot.api.sent(chat_id=BOB.id) if "As written" in call.text]
        assert f"As written: {stripped}" in visible_text(slip.text)


@SLOW
@given(
    st.sampled_from(["timezone", "tips", "window", "currency", "amounts", "summary", "x"]),
    MEMBER_TEXT,
)
def test_any_settings_value_gets_a_reply_and_nothing_half_stored(tmp_path_factory, key, value):
    async def scenario(bot):
        bot.api.admins.add((GROUP.id, ALICE.id))
        await bot.say(GROUP, ALICE, f"/settings {key} {value}")

    bot, errors, path = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    assert bot.api.texts(GROUP.id), "every settings command gets an answer"
    assert_sent_html_is_valid(bot)
    with sqlite3.connect(path) as conn:
        timezone, window = conn.execute(
            "SELECT timezone, follow_up_window_s FROM chapters"
        ).fetchone()
    assert timezone in available_timezones()
    assert window is None or 3600 <= window <= 30 * 86400


@SLOW
@given(
    st.sampled_from(["/closed 1", "/followup 1", "/stats", "/stats me", "/mine", "/tip"]),
    MEMBER_TEXT,
)
def test_any_command_arguments_get_an_answer_never_an_error(tmp_path_factory, command, args):
    async def scenario(bot):
        await bot.say(GROUP, BOB, "/help")
        await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
        await bot.say(GROUP, BOB, f"{command} {args}")

    bot, errors, _ = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    assert_sent_html_is_valid(bot)


def test_every_period_the_bot_accepts_is_named_in_the_usage_members_read():
    from bot.texts.stats import usage

    text = usage()
    for period in PERIODS:
        assert f"<code>{period}</code>" in text or f"/stats {period}" in text, period
