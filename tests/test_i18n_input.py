"""What members type, in Spanish, Portuguese and Russian as well as English: days, weekdays,
months, durations and every keyword after a command (bot/texts/keywords.py), read with the real
catalogs; the help texts show those words, not English ones.

A Spanish chapter logs a one-to-one "ayer" and a visitor's follow-up in Spanish, end to end.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from babel.messages.pofile import read_po

from bot.business.stats import read_period
from bot.core.durations import DurationError, parse_duration
from bot.i18n import DEFAULT, LANGUAGES, catalog_path, use_language
from bot.meeting.rules import (
    RuleError,
    parse_absence_rule,
    parse_mark,
    parse_outcome,
    parse_visitor_step,
)
from bot.scorecard.rules import Area
from bot.scorecard.service import read_area
from bot.scorecard.when import read_day, split_day_and_note
from bot.texts import keywords
from bot.tips.schedule import ScheduleError, parse_weekday
from storage.meetings import Mark
from storage.roster import AbsenceRule
from storage.visitors import VisitorOutcome
from tests.builders import private_chat
from tests.cast import ALICE, BOB, GROUP
from tests.test_meeting import ERIN, a_chapter

TODAY = date(2026, 11, 23)  # a Monday
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]

# Per language: what a member of a chapter there types, and what it means.
DAYS = {
    "es": {
        "ayer": TODAY - timedelta(days=1),
        "hoy": TODAY,
        "el viernes": date(2026, 11, 20),
        "viernes": date(2026, 11, 20),
        "vie": date(2026, 11, 20),
        "miercoles": date(2026, 11, 18),
        "Sábado": date(2026, 11, 21),
        "20 de noviembre": date(2026, 11, 20),
        "20 nov": date(2026, 11, 20),
        "el 3 de noviembre": date(2026, 11, 3),
        "20/11": date(2026, 11, 20),
        "3/11/2026": date(2026, 11, 3),
        "ene 5": None,  # in the future this year: last January, too long ago
    },
    "pt_BR": {
        "ontem": TODAY - timedelta(days=1),
        "hoje": TODAY,
        "sexta": date(2026, 11, 20),
        "na sexta": date(2026, 11, 20),
        "sexta-feira": date(2026, 11, 20),
        "terça": date(2026, 11, 17),
        "sáb": date(2026, 11, 21),
        "20 de novembro": date(2026, 11, 20),
        "dia 20 de novembro": date(2026, 11, 20),
        "20 nov.": date(2026, 11, 20),
        "20/11": date(2026, 11, 20),
        "dia 20/11/26": date(2026, 11, 20),
    },
    "ru": {
        "вчера": TODAY - timedelta(days=1),
        "сегодня": TODAY,
        "пятница": date(2026, 11, 20),
        "в пятницу": date(2026, 11, 20),
        "пт": date(2026, 11, 20),
        "во вторник": date(2026, 11, 17),
        "в среду": date(2026, 11, 18),
        "субботу": date(2026, 11, 21),
        "20 ноября": date(2026, 11, 20),
        "20 нояб.": date(2026, 11, 20),
        "20.11": date(2026, 11, 20),
        "20.11.2026": date(2026, 11, 20),
    },
}


@pytest.mark.parametrize(
    ("code", "typed", "meant"), [(c, t, m) for c, d in DAYS.items() for t, m in d.items()]
)
def test_days_as_a_chapter_writes_them(code, typed, meant):
    with use_language(code):
        day = read_day(typed, TODAY)
    if meant is None:
        assert day is None or (TODAY - day).days > 30
    else:
        assert day == meant


@pytest.mark.parametrize("code", LANGUAGES)
def test_english_keeps_working_in_every_language(code):
    with use_language(code):
        assert read_day("yesterday", TODAY) == TODAY - timedelta(days=1)
        assert read_day("friday", TODAY) == date(2026, 11, 20)
        assert read_day("20 Nov", TODAY) == date(2026, 11, 20)
        assert read_day("2026-11-20", TODAY) == date(2026, 11, 20)
        assert parse_weekday("tue") == 1
        assert parse_mark("medical") is Mark.MEDICAL
        assert parse_visitor_step("came") == "came"
        assert parse_outcome("not-interested") is VisitorOutcome.NOT_INTERESTED
        assert read_period("quarter") == "quarter"
        assert parse_absence_rule("3 in 6 months") == AbsenceRule(3, 6)
        assert parse_duration("48h") == timedelta(hours=48)
        assert read_area("121") is Area.ONE_TO_ONES
        assert keywords.read(keywords.switches, "off") == "off"
        assert keywords.read(keywords.setting_words, "hidden") == "hidden"


def test_a_one_to_one_note_keeps_its_words_after_a_local_day():
    with use_language("ru"):
        assert split_day_and_note(["в", "пятницу", "Кофе", "в", "пекарне"], TODAY) == (
            date(2026, 11, 20),
            "Кофе в пекарне",
        )
    with use_language("es"):
        assert split_day_and_note(["el", "café", "de", "la", "esquina"], TODAY) == (
            TODAY,
            "el café de la esquina",
        )


def test_words_of_another_language_are_not_read():
    """A Russian chapter's member typing Spanish gets the usage, not a guess; in English,
    11/20 and 20/11 both occur, so a date in figures alone is not read."""
    with use_language("en"):
        assert read_day("11/20", TODAY) is None and read_day("20/11", TODAY) is None
    with use_language("ru"):
        assert read_day("ayer", TODAY) is None
        assert parse_mark("baja") is None
        assert read_period("semana") is None
    with use_language("es"):
        assert parse_visitor_step("пришёл") is None
        with pytest.raises(ScheduleError):
            parse_weekday("вт")


WEEKDAYS = {
    "es": ["lun", "martes", "MIÉ", "jueves", "vie", "sab", "domingo"],
    "pt_BR": ["seg", "terça-feira", "qua.", "quinta", "sex", "sábado", "dom"],
    "ru": ["пн", "вторник", "ср", "четверг", "пт", "суббота", "вс"],
}


@pytest.mark.parametrize("code", TRANSLATED)
def test_weekdays_for_tips_and_summaries(code):
    with use_language(code):
        assert [parse_weekday(word) for word in WEEKDAYS[code]] == list(range(7))


KEYWORDS = {
    "es": {
        "marks": {
            "presente": Mark.PRESENT,
            "tarde": Mark.LATE,
            "ausente": Mark.ABSENT,
            "baja": Mark.MEDICAL,
            "Sustituto": Mark.SUBSTITUTE,
        },
        "steps": {
            "vino": "came",
            "llegó": "came",
            "alta": "joined",
            "llamada": "called",
            "solicita": "applying",
            "no-interesado": "notinterested",
        },
        "periods": {
            "semana": "week",
            "mes": "month",
            "trimestre": "quarter",
            "año": "year",
            "ano": "year",
            "todo": "all",
        },
        "absences": {"3 en 6": (3, 6), "3 en 6 meses": (3, 6), "2/4": (2, 4)},
        "durations": {
            "48 horas": timedelta(hours=48),
            "3 días": timedelta(days=3),
            "2 semanas": timedelta(weeks=2),
            "30 min": timedelta(minutes=30),
        },
        "areas": {
            "asistencia": Area.ATTENDANCE,
            "referencias": Area.REFERRALS,
            "uno-a-uno": Area.ONE_TO_ONES,
            "créditos": Area.CREDITS,
            "testimonios": Area.TESTIMONIALS,
        },
        "switches": {"activar": "on", "desactivar": "off", "ninguno": "off"},
        "settings": {
            "aquí": "here",
            "ocultos": "hidden",
            "visibles": "shown",
            "cerrar": "close",
            "quitar": "remove",
            "meses": "months",
        },
        "stats": {"yo": "me", "ocultar": "hide", "mostrar": "show"},
    },
    "pt_BR": {
        "marks": {
            "presente": Mark.PRESENT,
            "atraso": Mark.LATE,
            "falta": Mark.ABSENT,
            "licença": Mark.MEDICAL,
            "substituto": Mark.SUBSTITUTE,
        },
        "steps": {
            "veio": "came",
            "entrou": "joined",
            "ligação": "called",
            "quer-entrar": "applying",
            "sem-interesse": "notinterested",
        },
        "periods": {
            "semana": "week",
            "mês": "month",
            "trimestre": "quarter",
            "ano": "year",
            "tudo": "all",
        },
        "absences": {"3 em 6": (3, 6), "3 em 6 meses": (3, 6)},
        "durations": {
            "48 horas": timedelta(hours=48),
            "3 dias": timedelta(days=3),
            "1 semana": timedelta(weeks=1),
            "30min": timedelta(minutes=30),
        },
        "areas": {
            "presença": Area.ATTENDANCE,
            "indicações": Area.REFERRALS,
            "um-a-um": Area.ONE_TO_ONES,
            "depoimentos": Area.TESTIMONIALS,
            "visitantes": Area.VISITORS,
        },
        "switches": {"ligar": "on", "desligar": "off", "nenhum": "off"},
        "settings": {
            "aqui": "here",
            "ocultos": "hidden",
            "visíveis": "shown",
            "fechar": "close",
            "remover": "remove",
            "meses": "months",
        },
        "stats": {"eu": "me", "ocultar": "hide", "mostrar": "show"},
    },
    "ru": {
        "marks": {
            "присутствие": Mark.PRESENT,
            "опоздание": Mark.LATE,
            "отсутствие": Mark.ABSENT,
            "больничный": Mark.MEDICAL,
            "замена": Mark.SUBSTITUTE,
        },
        "steps": {
            "пришёл": "came",
            "пришел": "came",
            "пришла": "came",
            "вступил": "joined",
            "звонок": "called",
            "заявка": "applying",
            "отказ": "notinterested",
        },
        "periods": {
            "неделя": "week",
            "месяц": "month",
            "квартал": "quarter",
            "год": "year",
            "всё": "all",
        },
        "absences": {"3 из 6": (3, 6), "3 из 6 месяцев": (3, 6), "3 за 6 мес.": (3, 6)},
        "durations": {
            "48ч": timedelta(hours=48),
            "3 дня": timedelta(days=3),
            "5 дней": timedelta(days=5),
            "2 нед": timedelta(weeks=2),
            "30 мин": timedelta(minutes=30),
        },
        "areas": {
            "посещаемость": Area.ATTENDANCE,
            "рекомендации": Area.REFERRALS,
            "встречи": Area.ONE_TO_ONES,
            "отзывы": Area.TESTIMONIALS,
            "гости": Area.VISITORS,
        },
        "switches": {"вкл": "on", "выкл": "off", "никого": "off"},
        "settings": {
            "здесь": "here",
            "скрыты": "hidden",
            "видны": "shown",
            "закрыть": "close",
            "убрать": "remove",
            "месяцев": "months",
        },
        "stats": {"я": "me", "скрыть": "hide", "показать": "show"},
    },
}
READERS = {
    "marks": parse_mark,
    "steps": parse_visitor_step,
    "periods": read_period,
    "absences": lambda text: (parse_absence_rule(text).limit, parse_absence_rule(text).months),
    "durations": parse_duration,
    "areas": read_area,
    "switches": lambda word: keywords.read(keywords.switches, word),
    "settings": lambda word: keywords.read(keywords.setting_words, word),
    "stats": lambda word: keywords.read(keywords.stats_words, word),
}


@pytest.mark.parametrize(
    ("code", "kind"), [(code, kind) for code in TRANSLATED for kind in READERS]
)
def test_every_keyword_parser_reads_the_chapters_language(code, kind):
    with use_language(code):
        read = {typed: READERS[kind](typed) for typed in KEYWORDS[code][kind]}
    assert read == KEYWORDS[code][kind]


@pytest.mark.parametrize("code", TRANSLATED)
def test_outcomes_and_bad_local_words(code):
    with use_language(code):
        assert parse_outcome(next(iter(KEYWORDS[code]["steps"]))) is None  # came: a step
        with pytest.raises(RuleError):
            parse_absence_rule("3 " + "xyz" + " 6")
        with pytest.raises(DurationError):
            parse_duration("3 xyz")


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_typed_word_means_two_things(code):
    """Within one parser, a word (the language's or English) has one meaning."""
    clashes = []
    for vocabulary in keywords.VOCABULARIES:
        meanings: dict[str, str] = {}
        for language in (code, DEFAULT):
            with use_language(language):
                entries = vocabulary()
            with use_language(DEFAULT):
                english = [entry.split("|")[0] for entry in vocabulary()]
            for entry, meaning in zip(entries, english, strict=True):
                for word in filter(None, map(keywords.fold, entry.split("|"))):
                    if meanings.setdefault(word, meaning) != meaning:
                        clashes.append((vocabulary.__name__, word))
    assert clashes == []


_AFTER_COMMAND = re.compile(r"/(?:[a-z0-9]+)((?:[ \[][^\s<,.;:()]+){1,4})")
_CODE = re.compile(r"<code>([^/<][^<]*)</code>")


def _typed_in(text: str) -> set[str]:
    """The words a help text tells members to type: after a command, or alone in <code>."""
    found = set()
    for match in _AFTER_COMMAND.finditer(text):
        found |= set(re.split(r"[\s\[\]|]+", match.group(1)))
    for match in _CODE.finditer(text):
        found |= set(match.group(1).split())
    return {word for word in found if word and not word.startswith(("@", "/", "{"))}


@pytest.mark.parametrize("code", TRANSLATED)
def test_help_texts_show_the_local_words_not_english_ones(code):
    """A translated help text that says `/stats week` would teach a word the chapter's
    members needn't learn: it shows `/stats semana` (and the parser reads it)."""
    english_only = set()
    for vocabulary in keywords.VOCABULARIES:
        with use_language(code):
            local = {keywords.fold(w) for entry in vocabulary() for w in entry.split("|")}
        with use_language(DEFAULT):
            english = {keywords.fold(w) for entry in vocabulary() for w in entry.split("|")}
        english_only |= english - local
    english_only |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    with catalog_path(code).open("rb") as po:
        catalog = read_po(po, locale=code)
    leftovers = []
    for message in catalog:
        if not message.id or message.context:
            continue
        for form in message.string if isinstance(message.string, tuple) else [message.string]:
            words = {keywords.fold(word) for word in _typed_in(form)}
            if words & english_only:
                leftovers.append((sorted(words & english_only), form[:80]))
    assert leftovers == []


async def test_a_spanish_chapter_logs_a_one_to_one_yesterday_and_a_visitor_in_spanish(bot):
    """Erin (an admin) sets the chapter to Spanish; Alice logs her one-to-one with Bob "ayer";
    Erin records that Alice's visitor came (`vino`) and was called (`llamada`)."""
    await a_chapter(bot, ALICE, BOB)
    await bot.say(GROUP, ERIN, "/settings language es")
    bot.api.clear()

    await bot.say(GROUP, ALICE, "/121 @bob ayer Café en la panadería")
    assert bot.rows("SELECT met_on, note FROM one_to_ones") == [
        ("2026-11-22", "Café en la panadería")
    ]
    assert "dom 22 nov" in bot.api.texts(GROUP.id)[-1]

    await bot.say(GROUP, ALICE, "/visitor Ana Martín, Fontanería Martín")
    await bot.say(GROUP, ERIN, "/meeting")
    await bot.say(GROUP, ERIN, "/visitor V1 vino")
    await bot.say(GROUP, ERIN, "/visitor V1 llamada")
    assert bot.rows("SELECT came_at IS NOT NULL, outcome FROM visitors") == [(1, "called")]
    await bot.say(GROUP, ERIN, "/visitor V1 bailó")  # not a step: the usage, in Spanish
    assert "/visitor V12 vino" in bot.api.texts(GROUP.id)[-1]

    await bot.say(GROUP, ERIN, "/attendance @bob baja")
    await bot.say(GROUP, ERIN, "/settings absences 3 en 6 meses")
    assert "3" in bot.api.texts(GROUP.id)[-1] and "6" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/settings tips vie 08:00")
    await bot.say(GROUP, ERIN, "/settings window 3 días")
    assert bot.rows("SELECT tip_weekday, follow_up_window_s FROM chapters") == [(4, 3 * 86400)]
    await bot.say(GROUP, ERIN, "/settings consejos desactivar")
    await bot.say(GROUP, ERIN, "/settings plazo 48 horas")
    await bot.say(GROUP, ERIN, "/settings ausencias 2 de 4")
    await bot.say(GROUP, ERIN, "/settings anfitriones ninguno")
    assert bot.rows("SELECT tips_enabled, follow_up_window_s FROM chapters") == [(0, 48 * 3600)]
    await bot.say(GROUP, ERIN, "/settings semáforo meses 3")
    await bot.say(GROUP, ERIN, "/settings semáforo asistencia 90")
    assert bot.rows("SELECT months FROM scorecard_settings") == [(3,)]
    assert bot.rows("SELECT area, threshold FROM score_thresholds") == [("attendance", 0.9)]
    assert bot.rows("SELECT absence_limit, absence_months FROM meeting_settings") == [(2, 4)]
    await bot.say(GROUP, ERIN, "/settings plazo")  # no value: said with the Spanish name
    assert "/settings plazo" in bot.api.texts(GROUP.id)[-1]
    await bot.say(GROUP, ERIN, "/stats semana")
    assert "esta semana" in bot.api.texts(GROUP.id)[-1]
    await bot.say(private_chat(ALICE), ALICE, "/stats yo")
    assert "Tu" in bot.api.texts(ALICE.id)[-1] or "tu" in bot.api.texts(ALICE.id)[-1]
