"""Stories of a chapter in Spanish, Portuguese or Russian: who reads which language, and the
machinery under it (plural forms, local amounts and dates, the menus, the tips per language).

Which language a message is rendered in is checked with pseudo-catalogs (every message of
language xx reads "[xx] ..."), so the routing is tested whatever the translators have filled in;
tests/test_i18n_catalogs.py checks the real catalogs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from babel.support import NullTranslations

from bot import i18n
from bot.business.amounts import format_amount
from bot.core.durations import exact_duration, humanize, parse_duration
from bot.i18n import (
    LANGUAGES,
    from_telegram,
    language_of,
    ngettext,
    use_language,
    weekday_day,
)
from bot.texts.common import something_went_wrong
from bot.tips.content import bundled_tips_path, check_translation, load_tip_books, load_tips
from tests.builders import User, private_chat
from tests.cast import ALICE, BOB, DAVE, GROUP
from tests.english_words import english_in
from tests.html_check import telegram_html_problems
from tests.week_story import play_week

BETO = User(id=555, first_name="Beto", last_name="Lima", username="beto", language_code="pt-br")
IVAN = User(id=666, first_name="Ivan", username="ivan", language_code="ru")
FIRST_SLOT = datetime.fromisoformat("2026-11-30T08:00:00+00:00")  # Monday after START


class _Pseudo(NullTranslations):
    """Every message of language `code` reads "[code] <the English>"."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def gettext(self, message: str) -> str:
        return f"[{self.code}] {message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[{self.code}] {singular if n == 1 else plural}"


@pytest.fixture
def pseudo(monkeypatch):
    catalogs = {code: _Pseudo(code) for code in LANGUAGES if code != "en"}
    monkeypatch.setattr(i18n, "translations", lambda code: catalogs.get(code, NullTranslations()))


@pytest.fixture
async def spanish_chapter(bot, pseudo):
    """Alice (an admin, her app reporting no language) sets the chapter to Spanish."""
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/help")
    await bot.say(GROUP, ALICE, "/settings language es")
    bot.api.clear()
    return bot


def _in(language: str, text: str) -> bool:
    """Every line that has words was rendered in `language` (pseudo-catalogs)."""
    others = [f"[{code}]" for code in LANGUAGES if code not in ("en", language)]
    return f"[{language}]" in text and not any(other in text for other in others)


async def test_a_spanish_chapter_passes_a_referral_to_a_member_whose_app_is_in_portuguese(
    spanish_chapter,
):
    bot = spanish_chapter
    await bot.say(private_chat(BETO), BETO, "/start")
    await bot.say(private_chat(ALICE), ALICE, "/start")
    assert _in("pt_BR", bot.api.texts(BETO.id)[-1])  # his welcome: the app's language
    await bot.say(GROUP, BETO, "/help")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/refer @beto Jane Roe, Roe Bakery, 555-0100")
    [confirmation] = bot.api.texts(GROUP.id)
    [slip] = bot.api.sent(BETO.id)
    [giver_copy] = bot.api.texts(ALICE.id)
    assert _in("es", confirmation)  # the group: the chapter's language
    assert _in("pt_BR", slip.text) and "Jane Roe" in slip.text  # Beto: his app's
    assert all(_in("pt_BR", label) for label, _ in slip.buttons)
    assert _in("es", giver_copy)  # Alice: no choice, no app language: her chapter's

    bot.clock.advance(timedelta(hours=72))
    await bot.services.reminder_sweep.run()
    [nudge] = bot.api.sent(BETO.id)[1:]
    assert _in("pt_BR", nudge.text) and "Roe" in nudge.text
    assert all(_in("pt_BR", label) for label, _ in nudge.buttons)

    bot.api.clear()
    await bot.say(GROUP, BETO, "/closed 1 2500")
    thank_you = next(text for text in bot.api.texts(GROUP.id) if "🎉" in text)
    assert _in("es", thank_you)
    assert "2.500,00" in thank_you  # the amount as Spanish writes it
    assert _in("es", bot.api.texts(ALICE.id)[-1])  # the giver's note


