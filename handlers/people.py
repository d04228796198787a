"""Turning Telegram's users and chats into the bot's own records."""

from __future__ import annotations

from telegram import Chat, User

from storage.records import Member


def member_from_user(user: User) -> Member:
    return Member(
        user_id=user.id,
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        is_bot=user.is_bot,
        can_dm=None,
    )


def is_group(chat: Chat | None) -> bool:
    return chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)


def group_title(chat: Chat) -> str:
    return chat.title or f"Chat {chat.id}"
