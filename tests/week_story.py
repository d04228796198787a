"""A chapter's whole week in one language: every command, button, refusal and sweep.

`play_week(bot, language)` drives the real bot through a week of a chapter in Madrid, São
Paulo or Almaty: its members have their Telegram apps in that language, type its keywords and
write its names and notes. It returns everything a member is shown, from the command menus to
the CSV files: tests/test_i18n.py reads it for English (tests/english_words.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel import Locale
from babel.dates import get_day_names

from bot.i18n import telegram_code, use_language
from bot.texts import keywords as k
from tests.builders import Chat, User, bot_membership_json, callback_json, private_chat
from tests.english_words import words
from tests.harness import BotUnderTest


@dataclass(frozen=True)
class Shown:
    """One thing a member reads: where (a chat id, "menu", "chart"), what kind, the text."""

    where: str
    kind: str
    text: str


@dataclass(frozen=True)
class Cast:
    """A chapter's people and what they write, in one language."""

    group: str
    timezone: str
    currency: str
    alice: tuple[str, str, str]  # first name, last name, username: the admin
    bob: tuple[str, str, str]
    carol: tuple[str, str, str]  # the visitor host
    dave: tuple[str, str]  # first name, username: known only from an @mention at first
    prospects: tuple[str, ...]  # seven referrals' prospects
    visitors: tuple[str, str]
    substitute: str
    notes: dict[str, str]


CASTS = {
    "es": Cast(
        group="Grupo Retiro",
        timezone="Europe/Madrid",
        currency="EUR",
        alice=("Lucía", "Martín", "lucia"),
        bob=("Javier", "Ruiz", "javier"),
        carol=("Carmen", "Vidal", "carmen"),
        dave=("Diego", "diego_abogado"),
        prospects=(
            "Elena Sanz, Panadería Sanz, 555-0100, elena@sanz.example",
            "Marcos Gil, 555-0199",
            "Rosa Prieto, Clínica Dental Prieto",
            "Tomás León, Asesoría León, 555-0111",
            "Sara Ortiz, 555-0122",
            "Pablo Rey",
            "Rita Gómez, Cafetería Gómez, 555-0133",
        ),
        visitors=("Ana Luna, Estudio Luna, 555-0101, ana@luna.example", "Nacho Fuentes, Imprenta"),
        substitute="Jaime Soler, Fontanería Soler",
        notes={
            "followup": "la he llamado",
            "closed": "escaparate nuevo",
            "bad amount": "mucho",
            "121": "café",
            "testimonial": "Nos arregló el tejado en un día",
            "ceu": "He leído un libro sobre referencias",
            "ceu again": "Otro más",
            "nonsense": "tonterías",
            "bad mark": "bailando",
            "chat": "¿hola?",
        },
    ),
    "pt_BR": Cast(
        group="Grupo Paulista",
        timezone="America/Sao_Paulo",
        currency="BRL",
        alice=("Ana", "Souza", "ana"),
        bob=("Bruno", "Lima", "bruno"),
        carol=("Carla", "Dias", "carla"),
        dave=("Diego", "diego_advogado"),
        prospects=(
            "Helena Costa, Padaria Costa, 555-0100, helena@costa.example",
            "Marcos Reis, 555-0199",
            "Rosa Prado, Clínica Prado",
            "Tiago Leão, Contabilidade Leão, 555-0111",
            "Sara Nunes, 555-0122",
            "Paulo Rocha",
            "Rita Gomes, Café Gomes, 555-0133",
        ),
        visitors=("Luana Melo, Estúdio Melo, 555-0101, luana@melo.example", "Nei Fontes, Gráfica"),
        substitute="Jorge Silva, Encanamentos Silva",
        notes={
            "followup": "liguei para ela",
            "closed": "vitrine nova",
            "bad amount": "muito",
            "121": "café",
            "testimonial": "Consertou nosso telhado em um dia",
            "ceu": "Li um livro sobre indicações",
            "ceu again": "Mais um",
            "nonsense": "bobagem",
            "bad mark": "dançando",
            "chat": "oi?",
        },
    ),
    "ru": Cast(
        group="Алатау",
        timezone="Asia/Almaty",
        currency="KZT",
        alice=("Алия", "Ахметова", "aliya"),
        bob=("Борис", "Ким", "boris"),
        carol=("Светлана", "Орлова", "sveta"),
        dave=("Дамир", "damir_yurist"),
        prospects=(
            "Елена Соколова, пекарня «Колос», 555-0100, elena@kolos.example",
            "Марат Беков, 555-0199",
            "Роза Петрова, стоматология «Улыбка»",
            "Тимур Леонов, «Леонов и партнёры», 555-0111",
            "Сара Омарова, 555-0122",
            "Павел Рябов",
            "Рита Гомес, кафе «Гомес», 555-0133",
        ),
        visitors=("Анна Лебедева, студия «Лебедь», 555-0101, anna@lebed.example", "Нурлан Фомин"),
        substitute="Ержан Сейтов, сантехника «Сейтов»",
        notes={
            "followup": "позвонил ей",
            "closed": "новая витрина",
            "bad amount": "много",
            "121": "кофе",
            "testimonial": "Починил нам крышу за один день",
            "ceu": "Прочитал книгу о рекомендациях",
            "ceu again": "Ещё одну",
            "nonsense": "ерунда",
            "bad mark": "танцы",
            "chat": "привет?",
        },
    ),
}


