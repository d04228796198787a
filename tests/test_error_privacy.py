"""Issue 11, item 6: whatever fails, the log never holds what a member wrote.

Every handler is made to fail in turn, with an error that quotes the update's text (the worst
a bug could do), while a week of chat goes through; no log line above DEBUG may then hold a
prospect's phone, e-mail, name or the notes about them.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from telegram.ext import BaseHandler, ConversationHandler

from tests.builders import (
    User,
    bot_membership_json,
    callback_json,
    message_json,
    private_chat,
    update_json,
)
from tests.cast import ALICE, BOB, GROUP, OTHER_GROUP
from tests.fake_api import BOT_USERNAME

PHONE, EMAIL, NAME, NOTE = "555-0177", "pia@private.example", "Pia Private", "secret renovation"
PROSPECT = f"{NAME}, {PHONE}, {EMAIL}, {NOTE}"
SECRETS = (PHONE, EMAIL, NAME, NOTE, "0177")
ANONYMOUS = User(id=1087968824, first_name="Group", username="GroupAnonymousBot", is_bot=True)


# The features whose every handler the story below reaches (others fail in turn too, when an
# update of the story happens to reach them).
STORY = {
    f"handlers.{name}"
    for name in [
        *("chapter_settings", "closing", "errors", "export", "followup", "guards", "people"),
        *("places", "referral_form", "referrals", "start", "stats", "tips", "tracking"),
    ]
}


def leaf_handlers(app) -> list[BaseHandler]:
    """Every handler that runs a callback, the private form's steps included."""
    found = []
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                found += handler.entry_points + handler.fallbacks
                found += [step for steps in handler.states.values() for step in steps]
            else:
                found.append(handler)
    return found


def fail_once_each(handlers: list[BaseHandler], fired: set[int]) -> None:
    """Each handler fails the first time it is reached, then works (so later steps are reached)."""
    for index, handler in enumerate(handlers):
        handler.callback = _failing_once(handler.callback, index, fired)


def _failing_once(callback, index: int, fired: set[int]):
    async def fail_the_first_time(update, context) -> Any:
        if index in fired:
            return await callback(update, context)
        fired.add(index)
        words = update.effective_message.text if update.effective_message else None
        raise RuntimeError(f"handler broke on {words!r} / {update.to_dict()}")

    return fail_the_first_time


async def a_week_in_the_chapter(bot) -> None:
    """Every kind of update the bot handles, each carrying the prospect where it can."""
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(private_chat(ALICE), ALICE, "/start")
    bobs = await bot.say(GROUP, BOB, "/help")  # the chapter, number 1
    await bot.say(OTHER_GROUP, ALICE, "/help")  # Alice's second chapter
    await in_the_group(bot, bobs)
    await through_the_form(bot)
    for data in ("sf:1:h3", "fu:1:s", "fu:1:c", "mn:0", f"x:{PHONE}"):
        await bot.press(ALICE if data.startswith("sf") else BOB, data)
    for text in (f"/followup 1 called {NAME} at {PHONE}", f"/closed 1 2500 {NOTE}", "/mine"):
        await bot.say(private_chat(BOB), BOB, text)
    for text in ("/pending", "/stats", "/tip", "/settings", "/export", "/mine"):
        await bot.say(GROUP, ALICE, text)
    await bot.say(GROUP, ALICE, f"/nope@{BOT_USERNAME} {PHONE}")
    for text in ("/stats me", "/cancel", f"/nope {NAME} {EMAIL}", f"{NAME} {PHONE}"):
        await bot.say(private_chat(ALICE), ALICE, text)
    for text in ("/settings", "/pending", "/export"):
        await bot.say(private_chat(ALICE), ALICE, text)
    for text in ("/meeting", "/attendance", "/roster", "/sub", f"/visitor {PROSPECT}", "/visitors"):
        await bot.say(GROUP, ALICE, text)
        await bot.say(private_chat(ALICE), ALICE, text)
    date = int(bot.clock.now().timestamp())
    await bot.feed(bot_membership_json(GROUP, ALICE, "member", "left", date=date))
    await bot.feed(callback_json(BOB, bobs, f"fu:1:c {NOTE}"))