async def test_a_members_own_choice_beats_the_app_and_the_chapter(spanish_chapter):
    bot = spanish_chapter
    await bot.say(private_chat(BETO), BETO, "/start")
    await bot.say(GROUP, BETO, "/help")
    await bot.say(private_chat(BETO), BETO, "/language")
    [choice] = bot.api.sent(BETO.id)[-1:]
    labels = [label for label, _ in choice.buttons]
    assert labels == ["English", "Español", "Português (Brasil)", "Русский"]

    await bot.press(BETO, "lg:ru")
    assert bot.rows("SELECT language FROM members WHERE user_id = ?", (BETO.id,)) == [("ru",)]
    [confirmed] = bot.api.sent(BETO.id, "editMessageText")
    assert _in("ru", confirmed.text)

    await bot.say(private_chat(ALICE), ALICE, "/start")
    await bot.say(GROUP, ALICE, "/refer @beto Jane Roe, 555-0100")
    assert _in("ru", bot.api.texts(BETO.id)[-1])  # the slip follows his choice
    assert _in("es", bot.api.texts(GROUP.id)[-1])


async def test_a_member_known_only_from_an_at_mention_reads_the_chapter_that_referred_him(
    spanish_chapter,
):
    """Dave never spoke in the group and his app reports no language: his slip is in the
    chapter's Spanish, and so are his own replies, not DEFAULT_LANGUAGE's English."""
    bot = spanish_chapter
    await bot.say(GROUP, ALICE, "/refer @dave_lawyer Jane Roe, 555-0100")
    await bot.say(private_chat(DAVE), DAVE, "/start")
    await bot.say(private_chat(DAVE), DAVE, "/mine")
    await bot.say(private_chat(DAVE), DAVE, "/help")
    assert bot.rows("SELECT * FROM chapter_members WHERE user_id = ?", (DAVE.id,)) == []
    replies = bot.api.texts(DAVE.id)
    assert len(replies) == 3 and all(_in("es", reply) for reply in replies), replies

    bot.clock.advance(timedelta(hours=72))
    await bot.services.reminder_sweep.run()
    assert _in("es", bot.api.texts(DAVE.id)[-1])  # the nudge, as before


async def test_language_buttons_and_their_bad_input(bot, pseudo):
    await bot.say(private_chat(BOB), BOB, "/start")
    await bot.press(BOB, "lg:de")  # a language not shipped: a stale or forged button
    assert bot.rows("SELECT language FROM members WHERE user_id = ?", (BOB.id,)) == [(None,)]

    await bot.press(BOB, "lg:es")
    assert bot.rows("SELECT language FROM members WHERE user_id = ?", (BOB.id,)) == [("es",)]
    await bot.say(private_chat(BOB), BOB, "/help")
    assert _in("es", bot.api.texts(BOB.id)[-1])

    await bot.say(GROUP, BOB, "/language")
    reply = bot.api.texts(GROUP.id)[-1]
    assert "/language" in reply and "/settings language" in reply


async def test_settings_language_for_admins_with_the_codes_on_bad_input(bot, pseudo):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/help")

    await bot.say(GROUP, BOB, "/settings language es")
    assert bot.rows("SELECT language FROM chapters") == [(None,)]

    await bot.say(GROUP, ALICE, "/settings language klingon")
    refused = bot.api.texts(GROUP.id)[-1]
    assert all(code in refused for code in LANGUAGES)
    assert bot.rows("SELECT language FROM chapters") == [(None,)]

    await bot.say(GROUP, ALICE, "/settings language pt-BR")
    assert bot.rows("SELECT language FROM chapters") == [("pt_BR",)]
    said, overview = bot.api.texts(GROUP.id)[-2:]
    assert _in("pt_BR", said) and "Português (Brasil)" in said
    assert _in("pt_BR", overview)

    await bot.say(GROUP, BOB, "/stats")  # everyone in the group reads the chapter's language
    assert _in("pt_BR", bot.api.texts(GROUP.id)[-1])


