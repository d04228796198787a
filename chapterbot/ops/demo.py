"""`chapterbot demo`: a chapter's week in a minute, without a bot token.

The real Application, handlers and storage (on a temporary database) run against an in-process
Telegram (demo_telegram.py) while a clock jumps through the week; what members type and what
the bot answers is printed as a transcript, group and private chats marked.

`chapterbot demo --language es` plays it in a chapter whose admin chose Spanish and whose
members' apps are in Spanish: the bot's side of the transcript is then all Spanish (the
narration stays English: it is for whoever runs the demo).
"""

from __future__ import annotations

import html
import itertools
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Update

from bot.core.config import Settings
from bot.i18n import DEFAULT
from chapterbot.app import build_application
from chapterbot.ops.demo_telegram import BOT_ID, BOT_USER, DemoTelegram, Sent
from handlers.context import ChapterApp

DEMO_TOKEN = "123456789:demo-token-that-reaches-no-server"
GROUP_ID = -1001000000001
GROUP: dict[str, Any] = {"id": GROUP_ID, "type": "supergroup", "title": "Riverside Chapter"}
TITLES = {"es": "Grupo Retiro", "pt_BR": "Grupo Paulista", "ru": "Алатау"}  # the group's name
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Member:
    id: int
    first_name: str
    username: str
    language_code: str = "en"  # what the member's Telegram app reports

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": self.first_name,
                "username": self.username, "language_code": self.language_code}  # fmt: skip


ALICE = Member(101, "Alice", "alice")  # a baker: gives the referral
BOB = Member(102, "Bob", "bob")  # a roofer: receives it
CAROL = Member(103, "Carol", "carol")  # the chapter's vice president
# What Alice writes about her prospect, as she would write it in each language.
PROSPECT = {
    "en": "Jane Roe, Roe Bakery, 555-0100, needs a new roof",
    "es": "Elena Sanz, Panadería Sanz, 555-0100, necesita un tejado nuevo",
    "pt_BR": "Helena Costa, Padaria Costa, 555-0100, precisa de um telhado novo",
    "ru": "Елена Соколова, пекарня «Колос», 555-0100, нужна новая крыша",
}


class DemoClock:
    """The demo's time: it moves only when the story says so."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment


class Chapter:
    """The group, its members and the bot, and the transcript of everything said."""

    def __init__(
        self, app: ChapterApp, telegram: DemoTelegram, clock: DemoClock, language: str = DEFAULT
    ) -> None:
        self.app, self.telegram, self.clock, self.language = app, telegram, clock, language
        self.group = {**GROUP, "title": TITLES.get(language, GROUP["title"])}
        self.cast = {
            member.id: Member(member.id, member.first_name, member.username, language)
            for member in (ALICE, BOB, CAROL)
        }
        self.lines: list[str] = []
        self._ids = itertools.count(1)
        self._seen = 0  # how many of the bot's actions are already in the transcript
        self._day = ""
        self._authors: dict[int, str] = {}  # message id -> who wrote it

    def narrate(self, text: str) -> None:
        day = self.clock.now().strftime("%a %d %b")
        if day != self._day:
            self._day = day
            self.lines.append(f"\n=== {day} ===")
        self.lines.append(f"\n-- {self.clock.now():%H:%M} UTC: {text}")

    async def say(self, member: Member, text: str, *, private: bool = False) -> None:
        member = self.cast.get(member.id, member)
        name = member.first_name
        own_chat: dict[str, Any] = {"id": member.id, "type": "private", "first_name": name}
        chat = own_chat if private else self.group
        message_id = next(self._ids)
        self._authors[message_id] = member.first_name
        self.lines.append(f"{_where(chat['id'], member)} {member.first_name}: {text}")
        await self._feed(message=_message(message_id, chat, member, text, self.clock.now()))

    async def press(self, member: Member, data_prefix: str) -> None:
        """`member` taps the button whose data starts with `data_prefix` (whatever its label's
        language) on the bot's last such message."""
        member = self.cast.get(member.id, member)
        sent, text, data = next(
            (sent, text, data)
            for sent in reversed(self.telegram.sent)
            for text, data in sent.buttons
            if data.startswith(data_prefix)
        )
        self.lines.append(f"{_where(sent.chat_id, member)} {member.first_name} taps [{text}]")
        chat = {"id": sent.chat_id, "type": "private" if sent.chat_id > 0 else "supergroup"}
        message = {"message_id": sent.message_id, "date": _ts(self.clock.now()), "chat": chat,
                   "from": BOT_USER, "text": sent.text}  # fmt: skip
        query = {"id": str(next(self._ids)), "from": member.to_api(), "chat_instance": "demo",
                 "message": message, "data": data}  # fmt: skip
        await self._feed(callback_query=query)

    async def add_bot(self, by: Member) -> None:
        by = self.cast.get(by.id, by)
        self.lines.append(f"[group] {by.first_name} adds the bot and makes it an admin")
        self.telegram.admins.add((GROUP_ID, BOT_ID))
        self.telegram.admins.add((GROUP_ID, by.id))
        change = {"chat": self.group, "from": by.to_api(), "date": _ts(self.clock.now()),
                  "old_chat_member": {"status": "left", "user": BOT_USER},
                  "new_chat_member": {"status": "member", "user": BOT_USER}}  # fmt: skip
        await self._feed(my_chat_member=change)

    async def _feed(self, **payload: Any) -> None:
        update = Update.de_json({"update_id": next(self._ids), **payload}, self.app.bot)
        await self.app.process_update(update)
        self.show_bot()

    def show_bot(self) -> None:
        for sent in self.telegram.sent[self._seen :]:
            self.lines.extend(self._render(sent))
        self._seen = len(self.telegram.sent)

    def _render(self, sent: Sent) -> list[str]:
        where = _where(sent.chat_id, None)
        if sent.method == "deleteMessage":
            author = self._authors.get(sent.message_id, "a member")
            return [f"{where} bot deletes {author}'s message (it held contact details)"]
        verb = "edits its message" if sent.method == "editMessageText" else "bot"
        body = _plain(sent.text).replace("\n", "\n" + " " * (len(where) + 6))
        lines = [f"{where} {verb}: {body}"]
        if sent.buttons:
            lines.append(" " * (len(where) + 6) + " ".join(f"[{b}]" for b, _ in sent.buttons))
        return lines