class Week:
    """The chapter in one language, the clock, and what its members typed."""

    def __init__(self, bot: BotUnderTest, language: str) -> None:
        self.bot, self.language = bot, language
        self.cast = CASTS[language]
        code = language.replace("_", "-").lower()
        self.group = Chat(id=-1001234567890, title=self.cast.group)
        self.people = {
            name: User(900 + index, first, username, last, language_code=code)
            for index, (name, (first, last, username)) in enumerate(
                {"alice": self.cast.alice, "bob": self.cast.bob, "carol": self.cast.carol}.items()
            )
        }
        dave_name, dave_username = self.cast.dave
        self.people["dave"] = User(904, dave_name, dave_username)  # his app reports nothing
        self.typed: set[str] = set()  # the words members typed: not the bot's to translate
        self.charts: list[Shown] = []
        painter = bot.services.scorecard.cards.painter

        async def draw(chart: Any) -> bytes:  # the words a chart would be drawn with
            self.charts.extend(Shown("chart", "chart", text) for text in _chart_words(chart))
            return b"\x89PNG"

        painter.member_png = draw  # type: ignore[method-assign]
        painter.chapter_png = draw  # type: ignore[method-assign]

    def kw(self, vocabulary: k.Vocabulary, english: str) -> str:
        """The keyword this chapter's members type for `english`."""
        with use_language(self.language):
            return k.shown(vocabulary, english)

    def day(self, monday_first: int) -> str:
        return get_day_names("wide", locale=Locale.parse(self.language))[monday_first]

    async def say(self, who: str, text: str, *, private: bool = False) -> None:
        user = self.people[who]
        self.typed |= words(text)
        await self.bot.say(private_chat(user) if private else self.group, user, text)

    async def press(self, who: str, data_prefix: str) -> None:
        """`who` taps the newest button whose data starts with `data_prefix`, on its message."""
        for call in reversed(self.bot.api.calls):
            data = next((d for _, d in call.buttons if d.startswith(data_prefix)), None)
            if data is None or call.params.get("_failed"):
                continue
            chat_id = call.chat_id or 0
            chat = {"id": chat_id, "type": "private"} if chat_id > 0 else self.group.to_api()
            message = {
                "message_id": int(call.params.get("_message_id") or call.params["message_id"]),
                "date": int(self.bot.clock.now().timestamp()),
                "chat": chat,
                "text": call.text or "…",
            }
            await self.bot.feed(callback_json(self.people[who], message, data))
            return
        raise AssertionError(f"no button {data_prefix!r} to press")

    async def sweeps(self, moment: str) -> None:
        """The clock moves to `moment`; every job runs once."""
        self.bot.clock.set(datetime.fromisoformat(moment + "+00:00"))
        services = self.bot.services
        await services.reminder_sweep.run()
        await services.tips.sweep()
        await services.summaries.run()
        await services.scorecard.monthly.sweep()
        await services.scorecard.reminders.run()
        await services.meeting.sweep.run()
        await services.meeting.sweep.flush_check_ins()
        await services.outbox.sweep()