async def test_the_command_menus_are_published_in_every_language(bot):
    menus = [call.params for call in bot.api.calls if call.method == "setMyCommands"]
    by_code: dict[str | None, list[list[str]]] = {}
    for params in menus:
        names = [command["command"] for command in params["commands"]]
        by_code.setdefault(params.get("language_code"), []).append(names)
    assert set(by_code) == {None, "es", "pt", "ru"}
    assert all(names == by_code[None] for names in by_code.values())  # names never translated


# --- The machinery --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "language"),
    [
        ("pt-br", "pt_BR"),
        ("pt", "pt_BR"),
        ("es-419", "es"),
        ("es", "es"),
        ("ru", "ru"),
        ("en-GB", "en"),
        ("de", None),
        ("", None),
        (None, None),
    ],
)
def test_telegrams_language_codes(reported, language):
    assert from_telegram(reported) == language


def test_an_admin_may_type_a_language_several_ways():
    assert [language_of(text) for text in ("es", "ES", "pt_br", "pt-BR", "ru", "en")] == [
        "es",
        "es",
        "pt_BR",
        "pt_BR",
        "ru",
        "en",
    ]
    assert language_of("klingon") is None


def test_russian_has_three_plural_forms_for_1_2_5_and_21():
    plural = i18n.translations("ru").plural  # from the catalog's Plural-Forms header
    assert [plural(n) for n in (1, 2, 5, 21, 11, 22, 25)] == [0, 1, 2, 0, 2, 1, 2]
    with use_language("ru"):
        forms = [humanize(timedelta(days=n)) for n in (1, 2, 5, 21)]
    if forms[0].endswith("day"):
        pytest.skip("the Russian catalog doesn't translate '{count} day' yet")
    assert len({form.split()[1] for form in forms[:3]}) == 3  # день, дня, дней
    assert forms[3].split()[1] == forms[0].split()[1]  # 21 день, like 1


def test_ngettext_picks_the_form_in_english():
    with use_language("en"):
        assert ngettext("{count} day", "{count} days", 1) == "{count} day"
        assert ngettext("{count} day", "{count} days", 21) == "{count} days"


def test_amounts_and_dates_the_local_way():
    with use_language("en"):
        assert format_amount(123456, "EUR") == "€1,234.56"  # unchanged English
        assert weekday_day(date(2026, 12, 1)) == "Tue 1 Dec"
    with use_language("es"):
        assert format_amount(123456, "EUR") == "1.234,56\xa0€"
        assert weekday_day(date(2026, 12, 1)) == "mar 1 dic"
    with use_language("pt_BR"):
        assert format_amount(250000, "BRL") == "R$\xa02.500,00"
        assert weekday_day(date(2026, 12, 1)) == "ter. 1 dez."
    with use_language("ru"):
        assert format_amount(250000, "RUB") == "2\xa0500,00\xa0₽"
        assert weekday_day(date(2026, 12, 1)) == "вт 1 дек."


def test_exact_durations_in_each_language():
    cases = [timedelta(days=3), timedelta(hours=36), timedelta(weeks=1), timedelta(days=21)]
    expected = {
        "en": ["3d", "36h", "1w", "3w"],  # English keeps the form admins type
        "es": ["3 días", "36 horas", "1 semana", "3 semanas"],
        "pt_BR": ["3 dias", "36 horas", "1 semana", "3 semanas"],
        "ru": ["3 дня", "36 часов", "1 неделя", "3 недели"],
    }
    for language, words in expected.items():
        with use_language(language):
            assert [exact_duration(delta) for delta in cases] == words, language
    with use_language("ru"):
        assert exact_duration(timedelta(days=5)) == "5 дней"
        assert exact_duration(timedelta(hours=21)) == "21 час"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_duration_shown_is_one_an_admin_may_type_back(language):
    """/settings shows `3 días`; `/settings window 3 días` reads it (bot/texts/keywords.py)."""
    with use_language(language):
        for delta in (
            timedelta(minutes=90),
            timedelta(hours=36),
            timedelta(days=1),
            timedelta(weeks=2),
            timedelta(seconds=45),
        ):
            assert parse_duration(exact_duration(delta)) == delta, exact_duration(delta)


