"""The meeting in the numbers: /stats, /stats me, /export, and the scorecard's two questions."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from storage.meetings import Mark
from tests.builders import private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP
from tests.harness import BotUnderTest
from tests.test_meeting import ERIN, a_chapter, tap
from tests.test_visitors import press

PHONE = "555-0101"


async def a_month_of_meetings(bot: BotUnderTest) -> None:
    """Two meetings: Alice present at both; Bob late, then absent; Dave on medical leave, then
    substituted; Erin (the admin) present at both. Alice invited Jane, who came and joined."""
    await a_chapter(bot, ALICE, BOB, DAVE)
    await bot.say(GROUP, ERIN, "/settings visitorhosts @dave_lawyer")
    await bot.say(GROUP, ALICE, f"/visitor Jane Smith, Smith Plumbing, {PHONE}")
    await bot.say(GROUP, ERIN, "/meeting")
    for person, mark in ((ALICE, "p"), (BOB, "l"), (ERIN, "p")):
        await tap(bot, person, mark)
    await press(bot, DAVE, "va:1")
    await bot.say(GROUP, ERIN, "/meeting close")
    await bot.say(GROUP, ERIN, "/attendance @dave_lawyer medical")
    bot.clock.advance(timedelta(days=7))
    await bot.say(GROUP, DAVE, "/sub Tom Lee, Lee Legal")
    await bot.say(GROUP, ERIN, "/meeting")
    for person in (ALICE, ERIN):
        await tap(bot, person, "p")
    await bot.say(GROUP, ERIN, "/meeting close")
    await bot.say(GROUP, ERIN, "/visitor V1 joined")
    bot.api.clear()


async def test_stats_show_the_attendance_rate_and_visitors(bot):
    await a_month_of_meetings(bot)
    await bot.say(GROUP, BOB, "/stats")
    [figures] = bot.api.texts(GROUP.id)
    # attended: 3 + 3 (Dave's sub) = 6; counted: 6 + Bob's absence = 7; medical counts neither way
    assert "Meetings: 2; attendance rate 86%" in figures
    assert "Visitors: 1 invited, 1 came, 1 joined" in figures

    await bot.say(private_chat(BOB), BOB, "/stats me")
    mine = bot.api.texts(BOB.id)[-1]
    assert "attendance 50%: 0 present, 1 late, 0 substituted, 0 medical, 1 absent" in mine
    await bot.say(private_chat(ALICE), ALICE, "/stats me")
    assert "Visitors you invited: 1, came: 1, joined: 1" in bot.api.texts(ALICE.id)[-1]


async def test_export_sends_attendance_and_visitors_privately_to_the_admin(bot):
    await a_month_of_meetings(bot)
    await bot.say(GROUP, ERIN, "/export")

    referrals, attendance, visitors, _activity = bot.api.sent(method="sendDocument")
    assert {referrals.chat_id, attendance.chat_id, visitors.chat_id} == {ERIN.id}
    rows = list(
        csv.reader(io.StringIO(attendance.params["_files"]["document"][1].decode("utf-8-sig")))
    )
    assert rows[0] == ["meeting", "meeting_at_utc", "member_id", "member", "mark"]
    assert ["1", "2026-11-23T09:00:00Z", str(DAVE.id), "Dave", "medical"] in rows
    assert len(rows) == 1 + 8
    rows = list(
        csv.reader(io.StringIO(visitors.params["_files"]["document"][1].decode("utf-8-sig")))
    )
    assert rows[1][:8] == [
        "V1",
        "2026-11-23T09:00:00Z",
        str(ALICE.id),
        "Alice Baker",
        "Jane Smith",
        "Smith Plumbing",
        PHONE,
        "",
    ]
    assert all(PHONE not in text for text in bot.api.texts(GROUP.id))


async def test_the_scorecards_two_questions(bot):
    await a_month_of_meetings(bot)
    attendance = bot.services.meeting.attendance
    [chapter] = await bot.services.directory.chapters_of(ALICE.id)
    start, end = bot.clock.now() - timedelta(days=30), bot.clock.now() + timedelta(seconds=1)

    bobs = await attendance.marks_of(chapter.id, BOB.id, start, end)
    assert [m.mark for m in bobs] == [Mark.LATE, Mark.ABSENT]
    rate = await attendance.attendance_rate(chapter.id, start, end)
    assert (rate.attended, rate.counted) == (6, 7)
    later = await attendance.attendance_rate(chapter.id, end, end + timedelta(days=1))
    assert later.share is None
