"""Real Bot API JSON for users, chats and updates, as Telegram would send them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

_update_ids = itertools.count(1)
_message_ids = itertools.count(100)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    is_bot: bool = False
    language_code: str | None = None  # what their Telegram app reports ("pt-br", "es")

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        if self.last_name:
            data["last_name"] = self.last_name
        return data


@dataclass(frozen=True)
class Chat:
    id: int
    title: str | None = None
    type: str = "supergroup"
    is_forum: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.is_forum:
            data["is_forum"] = True
        return data


def private_chat(user: User) -> Chat:
    return Chat(id=user.id, type="private")


def message_json(
    chat: Chat,
    sender: User,
    text: str,
    *,
    date: int,
    reply_to: dict[str, Any] | None = None,
    text_mention: tuple[str, User] | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """A text message; a leading /command, @mentions and one text_mention get their entities."""
    entities: list[dict[str, Any]] = []
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command)})
    for word_start, word in _words(text):
        if word.startswith("@") and len(word) > 1:
            entities.append(
                {
                    "type": "mention",
                    "offset": utf16_len(text[:word_start]),
                    "length": utf16_len(word),
                }
            )
    if text_mention is not None:
        label, user = text_mention
        start = text.index(label)
        entities.append(
            {
                "type": "text_mention",
                "offset": utf16_len(text[:start]),
                "length": utf16_len(label),
                "user": user.to_api(),
            }
        )
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": date,
        "chat": chat.to_api(),
        "from": sender.to_api(),
        "text": text,
    }
    if entities:
        message["entities"] = sorted(entities, key=lambda entity: entity["offset"])
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    if thread_id is not None:
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
    return message


def _words(text: str) -> list[tuple[int, str]]:
    words, start = [], None
    for index, char in enumerate(text + " "):
        if char.isspace() or char in ",;":
            if start is not None:
                words.append((start, text[start:index]))
                start = None
        elif start is None:
            start = index
    return words


def update_json(**payload: Any) -> dict[str, Any]:
    return {"update_id": next(_update_ids), **payload}


def callback_json(
    user: User, message: dict[str, Any], data: str, *, query_id: str | None = None
) -> dict[str, Any]:
    return update_json(
        callback_query={
            "id": query_id or str(next(_update_ids)),
            "from": user.to_api(),
            "chat_instance": "ci",
            "message": message,
            "data": data,
        }
    )


def bot_membership_json(chat: Chat, by: User, old: str, new: str, *, date: int) -> dict[str, Any]:
    from tests.fake_api import BOT_USER

    return update_json(
        my_chat_member={
            "chat": chat.to_api(),
            "from": by.to_api(),
            "date": date,
            "old_chat_member": {"status": old, "user": BOT_USER},
            "new_chat_member": {"status": new, "user": BOT_USER},
        }
    )
