"""Messages that must follow a stored fact: written with it, sent from the outbox, never lost,
never sent twice, the group's answers ahead of scheduled posts."""

from __future__ import annotations

from datetime import timedelta

from bot.core.outbox import LEASE, Outbox
from storage.outbox import Lane, NewMessage, Priority
from tests.builders import message_json, private_chat, update_json
from tests.cast import ALICE, BOB, GROUP
from tests.harness import build_bot, settings_for


async def test_a_referral_stored_just_before_a_crash_is_confirmed_once_after_the_restart(
    tmp_path, clock, monkeypatch
, database):
    settings = settings_for(database)
    first = build_bot(settings, clock)
    await first.start()
    await first.say(private_chat(BOB), BOB, "/start")
    await first.say(private_chat(ALICE), ALICE, "/start")
    refer = update_json(
        message=message_json(
            GROUP, ALICE, "/refer @bob Jane Roe", date=int(clock.now().timestamp())
        )
    )

    async def dies_right_after_the_commit(self, owed) -> None:
        return None

    with monkeypatch.context() as patched:
        patched.setattr(Outbox, "deliver", dies_right_after_the_commit)
        await first.feed(refer)
    await first.stop()
    assert first.api.texts(GROUP.id) == [] and len(first.api.texts(BOB.id)) == 1  # /start only

    again = build_bot(settings, clock)
    await again.start()
    try:
        await again.feed(refer)  # Telegram delivers the unanswered command again
        await again.services.outbox.sweep()
        await again.services.outbox.sweep()

        assert await again.services.store.referrals.count_in_chapter(1) == 1
        [confirmation] = again.api.texts(GROUP.id)
        assert "Referral #1 recorded" in confirmation
        [slip] = again.api.texts(BOB.id)
        assert "Referral #1" in slip and "Jane Roe" in slip
        [giver_copy] = again.api.texts(ALICE.id)
        assert "You passed referral #1" in giver_copy
        assert await again.services.outbox.repo.owed() == 0
    finally:
        await again.stop()


async def test_a_message_claimed_by_another_process_is_left_to_it_until_its_claim_lapses(bot):
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()
    services = bot.services
    other = Outbox(
        services.outbox.repo,
        services.messenger,
        services.store.chapters,
        services.settings,
        bot.clock,
    )
    now = bot.clock.now()
    hello = NewMessage(kind="test", text="Hello Bob", priority=Priority.NOTE, user_id=BOB.id)
    owed = await services.outbox.repo.add(hello, now)  # owed, claimed by no one yet
    assert await other.repo.claim(owed, other.claimer, now, now + LEASE) is not None

    await services.outbox.sweep()  # the other process is sending it (or died doing so)
    assert bot.api.texts(BOB.id) == []

    bot.clock.advance(LEASE)  # its claim was never renewed: that process is gone
    await services.outbox.sweep()
    assert bot.api.texts(BOB.id) == ["Hello Bob"]
    await services.outbox.sweep()
    assert bot.api.texts(BOB.id) == ["Hello Bob"]


async def test_the_groups_answer_goes_ahead_of_scheduled_posts(bot):
    await bot.say(GROUP, ALICE, "/help")
    bot.api.clear()
    repo, now = bot.services.outbox.repo, bot.clock.now()
    for number in range(3):
        scheduled = NewMessage("later", f"Scheduled {number}", Priority.SCHEDULED, chapter_id=1)
        await repo.add(scheduled, now)
    await repo.add(NewMessage("answer", "The answer", Priority.ANSWER, chapter_id=1), now)

    await bot.services.outbox.sweep()

    assert bot.api.texts(GROUP.id) == ["The answer", "Scheduled 0", "Scheduled 1", "Scheduled 2"]


async def test_a_claimed_lane_row_is_not_claimed_twice(bot):
    await bot.say(GROUP, ALICE, "/help")
    repo, now = bot.services.outbox.repo, bot.clock.now()
    await repo.add(NewMessage("answer", "Only once", Priority.ANSWER, chapter_id=1), now)
    lane = Lane(chapter_id=1)

    first = await repo.claim_next(lane, "one", now, now + LEASE)
    second = await repo.claim_next(lane, "two", now, now + LEASE)

    assert first is not None and first.text == "Only once"
    assert second is None


async def test_a_message_telegram_refuses_is_given_up_once_not_retried_forever(bot):
    from tests.fake_api import ApiError

    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()
    bot.api.fail("sendMessage", ApiError(400, "Bad Request: can't parse entities"), chat_id=BOB.id)
    async with bot.services.store.transaction():
        owed = await bot.services.outbox.owe_member(BOB.id, "<b>broken", kind="test")
    await bot.services.outbox.deliver([owed])
    bot.clock.advance(timedelta(hours=1))
    await bot.services.outbox.sweep()

    assert [call.method for call in bot.api.calls] == ["sendMessage"]
    assert await bot.services.outbox.repo.owed() == 0


async def test_a_message_owed_but_not_delivered_goes_out_with_the_next_sweep(bot):
    """A message is written claimed by the process that owes it, to send right after the
    commit; if that send never starts (the caller failed first), its own sweep sends it."""
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()
    async with bot.services.store.transaction():
        await bot.services.outbox.owe_member(BOB.id, "Hello Bob", kind="test")
    await bot.services.outbox.sweep()  # `deliver` was never called
    assert bot.api.texts(BOB.id) == ["Hello Bob"]
