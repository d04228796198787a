"""Stories from a tester's week on referrals and closed business (the tryout's findings)."""

from __future__ import annotations

import pytest

from tests.builders import private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP, OTHER_GROUP, alice_refers_bob
from tests.fake_api import FORBIDDEN_NOT_STARTED
from tests.test_meeting import FRED


async def test_a_contacted_referral_is_not_offered_contacted_again(bot):
    """Finding 19: /mine and the slip offered ✅ Contacted on a referral already contacted."""
    await alice_refers_bob(bot)
    await bot.say(GROUP, BOB, "/followup 1")
    bot.api.clear()

    await bot.say(private_chat(BOB), BOB, "/mine")
    [mine] = bot.api.sent(chat_id=BOB.id)
    assert mine.buttons == [("📅 #1", "fu:1:m"), ("✖ #1", "fu:1:n")]

    await bot.say(private_chat(BOB), BOB, "/start ref_1")
    slip = bot.api.sent(chat_id=BOB.id)[-1]
    assert slip.buttons == [("📅 Meeting set", "fu:1:m"), ("✖ Not a fit", "fu:1:n")]


async def test_closing_someone_elses_referral_says_only_its_receiver_closes_it(bot):
    """Finding 14: the refusal spoke of logging a follow-up."""
    await alice_refers_bob(bot)
    await bot.say(GROUP, CAROL, "/tip")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/closed 1 100")
    await bot.say(private_chat(CAROL), CAROL, "/closed 1 100")
    await bot.say(GROUP, CAROL, "/followup 1")

    giver, other, follow_up = bot.api.texts()
    assert (
        giver == other == ("Only the receiver of referral #1 can record business closed from it.")
    )
    assert follow_up == "Only the receiver of referral #1 can log its follow-up."
    assert (await bot.store.referrals.get(1)).status == "open"


@pytest.mark.parametrize(
    "prospect",
    [
        "Kay Kirk, meeting 2026-12-05 10:30",
        "Kay Kirk, visit on 05.12.2026 at 10:30",
        "Kay Kirk, budget 25000-30000",
        "Kay Kirk, order #12345678 went missing",
        "Kay Kirk, ABN 51 824 753 556",
        "Kay Kirk, invoice 20261205 unpaid",
    ],
)
async def test_dates_ranges_and_reference_numbers_are_not_phone_numbers(bot, prospect):
    """Finding 8: these were stored as phones and the giver's message was deleted."""
    await alice_refers_bob(bot, prospect)

    referral = await bot.store.referrals.get(1)
    assert referral.prospect == prospect and referral.phone is None
    assert bot.api.sent(method="deleteMessage") == []


