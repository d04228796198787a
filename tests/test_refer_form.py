"""Stories of a giver passing a referral privately, step by step, with buttons."""

from __future__ import annotations

from tests.builders import User, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP
from tests.fake_api import FORBIDDEN_KICKED

ALICE_CHAT = private_chat(ALICE)


async def chapter_with_members(bot, *extra: User) -> None:
    for member in (ALICE, BOB, CAROL, DAVE, *extra):
        await bot.say(GROUP, member, "/help")
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()


def last_to_alice(bot):
    return bot.api.sent(chat_id=ALICE.id)[-1]


async def test_alice_fills_in_the_whole_form_and_the_referral_is_passed(bot):
    await chapter_with_members(bot)

    await bot.say(ALICE_CHAT, ALICE, "/refer")
    members = last_to_alice(bot)
    assert "Who is the referral for?" in members.text
    assert members.buttons == [
        ("Bob Roofer", "rf:m:222"),
        ("Carol", "rf:m:333"),
        ("Dave", "rf:m:444"),
        ("✖ Cancel", "rf:x"),
    ]
    await bot.press(ALICE, "rf:m:222")
    assert "Who is the prospect" in last_to_alice(bot).text
    await bot.say(ALICE_CHAT, ALICE, "Jane Roe, Roe Bakery, wants a new shopfront")
    assert "phone number and/or e-mail" in last_to_alice(bot).text
    await bot.say(ALICE_CHAT, ALICE, "555-0100 jane@roebakery.com")
    hot = last_to_alice(bot)
    assert "5: I introduced you in person" in hot.text
    await bot.press(ALICE, "rf:hot:4")
    await bot.press(ALICE, "rf:io:o")
    summary = last_to_alice(bot)
    assert "Please check the referral" in summary.text and "To: Bob Roofer" in summary.text
    assert "How hot: 4 (I arranged a call or a meeting for you)" in summary.text
    await bot.press(ALICE, "rf:ok")

    referral = await bot.store.referrals.get(1)
    assert (referral.giver_id, referral.receiver_id) == (ALICE.id, BOB.id)
    assert (referral.prospect_name, referral.phone, referral.email) == (
        "Jane Roe",
        "555-0100",
        "jane@roebakery.com",
    )
    assert (referral.how_hot, referral.inside) == (4, False)
    [group_post] = bot.api.texts(GROUP.id)
    assert "Referral #1 recorded" in group_post
    assert "555-0100" not in group_post and "Jane Roe" not in group_post
    assert "Roe Bakery" in bot.api.texts(BOB.id)[-1]
    assert "Referral #1 passed to Bob Roofer" in last_to_alice(bot).text
    # The form's answers replace the how-hot buttons: no second confirmation to the giver.
    assert not any(text.startswith("📤") for text in bot.api.texts(ALICE.id))


async def test_skipping_the_contact_details(bot):
    await chapter_with_members(bot)
    await bot.say(ALICE_CHAT, ALICE, "/refer")
    await bot.press(ALICE, "rf:m:333")
    await bot.say(ALICE_CHAT, ALICE, "John Doe")
    await bot.press(ALICE, "rf:skip")
    await bot.press(ALICE, "rf:hot:1")
    await bot.press(ALICE, "rf:io:i")
    assert "Contact: none" in last_to_alice(bot).text
    await bot.press(ALICE, "rf:ok")
    referral = await bot.store.referrals.get(1)
    assert (referral.receiver_id, referral.phone, referral.inside) == (CAROL.id, None, True)


async def test_cancel_at_any_step_stores_nothing(bot):
    await chapter_with_members(bot)
    steps = [
        [],
        [("press", "rf:m:222")],
        [("press", "rf:m:222"), ("say", "Jane Roe")],
        [("press", "rf:m:222"), ("say", "Jane Roe"), ("press", "rf:skip")],
        [
            ("press", "rf:m:222"),
            ("say", "Jane Roe"),
            ("press", "rf:skip"),
            ("press", "rf:hot:2"),
            ("press", "rf:io:o"),
        ],
    ]
    for index, before in enumerate(steps):
        await bot.say(ALICE_CHAT, ALICE, "/refer")
        for kind, value in before:
            await (
                bot.press(ALICE, value) if kind == "press" else bot.say(ALICE_CHAT, ALICE, value)
            )
        if index % 2:
            await bot.say(ALICE_CHAT, ALICE, "/cancel")
        else:
            await bot.press(ALICE, "rf:x")
        assert last_to_alice(bot).text == "Cancelled: nothing was stored."
    assert await bot.store.referrals.get(1) is None
    assert bot.api.texts(GROUP.id) == [] and bot.api.texts(BOB.id) == []


