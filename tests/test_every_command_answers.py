"""Issue 11, item 16: every command answers wherever it is sent: the right thing, or where to
send it."""

from __future__ import annotations

import pytest

from bot.texts.commands import GROUP_COMMANDS, PRIVATE_COMMANDS
from tests.builders import private_chat
from tests.cast import ALICE, GROUP, alice_refers_bob
from tests.fake_api import BOT_USERNAME

EVERY_COMMAND = sorted({c.command for c in PRIVATE_COMMANDS} | {c.command for c in GROUP_COMMANDS})


@pytest.mark.parametrize("where", ["private", "group"])
@pytest.mark.parametrize("command", EVERY_COMMAND)
async def test_every_command_gets_an_answer_in_both_places(bot, command, where):
    await alice_refers_bob(bot)
    chat = private_chat(ALICE) if where == "private" else GROUP

    await bot.say(chat, ALICE, f"/{command}")

    answers = [
        call
        for call in bot.api.calls
        if call.method.startswith("send")
        and call.chat_id == chat.id
        and "_failed" not in call.params
    ]
    assert answers, f"/{command} in {where} got no answer"


async def test_group_commands_sent_privately_say_where_to_send_them(bot):
    await bot.say(private_chat(ALICE), ALICE, "/settings")
    await bot.say(private_chat(ALICE), ALICE, "/pending")

    settings, pending = bot.api.texts(ALICE.id)
    assert "send /settings there" in settings
    assert "your chapter's group" in pending


async def test_cancel_without_a_form_and_unknown_commands_get_a_word(bot):
    await bot.say(private_chat(ALICE), ALICE, "/cancel")
    await bot.say(private_chat(ALICE), ALICE, "/frobnicate")
    await bot.say(GROUP, ALICE, f"/frobnicate@{BOT_USERNAME}")
    await bot.say(GROUP, ALICE, "/frobnicate")  # maybe another bot's: not ours to answer

    nothing, unknown = bot.api.texts(ALICE.id)
    assert "nothing to cancel" in nothing
    assert "I don't know /frobnicate" in unknown and "/help" in unknown
    [in_group] = bot.api.texts(GROUP.id)
    assert "I don't know /frobnicate" in in_group
