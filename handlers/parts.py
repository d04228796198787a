"""The parts of an update a handler relies on, narrowed once.

A handler is registered for updates that carry these (a command has a message and a sender, a
button press a query); when one is missing anyway the update is not for it, and this says so
loudly instead of failing later on None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.ext import filters


class NotForThisHandler(LookupError):
    """The update lacks what the handler was registered for."""


T = TypeVar("T")


def _present(part: T | None, what: str) -> T:
    if part is None:
        raise NotForThisHandler(f"no {what} in this update")
    return part


def message_of(update: Update) -> Message:
    return _present(update.effective_message, "message")


def user_of(update: Update) -> User:
    return _present(update.effective_user, "sender")


def chat_of(update: Update) -> Chat:
    return _present(update.effective_chat, "chat")


def query_of(update: Update) -> CallbackQuery:
    return _present(update.callback_query, "button press")


class _StartPayload(filters.MessageFilter):
    def __init__(self, parse: Callable[[str | None], Any]) -> None:
        super().__init__(name=f"start_with({parse.__name__})")
        self.parse = parse

    def filter(self, message: Message) -> bool:
        words = (message.text or "").split()
        return len(words) == 2 and self.parse(words[1]) is not None


def start_with(parse: Callable[[str | None], Any]) -> filters.MessageFilter:
    """A /start handler's filter: the link's payload is one `parse` (bot/core/callback_data.py)
    reads, so the filter can't drift from the parser."""
    return _StartPayload(parse)


def start_payload(args: list[str] | None) -> str | None:
    """The payload of `/start <payload>` (context.args), if there is one."""
    return args[0] if args else None
