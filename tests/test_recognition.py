"""Stories of testimonials and education credits (the weekly tip's button and /ceu)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from tests.builders import private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP
from tests.fake_api import BOT_USERNAME


async def members_known(bot) -> None:
    for member in (ALICE, BOB, CAROL):
        await bot.say(GROUP, member, "/help")
    await bot.say(OTHER_GROUP, DAVE, "/help")
    await bot.say(private_chat(BOB), BOB, "/start")
    bot.api.clear()


async def testimonials(bot) -> list[tuple]:
    rows = await bot.services.store.db.fetch_all(
        "SELECT writer_id, subject_id, text FROM testimonials ORDER BY id"
    )
    return [tuple(row) for row in rows]


async def credits(bot) -> list[tuple]:
    rows = await bot.services.store.db.fetch_all(
        "SELECT user_id, kind, tip_week, note FROM education_credits ORDER BY id"
    )
    return [tuple(row) for row in rows]


async def test_alice_writes_a_testimonial_for_bob_the_group_sees_it_and_bob_is_told(bot):
    await members_known(bot)

    await bot.say(GROUP, ALICE, "/testimonial @bob Fixed our roof in a day, <b>spotless</b> after")

    [post] = bot.api.texts(GROUP.id)
    assert "Testimonial for" in post and "Bob Roofer" in post
    assert "Fixed our roof in a day, &lt;b&gt;spotless&lt;/b&gt; after" in post
    assert "— Alice Baker" in post
    [told] = bot.api.texts(BOB.id)
    assert "Alice Baker wrote a testimonial for you in Riverside Chapter" in told
    assert await testimonials(bot) == [
        (ALICE.id, BOB.id, "Fixed our roof in a day, <b>spotless</b> after")
    ]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/testimonial", "Who is the testimonial for?"),
        ("/testimonial @bob", "The testimonial is empty"),
        ("/testimonial @bob    ", "The testimonial is empty"),
        ("/testimonial @alice Great baker", "not your own"),
        (f"/testimonial @{BOT_USERNAME} Great bot", "Bots don't need testimonials"),
        ("/testimonial @dave_lawyer Great lawyer", "Dave isn't a member of this chapter"),
        ("/testimonial @bob " + "y" * 1001, "That's 1001 characters"),
    ],
)
async def test_bad_testimonials_are_refused_and_nothing_is_posted(bot, command, expected):
    await members_known(bot)

    await bot.say(GROUP, ALICE, command)

    [reply] = bot.api.texts(GROUP.id)
    assert expected in reply
    assert "Nothing was posted" in reply
    assert await testimonials(bot) == []
    assert bot.api.texts(BOB.id) == []


async def test_a_testimonial_sent_privately_points_to_the_group(bot):
    await members_known(bot)
    await bot.say(private_chat(ALICE), ALICE, "/testimonial @bob Great")
    assert "send /testimonial in your chapter's group" in bot.api.texts(ALICE.id)[0]
    assert await testimonials(bot) == []


async def test_a_testimonial_telegram_delivers_twice_is_posted_once(bot):
    await members_known(bot)
    message = await bot.say(GROUP, ALICE, "/testimonial @bob Great roof")
    from tests.builders import update_json

    await bot.feed(update_json(message=message))

    assert len(bot.api.texts(GROUP.id)) == 1
    assert len(await testimonials(bot)) == 1


async def test_the_weekly_tip_carries_a_credit_button_each_member_earns_once(bot):
    await members_known(bot)
    await bot.services.tips.sweep()  # schedules next Monday's tip
    bot.clock.advance(timedelta(days=7))
    await bot.services.tips.sweep()
    [tip] = bot.api.sent(GROUP.id)
    assert tip.buttons == [("I read it (+1 credit)", f"cr:1:{_week(tip)}")]
    tip_message = {
        "message_id": 5001,
        "date": 0,
        "chat": GROUP.to_api(),
        "text": "tip",
        "from": {"id": 7000000001, "is_bot": True, "first_name": "Chapterbot"},
    }
    bot.api.clear()

    await bot.press(ALICE, tip.buttons[0][1], tip_message)
    await bot.press(ALICE, tip.buttons[0][1], tip_message)
    await bot.press(BOB, tip.buttons[0][1], tip_message)

    answers = [c.params.get("text") for c in bot.api.sent(method="answerCallbackQuery")]
    assert answers == [
        "🎓 +1 education credit. Thanks for reading!",
        "You have this tip's credit already.",
        "🎓 +1 education credit. Thanks for reading!",
    ]
    assert await credits(bot) == [
        (ALICE.id, "tip", _week(tip), None),
        (BOB.id, "tip", _week(tip), None),
    ]


def _week(call) -> str:
    return call.buttons[0][1].split(":")[2]


async def test_forged_credit_buttons_earn_nothing(bot):
    await members_known(bot)
    in_group = {"message_id": 5, "date": 0, "chat": GROUP.to_api(), "text": "tip"}
    elsewhere = {"message_id": 5, "date": 0, "chat": OTHER_GROUP.to_api(), "text": "tip"}

    await bot.press(ALICE, "cr:1:2026-W48", in_group)  # no tip was posted that week
    await bot.press(ALICE, "cr:99:2026-W48", in_group)  # no such chapter
    await bot.press(DAVE, "cr:1:2026-W48", elsewhere)  # another chapter's chat
    await bot.press(ALICE, "cr:1:soon", in_group)

    answers = [c.params.get("text") for c in bot.api.sent(method="answerCallbackQuery")]
    assert answers == ["This button doesn't belong to a tip of this chapter."] * 4
    assert await credits(bot) == []


async def test_ceu_logs_one_credit_a_day(bot):
    await members_known(bot)

    await bot.say(GROUP, ALICE, "/ceu Listened to a podcast on referral marketing")
    await bot.say(private_chat(ALICE), ALICE, "/ceu Read a chapter of a book")
    bot.clock.advance(timedelta(days=1))
    await bot.say(private_chat(ALICE), ALICE, "/ceu Read a chapter of a book")

    assert "+1 education credit in Riverside Chapter" in bot.api.texts(GROUP.id)[0]
    replies = bot.api.texts(ALICE.id)
    assert "You've logged a credit today already: one a day. Nothing changed." in replies[0]
    assert "+1 education credit in Riverside Chapter" in replies[1]
    assert [row[3] for row in await credits(bot)] == [
        "Listened to a podcast on referral marketing",
        "Read a chapter of a book",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("/ceu", "What did you learn?"), ("/ceu " + "z" * 301, "That's 301 characters")],
)
async def test_empty_or_long_ceus_are_refused(bot, text, expected):
    await members_known(bot)
    await bot.say(GROUP, ALICE, text)
    [reply] = bot.api.texts(GROUP.id)
    assert expected in reply and "Nothing was recorded" in reply
    assert await credits(bot) == []


async def test_ceu_from_someone_in_no_chapter(bot):
    stranger = private_chat(DAVE)
    await bot.say(stranger, DAVE, "/ceu something")  # Dave is known nowhere yet
    assert "haven't seen you in a chapter yet" in bot.api.texts(DAVE.id)[0]


async def test_stats_stats_me_and_export_carry_one_to_ones_testimonials_and_credits(bot):
    await members_known(bot)
    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, "/121 @bob")
    await bot.press(BOB, "oo:1:y")
    await bot.say(GROUP, ALICE, "/121 Carol", text_mention=("Carol", CAROL))
    await bot.say(GROUP, ALICE, "/testimonial @bob Great roof, =SUM(A1)")
    await bot.say(GROUP, ALICE, "/ceu Read a book")
    bot.api.admins.add((GROUP.id, ALICE.id))
    bot.api.clear()

    await bot.say(GROUP, BOB, "/stats")
    await bot.say(private_chat(ALICE), ALICE, "/stats me")
    await bot.say(GROUP, ALICE, "/export")

    chapter_stats = bot.api.texts(GROUP.id)[0]
    expected = "One-to-ones 1 (and 1 waiting for confirmation); testimonials 1; education credits 1"
    assert expected in chapter_stats
    mine = bot.api.texts(ALICE.id)[0]
    assert "Riverside Chapter: one-to-ones 1 (and 1 waiting for confirmation)" in mine
    activity = bot.api.sent(method="sendDocument")[-1]
    filename, content = activity.params["_files"]["document"]
    assert filename.startswith("riverside-chapter-activity-")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["kind", "id", "at_utc", "day"]
    kinds = [(row[0], row[4], row[6], row[8]) for row in rows[1:]]
    assert kinds == [
        ("one_to_one", str(ALICE.id), str(BOB.id), "confirmed"),
        ("one_to_one", str(ALICE.id), str(CAROL.id), "pending"),
        ("testimonial", str(ALICE.id), str(BOB.id), ""),
        ("credit", str(ALICE.id), "", "ceu"),
    ]
    assert rows[3][9] == "Great roof, =SUM(A1)"  # not at the start: no formula risk
