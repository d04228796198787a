"""Stories of a chapter's admins changing its settings, and of members who may not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.builders import message_json, update_json
from tests.cast import ALICE, BOB, GROUP


@pytest.fixture
async def admin_bot(bot):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/help")
    return bot


async def test_a_member_who_is_not_an_admin_is_politely_refused(admin_bot):
    before = dict(admin_bot.rows("SELECT * FROM chapters", by_name=True)[0])
    await admin_bot.say(GROUP, BOB, "/settings timezone Europe/Berlin")

    assert "Only the group's admins" in admin_bot.api.texts(GROUP.id)[-1]
    assert dict(admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]) == before


async def test_an_admin_sees_the_settings(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings")

    reply = admin_bot.api.texts(GROUP.id)[-1]
    assert "Settings for Riverside Chapter" in reply
    assert "Time zone: UTC" in reply
    assert "Education minute: Mondays at 08:00" in reply
    assert "Follow-up window: 3d (default)" in reply


async def test_an_anonymous_admin_posting_as_the_group_is_an_admin(bot):
    message = message_json(GROUP, BOB, "/settings window 2d", date=1)
    message["sender_chat"] = GROUP.to_api()
    await bot.feed(update_json(message=message))
    assert bot.rows("SELECT * FROM chapters", by_name=True)[0]["follow_up_window_s"] == 2 * 86400


async def test_changing_the_time_zone_moves_the_next_tip(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings timezone europe/berlin")

    row = admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]
    assert row["timezone"] == "Europe/Berlin"
    assert row["next_tip_at"] == "2026-11-30T07:00:00Z"  # Monday 08:00 in Berlin (CET)
    assert "Time zone: Europe/Berlin" in admin_bot.api.texts(GROUP.id)[-1]


async def test_changing_the_tip_day_and_time(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings tips tue 07:30")

    row = admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]
    assert (row["tip_weekday"], row["tip_time"]) == (1, "07:30")
    assert row["next_tip_at"] == "2026-11-24T07:30:00Z"
    assert "Tuesdays at 07:30" in admin_bot.api.texts(GROUP.id)[-1]


async def test_tips_off_and_on(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings tips off")
    assert admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]["tips_enabled"] == 0
    assert "Education minute: off" in admin_bot.api.texts(GROUP.id)[-1]

    admin_bot.clock.advance(timedelta(days=8))
    report = await admin_bot.services.tips.sweep()
    assert report.posted == 0

    await admin_bot.say(GROUP, ALICE, "/settings tips on")
    assert admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]["tips_enabled"] == 1
    assert "Mondays at 08:00" in admin_bot.api.texts(GROUP.id)[-1]


async def test_the_follow_up_window_applies_to_new_referrals(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings window 48h")
    await admin_bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    referral = await admin_bot.store.referrals.get(1)
    assert referral.follow_up_due_at - referral.created_at == timedelta(hours=48)
    assert "Follow-up window: 2d" in admin_bot.api.texts(GROUP.id)[-2]


@pytest.mark.parametrize(
    ("command", "problem", "example"),
    [
        ("/settings timezone Mars/Olympus", "unknown time zone", "Europe/Berlin"),
        ("/settings timezone", "needs a value", "Europe/Berlin"),
        ("/settings tips someday 07:30", "is not a weekday", "tue 07:30"),
        ("/settings tips mon 25:00", "is not a time of day", "tue 07:30"),
        ("/settings tips mon", "needs a value", "tue 07:30"),
        ("/settings window soon", "is not a duration", "48h"),
        ("/settings window 90d", "between 1 hour and 30 days", "48h"),
        ("/settings window 10m", "between 1 hour and 30 days", "48h"),
    ],
)
async def test_bad_values_get_a_reply_with_valid_ones_and_change_nothing(
    admin_bot, command, problem, example
):
    before = dict(admin_bot.rows("SELECT * FROM chapters", by_name=True)[0])
    await admin_bot.say(GROUP, ALICE, command)

    reply = admin_bot.api.texts(GROUP.id)[-1]
    assert "That didn't work" in reply and problem in reply and example in reply
    assert dict(admin_bot.rows("SELECT * FROM chapters", by_name=True)[0]) == before


async def test_an_unknown_setting_shows_the_list(admin_bot):
    await admin_bot.say(GROUP, ALICE, "/settings colour blue")
    reply = admin_bot.api.texts(GROUP.id)[-1]
    assert "I don't know that setting" in reply and "/settings tips tue 07:30" in reply
