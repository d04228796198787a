"""Property-based tests over the scorecard's parsers of member input: any text is read, refused
with a reason, or kept as written; nothing else raises; what the bot sends is valid HTML."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.core.callback_data import (
    parse_one_to_one,
    parse_tip_read,
    tip_read_data,
)
from bot.scorecard.when import MAX_DAYS_BACK, WhenRefused, split_day_and_note
from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.html_check import visible_text
from tests.test_properties import (
    MEMBER_TEXT,
    SLOW,
    assert_sent_html_is_valid,
    run_in_bot,
)

TODAY = date(2026, 11, 23)


@given(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["20", "Nov", "fri"]))))
def test_any_words_give_a_day_in_the_last_month_and_a_note_or_a_refusal(words):
    try:
        day, note = split_day_and_note(words, TODAY)
    except WhenRefused:
        return
    assert TODAY - timedelta(days=MAX_DAYS_BACK) <= day <= TODAY
    assert note in " ".join(words)


@given(st.text(max_size=80))
def test_forged_callback_data_is_rejected_or_parsed_exactly(data):
    one = parse_one_to_one(data)
    if one is not None:
        assert data == f"oo:{one.one_to_one_id}:{'y' if one.met else 'n'}"
    tip = parse_tip_read(data)
    if tip is not None:
        assert data == tip_read_data(tip.chapter_id, tip.week)


@SLOW
@given(MEMBER_TEXT.filter(lambda t: len(t) <= 1100 and not t.strip().startswith("@")))
def test_any_testimonial_is_posted_as_written_or_refused(tmp_path_factory, text):
    async def scenario(bot):
        await bot.say(GROUP, BOB, "/help")
        await bot.say(private_chat(BOB), BOB, "/start")
        bot.api.clear()
        await bot.say(GROUP, ALICE, f"/testimonial @bob {text}")

    bot, errors, path = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT text FROM testimonials").fetchall()
    assert_sent_html_is_valid(bot)
    if rows:
        assert rows == [(text.strip(),)]
        [post] = bot.api.texts(GROUP.id)
        assert text.strip() in visible_text(post)
    else:
        assert "Nothing was posted" in bot.api.texts(GROUP.id)[0]


@SLOW
@given(MEMBER_TEXT.filter(lambda t: len(t) <= 400))
def test_any_one_to_one_note_is_kept_as_written_or_refused(tmp_path_factory, text):
    async def scenario(bot):
        await bot.say(GROUP, BOB, "/help")
        await bot.say(private_chat(BOB), BOB, "/start")
        bot.api.clear()
        await bot.say(GROUP, ALICE, f"/121 @bob {text}")

    bot, errors, path = run_in_bot(tmp_path_factory, scenario)
    assert errors == []
    assert_sent_html_is_valid(bot)
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT note FROM one_to_ones").fetchall()
    if not rows:
        assert "Nothing was recorded" in bot.api.texts(GROUP.id)[0]
