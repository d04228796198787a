"""Stories of /scorecard (a member's card privately, the chapter's card for an admin),
/scorecard off and on, /settings score, and the monthly send across a restart."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.builders import private_chat
from tests.cast import ALICE, BOB, CAROL, GROUP
from tests.clock import FakeClock
from tests.fake_api import FORBIDDEN_BLOCKED, SERVER_ERROR
from tests.harness import build_bot, settings_for


async def members_known(bot, *started) -> None:
    for member in (ALICE, BOB, CAROL):
        await bot.say(GROUP, member, "/help")
    for member in started:
        await bot.say(private_chat(member), member, "/start")
    bot.api.clear()


def photos(bot, user) -> list:
    return bot.api.sent(user.id, method="sendPhoto")


async def test_a_member_asks_privately_and_gets_the_chart_with_every_figure(bot):
    await members_known(bot, ALICE)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, Roe Bakery")
    bot.api.clear()

    await bot.say(private_chat(ALICE), ALICE, "/scorecard")

    [photo] = photos(bot, ALICE)
    caption = photo.params["caption"]
    assert "Your scorecard: Riverside Chapter" in caption
    assert "Referrals given: <b>1.00 a week</b> (1 in all); goal 1 a week; 20/20 points" in caption
    assert "You're new here: your colour counts from 21 Dec 2026." in caption
    [(_field, (filename, png))] = photo.params["_files"].items()
    assert filename.endswith(".png") and png.startswith(b"\x89PNG")


async def test_in_the_group_a_member_is_pointed_to_the_private_chat(bot):
    await members_known(bot, ALICE)
    await bot.say(GROUP, ALICE, "/scorecard")
    assert "Your scorecard is private" in bot.api.texts(GROUP.id)[0]
    assert photos(bot, ALICE) == []


async def test_an_admin_gets_the_chapter_card_privately_never_in_the_group(bot):
    await members_known(bot, ALICE)
    bot.api.admins.add((GROUP.id, ALICE.id))

    await bot.say(GROUP, ALICE, "/scorecard")

    assert bot.api.texts(GROUP.id) == ["📊 I've sent you the chapter's scorecard privately."]
    assert bot.api.sent(GROUP.id, method="sendPhoto") == []
    [card] = photos(bot, ALICE)
    assert "Scorecard: Riverside Chapter" in card.params["caption"]
    assert "Members by points" in card.params["caption"]


async def test_an_admin_who_never_started_the_bot_gets_a_link(bot):
    await members_known(bot)
    bot.api.admins.add((GROUP.id, ALICE.id))
    bot.api.fail("sendPhoto", FORBIDDEN_BLOCKED, chat_id=ALICE.id)

    await bot.say(GROUP, ALICE, "/scorecard")

    [reply] = bot.api.texts(GROUP.id)
    assert "I can't message you privately yet" in reply
    assert "?start=scorecard" in reply


async def test_someone_in_no_chapter_and_unknown_words(bot):
    await bot.say(private_chat(ALICE), ALICE, "/scorecard")
    await bot.say(private_chat(ALICE), ALICE, "/scorecard please")
    texts = bot.api.texts(ALICE.id)
    assert "haven't seen you in a chapter yet" in texts[0]
    assert "<code>/scorecard off</code> stops the monthly card" in texts[1]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/settings score", "Referrals given: goal 1 a week, 20 points"),
        ("/settings score months 3", "Period: the last 3 months"),
        ("/settings score referrals 1.5", "Referrals given: goal 1.5 a week, 20 points"),
        ("/settings score 121 2", "One-to-ones: goal 2 a week, 15 points"),
        ("/settings score business 2,500", "Closed business (as giver): goal $2,500 a month"),
        ("/settings score attendance 90%", "Attendance: goal 90%, 20 points"),
        # A decimal comma, as half the world writes it: 1,5 is one and a half, never 15
        ("/settings score referrals 1,5", "Referrals given: goal 1.5 a week, 20 points"),
        ("/settings score credits 0,75", "Education credits: goal 0.75 a week"),
        ("/settings score attendance 0,9", "Attendance: goal 90%, 20 points"),
        ("/settings score business 2.500", "Closed business (as giver): goal $2,500 a month"),
        ("/settings score business 1.234,50", "Closed business (as giver): goal $1,234.5"),
    ],
)
async def test_admins_change_the_scorecard(bot, command, expected):
    await members_known(bot)
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, command)
    [reply] = bot.api.texts(GROUP.id)
    assert expected in reply


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/settings score months 13", "13 isn't a period I can use"),
        ("/settings score months six", "six isn't a period I can use"),
        ("/settings score karma 3", "I don't know the area 'karma'"),
        ("/settings score referrals -1", "-1 isn't a goal I can use"),
        ("/settings score referrals 0", "0 isn't a goal I can use"),
        ("/settings score referrals lots", "lots isn't a goal I can use"),
        ("/settings score attendance 150", "150 isn't a goal I can use"),
        ("/settings score referrals nan", "nan isn't a goal I can use"),
        ("/settings score referrals 1,2.5", "1,2.5 isn't a goal I can use"),
        # one separator and three digits: 1.5 or 1500? Asked, not guessed
        ("/settings score referrals 1,500", "I can read 1,500 two ways: 1.5 or 1500"),
        ("/settings score visitors 2.000", "I can read 2.000 two ways: 2 or 2000"),
    ],
)
async def test_bad_scorecard_settings_change_nothing(bot, command, expected):
    await members_known(bot)
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, command)
    [reply] = bot.api.texts(GROUP.id)
    assert expected in reply and "Nothing changed" in reply
    chapter = await bot.services.store.chapters.by_chat_id(GROUP.id)
    settings = await bot.services.scorecard.scores.settings(chapter)
    assert settings.months == 6 and settings.thresholds == {}


async def test_members_cannot_change_the_scorecard(bot):
    await members_known(bot)
    await bot.say(GROUP, BOB, "/settings score months 1")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[0]
    chapter = await bot.services.store.chapters.by_chat_id(GROUP.id)
    assert (await bot.services.scorecard.scores.settings(chapter)).months == 6


# -- the monthly send ------------------------------------------------------------------------

MONDAY_7_DEC = datetime.fromisoformat("2026-12-07T08:00:00+00:00")  # first Monday, tip time


async def sweep(bot):
    return await bot.services.scorecard.monthly.sweep()


async def test_the_monthly_cards_go_out_once_on_the_first_meeting_day_across_a_restart(database):
    clock = FakeClock(datetime.fromisoformat("2026-11-23T09:00:00+00:00"))
    path = database
    bot = build_bot(settings_for(path), clock)
    await bot.start()
    await members_known(bot, ALICE, BOB)  # Carol never pressed Start
    await sweep(bot)  # schedules 7 Dec 08:00
    clock.set(MONDAY_7_DEC - timedelta(seconds=1))
    await sweep(bot)
    assert bot.api.sent(method="sendPhoto") == []
    await bot.stop()

    clock.set(MONDAY_7_DEC + timedelta(minutes=5))
    bot = build_bot(settings_for(path), clock)  # restarted: the due row is still there
    await bot.start()
    bot.api.fail("sendPhoto", FORBIDDEN_BLOCKED, chat_id=CAROL.id)
    report = await sweep(bot)
    await sweep(bot)

    assert (report.sent, report.unreachable) == (2, 1)
    assert [len(photos(bot, m)) for m in (ALICE, BOB)] == [1, 1]
    assert "/scorecard off stops it" in photos(bot, ALICE)[0].params["caption"]
    await bot.stop()

    bot = build_bot(settings_for(path), clock)
    await bot.start()
    clock.advance(timedelta(days=6))
    await sweep(bot)
    assert bot.api.sent(method="sendPhoto") == []  # nothing twice, however often restarted
    await bot.stop()


async def test_a_send_cut_short_resumes_with_the_members_not_yet_sent(database):
    clock = FakeClock(datetime.fromisoformat("2026-11-23T09:00:00+00:00"))
    bot = build_bot(settings_for(database), clock)
    await bot.start()
    await members_known(bot, ALICE, BOB, CAROL)
    await sweep(bot)
    clock.set(MONDAY_7_DEC)
    bot.api.fail("sendPhoto", SERVER_ERROR, chat_id=BOB.id)

    first = await sweep(bot)
    assert first.failed == 1
    sent_first = {call.chat_id for call in bot.api.sent(method="sendPhoto")}
    assert BOB.id not in sent_first

    clock.advance(timedelta(minutes=1))
    await sweep(bot)
    await sweep(bot)
    per_member = [len(photos(bot, m)) for m in (ALICE, BOB, CAROL)]
    assert per_member == [1, 1, 1]
    await bot.stop()


async def test_scorecard_off_stops_the_monthly_card_and_on_brings_it_back(bot):
    await members_known(bot, ALICE, BOB)
    await bot.say(private_chat(ALICE), ALICE, "/scorecard off")
    assert "No more monthly scorecards" in bot.api.texts(ALICE.id)[-1]
    await sweep(bot)
    bot.clock.set(MONDAY_7_DEC)
    await sweep(bot)
    assert photos(bot, ALICE) == [] and len(photos(bot, BOB)) == 1

    await bot.say(GROUP, ALICE, "/scorecard on")
    assert "first meeting day of each month" in bot.api.texts(GROUP.id)[-1]
    bot.clock.set(datetime.fromisoformat("2027-01-04T08:00:00+00:00"))  # first Monday of Jan
    await sweep(bot)
    assert len(photos(bot, ALICE)) == 1


async def test_down_for_the_whole_month_it_waits_for_the_next_one(bot):
    await members_known(bot, ALICE)
    await sweep(bot)
    bot.clock.set(datetime.fromisoformat("2027-01-02T10:00:00+00:00"))
    report = await sweep(bot)
    assert report.skipped_late == 1 and photos(bot, ALICE) == []
    bot.clock.set(datetime.fromisoformat("2027-01-04T08:00:00+00:00"))
    await sweep(bot)
    assert len(photos(bot, ALICE)) == 1
