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
    return await is_chapter_admin(context, message.chat.id, user.id)


async def is_chapter_admin(context: ChapterContext, chat_id: int, user_id: int) -> bool:
    """Whether a user is an admin of the chapter's group, asked of Telegram (the bot's owners
    always are, in any chapter); for buttons and private commands too, which don't come from
    the group itself."""
    if user_id in context.services.settings.bot_admin_ids:
        return True
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