async def play_week(bot: BotUnderTest, language: str) -> tuple[list[Shown], frozenset[str]]:
    """The week, from the bot joining the group to the month's scorecards: what members read
    (the group's language chosen first thing), and every word they typed."""
    week = Week(bot, language)
    await _setting_up(week, language)  # from here on the group reads `language`
    await _settings(week)
    await _referrals(week)
    await _closing_and_numbers(week)
    await _the_meeting(week)
    await _one_to_ones_and_recognition(week)
    await _the_rest_of_the_week(week)
    return _shown(bot, language) + week.charts, frozenset(week.typed)


async def _setting_up(week: Week, language: str) -> None:
    bot, alice = week.bot, week.people["alice"]
    bot.api.admins.add((week.group.id, alice.id))
    now = int(bot.clock.now().timestamp())
    await bot.feed(bot_membership_json(week.group, alice, "left", "member", date=now))
    # The group reads DEFAULT_LANGUAGE (English) until an admin chooses: typed in English.
    await bot.say(week.group, alice, f"/settings language {language}")


async def _settings(week: Week) -> None:
    kw, say = week.kw, week.say
    for name in ("alice", "bob", "carol"):
        await say(name, "/start", private=True)
        await say(name, "/help")
        await say(name, "/help", private=True)
    await say("bob", "/language", private=True)
    await week.press("bob", f"lg:{week.language}")
    settings = f"/settings {kw(k.setting_names, 'score')}"
    for text in (
        "/settings",
        f"/settings {kw(k.setting_names, 'timezone')} {week.cast.timezone}",
        f"/settings {kw(k.setting_names, 'currency')} {week.cast.currency}",
        f"/settings {kw(k.setting_names, 'window')} 2 {kw(k.periods, 'week')}",
        f"/settings {kw(k.setting_names, 'window')} 5x",
        f"/settings {kw(k.setting_names, 'amounts')}",
        f"/settings {kw(k.setting_names, 'summary')}",
        f"/settings {kw(k.setting_names, 'window')} 72h",
        f"/settings {kw(k.setting_names, 'summary')} {week.day(6)} 18:00",
        f"/settings {kw(k.setting_names, 'tips')} {week.day(0)} 08:00",
        f"/settings {kw(k.setting_names, 'tips')}",
        f"/settings {kw(k.setting_names, 'absences')} 3 {kw(k.absence_words, 'in')} 6",
        f"/settings {kw(k.setting_names, 'absences')} {week.cast.notes['nonsense']}",
        settings,
        f"{settings} {kw(k.setting_words, 'months')} 6",
        f"{settings} {kw(k.areas, 'referrals')} 1,5",
        f"/settings {kw(k.setting_names, 'visitorhosts')} @{week.people['carol'].username}",
        f"/settings {week.cast.notes['nonsense']} 3",
    ):
        await say("alice", text)
    await say("bob", f"/settings {kw(k.setting_names, 'window')} 48h")  # not an admin


async def _referrals(week: Week) -> None:
    say, press, prospects = week.say, week.press, week.cast.prospects
    bob, alice, dave = (week.people[name].username for name in ("bob", "alice", "dave"))
    await say("alice", f"/refer @{bob} {prospects[0]}")
    await press("alice", "sf:1:h4")
    await press("alice", "sf:1:i")
    await say("alice", f"/refer @{bob} {prospects[1]}")
    await say("alice", f"/refer @{bob} {prospects[2]}")
    await say("bob", f"/refer @{alice} {prospects[3]}")
    await say("alice", f"/refer @{dave} {prospects[4]}")
    await say("alice", f"/refer @nadie_aqui {prospects[5]}")
    await say("alice", "/refer")
    await say("alice", f"/refer @{alice} {prospects[5]}")
    # The private form, step by step, and /cancel.
    await say("alice", "/refer", private=True)
    await press("alice", f"rf:m:{week.people['bob'].id}")
    await say("alice", prospects[6], private=True)
    await press("alice", "rf:skip")
    await press("alice", "rf:hot:3")
    await press("alice", "rf:io:o")
    await press("alice", "rf:ok")
    await say("alice", "/refer", private=True)
    await say("alice", "/cancel", private=True)
    await say("alice", "/cancel", private=True)
    await say("dave", "/start", private=True)
    await say("dave", "/mine", private=True)
    await say("bob", "/mine", private=True)
    await say("alice", "/mine")
    await say("bob", f"/followup 1 {week.cast.notes['followup']}")
    await say("bob", "/followup 99")
    await say("bob", f"/followup {week.cast.notes['nonsense']}")
    await say("alice", "/followup 1")  # not the receiver
    await press("bob", "fu:3:m")
    await press("bob", "fu:2:n")


