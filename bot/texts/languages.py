"""Templates for /language (a member's language for private messages) and the buttons naming
each shipped language in its own name."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import language_data
from bot.i18n import LANGUAGES, NATIVE_NAMES, _


def choose() -> str:
    return _(
        "Which language should I write to you in? Your choice is for our private chat; "
        "the chapter's group keeps the chapter's language."
    )


def buttons(current: str | None) -> InlineKeyboardMarkup:
    """One button per language, in its own name; ✓ beside the member's current choice."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    ("✓ " if code == current else "") + NATIVE_NAMES[code],
                    callback_data=language_data(code),
                )
            ]
            for code in LANGUAGES
        ]
    )


def chosen() -> str:
    """Rendered in the language just chosen: the member reads it in their new language."""
    return _("👍 From now on I write to you in English.")


def in_private_only() -> str:
    return _(
        "/language sets the language of our private chat: send it to me privately. "
        "The group's language is a chapter setting: <code>/settings language es</code> (admins)."
    )


def button_gone() -> str:
    return _("This button no longer works. Send /language again.")
