"""Guards that run before any feature: keep the map of chapters and members current."""

from __future__ import annotations

import logging

from telegram import Chat, ChatMember, Message, MessageEntity, Update, User
from telegram.ext import Application, ApplicationHandlerStop, ChatMemberHandler, TypeHandler

from bot.chapters.directory import MemberDirectory
from bot.i18n import chapter_language, set_language
from bot.texts import start as texts
from handlers.context import ChapterContext
from handlers.people import group_title, is_group, member_from_user
from storage.records import Chapter

log = logging.getLogger(__name__)

_GONE = (ChatMember.LEFT, ChatMember.BANNED)


async def keep_to_allowed_groups(update: Update, context: ChapterContext) -> None:
    """With ALLOWED_CHAT_IDS set, leave any other group with one polite message."""
    allowed = context.services.settings.allowed_chat_ids
    chat = update.effective_chat
    if allowed is None or not is_group(chat) or chat.id in allowed:
        return
    if update.my_chat_member is None or update.my_chat_member.new_chat_member.status not in _GONE:
        log.info("Leaving chat %s: it is not in ALLOWED_CHAT_IDS", chat.id)
        await context.services.messenger.leave(chat.id, texts.not_allowed_here())
    raise ApplicationHandlerStop


async def follow_migration(update: Update, context: ChapterContext) -> None:
    """A group upgraded to a supergroup: move its chapter to the new chat id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        await context.services.directory.chapter_moved(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await context.services.directory.chapter_moved(
            message.migrate_from_chat_id, message.chat.id
        )


async def record_people(update: Update, context: ChapterContext) -> None:
    """Remember the chapter, the sender, whoever they replied to, and who joined."""
    directory = context.services.directory
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if update.my_chat_member is not None or (message and message.migrate_to_chat_id):
        return
    chapter = await directory.chapter_seen(chat.id, group_title(chat)) if is_group(chat) else None
    context.chapter = chapter  # the handlers of this update reuse it
    if user is not None:
        await directory.member_seen(member_from_user(user), chapter)
    await _speak_the_readers_language(directory, chat, user, chapter)
    if message is None or chapter is None:
        return
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None:
        await directory.member_seen(member_from_user(replied.from_user), chapter)
    for joined in message.new_chat_members or ():
        await directory.member_seen(member_from_user(joined), chapter)
    for mentioned in _mentioned_users(message):  # picked from the group's list: a member
        await directory.member_seen(member_from_user(mentioned), chapter)
    changed = update.chat_member
    if changed is not None and changed.new_chat_member.status not in _GONE:
        await directory.member_seen(member_from_user(changed.new_chat_member.user), chapter)


async def _speak_the_readers_language(
    directory: MemberDirectory, chat: Chat | None, user: User | None, chapter: Chapter | None
) -> None:
    """The replies of this update are in the group's language, or in a private chat, in the
    member's (every handler renders after this guard, in the same task)."""
    if chapter is not None:
        set_language(chapter_language(chapter))
    elif user is not None and chat is not None and chat.type == Chat.PRIVATE:
        set_language(await directory.private_language(user.id))
    else:
        set_language(None)


def _mentioned_users(message: Message) -> list[User]:
    """Users named by a `text_mention` (members without a username carry their user)."""
    entities = (*(message.entities or ()), *(message.caption_entities or ()))
    return [
        entity.user
        for entity in entities
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None
    ]


async def bot_membership_changed(update: Update, context: ChapterContext) -> None:
    """The bot was added to or removed from a group."""
    change = update.my_chat_member
    if change is None or not is_group(change.chat):
        return
    if change.new_chat_member.status in _GONE:
        log.info("Removed from chat %s; its chapter is now inactive", change.chat.id)
        await context.services.directory.chapter_left(change.chat.id)
    else:
        await context.services.directory.chapter_seen(change.chat.id, group_title(change.chat))


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, keep_to_allowed_groups), group=-3)
    app.add_handler(TypeHandler(Update, follow_migration), group=-2)
    # One handler runs per group: the bot's own membership first, everything else after.
    app.add_handler(
        ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER), group=-1
    )
    app.add_handler(TypeHandler(Update, record_people), group=-1)