async def in_the_group(bot, bobs: dict[str, Any]) -> None:
    """By mention, by reply, forwarded, as a photo's caption, as the group (anonymous)."""
    date = int(bot.clock.now().timestamp())
    await bot.say(GROUP, ALICE, f"/refer @bob {PROSPECT}")
    await bot.say(GROUP, ALICE, f"/refer {PROSPECT}", reply_to=bobs)
    forwarded = message_json(GROUP, ALICE, f"/refer @bob {PROSPECT}", date=date)
    forwarded["forward_origin"] = {"type": "user", "date": date, "sender_user": BOB.to_api()}
    await bot.feed(update_json(message=forwarded))
    photo = message_json(GROUP, ALICE, f"/refer @bob {PROSPECT}", date=date)
    photo["caption"], photo["caption_entities"] = photo.pop("text"), photo.pop("entities")
    photo["photo"] = [{"file_id": "p", "file_unique_id": "pu", "width": 9, "height": 9}]
    await bot.feed(update_json(message=photo))
    anonymous = message_json(GROUP, ANONYMOUS, f"/refer @bob {PROSPECT}", date=date)
    anonymous["sender_chat"] = GROUP.to_api()
    await bot.feed(update_json(message=anonymous))


async def through_the_form(bot) -> None:
    """The private form three times: to the end, left with /cancel, left with its button."""
    alice = private_chat(ALICE)
    steps = ["/refer", "rf:ch:1", "rf:pg:0", "Bo", f"rf:m:{BOB.id}", NAME, f"{PHONE} {EMAIL}"]
    steps += ["rf:hot:3", "rf:io:o", "rf:ok"]
    steps += ["/refer", "/refer", "rf:ch:1", f"rf:m:{BOB.id}", NOTE, "rf:skip", "/cancel"]
    steps += ["/refer", "rf:x"]
    for step in steps:
        if step.startswith("rf:"):
            await bot.press(ALICE, step)
        else:
            await bot.say(alice, ALICE, step)


def logged_above_debug(caplog) -> str:
    lines = []
    for record in caplog.records:
        if record.levelno > logging.DEBUG:
            lines.append(record.getMessage())
            if record.exc_info:
                lines.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(lines)


async def test_no_failure_anywhere_writes_a_prospects_details_to_the_log(bot, caplog):
    handlers = leaf_handlers(bot.app)
    covered = {i for i, handler in enumerate(handlers) if handler.callback.__module__ in STORY}
    fired: set[int] = set()
    fail_once_each(handlers, fired)

    with caplog.at_level(logging.DEBUG):
        for _ in range(8):  # a failed step cuts the story short: go through it again
            await a_week_in_the_chapter(bot)
            if covered <= fired:
                break

    logged = logged_above_debug(caplog)
    assert "Error while handling" in logged and "command /refer" in logged
    assert [secret for secret in SECRETS if secret in logged] == []
    assert covered <= fired  # every handler the story is written for failed in turn


@pytest.mark.parametrize("kind", ["message", "button"])
async def test_the_error_line_names_the_update_not_its_text(bot, caplog, monkeypatch, kind):
    async def explode(*args, **kwargs):
        raise RuntimeError(f"bad prospect {PROSPECT}")

    monkeypatch.setattr(bot.services.referrals, "pass_referral", explode)
    monkeypatch.setattr(bot.services.followup, "log_step", explode)
    with caplog.at_level(logging.INFO):
        if kind == "message":
            await bot.say(GROUP, ALICE, f"/refer @bob {PROSPECT}")
        else:
            await bot.press(BOB, "fu:1:c")

    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert f"chat {GROUP.id if kind == 'message' else BOB.id}" in line
    assert ("command /refer" if kind == "message" else "button fu") in line
    assert "RuntimeError" in line and "explode" in line  # what failed, and where
    assert [secret for secret in SECRETS if secret in line] == []
