"""Stories of members passing referrals in the chapter's group."""

from __future__ import annotations

import pytest

from tests.builders import message_json, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, SOME_BOT
from tests.fake_api import BOT_USER, CANT_DELETE, FORBIDDEN_NOT_STARTED, TIMEOUT
from tests.harness import stored_referrals


async def bob_has_started_the_bot(bot) -> None:
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()


async def test_alice_refers_bob_by_username_and_bob_gets_the_slip_privately(bot):
    await bob_has_started_the_bot(bot)

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, Roe Bakery, 555-0100, jane@roebakery.com")

    [slip] = bot.api.sent(chat_id=BOB.id)
    assert "Referral #1" in slip.text
    assert "Jane Roe" in slip.text and "555-0100" in slip.text
    assert "jane@roebakery.com" in slip.text and "Roe Bakery" in slip.text
    assert "From: Alice Baker" in slip.text
    assert "Follow up by: <b>Thu 26 Nov, 09:00 UTC</b>" in slip.text

    [confirmation] = bot.api.sent(chat_id=GROUP.id)
    assert "#1" in confirmation.text
    assert "Alice Baker" in confirmation.text and "Bob Roofer" in confirmation.text
    assert "Thu 26 Nov, 09:00 UTC" in confirmation.text
    for detail in ("555-0100", "jane@roebakery.com", "Jane Roe", "Roe Bakery"):
        assert detail not in confirmation.text

    [row] = stored_referrals(bot)
    assert (row["giver_id"], row["receiver_id"], row["status"]) == (ALICE.id, BOB.id, "open")
    assert (row["prospect_name"], row["phone"], row["email"]) == (
        "Jane Roe",
        "555-0100",
        "jane@roebakery.com",
    )
    assert (row["created_at"], row["follow_up_due_at"]) == (
        "2026-11-23T09:00:00Z",
        "2026-11-26T09:00:00Z",
    )


async def test_the_group_confirmation_goes_out_before_the_private_messages(bot):
    await bob_has_started_the_bot(bot)
    await bot.say(private_chat(ALICE), ALICE, "/start")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    assert [call.chat_id for call in bot.api.sent()] == [GROUP.id, BOB.id, ALICE.id]
    assert "start=ref_1" not in bot.api.shown(GROUP.id)[-1]  # Bob has the slip already
    assert bot.api.sent(GROUP.id, "editMessageText") == []  # and it needed no correction


async def test_a_receiver_not_yet_known_to_be_reachable_gets_the_link_only_if_needed(bot):
    await bot.say(GROUP, BOB, "/help")  # Bob is known, but never opened a chat with the bot
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=BOB.id)

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")
    await bot.say(GROUP, ALICE, "/refer @carol John Doe")  # Carol is unknown: no slip to try

    first, second = bot.api.shown(GROUP.id)[-2:]
    assert "start=ref_1" in first and "start=ref_2" in second
    assert bot.api.sent(GROUP.id, "editMessageText") == []  # the forecast was right both times


async def test_referral_by_replying_to_the_receivers_message(bot):
    await bob_has_started_the_bot(bot)
    bobs_message = await bot.say(GROUP, BOB, "/help")

    await bot.say(GROUP, ALICE, "/refer Jane Roe, wants a new shopfront", reply_to=bobs_message)

    [row] = stored_referrals(bot)
    assert row["receiver_id"] == BOB.id
    assert row["prospect_name"] == "Jane Roe"
    assert row["phone"] is None and row["email"] is None
    assert "wants a new shopfront" in bot.api.texts(BOB.id)[0]


async def test_referral_with_a_text_mention_for_a_member_without_username(bot):
    await bot.say(private_chat(CAROL), CAROL, "/start")

    await bot.say(GROUP, ALICE, "/refer Carol Jane Roe, 555-0100", text_mention=("Carol", CAROL))

    [row] = stored_referrals(bot)
    assert row["receiver_id"] == CAROL.id
    assert row["prospect_name"] == "Jane Roe"
    assert "Referral #1" in bot.api.texts(CAROL.id)[-1]


async def test_receiver_who_never_started_the_bot_gets_a_deep_link_in_the_group(bot):
    await bot.say(GROUP, BOB, "/help")  # Bob is known, but never opened a private chat
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=BOB.id)

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, Roe Bakery")

    confirmation = bot.api.texts(GROUP.id)[-1]
    assert f"https://t.me/{BOT_USER['username']}?start=ref_1" in confirmation
    assert "Jane Roe" not in confirmation
    assert (await bot.store.members.get(BOB.id)).can_dm is False

    # Bob follows the link: /start ref_1 shows him the slip, and he can now be written to.
    bot.api.clear()
    await bot.say(private_chat(BOB), BOB, "/start ref_1")
    [slip] = bot.api.texts(BOB.id)
    assert "Referral #1" in slip and "Jane Roe" in slip
    assert (await bot.store.members.get(BOB.id)).can_dm is True


async def test_a_member_known_to_be_unreachable_is_not_tried_again(bot):
    await bot.say(GROUP, BOB, "/help")
    await bot.store.members.set_can_dm(BOB.id, False)
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    assert bot.api.sent(chat_id=BOB.id) == []
    assert "start=ref_1" in bot.api.shown(GROUP.id)[-1]


async def test_a_transient_failure_sending_the_slip_still_records_and_links(bot):
    await bob_has_started_the_bot(bot)
    bot.api.fail("sendMessage", TIMEOUT, chat_id=BOB.id)

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

    assert len(stored_referrals(bot)) == 1
    assert "start=ref_1" in bot.api.shown(GROUP.id)[-1]


