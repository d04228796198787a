"""One whole meeting, from /meeting to the visitor follow-up, as the chat transcript members see.

Run with `-s` to print the transcript (who said what, in the group or privately).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import timedelta

from tests.builders import Chat, User, callback_json, private_chat
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP
from tests.harness import BotUnderTest
from tests.test_meeting import ERIN, a_chapter, check_in_message

NAMES = {p.id: p.first_name for p in (ALICE, BOB, CAROL, DAVE, ERIN)}
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).replace("\n", "\n    ")


@dataclass
class Transcript:
    bot: BotUnderTest
    lines: list[str] = field(default_factory=list)
    seen: int = 0

    def _where(self, chat_id: int | None) -> str:
        return "group" if chat_id == GROUP.id else f"private, {NAMES.get(chat_id or 0, '?')}"

    def _bot_lines(self) -> None:
        for call in self.bot.api.calls[self.seen :]:
            if call.params.get("_failed"):
                continue
            when = f"{self.bot.clock.now():%a %H:%M}"
            buttons = " ".join(f"[{label}]" for label, _ in call.buttons)
            if call.method == "sendMessage":
                where = self._where(call.chat_id)
                self.lines.append(f"{when} ({where}) Bot: {_plain(call.text)} {buttons}".rstrip())
            elif call.method == "editMessageText":
                self.lines.append(f"{when} (group) Bot edits the check-in: {_plain(call.text)}")
            elif call.method == "deleteMessage":
                self.lines.append(f"{when} (group) Bot deletes that message (contact details)")
            elif call.method == "answerCallbackQuery" and call.params.get("text"):
                self.lines.append(f"{when} (toast) Bot: {call.params['text']}")
        self.seen = len(self.bot.api.calls)

    async def says(self, who: User, chat: Chat, text: str) -> None:
        self._bot_lines()
        where = "group" if chat.id == GROUP.id else "private"
        self.lines.append(f"{self.bot.clock.now():%a %H:%M} ({where}) {who.first_name}: {text}")
        await self.bot.say(chat, who, text)
        self._bot_lines()

    async def taps(self, who: User, label: str, data: str, message: dict | None = None) -> None:
        self._bot_lines()
        where = "group" if message else "private"
        self.lines.append(
            f"{self.bot.clock.now():%a %H:%M} ({where}) {who.first_name} taps {label}"
        )
        message = message or {"message_id": 1, "date": 0, "chat": private_chat(who).to_api()}
        await self.bot.feed(callback_json(who, message, data))
        self._bot_lines()

    def note(self, text: str) -> None:
        self._bot_lines()
        self.lines.append(f"… {text}")


async def tap_check_in(transcript: Transcript, who: User, label: str, code: str) -> None:
    message = check_in_message(transcript.bot)
    data = f"mt:{message.pop('_meeting')}:{code}"
    await transcript.taps(who, label, data, message | {"text": "check-in"})


async def test_a_meeting_from_check_in_to_the_visitor_follow_up(bot):
    await a_chapter(bot, ALICE, BOB, CAROL, DAVE)
    chat = Transcript(bot, seen=len(bot.api.calls))
    await chat.says(ERIN, GROUP, "/settings visitorhosts @dave_lawyer")
    await chat.says(
        ALICE, GROUP, "/visitor Jane Smith, Smith Plumbing, 555-0101, jane@smith.example"
    )
    await chat.says(BOB, private_chat(BOB), "/sub Tom Lee, Lee Legal")
    bot.clock.advance(timedelta(hours=22))
    await chat.says(ERIN, GROUP, "/meeting")
    await tap_check_in(chat, ALICE, "Present", "p")
    bot.clock.advance(timedelta(minutes=4))
    await chat.taps(DAVE, "Arrived: Jane Smith", "va:1")
    await tap_check_in(chat, ERIN, "Present", "p")
    await tap_check_in(chat, DAVE, "Present", "p")
    bot.clock.advance(timedelta(minutes=8))
    await tap_check_in(chat, CAROL, "Late", "l")
    await bot.services.meeting.sweep.flush_check_ins()
    bot.clock.advance(timedelta(minutes=80))
    await chat.says(ERIN, GROUP, "/meeting close")
    bot.clock.advance(timedelta(hours=47))
    chat.note("two days later, 07:32: the follow-up is due, but quiet hours last until 08:00")
    await bot.services.meeting.sweep.run()
    bot.clock.advance(timedelta(minutes=30))
    chat.note("08:02: the sweep finds the visitor follow-up due")
    await bot.services.meeting.sweep.run()
    await chat.taps(DAVE, "Applying", "vf:1:a")
    await chat.says(BOB, GROUP, "/visitors")
    await chat.says(BOB, private_chat(BOB), "/stats me")
    chat.note("")

    text = "\n".join(chat.lines)
    print("\n" + text)
    assert "(group) Bot: 📋 Check-in: Riverside Chapter" in text
    assert "(private, Dave) Bot: ⏰ Riverside Chapter: #V1 Jane Smith" in text
    assert "(private, Alice) Bot: 📞 Your visitor #V1 Jane Smith" in text
    group_lines = [line for line in chat.lines if "(group) Bot" in line]
    assert all("555-0101" not in line for line in group_lines)
