"""The check-in message goes through the Messenger: its edits follow the group posts' policy
(a group gone for the bot, a migrated group, a text too long) instead of retrying for ever."""

from __future__ import annotations

from datetime import timedelta

from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import FORBIDDEN_KICKED, migrated
from tests.test_meeting import ERIN, a_chapter, tap

SUPERGROUP_ID = -1005555555555


def edits(bot) -> int:
    return sum(1 for call in bot.api.calls if call.method == "editMessageText")


async def test_a_kicked_bot_marks_the_chapter_inactive_instead_of_retrying_the_edit(bot):
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/meeting")
    bot.api.fail("editMessageText", FORBIDDEN_KICKED, chat_id=GROUP.id, times=None)
    bot.clock.advance(timedelta(seconds=10))  # past the gap between edits

    assert await tap(bot, ALICE, "p") == "Marked present. Thank you!"
    assert edits(bot) == 1
    assert bot.rows("SELECT active FROM chapters WHERE chat_id = ?", (GROUP.id,)) == [(0,)]

    bot.clock.advance(timedelta(seconds=30))
    assert await bot.services.meeting.sweep.board.flush() == 0
    assert edits(bot) == 1  # no edit owed to a group the bot has left


async def test_a_group_that_became_a_supergroup_is_followed_when_the_check_in_is_edited(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/meeting")
    bot.api.fail("editMessageText", migrated(SUPERGROUP_ID), chat_id=GROUP.id)
    bot.clock.advance(timedelta(seconds=10))

    await tap(bot, ALICE, "p")
    assert bot.rows("SELECT chat_id, active FROM chapters") == [(SUPERGROUP_ID, 1)]
    assert bot.rows("SELECT shown_version = marks_version FROM meetings") == [(1,)]


async def test_an_edit_too_long_for_one_message_is_cut_at_a_line_break(bot):
    await a_chapter(bot, ALICE)
    await bot.say(GROUP, ERIN, "/meeting")
    chapter = await bot.store.chapters.by_chat_id(GROUP.id)
    [meeting_id] = bot.rows("SELECT message_id FROM meetings")[0]
    long_text = "\n".join(f"✅ Member number {n}" for n in range(400))

    assert await bot.services.messenger.edit(chapter, meeting_id, long_text)
    [edit] = bot.api.sent(GROUP.id, method="editMessageText")
    assert long_text.startswith(edit.text) and len(edit.text) <= 4096
    assert long_text[len(edit.text)] == "\n"  # whole lines only
