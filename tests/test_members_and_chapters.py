"""The bot's own map of chapters and members: who it has seen, under which names, where."""

from __future__ import annotations

from tests.builders import Chat, User, bot_membership_json, message_json, update_json
from tests.cast import ALICE, BOB, GROUP


async def test_a_group_becomes_a_chapter_when_first_used_and_keeps_its_title_current(bot):
    await bot.say(GROUP, ALICE, "/help")
    renamed = Chat(id=GROUP.id, title="Riverside Business Chapter")
    await bot.say(renamed, ALICE, "/help")

    assert bot.rows("SELECT chat_id, title, active FROM chapters") == [
        (GROUP.id, "Riverside Business Chapter", 1)
    ]


async def test_members_are_remembered_with_their_current_names(bot):
    await bot.say(GROUP, ALICE, "/help")
    await bot.say(GROUP, User(id=ALICE.id, first_name="Alicia", username="alicia"), "/help")

    assert bot.rows("SELECT user_id, first_name, username FROM members") == [
        (ALICE.id, "Alicia", "alicia")
    ]
    assert bot.rows("SELECT user_id FROM chapter_members") == [(ALICE.id,)]


async def test_a_username_moves_to_whoever_holds_it_now(bot):
    await bot.say(GROUP, BOB, "/help")
    new_bob = User(id=555, first_name="Robert", username="bob")
    await bot.say(GROUP, new_bob, "/help")

    assert bot.rows("SELECT user_id, username FROM members ORDER BY user_id") == [
        (BOB.id, None),
        (555, "bob"),
    ]


async def test_the_author_of_a_replied_to_message_is_remembered(bot):
    bobs = message_json(GROUP, BOB, "hello", date=1)
    await bot.say(GROUP, ALICE, "/help", reply_to=bobs)

    assert bot.rows("SELECT user_id FROM chapter_members ORDER BY user_id") == [
        (ALICE.id,),
        (BOB.id,),
    ]


async def test_adding_the_bot_makes_a_chapter_and_removing_it_deactivates_it(bot):
    await bot.feed(bot_membership_json(GROUP, ALICE, "left", "member", date=1))
    assert bot.rows("SELECT title, active FROM chapters") == [("Riverside Chapter", 1)]

    await bot.feed(bot_membership_json(GROUP, ALICE, "member", "left", date=2))
    assert bot.rows("SELECT title, active FROM chapters") == [("Riverside Chapter", 0)]

    await bot.feed(bot_membership_json(GROUP, ALICE, "left", "member", date=3))
    assert bot.rows("SELECT active FROM chapters") == [(1,)]


async def test_a_group_upgraded_to_a_supergroup_keeps_its_referrals(bot):
    old = Chat(id=-4000123, title="Riverside Chapter", type="group")
    await bot.say(old, ALICE, "/refer @bob Jane Roe")
    migration = message_json(old, ALICE, "", date=2)
    del migration["text"]
    migration["migrate_to_chat_id"] = -1005550001
    await bot.feed(update_json(message=migration))

    assert bot.rows("SELECT chat_id FROM chapters") == [(-1005550001,)]
    assert bot.rows("SELECT COUNT(*) FROM referrals r JOIN chapters c ON c.id = r.chapter_id") == [
        (1,)
    ]
    new = Chat(id=-1005550001, title="Riverside Chapter")
    await bot.say(new, ALICE, "/refer @bob John Doe")
    assert bot.rows("SELECT COUNT(*) FROM chapters") == [(1,)]
    assert "#2" in bot.api.texts(new.id)[-1]


async def test_start_greets_and_help_fits_the_place(bot):
    await bot.say(Chat(id=ALICE.id, type="private"), ALICE, "/start")
    await bot.say(Chat(id=ALICE.id, type="private"), ALICE, "/help")
    await bot.say(GROUP, ALICE, "/help")

    welcome, private_help = bot.api.texts(ALICE.id)
    assert "Hi Alice" in welcome and "/refer" in welcome
    assert "/start" in private_help
    assert "/refer" in bot.api.texts(GROUP.id)[-1]
    assert bot.rows("SELECT can_dm FROM members") == [(1,)]


async def test_command_menus_are_published_for_private_chats_and_groups(bot):
    scopes = [
        call.params["scope"]["type"]
        for call in bot.api.calls
        if call.method == "setMyCommands" and "language_code" not in call.params
    ]
    assert scopes == ["all_private_chats", "all_group_chats"]
