"""Stories of the weekly education minute reaching each chapter, once a week, in order."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from html import unescape

from bot.tips.content import bundled_tips_path, load_tips
from tests.builders import Chat, bot_membership_json
from tests.cast import ALICE, GROUP, OTHER_GROUP
from tests.fake_api import FORBIDDEN_KICKED, SERVER_ERROR, FakeBotApi, migrated
from tests.harness import build_bot, settings_for

FIRST_SLOT = datetime.fromisoformat("2026-11-30T08:00:00+00:00")  # Monday after START
SHIPPED = load_tips(bundled_tips_path()).tips


async def sweep(bot):
    return await bot.services.tips.sweep()


def posted_titles(bot, chat_id: int = GROUP.id) -> list[str]:
    return [
        unescape(text.split("</b>")[0].removeprefix("🎓 <b>Education minute: "))
        for text in bot.api.texts(chat_id)
        if text.startswith("🎓")
    ]


async def chapter_exists(bot, chat: Chat = GROUP) -> None:
    await bot.say(chat, ALICE, "/help")
    await sweep(bot)  # schedules it


async def test_the_first_tip_goes_out_on_monday_at_eight_and_only_once(bot):
    await chapter_exists(bot)

    bot.clock.set(FIRST_SLOT - timedelta(minutes=1))
    await sweep(bot)
    assert posted_titles(bot) == []

    bot.clock.set(FIRST_SLOT)
    await sweep(bot)
    await sweep(bot)
    bot.clock.advance(timedelta(hours=3))
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title]


async def test_every_tip_comes_before_any_repeats(bot):
    await chapter_exists(bot)
    for week in range(len(SHIPPED) + 1):
        bot.clock.set(FIRST_SLOT + timedelta(weeks=week))
        await sweep(bot)

    titles = posted_titles(bot)
    assert titles[: len(SHIPPED)] == [tip.title for tip in SHIPPED]
    assert titles[len(SHIPPED)] == SHIPPED[0].title


async def test_the_rotation_survives_a_restart(clock, database):
    path = database
    first = build_bot(settings_for(path), clock)
    await first.start()
    await chapter_exists(first)
    for week in range(3):
        clock.set(FIRST_SLOT + timedelta(weeks=week))
        await sweep(first)
    await first.stop()

    second = build_bot(settings_for(path), clock, FakeBotApi())
    await second.start()
    try:
        clock.set(FIRST_SLOT + timedelta(weeks=3))
        await sweep(second)
        assert posted_titles(second) == [SHIPPED[3].title]
    finally:
        await second.stop()


async def test_edited_new_and_removed_tips(tmp_path, clock, database):
    tips = tmp_path / "tips.md"
    tips.write_text("## Alpha\nA1\n## Beta\nB1\n## Gamma\nC1\n")
    path = database
    bot = build_bot(settings_for(path, tips_file=tips), clock)
    await bot.start()
    await chapter_exists(bot)
    for week in range(2):
        clock.set(FIRST_SLOT + timedelta(weeks=week))
        await sweep(bot)
    await bot.stop()

    # The coordinator edits Beta, removes Gamma and adds Delta.
    tips.write_text("## Alpha\nA1\n## Beta\nB2 edited\n## Delta\nD1\n")
    bot = build_bot(settings_for(path, tips_file=tips), clock, FakeBotApi())
    await bot.start()
    try:
        for week in range(2, 5):
            clock.set(FIRST_SLOT + timedelta(weeks=week))
            await sweep(bot)
        assert posted_titles(bot) == ["Delta", "Alpha", "Beta"]
        assert "B2 edited" in bot.api.texts(GROUP.id)[-1]
    finally:
        await bot.stop()


async def test_a_bot_back_within_twelve_hours_catches_up(bot):
    await chapter_exists(bot)
    bot.clock.set(FIRST_SLOT + timedelta(hours=11, minutes=59))
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title]


async def test_a_bot_back_after_twelve_hours_waits_for_next_week(bot):
    await chapter_exists(bot)
    bot.clock.set(FIRST_SLOT + timedelta(hours=12, minutes=1))
    await sweep(bot)
    assert posted_titles(bot) == []

    bot.clock.set(FIRST_SLOT + timedelta(weeks=1))
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title]


async def test_never_two_tips_in_one_week_even_after_a_schedule_change(bot):
    await chapter_exists(bot)
    bot.api.admins.add((GROUP.id, ALICE.id))
    bot.clock.set(FIRST_SLOT)
    await sweep(bot)

    await bot.say(GROUP, ALICE, "/settings tips tue 09:00")
    bot.clock.set(FIRST_SLOT + timedelta(days=1, hours=1))  # Tuesday 09:00, same week
    await sweep(bot)
    assert len(posted_titles(bot)) == 1

    bot.clock.set(FIRST_SLOT + timedelta(days=8, hours=1))  # next Tuesday
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title, SHIPPED[1].title]


async def test_a_transient_failure_is_retried_on_the_next_sweep(bot):
    await chapter_exists(bot)
    bot.api.fail("sendMessage", SERVER_ERROR, chat_id=GROUP.id)
    bot.clock.set(FIRST_SLOT)
    report = await sweep(bot)
    assert report.failed == 1 and posted_titles(bot) == []

    bot.clock.advance(timedelta(minutes=1))
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title]


async def test_a_group_that_removed_the_bot_is_skipped_until_it_is_added_back(bot):
    await chapter_exists(bot)
    await chapter_exists(bot, OTHER_GROUP)
    bot.api.fail("sendMessage", FORBIDDEN_KICKED, chat_id=GROUP.id)
    bot.clock.set(FIRST_SLOT)
    report = await sweep(bot)

    assert report.unreachable == 1 and report.posted == 1
    assert posted_titles(bot, OTHER_GROUP.id) == [SHIPPED[0].title]
    assert (await bot.store.chapters.by_chat_id(GROUP.id)).active is False

    bot.clock.set(FIRST_SLOT + timedelta(weeks=1))
    await sweep(bot)
    attempts = [c for c in bot.api.calls if c.method == "sendMessage" and c.chat_id == GROUP.id]
    assert len(attempts) == 2  # /help's reply and the one forbidden post: no more tries

    bot.clock.set(FIRST_SLOT + timedelta(weeks=1, days=3))
    await bot.feed(bot_membership_json(GROUP, ALICE, "left", "member", date=1))
    await sweep(bot)  # schedules the next Monday
    bot.clock.set(FIRST_SLOT + timedelta(weeks=2))
    await sweep(bot)
    assert posted_titles(bot) == [SHIPPED[0].title]


async def test_a_group_upgraded_to_a_supergroup_gets_its_tip_at_the_new_id(bot):
    old = Chat(id=-4000777, title="Riverside Chapter", type="group")
    await chapter_exists(bot, old)
    bot.api.fail("sendMessage", migrated(-1004000777), chat_id=old.id)
    bot.clock.set(FIRST_SLOT)
    await sweep(bot)

    assert posted_titles(bot, -1004000777) == [SHIPPED[0].title]
    chapter = await bot.store.chapters.by_chat_id(-1004000777)
    assert chapter is not None and chapter.title == "Riverside Chapter"


async def test_tips_go_to_the_chosen_forum_topic(bot):
    forum = Chat(id=GROUP.id, title=GROUP.title, is_forum=True)
    await chapter_exists(bot, forum)
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(forum, ALICE, "/settings tips here", thread_id=42)
    assert "posted in this topic" in bot.api.texts(GROUP.id)[-1]

    bot.clock.set(FIRST_SLOT)
    await sweep(bot)
    [post] = [c for c in bot.api.sent(GROUP.id) if c.text.startswith("🎓")]
    assert post.params["message_thread_id"] == 42


async def test_tip_command_shows_the_next_tip_then_the_last_posted(bot):
    await chapter_exists(bot)
    await bot.say(GROUP, ALICE, "/tip")
    assert posted_titles(bot) == [SHIPPED[0].title]

    bot.clock.set(FIRST_SLOT)
    await sweep(bot)
    await bot.say(GROUP, ALICE, "/tip")
    assert posted_titles(bot) == [SHIPPED[0].title] * 3


async def test_the_real_job_queue_posts_the_tip(clock, database):
    bot = build_bot(
        settings_for(database, sweep_interval=timedelta(milliseconds=200)), clock
    )
    await bot.start()
    await chapter_exists(bot)
    clock.set(FIRST_SLOT)
    await bot.app.start()
    try:
        for _ in range(50):
            if posted_titles(bot):
                break
            await asyncio.sleep(0.1)
        assert posted_titles(bot) == [SHIPPED[0].title]
    finally:
        await bot.app.stop()
        await bot.stop()