async def test_members_are_paged(bot):
    many = [User(id=9000 + i, first_name=f"Member{i:02d}") for i in range(17)]
    await chapter_with_members(bot, *many)  # 20 others besides Alice

    await bot.say(ALICE_CHAT, ALICE, "/refer")
    first = last_to_alice(bot)
    assert len([b for b in first.buttons if b[1].startswith("rf:m:")]) == 8
    assert ("More ▶", "rf:pg:1") in first.buttons and not any("Back" in b[0] for b in first.buttons)

    await bot.press(ALICE, "rf:pg:2")
    [edit] = bot.api.sent(method="editMessageText")
    names = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert names == ["Member13", "Member14", "Member15", "Member16", "◀ Back", "✖ Cancel"]


async def test_typing_part_of_a_name_searches(bot):
    await chapter_with_members(bot)
    await bot.say(ALICE_CHAT, ALICE, "/refer")

    await bot.say(ALICE_CHAT, ALICE, "car")
    assert last_to_alice(bot).buttons == [("Carol", "rf:m:333"), ("✖ Cancel", "rf:x")]

    await bot.say(ALICE_CHAT, ALICE, "@bob")
    assert ("Bob Roofer", "rf:m:222") in last_to_alice(bot).buttons

    await bot.say(ALICE_CHAT, ALICE, "zzz")
    assert "No member matches “zzz”" in last_to_alice(bot).text


async def test_a_member_of_several_chapters_picks_one_first(bot):
    await chapter_with_members(bot)
    await bot.say(OTHER_GROUP, ALICE, "/help")
    await bot.say(ALICE_CHAT, ALICE, "/refer")
    choice = last_to_alice(bot)
    assert "Which chapter" in choice.text
    assert [label for label, _ in choice.buttons] == [
        "Riverside Chapter",
        "Hilltop Chapter",
        "✖ Cancel",
    ]
    await bot.press(ALICE, "rf:ch:2")
    assert "I don't know any other members" in last_to_alice(bot).text


async def test_someone_the_bot_never_saw_in_a_chapter_is_told_how_to_start(bot):
    await bot.say(ALICE_CHAT, ALICE, "/refer")
    assert "I don't know your chapter yet" in last_to_alice(bot).text


async def test_forged_members_and_chapters_are_ignored(bot):
    await chapter_with_members(bot)
    await bot.say(OTHER_GROUP, DAVE, "/help")  # a chapter Alice isn't in
    await bot.say(ALICE_CHAT, ALICE, "/refer")
    await bot.press(ALICE, "rf:m:111")  # herself
    await bot.press(ALICE, "rf:m:5555")  # a stranger
    assert "Who is the referral for?" in last_to_alice(bot).text

    await bot.press(ALICE, "rf:m:222")
    await bot.say(ALICE_CHAT, ALICE, "J" * 1001)
    assert "1001 characters" in last_to_alice(bot).text


async def test_a_form_button_from_before_a_restart_says_it_expired(bot):
    await bot.press(ALICE, "rf:ok")
    answer = bot.api.sent(method="answerCallbackQuery")[-1]
    assert answer.params["text"] == "This button no longer works. Send /mine to see your referrals."
    assert await bot.store.referrals.get(1) is None


async def test_a_group_that_refuses_the_forms_confirmation_leaves_the_giver_reachable(bot):
    """Issue 11, item 18: a 403 from the group used to mark the giver unreachable privately."""
    await chapter_with_members(bot)
    await bot.say(ALICE_CHAT, ALICE, "/start")
    bot.api.fail("sendMessage", FORBIDDEN_KICKED, chat_id=GROUP.id)

    await bot.say(ALICE_CHAT, ALICE, "/refer @bob Jane Roe, 555-0100")
    await bot.press(ALICE, "rf:ok")
    await bot.services.outbox.sweep()

    assert bot.rows("SELECT can_dm FROM members WHERE user_id = ?", (ALICE.id,)) == [(1,)]
    assert bot.rows("SELECT active FROM chapters WHERE chat_id = ?", (GROUP.id,)) == [(0,)]
    assert "Referral #1" in bot.api.texts(BOB.id)[-1]  # the slip still went to Bob
    await bot.say(ALICE_CHAT, ALICE, "/mine")
    assert "#1" in last_to_alice(bot).text  # and Alice is still answered privately
