"""What the error handler may write to the log: the update's kind, ids and command name, and
the failure with anything a member wrote taken out (prospects' phones and e-mails above all).

Above DEBUG nothing a member typed is logged: a failure's message is scrubbed of the update's
words and of anything shaped like a phone number or an e-mail address.
"""

from __future__ import annotations

import re
import sqlite3
import traceback

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import TelegramError

REDACTED = "…"
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_DIGITS = re.compile(r"\+?\d[\d\s().\-]{3,}\d")
_WORD = re.compile(r"[^\s,;:]{3,}")


def describe(update: object) -> str:
    """'update 12 (message, chat -100, user 111, command /refer)': never what a member wrote."""
    if update is None:
        return "a scheduled job"
    if not isinstance(update, Update):
        return type(update).__name__
    kind = next((name for name in _KINDS if getattr(update, name, None) is not None), "other")
    parts = [kind]
    if update.effective_chat is not None:
        parts.append(f"chat {update.effective_chat.id}")
    if update.effective_user is not None:
        parts.append(f"user {update.effective_user.id}")
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    if text.startswith("/") and update.callback_query is None:
        parts.append(f"command {text.split(maxsplit=1)[0].split('@')[0][:33]}")
    if update.callback_query is not None:
        parts.append(f"button {(update.callback_query.data or '').split(':')[0][:8]}")
    return f"update {update.update_id} ({', '.join(parts)})"


def failure(error: BaseException, update: object) -> str:
    """The exception's type, where it was raised (the frames), and its message when it comes
    from SQLite or Telegram (theirs name columns and limits, never values); any other message
    may quote a member, so it goes to the DEBUG line only."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    if isinstance(error, sqlite3.Error | SQLAlchemyError | TelegramError):
        message = scrub(str(error), member_words(update))
    else:
        message = "(the message is logged at DEBUG: it may quote a member)"
    return f"{type(error).__name__}: {message}\n{frames}".rstrip()


def member_words(update: object) -> set[str]:
    """Every word a member wrote in this update (message text, caption, the replied-to text)."""
    if not isinstance(update, Update):
        return set()
    texts = []
    for message in (
        update.effective_message,
        getattr(update.effective_message, "reply_to_message", None),
    ):
        if message is not None:
            texts += [message.text or "", message.caption or ""]
    if update.callback_query is not None:
        texts.append(update.callback_query.data or "")
    return {word for text in texts for word in _WORD.findall(text)}


def scrub(text: str, words: set[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, REDACTED)
    return _DIGITS.sub(REDACTED, _EMAIL.sub(REDACTED, text))


_KINDS = (
    "message",
    "edited_message",
    "callback_query",
    "my_chat_member",
    "chat_member",
    "channel_post",
    "edited_channel_post",
)
