"""Stories of an admin exporting the chapter's referrals: complete, private, safe to open."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.chapters.export import CSV_COLUMNS
from bot.i18n import use_language
from bot.texts.export import cell_words
from tests.builders import private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP, OTHER_GROUP
from tests.fake_api import FORBIDDEN_NOT_STARTED
from tests.test_meeting import ERIN
from tests.test_meeting_numbers import a_month_of_meetings


def exported_rows(call) -> list[dict[str, str]]:
    [(filename, content)] = call.params["_files"].values()
    text = content.decode("utf-8-sig")
    return filename, list(csv.DictReader(io.StringIO(text)))


async def chapter_with_history(bot) -> None:
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, Roe Bakery, 555-0100, jane@roebakery.com")
    await bot.press(ALICE, "sf:1:h4")
    bot.clock.advance(timedelta(hours=5))
    await bot.say(private_chat(BOB), BOB, "/followup 1 called her")
    bot.clock.advance(timedelta(days=2))
    await bot.say(private_chat(BOB), BOB, "/closed 1 2,500.50")
    await bot.say(GROUP, ALICE, '/refer @dave_lawyer =HYPERLINK("x"), needs a will')
    await bot.say(OTHER_GROUP, ALICE, "/refer @bob Other chapter's lead")
    bot.api.clear()


async def test_an_admin_gets_every_referral_privately_as_csv(bot):
    await chapter_with_history(bot)

    await bot.say(GROUP, ALICE, "/export")

    document, _attendance, _visitors, _activity = bot.api.sent(method="sendDocument")
    assert document.chat_id == ALICE.id
    filename, rows = exported_rows(document)
    assert filename == "riverside-chapter-referrals-2026-11-25.csv"
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 2  # not the other chapter's referral
    first = rows[0]
    assert first["referral"] == "1" and first["giver"] == "Alice Baker"
    assert (first["receiver_id"], first["receiver"]) == (str(BOB.id), "Bob Roofer")
    assert (first["prospect_name"], first["phone"], first["email"]) == (
        "Jane Roe",
        "555-0100",
        "jane@roebakery.com",
    )
    assert (first["how_hot"], first["status"], first["amount"], first["currency"]) == (
        "4",
        "closed",
        "2500.50",
        "USD",
    )
    assert first["passed_at_utc"] == "2026-11-23T09:00:00Z"
    assert first["first_follow_up_utc"] == "2026-11-23T14:00:00Z"
    assert first["history"] == (
        "open 2026-11-23T09:00:00Z by 111; contacted 2026-11-23T14:00:00Z by 222 (called her); "
        "closed 2026-11-25T14:00:00Z by 222"
    )
    assert rows[1]["receiver"] == "pending: @dave_lawyer"
    assert rows[1]["prospect_name"].startswith("'=HYPERLINK")  # never a live formula
    assert "sent you the export privately" in bot.api.texts(GROUP.id)[-1]


async def test_the_export_never_reaches_the_group(bot):
    await chapter_with_history(bot)
    await bot.say(GROUP, ALICE, "/export")
    assert [c for c in bot.api.sent(method="sendDocument") if c.chat_id == GROUP.id] == []
    for text in bot.api.texts(GROUP.id):
        assert "555-0100" not in text and "Jane Roe" not in text


async def test_an_admin_who_never_started_the_bot_gets_a_link_not_the_data(bot):
    await chapter_with_history(bot)
    bot.api.fail("sendDocument", FORBIDDEN_NOT_STARTED, chat_id=ALICE.id)

    await bot.say(GROUP, ALICE, "/export")

    reply = bot.api.texts(GROUP.id)[-1]
    assert "can't send you the file privately" in reply and "start=export" in reply
    assert "555-0100" not in reply


async def test_members_who_are_not_admins_cannot_export(bot):
    await chapter_with_history(bot)
    await bot.say(GROUP, BOB, "/export")
    assert "Only the group's admins" in bot.api.texts(GROUP.id)[-1]
    assert bot.api.sent(method="sendDocument") == []


async def test_export_in_private_points_to_the_group(bot):
    await bot.say(private_chat(ALICE), ALICE, "/export")
    assert "in your chapter's group" in bot.api.texts(ALICE.id)[-1]


def _tables(bot) -> list[list[list[str]]]:
    """Every file /export sent, as rows of cells: referrals, attendance, visitors, activity."""
    return [
        list(csv.reader(io.StringIO(call.params["_files"]["document"][1].decode("utf-8-sig"))))
        for call in bot.api.sent(method="sendDocument")
    ]


async def test_an_admin_reads_every_file_in_their_own_language(bot):
    """Erin chose Spanish: the four files' columns and coded cells are Spanish (the referrals'
    header already was), English codes nowhere; names, numbers and UTC times as they are."""
    await a_month_of_meetings(bot)  # Erin is the admin; Dave on medical leave, Bob late...
    await bot.say(private_chat(ERIN), ERIN, "/start")
    await bot.press(ERIN, "lg:es")
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.say(GROUP, ALICE, "/refer @bob Jane Roe, Roe Bakery, 555-0100")
    await bot.press(ALICE, "sf:1:i")
    await bot.say(private_chat(BOB), BOB, "/followup 1 called her")
    await bot.say(GROUP, ALICE, "/refer @nobody_yet Ann Lee, needs a lawyer")
    await bot.say(GROUP, ALICE, "/121 @bob")
    await bot.press(BOB, "oo:1:y")
    await bot.say(GROUP, ALICE, "/ceu Read a book")
    await bot.press(DAVE, "vf:1:c")  # Dave, the visitor host, called Jane
    bot.api.clear()

    await bot.say(GROUP, ERIN, "/export")

    referrals, attendance, visitors, activity = _tables(bot)
    assert referrals[0][:4] == ["referencia", "pasada_utc", "dada_por_id", "dada_por"]
    assert attendance[0] == ["reunion", "reunion_utc", "miembro_id", "miembro", "asistencia"]
    assert visitors[0][:4] == ["invitado", "invitado_utc", "invitado_por_id", "invitado_por"]
    assert activity[0][:4] == ["tipo", "id", "fecha_utc", "dia"]
    first, pending = referrals[1], referrals[2]
    assert (first[11], first[12]) == ("interna", "contactada")
    assert first[18].startswith("abierta 2026-") and f"por {BOB.id} (called her)" in first[18]
    assert pending[5] == "pendiente: @nobody_yet"
    assert visitors[1][10] == "llamada hecha"
    marks = {row[4] for row in attendance[1:]}
    assert marks == {"presente", "tarde", "ausente", "baja médica", "sustituto"}
    kinds = {(row[0], row[8]) for row in activity[1:]}
    assert kinds == {("uno a uno", "confirmado"), ("crédito", "formación")}

    with use_language("en"):
        codes = set(cell_words())
    cells = {
        cell
        for table in (referrals, attendance, visitors, activity)
        for row in table[1:]
        for cell in row
    }
    assert cells & codes == set()