@pytest.mark.parametrize(
    ("language", "default", "chosen"),
    [
        ("es", "Plazo de seguimiento: 3 días (predeterminado)", "Plazo de seguimiento: 2 días"),
        ("pt_BR", "Prazo de follow-up: 3 dias (padrão)", "Prazo de follow-up: 2 dias"),
        ("ru", "Срок связи: 3 дня (по умолчанию)", "Срок связи: 2 дня"),
    ],
)
async def test_settings_show_the_follow_up_window_in_the_chapters_words(
    bot, language, default, chosen
):
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/help")
    await bot.say(GROUP, ALICE, f"/settings language {language}")
    await bot.say(GROUP, ALICE, "/settings")
    assert default in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ALICE, "/settings window 48h")
    assert chosen in bot.api.texts(GROUP.id)[-1]


def test_an_unknown_language_renders_english():
    with use_language("de") as language:
        assert language == "en"
        assert humanize(timedelta(hours=5)) == "5 hours"


# --- Tips per language ----------------------------------------------------------------------


def test_every_shipped_tips_file_has_every_tip_by_key():
    book, translations = load_tip_books(bundled_tips_path())
    assert set(translations) == {"es", "pt_BR", "ru"}
    for path, translated in translations.values():
        assert translated.errors == [], path
        assert len(translated.tips) == len(book.tips) == 56
        assert all("{#" not in tip.title for tip in translated.tips)
        assert all(telegram_html_problems(tip.body_html) == [] for tip in translated.tips)


def test_a_translation_missing_a_tip_or_naming_an_unknown_key_fails_the_check(tmp_path):
    english = load_tips(bundled_tips_path())
    first, second = english.tips[:2]
    (tmp_path / "tips.es.md").write_text(
        f"## Uno {{#{first.key}}}\nTexto.\n\n## Dos {{#no-such-tip}}\nTexto.\n", encoding="utf-8"
    )
    problems = check_translation(english, load_tips(tmp_path / "tips.es.md"))
    messages = " ".join(problem.message for problem in problems)
    assert "no-such-tip" in messages and "not translated" in messages
    assert second.key not in messages  # counted, not listed one by one


async def test_a_chapter_gets_its_languages_tips_and_a_language_change_neither_repeats_nor_skips(
    bot,
):
    book = bot.services.tip_book
    bot.api.admins.add((GROUP.id, ALICE.id))
    await bot.say(GROUP, ALICE, "/help")
    await bot.services.tips.sweep()  # schedules the chapter
    posted = []
    for week, language in enumerate(["en", "es", "ru", "pt_BR", "en"]):
        await bot.say(GROUP, ALICE, f"/settings language {language}")
        bot.api.clear()
        bot.clock.set(FIRST_SLOT + timedelta(weeks=week))
        await bot.services.tips.sweep()
        [post] = bot.api.texts(GROUP.id)
        expected = book.in_language(book.tips[week], language)
        assert expected.title in post, (week, language)
        posted.append(post)
    assert "Education minute" in posted[0]


# --- A week in each language, with the real catalogs -----------------------------------------


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
async def test_a_week_in_each_language_has_not_a_word_of_english(bot, language):
    """A chapter in Madrid, São Paulo or Almaty runs its week (tests/week_story.py: every
    command, button, refusal and sweep, the menus, charts and CSV files): every text valid
    HTML, none a failed template, and no English word in any (tests/english_words.py)."""
    shown, typed = await play_week(bot, language)

    kinds = {item.kind for item in shown}
    assert len(shown) > 500 and {"menu", "button", "chart", "file", "file name"} <= kinds
    with use_language(language):
        failed = something_went_wrong()
    english = []
    for item in shown:
        if item.kind.endswith(("text", "caption")):  # not buttons, charts, files or menus
            assert telegram_html_problems(item.text) == [], item.text
        assert item.text != failed, "a template failed to render"
        if found := english_in(item.text, language, typed):
            english.append(f"{item.kind} to {item.where}: {sorted(found)} in {item.text[:300]!r}")
    assert english == [], "\n".join(english)
