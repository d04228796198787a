"""Who counts as an admin of a chapter: the group's Telegram admins (and anonymous admins)."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.error import TelegramError

from handlers.context import ChapterContext
from handlers.parts import message_of


async def is_group_admin(update: Update, context: ChapterContext) -> bool:
    message, user = message_of(update), update.effective_user
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        return True  # an admin posting anonymously as the group
    if user is None:
        return False
    if user.id in context.services.settings.bot_admin_ids:
        return True  # the bot's owners may act as admins in any chapter
    try:
        member = await context.bot.get_chat_member(message.chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
