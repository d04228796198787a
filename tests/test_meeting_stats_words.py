"""/stats before any meeting has closed reads as a sentence, not "attendance rate no meetings
closed yet" (a tester's finding)."""

from tests.cast import ALICE, GROUP


async def test_stats_before_any_meeting_say_there_is_no_rate_yet(bot):
    await bot.say(GROUP, ALICE, "/stats")

    [figures] = bot.api.texts(GROUP.id)
    assert "Meetings: 0; no attendance rate yet (no meeting counted)" in figures
    assert "attendance rate no" not in figures and "(present, late or substituted)" not in figures
