"""The check-in under load, and a restart across the automatic close and the visitor nudge."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.builders import User, callback_json, private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP
from tests.fake_api import SERVER_ERROR
from tests.harness import build_bot, settings_for
from tests.test_meeting import ERIN, a_chapter, check_in_message, marks

GROUP_LIMIT_PER_MINUTE = 20


def group_posts_by_time(bot, times: list[datetime]) -> list[datetime]:
    """The fake clock's time of every message sent or edited in the group (`times` grows)."""
    posts = [
        c
        for c in bot.api.calls
        if c.chat_id == GROUP.id and c.method in ("sendMessage", "editMessageText")
    ]
    times.extend([bot.clock.now()] * (len(posts) - len(times)))
    return times


def busiest_minute(times: list[datetime]) -> int:
    return max(
        sum(1 for t in times if start <= t < start + timedelta(minutes=1)) for start in times
    )


async def test_forty_taps_in_ten_seconds_stay_under_the_groups_limit(bot):
    members = [User(id=10_000 + n, first_name=f"Member{n:02}") for n in range(40)]
    await a_chapter(bot, *members)
    times: list[datetime] = []
    await bot.say(GROUP, ERIN, "/meeting")
    group_posts_by_time(bot, times)
    for index, member in enumerate(members):  # one tap every 0.25 s
        message = check_in_message(bot)
        data = f"mt:{message.pop('_meeting')}:{'pl'[index % 2]}"
        await bot.feed(callback_json(member, message, data))
        await bot.services.meeting.sweep.flush_check_ins()  # as if the job ran after every tap
        group_posts_by_time(bot, times)
        bot.clock.advance(timedelta(seconds=0.25))
    for _ in range(60):  # the next minute, the flush job every second
        bot.clock.advance(timedelta(seconds=1))
        await bot.services.meeting.sweep.flush_check_ins()
        group_posts_by_time(bot, times)

    edits = bot.api.sent(GROUP.id, method="editMessageText")
    assert "41 checked in" in edits[-1].text and "Member39" in edits[-1].text  # and Erin
    assert len(marks(bot)) == 41
    assert busiest_minute(times) <= GROUP_LIMIT_PER_MINUTE // 2 + 1  # the post, then 10 edits
    assert 2 <= len(edits) <= 4, [e.params.get("text", "")[:40] for e in edits]
    print(f"40 taps in 10 s: {len(edits)} edits; busiest minute {busiest_minute(times)} posts")


async def test_a_restart_loses_neither_the_automatic_close_nor_the_visitor_nudge(clock, database):
    settings = settings_for(database)
    first = build_bot(settings, clock)
    await first.start()
    await a_chapter(first, ALICE, BOB, DAVE)
    await first.say(GROUP, ERIN, "/settings visitorhosts @dave_lawyer")
    await first.say(GROUP, ALICE, "/visitor Jane Smith, Smith Plumbing, 555-0101")
    await first.say(GROUP, ERIN, "/meeting")
    message = check_in_message(first)
    await first.feed(callback_json(ALICE, message, f"mt:{message.pop('_meeting')}:p"))
    await first.feed(
        callback_json(
            DAVE,
            {"message_id": 1, "date": 0, "chat": private_chat(DAVE).to_api(), "text": "…"},
            "va:1",
        )
    )
    await first.stop()

    clock.advance(timedelta(hours=4))
    second = build_bot(settings, clock)  # a new process over the same database file
    await second.start()
    second.api.fail("sendMessage", SERVER_ERROR, chat_id=GROUP.id)  # the summary fails once
    await second.services.meeting.sweep.run()
    assert second.rows("SELECT closed_at IS NOT NULL, announced_at FROM meetings") == [(1, None)]
    await second.services.meeting.sweep.run()  # the next sweep finishes the announcement
    [summary] = second.api.texts(GROUP.id)
    assert "closed by itself" in summary and "Present: 2" in summary and "Absent: 2" in summary
    assert len(second.api.texts(BOB.id)) == 1
    await second.stop()

    clock.advance(timedelta(hours=44))
    third = build_bot(settings, clock)
    await third.start()
    await third.services.meeting.sweep.run()
    assert third.api.texts(GROUP.id) == [] and third.api.texts(BOB.id) == []  # nothing twice
    [nudge] = third.api.sent(DAVE.id)
    assert "Jane Smith" in nudge.text
    await third.services.meeting.sweep.run()
    assert len(third.api.sent(DAVE.id)) == 1
    assert marks(third) == {
        ALICE.id: "present",
        BOB.id: "absent",
        DAVE.id: "absent",
        ERIN.id: "present",  # she opened the check-in
    }
    await third.stop()