async def test_slip_link_is_shown_only_to_giver_and_receiver(bot):
    await bob_has_started_the_bot(bot)
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, 555-0100")
    bot.api.clear()

    await bot.say(private_chat(DAVE), DAVE, "/start ref_1")
    await bot.say(private_chat(ALICE), ALICE, "/start ref_1")
    await bot.say(private_chat(ALICE), ALICE, "/start ref_77")

    [to_dave] = bot.api.texts(DAVE.id)
    assert "only shown to its giver and its receiver" in to_dave
    assert "555-0100" not in to_dave
    to_alice = bot.api.texts(ALICE.id)
    assert "555-0100" in to_alice[0]
    assert "There is no referral #77" in to_alice[1]


async def test_referral_to_an_unseen_username_waits_and_joins_the_member_later(bot):
    await bot.say(GROUP, ALICE, "/refer @dave_lawyer Jane Roe, needs a will")

    [row] = stored_referrals(bot)
    assert (row["receiver_id"], row["receiver_username"]) == (None, "dave_lawyer")
    confirmation = bot.api.texts(GROUP.id)[-1]
    assert "@dave_lawyer" in confirmation and "start=ref_1" in confirmation

    await bot.say(GROUP, DAVE, "/help")  # Dave shows up

    [row] = stored_referrals(bot)
    assert (row["receiver_id"], row["receiver_username"]) == (DAVE.id, None)
    bot.api.clear()
    await bot.say(private_chat(DAVE), DAVE, "/start ref_1")
    assert "needs a will" in bot.api.texts(DAVE.id)[0]


async def test_receiver_who_joins_the_group_claims_their_pending_referrals(bot):
    await bot.say(GROUP, ALICE, "/refer @dave_lawyer Jane Roe")
    join = message_json(GROUP, DAVE, "", date=1)
    del join["text"]
    join["new_chat_members"] = [DAVE.to_api()]
    from tests.builders import update_json

    await bot.feed(update_json(message=join))

    assert stored_referrals(bot)[0]["receiver_id"] == DAVE.id


async def test_command_with_contact_details_is_deleted_from_the_group(bot):
    await bob_has_started_the_bot(bot)
    command = await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, jane@roebakery.com")

    [deletion] = bot.api.sent(chat_id=GROUP.id, method="deleteMessage")
    assert deletion.params["message_id"] == command["message_id"]


async def test_command_without_contact_details_stays(bot):
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, wants a quote")
    assert bot.api.sent(method="deleteMessage") == []


async def test_without_the_right_to_delete_the_bot_explains_once(bot):
    bot.api.fail("deleteMessage", CANT_DELETE, times=None)

    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, 555-0100")
    await bot.say(GROUP, ALICE, "/refer @bob John Doe, 555-0199")

    hints = [text for text in bot.api.texts(GROUP.id) if "Delete messages" in text]
    assert len(hints) == 1
    assert len(stored_referrals(bot)) == 2


@pytest.mark.parametrize(
    ("sender", "text", "expected"),
    [
        (ALICE, "/refer", "Who is this referral for?"),
        (ALICE, "/refer Jane Roe, 555-0100", "Who is this referral for?"),
        (ALICE, "/refer @alice Jane Roe", "can't refer business to yourself"),
        (ALICE, "/refer @bob", "describe the prospect"),
        (ALICE, "/refer @bob    ", "describe the prospect"),
        (ALICE, f"/refer @{BOT_USER['username']} Jane Roe", "Bots don't take referrals"),
        (ALICE, "/refer @bob " + "x" * 1001, "1001 characters"),
    ],
)
async def test_mistakes_get_a_friendly_reply_and_store_nothing(bot, sender, text, expected):
    await bot.say(GROUP, sender, text)

    reply = bot.api.texts(GROUP.id)[-1]
    assert expected in reply
    assert stored_referrals(bot) == []
    assert bot.api.sent(method="deleteMessage") == []


async def test_replying_to_your_own_message_or_a_bot_is_refused(bot):
    own = await bot.say(GROUP, ALICE, "/help")
    await bot.say(GROUP, ALICE, "/refer Jane Roe", reply_to=own)
    assert "can't refer business to yourself" in bot.api.texts(GROUP.id)[-1]

    bots = message_json(GROUP, SOME_BOT, "hello", date=1)
    await bot.say(GROUP, ALICE, "/refer Jane Roe", reply_to=bots)
    assert "Bots don't take referrals" in bot.api.texts(GROUP.id)[-1]
    assert stored_referrals(bot) == []


async def test_exactly_1000_characters_is_accepted(bot):
    await bot.say(GROUP, ALICE, "/refer @bob " + "J" * 1000)
    assert len(stored_referrals(bot)) == 1


async def test_command_addressed_to_this_bot_by_name_works(bot):
    await bot.say(GROUP, ALICE, f"/refer@{BOT_USER['username']} @bob Jane Roe")
    assert len(stored_referrals(bot)) == 1


async def test_command_addressed_to_another_bot_is_ignored(bot):
    await bot.say(GROUP, ALICE, "/refer@other_bot @bob Jane Roe")
    assert stored_referrals(bot) == []
    assert bot.api.sent(chat_id=GROUP.id) == []


async def test_user_text_is_escaped_in_what_the_bot_sends(bot):
    await bob_has_started_the_bot(bot)
    await bot.say(GROUP, ALICE, "/refer @bob <b>Jane</b> & Co, wants <script>")

    slip = bot.api.texts(BOB.id)[-1]
    assert "&lt;b&gt;Jane&lt;/b&gt; &amp; Co" in slip
    assert "<script>" not in slip
