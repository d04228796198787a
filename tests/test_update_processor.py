"""Updates of different chats run at once; one chat's updates keep their order."""

from __future__ import annotations

import asyncio

from telegram import Update

from chapterbot.update_processor import PerChatUpdateProcessor
from tests.builders import Chat, User, message_json, update_json


def update_in(chat_id: int) -> Update:
    chat = Chat(id=chat_id, title="G")
    return Update.de_json(update_json(message=message_json(chat, User(1, "A"), "hi", date=1)), None)


async def test_one_chat_in_order_other_chats_meanwhile():
    processor = PerChatUpdateProcessor(16)
    log: list[str] = []
    release_slow = asyncio.Event()

    async def work(name: str, wait: asyncio.Event | None = None) -> None:
        log.append(f"start {name}")
        if wait:
            await wait.wait()
        log.append(f"end {name}")

    async with processor:
        slow = asyncio.create_task(
            processor.process_update(update_in(-1), work("A1", release_slow))
        )
        after = asyncio.create_task(processor.process_update(update_in(-1), work("A2")))
        other = asyncio.create_task(processor.process_update(update_in(-2), work("B1")))
        await other  # chat -2 is not held up by chat -1's slow update
        assert log == ["start A1", "start B1", "end B1"]
        release_slow.set()
        await asyncio.gather(slow, after)
    assert log[3:] == ["end A1", "start A2", "end A2"]
    assert processor._locks == {}  # idle chats are forgotten
