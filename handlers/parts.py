"""The parts of an update a handler relies on, narrowed once.

A handler is registered for updates that carry these (a command has a message and a sender, a
button press a query); when one is missing anyway the update is not for it, and this says so
loudly instead of failing later on None.
"""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Message, Update, User


class NotForThisHandler(LookupError):
    """The update lacks what the handler was registered for."""


def message_of(update: Update) -> Message:
    if update.effective_message is None:
        raise NotForThisHandler("no message in this update")
    return update.effective_message


def user_of(update: Update) -> User:
    if update.effective_user is None:
        raise NotForThisHandler("no sender in this update")
    return update.effective_user


def chat_of(update: Update) -> Chat:
    if update.effective_chat is None:
        raise NotForThisHandler("no chat in this update")
    return update.effective_chat


def query_of(update: Update) -> CallbackQuery:
    if update.callback_query is None:
        raise NotForThisHandler("no button press in this update")
    return update.callback_query
