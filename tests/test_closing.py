"""Stories of referrals turning into business, and the thanks that follow at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.business.amounts import (
    Amount,
    AmountError,
    format_amount,
    parse_amount,
    parse_amount_and_note,
)
from tests.builders import private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP, OTHER_GROUP, alice_refers_bob


@pytest.mark.parametrize(
    ("text", "cents", "currency"),
    [
        ("2500", 250000, None),
        ("2,500", 250000, None),
        ("2 500", 250000, None),
        ("$2,500.50", 250050, "USD"),
        ("€900", 90000, "EUR"),
        ("2.5k", 250000, None),
        ("900 CHF", 90000, "CHF"),
        ("EUR 1.250,75", 125075, "EUR"),
        ("1.2m", 120000000, None),
        ("2,5к", 250000, None),  # as Russian writes it: the /closed usage's example in ru
        ("2,5 тыс.", 250000, None),
        ("1,2 млн ₽", 120000000, "RUB"),
        ("12,50", 1250, None),
        ("1000000000", 100000000000, None),
        ("0.01", 1, None),
    ],
)
def test_amounts_as_people_type_them(text, cents, currency):
    assert parse_amount(text) == Amount(cents, currency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "more than zero"),
        ("-200", "more than zero"),
        ("0.00", "more than zero"),
        ("abc", "can't read"),
        ("12abc", "can't read"),
        ("1,2,3", "can't read"),
        ("1000000001", "more than a billion"),
        ("2k5", "can't read"),
        ("2.555", "two decimals"),
        ("", "can't read"),
        ("$", "can't read"),
        ("1e9", "can't read"),
        ("2000000k", "billion"),
    ],
)
def test_bad_amounts_say_why(text, reason):
    with pytest.raises(AmountError, match=reason):
        parse_amount(text)


def test_amount_and_note_split_at_the_longest_amount():
    assert parse_amount_and_note("2,500 new shopfront") == (parse_amount("2500"), "new shopfront")
    assert parse_amount_and_note("$2,500.50") == (parse_amount("$2,500.50"), None)
    assert parse_amount_and_note("EUR 900 thanks!")[0].currency == "EUR"


def test_a_number_in_the_note_is_never_glued_to_the_amount():
    assert parse_amount_and_note("2500 3 month contract") == (
        parse_amount("2500"),
        "3 month contract",
    )
    assert parse_amount_and_note("$900 2 visits")[0] == parse_amount("$900")
    assert parse_amount_and_note("2 500") == (parse_amount("2500"), None)
    assert parse_amount_and_note("1 250 000 EUR") == (parse_amount("1250000 EUR"), None)


def test_an_amount_with_spaces_and_a_note_is_asked_about():
    with pytest.raises(AmountError, match=r"5100 or 5 with the note .100 leaflets."):
        parse_amount_and_note("5 100 leaflets")


def test_amounts_are_shown_the_way_members_read_them():
    assert format_amount(250000, "USD") == "$2,500"
    assert format_amount(250050, "EUR") == "€2,500.50"
    assert format_amount(90000, "CHF") == "CHF 900"


async def test_bob_closes_and_the_group_thanks_alice_and_alice_is_told(bot):
    await alice_refers_bob(bot)
    bot.clock.advance(timedelta(days=5))

    await bot.say(private_chat(BOB), BOB, "/closed 1 2,500 new shopfront")

    [thanks] = bot.api.texts(GROUP.id)
    assert "Thank you for closed business" in thanks
    assert "worth <b>$2,500</b>" in thanks and "referral #1" in thanks
    assert "Alice Baker" in thanks and "Jane Roe" not in thanks
    assert thanks.endswith("Thank you, Alice!")
    [to_alice] = bot.api.texts(ALICE.id)
    assert "turned into business" in to_alice and "$2,500" in to_alice
    assert "closed at $2,500" in bot.api.texts(BOB.id)[-1]
    referral = await bot.store.referrals.get(1)
    assert (referral.status, referral.amount_cents, referral.currency) == ("closed", 250000, "USD")
    assert bot.history(1)[-1][:2] == ("closed", "new shopfront")


async def test_a_number_in_the_note_stays_in_the_note(bot):
    await alice_refers_bob(bot)

    await bot.say(private_chat(BOB), BOB, "/closed 1 2500 3 month contract")

    referral = await bot.store.referrals.get(1)
    assert referral.amount_cents == 250000
    assert bot.history(1)[-1][:2] == ("closed", "3 month contract")
    assert "closed at $2,500" in bot.api.texts(BOB.id)[-1]


async def test_closing_in_the_group_answers_with_the_thank_you_only(bot):
    await alice_refers_bob(bot)
    await bot.say(GROUP, BOB, "/closed #1 $900")
    texts = bot.api.texts(GROUP.id)
    assert len(texts) == 1 and "worth <b>$900</b>" in texts[0]


async def test_the_receiver_corrects_the_value_without_a_second_thank_you(bot):
    await alice_refers_bob(bot)
    await bot.say(private_chat(BOB), BOB, "/closed 1 2500")
    bot.clock.advance(timedelta(days=1))
    await bot.say(private_chat(BOB), BOB, "/closed 1 3,100")

    assert len(bot.api.texts(GROUP.id)) == 1
    assert "corrected the value of referral #1 to $3,100" in bot.api.texts(ALICE.id)[-1]
    referral = await bot.store.referrals.get(1)
    assert referral.amount_cents == 310000
    assert referral.closed_at == bot.clock.now() - timedelta(days=1)  # first close kept


async def test_amounts_can_be_hidden_from_the_group(bot):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await alice_refers_bob(bot)
    await bot.say(GROUP, ALICE, "/settings amounts hidden")
    await bot.say(GROUP, ALICE, "/settings currency eur")
    bot.api.clear()

    await bot.say(private_chat(BOB), BOB, "/closed 1 €900")

    [thanks] = bot.api.texts(GROUP.id)
    assert "Thank you for closed business" in thanks and "900" not in thanks
    assert "€900" in bot.api.texts(ALICE.id)[-1]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/closed 1 0", "must be more than zero"),
        ("/closed 1 0.000001k", "at least one cent"),
        ("/closed 1 2 500 3 month contract", "mean 2500 or 2 with the note"),
        ("/closed 1 -50", "must be more than zero"),
        ("/closed 1 lots", "can't read 'lots'"),
        ("/closed 1 5000000000", "more than a billion"),
        ("/closed 1 €900", "counts business in USD, but you wrote EUR"),
        # Another currency, typed before or after the number, its own way (CLDR's symbols)
        ("/closed 1 R$ 2.500", "counts business in USD, but you wrote BRL"),
        ("/closed 1 2.500 R$ new roof", "counts business in USD, but you wrote BRL"),
        ("/closed 1 € 1,5", "counts business in USD, but you wrote EUR"),
        ("/closed 1 2 500 ₽", "counts business in USD, but you wrote RUB"),
        ("/closed 1 2500 руб.", "counts business in USD, but you wrote RUB"),
        ("/closed 1 MX$ 900", "counts business in USD, but you wrote MXN"),
        ("/closed 1 900 brl", "counts business in USD, but you wrote BRL"),
        ("/closed 1 $ 1,5", "Which amount did you mean by <b>1,5</b>?"),  # not about "$"
        ("/closed 1", "/closed &lt;number&gt; &lt;amount&gt;"),
        ("/closed", "/closed &lt;number&gt; &lt;amount&gt;"),
        ("/closed 77 500", "can't find referral #77"),
    ],
)
async def test_bad_closings_get_a_clear_reply_and_change_nothing(bot, command, expected):
    await alice_refers_bob(bot)
    await bot.say(private_chat(BOB), BOB, command)

    assert expected in bot.api.texts(BOB.id)[-1]
    assert (await bot.store.referrals.get(1)).status == "open"
    assert bot.api.texts(GROUP.id) == [] and bot.api.texts(ALICE.id) == []


async def test_only_the_receiver_can_close(bot):
    await alice_refers_bob(bot)
    await bot.say(private_chat(ALICE), ALICE, "/closed 1 500")
    await bot.say(private_chat(DAVE), DAVE, "/closed 1 500")
    await bot.say(OTHER_GROUP, BOB, "/closed 1 500")

    assert "Only the receiver" in bot.api.texts(ALICE.id)[-1]
    assert "Only the receiver" in bot.api.texts(DAVE.id)[-1]
    assert "can't find referral #1" in bot.api.texts(OTHER_GROUP.id)[-1]
    assert (await bot.store.referrals.get(1)).status == "open"


async def test_a_referral_marked_not_a_fit_cannot_be_closed(bot):
    await alice_refers_bob(bot)
    await bot.press(BOB, "fu:1:n")
    await bot.say(private_chat(BOB), BOB, "/closed 1 500")
    assert "marked not a fit" in bot.api.texts(BOB.id)[-1]


async def test_closing_stops_the_nudges(bot):
    await alice_refers_bob(bot)
    await bot.say(private_chat(BOB), BOB, "/closed 1 500")
    bot.clock.advance(timedelta(days=10))
    report = await bot.services.reminder_sweep.run()
    assert report.sent == 0


async def test_hidden_amounts_stay_out_of_every_group_message(bot):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await alice_refers_bob(bot)
    await bot.say(GROUP, ALICE, "/settings amounts hidden")
    await bot.say(GROUP, BOB, "/closed 1 7,777")
    await bot.say(GROUP, BOB, "/closed 1 8,888")  # a correction, in the group
    await bot.say(GROUP, DAVE, "/stats")
    await bot.say(GROUP, DAVE, "/stats all")

    group = bot.api.texts(GROUP.id)
    assert not [text for text in group if "7,777" in text or "8,888" in text or "$" in text]
    assert any("value of referral #1 is corrected" in text for text in group)
    assert any("Business closed: 1" in text and "Bob Roofer (1 closed)" in text for text in group)
    assert "$8,888" in bot.api.texts(ALICE.id)[-1]  # the giver is told privately
    await bot.say(private_chat(BOB), BOB, "/stats me")
    assert "$8,888" in bot.api.texts(BOB.id)[-1]  # and the receiver sees their own amounts