async def _closing_and_numbers(week: Week) -> None:
    say, kw, notes = week.say, week.kw, week.cast.notes
    await week.sweeps("2026-11-24T10:00:00")
    await say("bob", f"/closed 1 2.500,50 {notes['closed']}")
    await say("bob", f"/closed 1 {notes['bad amount']}")
    await say("bob", "/closed 99 100")
    await say("bob", "/closed")
    await say("alice", "/closed 3 100")  # not the receiver
    await say("alice", "/pending")
    await say("alice", "/stats")
    for period in ("week", "month", "year"):
        await say("alice", f"/stats {kw(k.periods, period)}")
    for word in ("me", "hide", "show"):
        await say("bob", f"/stats {kw(k.stats_words, word)}", private=True)
    await say("alice", f"/stats {notes['nonsense']}")
    await say("alice", "/tip")
    await say("bob", "/tip", private=True)


async def _the_meeting(week: Week) -> None:
    say, press, kw, cast = week.say, week.press, week.kw, week.cast
    bob = week.people["bob"].username
    week.bot.clock.set(datetime.fromisoformat("2026-11-25T07:00:00+00:00"))
    await say("bob", f"/visitor {cast.visitors[0]}")
    await say("alice", f"/visitor {cast.visitors[1]}", private=True)
    await say("alice", "/visitor")
    await say("alice", f"/visitor V99 {kw(k.visitor_steps, 'came')}")
    await say("bob", f"/sub {cast.substitute}")
    await say("bob", "/sub")
    await say("bob", "/meeting")  # not an admin
    await say("alice", "/meeting")
    await press("alice", "mt:1:p")
    await press("alice", "mt:1:p")  # again: nothing changes
    await press("bob", "mt:1:l")
    await press("carol", "mt:1:s")
    await press("carol", "va:1")
    await week.bot.services.meeting.sweep.flush_check_ins()
    await say("alice", "/meeting")  # already open
    await say("carol", f"/visitor V2 {kw(k.visitor_steps, 'came')}")
    await say("alice", "/visitors")
    await say("alice", f"/visitors {kw(k.periods, 'month')}")
    await say("alice", f"/meeting {kw(k.setting_words, 'close')}")
    await say("alice", f"/attendance @{bob} {kw(k.marks, 'medical')}")
    await say("alice", f"/attendance @{bob} {cast.notes['bad mark']}")
    await say("alice", "/attendance")
    await say("alice", "/roster")


async def _one_to_ones_and_recognition(week: Week) -> None:
    say, kw, notes = week.say, week.kw, week.cast.notes
    alice, bob = week.people["alice"].username, week.people["bob"].username
    await say("alice", f"/121 @{bob} {kw(k.relative_days, 'yesterday')} {notes['121']}")
    await say("alice", f"/121 @{bob} {kw(k.relative_days, 'yesterday')}")  # logged already
    await week.press("bob", "oo:")
    await say("bob", f"/121 @{alice} {kw(k.relative_days, 'yesterday')}", private=True)
    await say("bob", "/121")
    await say("alice", "/dancecard", private=True)
    await say("alice", f"/testimonial @{bob} {notes['testimonial']}")
    await say("alice", f"/testimonial @{bob}")
    await say("alice", f"/ceu {notes['ceu']}")
    await say("alice", f"/ceu {notes['ceu again']}")
    await say("bob", "/scorecard", private=True)
    await say("alice", "/scorecard")
    await say("bob", f"/scorecard {kw(k.switches, 'off')}", private=True)
    await say("bob", f"/scorecard {kw(k.switches, 'on')}", private=True)
    await say("alice", "/export")
    await say("bob", "/export")
    await say("alice", "/export", private=True)


