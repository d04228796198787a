"""The chapter's cast: the groups and members the stories are told with, and their usual opening."""

from __future__ import annotations

from tests.builders import Chat, User, private_chat
from tests.harness import BotUnderTest

GROUP = Chat(id=-1001234567890, title="Riverside Chapter")
OTHER_GROUP = Chat(id=-1009876543210, title="Hilltop Chapter")
ALICE = User(id=111, first_name="Alice", last_name="Baker", username="alice")
BOB = User(id=222, first_name="Bob", last_name="Roofer", username="bob")
CAROL = User(id=333, first_name="Carol")  # no username: named with a text_mention
DAVE = User(id=444, first_name="Dave", username="dave_lawyer")
SOME_BOT = User(id=999, first_name="Other bot", username="other_bot", is_bot=True)


async def alice_refers_bob(bot: BotUnderTest, prospect: str = "Jane Roe, Roe Bakery, 555-0100"):
    """Both have started the bot; Alice passes Bob referral #1 in the group; the record of
    Telegram calls starts afresh after it."""
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, f"/refer @bob {prospect}")
    bot.api.clear()