@pytest.mark.parametrize(
    ("prospect", "phone"),
    [
        ("Kay Kirk, 555-0100, meeting 2026-12-05 10:30", "555-0100"),
        ("Kay Kirk, order #12345678, call 0412 345 678", "0412 345 678"),
        ("Kay Kirk 06.12.34.56.78", "06.12.34.56.78"),
        ("Kay Kirk, mobile 1234-5678", "1234-5678"),
        ("Kay Kirk, tel. +44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
async def test_real_phone_numbers_next_to_them_are_still_found_and_removed(bot, prospect, phone):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, f"/refer @bob {prospect}")

    assert (await bot.store.referrals.get(1)).phone == phone
    assert len(bot.api.sent(method="deleteMessage")) == 1


async def test_a_referral_goes_only_to_someone_seen_in_this_chapter(bot):
    """Finding 4: Fred, known only from Hilltop, got Riverside's slip with the phone."""
    await bot.say(private_chat(FRED), FRED, "/start")
    await bot.say(OTHER_GROUP, FRED, "/tip")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/refer @fred_fixit Outsider Olga, 555-0100")

    [reply] = bot.api.texts()
    assert reply.startswith("I haven't seen @fred_fixit in this chapter's group")
    assert bot.api.texts(FRED.id) == []
    assert await bot.store.referrals.get(1) is None

    await bot.say(GROUP, FRED, "/tip")  # Fred is in Riverside's group after all
    await bot.say(GROUP, ALICE, "/refer @fred_fixit Outsider Olga, 555-0100")
    assert (await bot.store.referrals.get(1)).receiver_id == FRED.id
    assert "Outsider Olga" in bot.api.texts(FRED.id)[-1]


async def test_changing_the_currency_keeps_past_amounts_in_theirs_and_never_adds_them(bot):
    """Finding 5: after /settings currency EUR, /stats showed "€2,500" for dollars and would
    have added dollars and euros together; any three letters were taken as a currency."""
    bot.api.admins.add((GROUP.id, ALICE.id))
    await alice_refers_bob(bot)
    await bot.say(private_chat(DAVE), DAVE, "/start")
    await bot.say(GROUP, BOB, "/closed 1 2,500")
    await bot.say(GROUP, ALICE, "/settings currency XYZ")
    assert "is not a currency code in use" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/settings currency eur")
    await bot.say(GROUP, ALICE, "/refer @dave_lawyer Ed Euro")
    await bot.say(GROUP, DAVE, "/closed 2 900")
    bot.api.clear()

    await bot.say(GROUP, CAROL, "/stats")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "Business closed: 2, worth €900 + $2,500" in reply
    assert "Top closers: Bob Roofer (1 closed), Dave (1 closed)" in reply

    await bot.say(private_chat(BOB), BOB, "/stats me")
    assert "You closed: 1, worth $2,500" in bot.api.texts(BOB.id)[-1]
    await bot.say(private_chat(ALICE), ALICE, "/stats me")
    assert "business won from them: €900 + $2,500" in bot.api.texts(ALICE.id)[-1]
    assert [(r.currency, r.amount_cents) for r in [await bot.store.referrals.get(1)]] == [
        ("USD", 250000)
    ]


@pytest.mark.parametrize(
    ("typed", "one", "write_one", "other", "write_other"),
    [
        ("1,5", "$1.50", "1.50", "$1,500", "1500"),
        ("1.500", "$1,500", "1500", "$1.50", "1.50"),
        ("2,50", "$2.50", "2.50", "$2,500", "2500"),
    ],
)
async def test_an_amount_whose_decimal_mark_is_unclear_is_asked_about(
    bot, typed, one, write_one, other, write_other
):
    """Finding 9: in a dollar chapter `1,5` thanked the giver publicly for $1.50, and `1.500`
    (a European 1,500) was recorded as $1.50. Now the receiver is shown both readings."""
    await alice_refers_bob(bot)

    await bot.say(GROUP, BOB, f"/closed 1 {typed} new roof")

    [reply] = bot.api.texts()
    assert f"{one} (write <code>{write_one}</code>)" in reply
    assert f"{other} (write <code>{write_other}</code>)" in reply
    assert (await bot.store.referrals.get(1)).status == "open"
    assert bot.api.texts(ALICE.id) == []


async def test_clear_amounts_are_recorded_without_asking(bot):
    """US$500 is read; in a euro chapter a decimal comma and a thousands dot are the custom."""
    bot.api.admins.add((GROUP.id, ALICE.id))
    await alice_refers_bob(bot)
    await bot.say(GROUP, ALICE, "/refer @bob Second lead")
    await bot.say(GROUP, ALICE, "/refer @bob Third lead")

    await bot.say(GROUP, BOB, "/closed 1 US$500")
    await bot.say(GROUP, ALICE, "/settings currency EUR")
    await bot.say(GROUP, BOB, "/closed 2 12,50")
    await bot.say(GROUP, BOB, "/closed 3 1.500")

    amounts = [(await bot.store.referrals.get(i)).amount_cents for i in (1, 2, 3)]
    assert amounts == [50000, 1250, 150000]


async def test_notes_with_contact_details_leave_the_group_and_reach_the_giver(bot):
    """Finding 3: notes on /followup and /closed stayed in the group, and the /closed note
    never reached the giver."""
    await alice_refers_bob(bot, "Nora Note")

    followup = await bot.say(GROUP, BOB, "/followup 1 her new mobile is 555-0199, nora@note.io")
    closed = await bot.say(GROUP, BOB, "/closed 1 900 invoice sent to nora@note.io")
    plain = await bot.say(GROUP, BOB, "/closed 1 950 corrected after the discount")

    deleted = [call.params["message_id"] for call in bot.api.sent(method="deleteMessage")]
    assert deleted == [followup["message_id"], closed["message_id"]]
    assert plain["message_id"] not in deleted
    for text in bot.api.texts(GROUP.id):
        assert "555-0199" not in text and "nora@note.io" not in text
    contacted, thanked, corrected = bot.api.texts(ALICE.id)
    assert "Note: <i>her new mobile is 555-0199, nora@note.io</i>" in contacted
    assert "Note: <i>invoice sent to nora@note.io</i>" in thanked
    assert "Note: <i>corrected after the discount</i>" in corrected


async def test_a_giver_who_never_pressed_start_is_invited_to(bot):
    """Finding 13: only the receiver was invited; the giver silently missed the how-hot
    buttons, the follow-up news and the thank-you."""
    bot.api.fail("sendMessage", FORBIDDEN_NOT_STARTED, chat_id=CAROL.id)
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, CAROL, "/refer @bob Gina Giver")

    [confirmation] = bot.api.shown(GROUP.id)
    assert 'tg://user?id=333">Carol</a>, to hear how it goes' in confirmation
    assert "start=ref_1" in confirmation

    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Second lead")
    assert "press Start" not in bot.api.shown(GROUP.id)[-1]