async def _the_rest_of_the_week(week: Week) -> None:
    say, press, kw = week.say, week.press, week.kw
    carol = week.people["carol"].username
    await week.sweeps("2026-11-27T12:00:00")  # nudges; the visitors' follow-up
    await press("carol", "vf:2:c")
    await press("bob", "fu:7:s")  # the nudge: remind me tomorrow
    await week.sweeps("2026-11-28T12:00:00")
    await press("bob", "fu:7:c")
    await press("bob", "fu:7:c")  # a second tap on an older nudge
    for hour in ("13", "17", "21"):  # Sunday 18:00 in Almaty, Madrid and São Paulo
        await week.sweeps(f"2026-11-29T{hour}:30:00")  # the weekly summary
    await week.sweeps("2026-11-30T14:00:00")  # Monday: the education minute
    await press("alice", "cr:")
    await week.sweeps("2026-12-02T12:00:00")  # the givers hear of referrals still open
    await say("alice", "/pending")
    await say("dave", "/start ref_5", private=True)
    await say("alice", f"/121 @{carol}")  # Carol doesn't answer: reminded in 72 hours
    amounts, hidden = kw(k.setting_names, "amounts"), kw(k.setting_words, "hidden")
    await say("alice", f"/settings {amounts} {hidden}")
    await say("bob", "/closed 7 900")
    await say("alice", f"/visitor V1 {kw(k.visitor_steps, 'applying')}")
    await say("alice", f"/visitor V1 {kw(k.visitor_steps, 'joined')}")
    absences, within = kw(k.setting_names, "absences"), kw(k.absence_words, "in")
    await say("alice", f"/settings {absences} 1 {within} 6")
    await say("alice", f"/attendance @{carol} {kw(k.marks, 'absent')}")
    await week.sweeps("2026-12-07T14:00:00")  # the month's first meeting day: scorecards
    await press("carol", "oo:")
    await say("bob", "/frobnicate", private=True)
    await say("bob", week.cast.notes["chat"], private=True)


def _shown(bot: BotUnderTest, language: str) -> list[Shown]:
    """Every text of every call that reached a member, and the command menus of `language`."""
    seen: list[Shown] = []
    for call in bot.api.calls:
        params = call.params
        if call.method == "setMyCommands":
            if params.get("language_code") == telegram_code(language):
                commands = params["commands"]
                commands = json.loads(commands) if isinstance(commands, str) else commands
                seen += [Shown("menu", "menu", command["description"]) for command in commands]
            continue
        if params.get("_failed"):
            continue
        where = str(params.get("chat_id", ""))
        for key in ("text", "caption"):
            if params.get(key):
                seen.append(Shown(where, f"{call.method} {key}", str(params[key])))
        seen += [Shown(where, "button", label) for label, _ in call.buttons]
        for filename, content in (params.get("_files") or {}).values():
            if str(filename).endswith(".csv"):  # a photo's file name is never shown
                seen.append(Shown(where, "file name", str(filename)))
                seen.append(Shown(where, "file", content.decode("utf-8-sig")))
    return seen


def _chart_words(chart: Any) -> list[str]:
    """The words a chart is drawn with (not its colour keys: green, amber, red, grey)."""
    if isinstance(chart, str):
        return [chart]
    if isinstance(chart, (list, tuple)):
        if len(chart) == 3 and isinstance(chart[0], str) and isinstance(chart[1], int):
            return [chart[0]]  # (label, members, colour key)
        return [text for item in chart for text in _chart_words(item)]
    fields = getattr(chart, "__dataclass_fields__", {})
    return [
        text for name in fields if name != "colour" for text in _chart_words(getattr(chart, name))
    ]
