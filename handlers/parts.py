"""The parts of an update a handler relies on, narrowed once.

A handler is registered for updates that carry these (a command has a message and a sender, a
button press a query); when one is missing anyway the update is not for it, and this says so
loudly instead of failing later on None.
"""

from __future__ import annotations

from typing import TypeVar

from telegram import CallbackQuery, Chat, Message, Update, User


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
