"""Turning Telegram's users and chats into the bot's own records."""

from __future__ import annotations

from typing import TypeGuard

from telegram import Chat, Update, User

from bot.i18n import from_telegram
from handlers.context import ChapterContext
from handlers.parts import chat_of, user_of
from storage.records import Chapter, Member


def member_from_user(user: User) -> Member:
    return Member(
        user_id=user.id,
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        is_bot=user.is_bot,
        can_dm=None,
        language_code=from_telegram(user.language_code),
    )


def is_group(chat: Chat | None) -> TypeGuard[Chat]:
    return chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)


def group_title(chat: Chat) -> str:
    return chat.title or f"Chat {chat.id}"


async def current_chapter(update: Update, context: ChapterContext) -> Chapter:
    """The chapter of the group this update came from (looked up once per update)."""
    chat = chat_of(update)
    if context.chapter is None or context.chapter.chat_id != chat.id:
        context.chapter = await context.services.directory.chapter_seen(chat.id, group_title(chat))
    return context.chapter


async def chapter_here(update: Update, context: ChapterContext) -> Chapter | None:
    """The group's chapter; sent privately, the sender's home chapter (None before they have
    one)."""
    if is_group(chat_of(update)):
        return await current_chapter(update, context)
    return await context.services.directory.home_chapter(user_of(update).id)