def _where(chat_id: int, member: Member | None) -> str:
    if chat_id < 0:
        return "[group]"
    name = {m.id: m.first_name for m in (ALICE, BOB, CAROL)}.get(chat_id, str(chat_id))
    return f"[private, {name}]"


def _message(message_id: int, chat: dict, member: Member, text: str, now: datetime) -> dict:
    message: dict[str, Any] = {"message_id": message_id, "date": _ts(now), "chat": chat,
                               "from": member.to_api(), "text": text}  # fmt: skip
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        mentions = [(m.start(), len(m.group())) for m in re.finditer(r"@\w+", text)]
        message["entities"] += [{"type": "mention", "offset": o, "length": n} for o, n in mentions]
    return message


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def _week(chapter: Chapter) -> None:
    """The story: one referral from the group to closed business, and the weekly tip."""
    services = chapter.app.bot_data.services
    assert services is not None
    chapter.narrate("the chapter adds the bot; members open a private chat with it")
    await chapter.add_bot(CAROL)
    if chapter.language != DEFAULT:
        chapter.narrate(f"Carol, an admin, sets the group's language to {chapter.language}")
        await chapter.say(CAROL, f"/settings language {chapter.language}")
    await services.tips.sweep()  # the sweep schedules the new chapter's weekly tip
    for member in (ALICE, BOB):
        await chapter.say(member, "/start", private=True)
    chapter.narrate("Alice passes Bob a referral in the group, phone number included")
    await chapter.say(ALICE, f"/refer @bob {PROSPECT[chapter.language]}")
    await chapter.press(ALICE, "sf:1:h4")  # how hot: 4
    chapter.clock.moment += timedelta(hours=73)
    chapter.narrate("the 72-hour follow-up window has passed; the bot's sweep runs")
    await services.reminder_sweep.run()
    chapter.show_bot()
    chapter.narrate("Bob calls the prospect and taps Contacted on the nudge")
    await chapter.press(BOB, "fu:1:c")
    chapter.clock.moment += timedelta(days=1, hours=2)
    chapter.narrate("the prospect hires Bob: he records the closed business")
    await chapter.say(BOB, "/closed 1 2500" if chapter.language != DEFAULT else "/closed 1 2,500")
    await chapter.say(CAROL, "/stats")
    chapter.clock.moment = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    chapter.narrate("Monday morning: time for the chapter's weekly education minute")
    await services.tips.sweep()
    chapter.show_bot()


async def play_demo(language: str = DEFAULT) -> str:
    """Run the week (in `language`: the group's and the members' apps') and return its
    transcript."""
    telegram = DemoTelegram()
    clock = DemoClock(MONDAY)
    with tempfile.TemporaryDirectory(prefix="chapterbot-demo-") as folder:
        settings = Settings(token=DEMO_TOKEN, database_path=Path(folder) / "demo.db")
        app = build_application(settings, clock=clock, request=telegram, rate_limiter=False)
        await app.initialize()
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        telegram.sent.clear()  # the command menus: not part of the story
        chapter = Chapter(app, telegram, clock, language)
        try:
            await _week(chapter)
        finally:
            await app.shutdown()
            await app.post_shutdown(app)
    header = "chapterbot demo: a chapter's week against a stand-in Telegram (nothing is sent)"
    return "\n".join([header, *chapter.lines])
