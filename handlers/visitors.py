"""Visitors: /visitor (invite, came, joined, follow-up), /visitors, the hosts' buttons, and
/settings visitorhosts."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from telegram import MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.business.stats import period_start, read_period
from bot.core.callback_data import matches, parse_arrived, parse_visitor_follow_up, visitor_start
from bot.core.result import Done, Result
from bot.meeting.rules import parse_outcome, parse_visitor_ref, parse_visitor_step
from bot.texts import visitors as texts
from bot.texts.followup import callback_expired
from bot.texts.keywords import read, switches
from bot.texts.refusals import say, say_plain
from bot.texts.stats import period_label
from handlers.admin import is_chapter_admin, is_group_admin
from handlers.command_text import CaptionCommand, SettingCommand, text_or_caption
from handlers.context import ChapterContext
from handlers.meeting import guest_command
from handlers.parts import message_of, query_of, user_of
from handlers.people import current_chapter, is_group, member_from_user
from storage.records import Chapter, Member
from storage.visitors import Visitor

_SECOND = timedelta(seconds=1)


async def visitor_command(update: Update, context: ChapterContext) -> None:
    """/visitor Name, Business, phone, e-mail; or /visitor V12 came|joined|called|...
    (also as a photo's caption, or an edit of the command)"""
    message = message_of(update)
    parts = text_or_caption(message).split(maxsplit=1)
    text = parts[1].strip() if len(parts) > 1 else ""
    words = text.split()
    visitor_id = parse_visitor_ref(words[0]) if words else None
    if not text:
        await message.reply_text(texts.usage())
    elif visitor_id is not None:
        await _visitor_step(update, context, visitor_id, words[1:])
    else:
        await _invite(update, context, text)


async def _invite(update: Update, context: ChapterContext, text: str) -> None:
    message, services = message_of(update), context.services
    in_group = is_group(update.effective_chat)
    source = message.message_id if in_group else None
    edited = update.edited_message is not None

    async def answer(chapter: Chapter, inviter: Member) -> None:
        result = await services.meeting.visitors.invite(chapter, inviter, text, source, edited)
        if not isinstance(result, Done):
            await message.reply_text(say(result))
        elif result.value is not None:  # None: the same group message again, recorded already
            invited = result.value
            link = services.messenger.deep_link(visitor_start(invited.visitor.id))
            if in_group:
                await message.reply_text(texts.invited_in_group(invited, inviter, link))
            else:
                await message.reply_text(texts.invited_private(invited, link))

    await guest_command(update, context, text, texts.no_chapter(), answer)


async def _visitor_step(
    update: Update, context: ChapterContext, visitor_id: int, words: list[str]
) -> None:
    """`V12 came`, `V12 joined`, `V12 called|applying|notinterested`."""
    message, visitors = message_of(update), context.services.meeting.visitors
    step = parse_visitor_step(words[0]) if len(words) == 1 else None
    outcome = parse_outcome(words[0]) if step else None
    if step is None:
        await message.reply_text(texts.usage())
        return
    user = user_of(update)
    in_group = is_group(update.effective_chat)
    group_chapter = await current_chapter(update, context) if in_group else None
    found = await _find(context, visitor_id, group_chapter, user.id)
    if not isinstance(found, Done):
        await message.reply_text(say(found))
        return
    visitor = found.value
    admin = await _is_admin(update, context, visitor, user.id)
    result: Result[Visitor]
    if step == "came":
        result = await visitors.arrived(visitor, user.id, admin)
    elif step == "joined":
        result = await visitors.joined(visitor, admin)
    else:
        assert outcome is not None
        actor = await context.services.directory.member(user.id) or member_from_user(user)
        result = await visitors.log_outcome(visitor, actor, outcome, admin)
    if not isinstance(result, Done):
        await message.reply_text(say(result))
    elif step == "came":
        await message.reply_text(texts.arrived(result.value))
    elif step == "joined":
        inviter = await visitors.inviter_of(result.value)
        await message.reply_text(texts.joined_in_group(result.value, inviter))
    else:
        await message.reply_text(texts.outcome_logged(result.value))


async def _find(
    context: ChapterContext, visitor_id: int, group_chapter: Chapter | None, user_id: int
) -> Result[Visitor]:
    """In a group, the group's own visitor; privately, one of the sender's chapters' (owners:
    any)."""
    services = context.services
    if group_chapter is not None:
        return await services.meeting.visitors.find(visitor_id, {group_chapter.id})
    if user_id in services.settings.bot_admin_ids:
        return await services.meeting.visitors.find(visitor_id, None)
    mine = {chapter.id for chapter in await services.directory.chapters_of(user_id)}
    return await services.meeting.visitors.find(visitor_id, mine)


async def _is_admin(
    update: Update, context: ChapterContext, visitor: Visitor, user_id: int
) -> bool:
    if is_group(update.effective_chat) and update.callback_query is None:
        return await is_group_admin(update, context)
    chapter = await context.services.directory.chapter(visitor.chapter_id)
    return chapter is not None and await is_chapter_admin(context, chapter.chat_id, user_id)


async def arrived_button(update: Update, context: ChapterContext) -> None:
    """A host taps Arrived on their private list or on a new visitor's details."""
    query = query_of(update)
    visitor_id = parse_arrived(query.data)
    if visitor_id is None:
        await query.answer(callback_expired(), show_alert=True)
        return
    visitors = context.services.meeting.visitors
    result = await _find(context, visitor_id, None, query.from_user.id)
    if isinstance(result, Done):
        admin = await _is_admin(update, context, result.value, query.from_user.id)
        result = await visitors.arrived(result.value, query.from_user.id, admin)
    if not isinstance(result, Done):
        await query.answer(say_plain(result), show_alert=True)
        return
    await query.answer(texts.arrived_toast(result.value))
    await context.services.messenger.to_member(
        query.from_user.id, texts.arrived(result.value), interactive=True
    )


async def follow_up_button(update: Update, context: ChapterContext) -> None:
    """Called / Applying / Not interested on the 48-hour nudge."""
    query = query_of(update)
    press = parse_visitor_follow_up(query.data)
    if press is None:
        await query.answer(callback_expired(), show_alert=True)
        return
    result = await _find(context, press.visitor_id, None, query.from_user.id)
    if isinstance(result, Done):
        admin = await _is_admin(update, context, result.value, query.from_user.id)
        actor = await context.services.directory.member(query.from_user.id)
        result = await context.services.meeting.visitors.log_outcome(
            result.value, actor or member_from_user(query.from_user), press.outcome, admin
        )
    if not isinstance(result, Done):
        await query.answer(say_plain(result), show_alert=True)
        return
    await query.answer()
    with contextlib.suppress(TelegramError):  # too old to edit: the reply below says it
        await query.edit_message_reply_markup(None)
    await context.services.messenger.to_member(
        query.from_user.id, texts.outcome_logged(result.value), interactive=True
    )


async def visitors_command(update: Update, context: ChapterContext) -> None:
    """/visitors [period]: invited, came, followed up and joined, without contact details."""
    message, services = message_of(update), context.services
    words = context.args or []
    period = read_period(words[0]) if words else "month"
    if period is None or len(words) > 1:
        await message.reply_text(texts.pipeline_usage())
        return
    chapter = await current_chapter(update, context)
    now = services.clock.now()
    start = period_start(period, now, chapter.timezone)
    pipe = await services.meeting.visitors.pipeline(chapter, start, now + _SECOND)
    await message.reply_text(
        texts.pipeline(chapter.title, period_label(period), chapter.timezone, pipe)
    )


async def hosts_setting(update: Update, context: ChapterContext) -> None:
    """/settings visitorhosts @carol @dave (or none), by a group admin; alone: who they are."""
    message, services = message_of(update), context.services
    if not await is_group_admin(update, context):
        await message.reply_text(texts.hosts_admins_only())
        return
    chapter = await current_chapter(update, context)
    words = (message.text or "").split()[2:]
    if not words:
        current = await services.meeting.roster.hosts(chapter)
        await message.reply_text(texts.hosts_current(current))
        return
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    hosts: list[Member] = []
    if len(words) != 1 or read(switches, words[0]) != "off":  # off, none: no hosts
        if not mentions:
            await message.reply_text(texts.hosts_usage())
            return
        unknown = []
        for entity, label in mentions.items():
            named = member_from_user(entity.user) if entity.user else None
            found = await services.meeting.roster.find(named, None if named else label)
            if found is None or found.is_bot:
                unknown.append(label)
            else:
                hosts.append(found)
        if unknown:
            await message.reply_text(texts.unknown_hosts(unknown))
            return
    named_hosts = await services.meeting.roster.set_hosts(chapter, hosts)
    await message.reply_text(texts.hosts_set(named_hosts))


async def visitors_in_private(update: Update, context: ChapterContext) -> None:
    await message_of(update).reply_text(texts.visitors_group_only())


HOSTS_SETTING = SettingCommand("visitorhosts")


def register(app: Application) -> None:
    """Before /settings (handlers/__init__.py): this takes `/settings visitorhosts`."""
    groups = filters.ChatType.GROUPS
    app.add_handler(CommandHandler("settings", hosts_setting, filters=groups & HOSTS_SETTING))
    app.add_handler(CommandHandler("visitor", visitor_command))
    in_caption = filters.ChatType.GROUPS & CaptionCommand("visitor")
    app.add_handler(MessageHandler(in_caption, visitor_command))
    app.add_handler(CommandHandler("visitors", visitors_command, filters=filters.ChatType.GROUPS))
    app.add_handler(
        CommandHandler("visitors", visitors_in_private, filters=filters.ChatType.PRIVATE)
    )
    app.add_handler(CallbackQueryHandler(arrived_button, pattern=matches(parse_arrived)))
    app.add_handler(
        CallbackQueryHandler(follow_up_button, pattern=matches(parse_visitor_follow_up))
    )
