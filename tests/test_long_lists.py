"""Issue 11, item 15: no reply is ever longer than Telegram allows (4,096 characters). /mine
pages with buttons; lists only read (/pending) are split between lines."""

from __future__ import annotations

from bot.core.text_length import MESSAGE_LIMIT, pieces, visible_length
from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.fake_api import ApiError

LONG_NAME = "Roe Bakery and Confectionery of the Riverside Old Town Market Hall Unit"


async def bob_receives(bot, count: int) -> None:
    await bot.say(private_chat(BOB), BOB, "/start")
    for n in range(1, count + 1):
        await bot.say(GROUP, ALICE, f"/refer @bob {LONG_NAME} {n:02d}, wants a quote")
    bot.api.clear()


async def test_mine_with_many_referrals_pages_with_buttons_and_shows_them_all(bot):
    await bob_receives(bot, 30)

    await bot.say(private_chat(BOB), BOB, "/mine")

    [first] = bot.api.sent(chat_id=BOB.id)
    assert visible_length(first.text) <= MESSAGE_LIMIT
    assert "Page 1 of 4" in first.text and ("Next ▶", "mn:1") in first.buttons
    seen = {n for n in range(1, 31) if f"{LONG_NAME} {n:02d}" in first.text}
    for page in (1, 2, 3):
        await bot.press(BOB, f"mn:{page}")
        [turned] = bot.api.sent(method="editMessageText")[-1:]
        assert visible_length(turned.text) <= MESSAGE_LIMIT
        assert f"Page {page + 1} of 4" in turned.text
        seen |= {n for n in range(1, 31) if f"{LONG_NAME} {n:02d}" in turned.text}
    assert seen == set(range(1, 31))
    assert ("◀ Previous", "mn:2") in turned.buttons and ("Next ▶", "mn:4") not in turned.buttons


async def test_the_step_buttons_on_a_page_are_for_that_pages_referrals(bot):
    await bob_receives(bot, 12)

    await bot.press(BOB, "mn:1")

    [page] = bot.api.sent(method="editMessageText")
    step_buttons = [data for _, data in page.buttons if data.startswith("fu:")]
    assert step_buttons and all(int(data.split(":")[1]) > 8 for data in step_buttons)


async def test_a_page_that_cant_be_edited_is_sent_afresh(bot):
    await bob_receives(bot, 12)
    bot.api.fail("editMessageText", ApiError(400, "Bad Request: message can't be edited"))

    await bot.press(BOB, "mn:1")

    [fresh] = bot.api.sent(chat_id=BOB.id)
    assert "Page 2 of 2" in fresh.text and ("◀ Previous", "mn:0") in fresh.buttons


def test_a_long_list_is_split_between_lines_into_messages_that_fit():
    lines = ["<b>Waiting past the 3 days follow-up window</b>"]
    lines += [f"• Member {n}: " + ", ".join(f"#{i} (4 days)" for i in range(40)) for n in range(40)]
    text = "\n".join(lines)

    parts = pieces(text)

    assert len(parts) > 1 and all(visible_length(part) <= MESSAGE_LIMIT for part in parts)
    assert "\n".join(parts) == text


def test_a_single_overlong_line_is_split_between_words():
    line = " ".join(f"#{n}" for n in range(3000))

    parts = pieces(line)

    assert all(visible_length(part) <= MESSAGE_LIMIT for part in parts)
    assert " ".join(parts).split() == line.split()
