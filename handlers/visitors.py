"""Visitors: /visitor (invite, came, joined, follow-up), /visitors, the hosts' buttons, and
/settings visitorhosts."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from telegram import ChatMember, MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.business.stats import PERIODS, period_start
from bot.meeting.buttons import parse_arrived, parse_visitor_follow_up
from bot.meeting.refusals import MeetingRefused, Reason
from bot.meeting.rules import parse_outcome, parse_visitor_ref
from bot.texts import meeting as meeting_texts
from bot.texts import visitors as texts
from bot.texts.followup import callback_expired
from bot.texts.stats import PERIOD_LABELS
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.people import current_chapter, is_group, member_from_user
from handlers.referrals import _remove_contact_details
from storage.records import Chapter, Member
from storage.visitors import Visitor, VisitorOutcome

_SECOND = timedelta(seconds=1)


async def is_chapter_admin(context: ChapterContext, chapter: Chapter, user_id: int) -> bool:
    """Whether a user is an admin of the chapter's group (asked of Telegram; owners always)."""
    if user_id in context.services.settings.bot_admin_ids:
        return True
    try:
        member = await context.bot.get_chat_member(chapter.chat_id, user_id)
    except TelegramError:
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def _chapter_of_sender(update: Update, context: ChapterContext) -> Chapter | None:
    if is_group(update.effective_chat):
        return await current_chapter(update, context)
    return await context.services.directory.home_chapter(update.effective_user.id)


async def visitor_command(update: Update, context: ChapterContext) -> None:
    """/visitor Name, Business, phone, e-mail; or /visitor V12 came|joined|called|..."""
    message = update.effective_message
    parts = (message.text or "").split(maxsplit=1)
    text = parts[1].strip() if len(parts) > 1 else ""
    words = text.split()
    visitor_id = parse_visitor_ref(words[0]) if words else None
    try:
        if not text:
            await message.reply_text(texts.USAGE)
        elif visitor_id is not None:
            await _visitor_step(update, context, visitor_id, words[1:])
        else:
            await _invite(update, context, text)
    except MeetingRefused as refusal:
        await message.reply_text(meeting_texts.refusal(refusal.reason, refusal.detail))


async def _invite(update: Update, context: ChapterContext, text: str) -> None:
    message, services = update.effective_message, context.services
    chapter = await _chapter_of_sender(update, context)
    if chapter is None:
        await message.reply_text(texts.NO_CHAPTER)
        return
    inviter = member_from_user(update.effective_user)
    in_group = is_group(update.effective_chat)
    source = message.message_id if in_group else None
    visitor = await services.meeting.visitors.invite(chapter, inviter, text, source)
    if visitor is None:  # the same group message again: recorded already
        return
    hosts = len(await services.meeting.visitors.roster.hosts(chapter.id))
    if in_group:
        await message.reply_text(texts.invited_in_group(visitor, inviter, hosts))
        if visitor.has_contact_details:
            await _remove_contact_details(message, context, chapter.id)
    else:
        await message.reply_text(texts.invited_private(visitor, hosts))


async def _visitor_step(
    update: Update, context: ChapterContext, visitor_id: int, words: list[str]
) -> None:
    """`V12 came`, `V12 joined`, `V12 called|applying|notinterested`."""
    message, visitors = update.effective_message, context.services.meeting.visitors
    step = words[0].lower() if len(words) == 1 else ""
    outcome = parse_outcome(step)
    if step not in ("came", "joined") and outcome is None:
        await message.reply_text(texts.USAGE)
        return
    in_group = is_group(update.effective_chat)
    chapter_id = (await current_chapter(update, context)).id if in_group else None
    visitor = await _find(context, visitor_id, chapter_id, update.effective_user.id)
    chapter = await context.services.chapters.by_id(visitor.chapter_id)
    assert chapter is not None
    user = update.effective_user
    admin = (
        await is_group_admin(update, context)
        if in_group
        else await is_chapter_admin(context, chapter, user.id)
    )
    if step == "came":
        done = await visitors.arrived(visitor, user.id, admin)
        await message.reply_text(texts.arrived(done))
    elif step == "joined":
        if not admin:
            raise MeetingRefused(Reason.ADMINS_ONLY)
        done = await visitors.joined(visitor)
        inviter = await context.services.members.get(done.inviter_id)
        await message.reply_text(texts.joined_in_group(done, inviter))
    else:
        assert outcome is not None
        await _log(context, visitor, member_from_user(user), outcome, admin)
        await message.reply_text(texts.outcome_logged(await visitors.find(visitor.id, None)))


async def _find(
    context: ChapterContext, visitor_id: int, chapter_id: int | None, user_id: int
) -> Visitor:
    """The visitor, from the group's own chapter, or privately from one of the sender's."""
    visitor = await context.services.meeting.visitors.find(visitor_id, chapter_id)
    if chapter_id is None and user_id not in context.services.settings.bot_admin_ids:
        mine = {chapter.id for chapter in await context.services.directory.chapters_of(user_id)}
        if visitor.chapter_id not in mine:
            raise MeetingRefused(Reason.VISITOR_NOT_FOUND, visitor_id)
    return visitor


async def _log(
    context: ChapterContext, visitor: Visitor, actor: Member, outcome: VisitorOutcome, admin: bool
) -> Visitor:
    stored = await context.services.members.get(actor.user_id)
    return await context.services.meeting.visitors.log_outcome(
        visitor, stored or actor, outcome, admin
    )


async def arrived_button(update: Update, context: ChapterContext) -> None:
    """A host taps Arrived on their private list or on a new visitor's details."""
    query = update.callback_query
    visitor_id = parse_arrived(query.data)
    if visitor_id is None:
        await query.answer(callback_expired(), show_alert=True)
        return
    visitors = context.services.meeting.visitors
    try:
        visitor = await _find(context, visitor_id, None, query.from_user.id)
        chapter = await context.services.chapters.by_id(visitor.chapter_id)
        assert chapter is not None
        admin = await is_chapter_admin(context, chapter, query.from_user.id)
        done = await visitors.arrived(visitor, query.from_user.id, admin)
    except MeetingRefused as refusal:
        await query.answer(
            _plain(meeting_texts.refusal(refusal.reason, refusal.detail)), show_alert=True
        )
        return
    await query.answer(f"✅ {done.name} arrived.")
    await context.bot.send_message(query.from_user.id, texts.arrived(done))


async def follow_up_button(update: Update, context: ChapterContext) -> None:
    """Called / Applying / Not interested on the 48-hour nudge."""
    query = update.callback_query
    press = parse_visitor_follow_up(query.data)
    if press is None:
        await query.answer(callback_expired(), show_alert=True)
        return
    try:
        visitor = await _find(context, press.visitor_id, None, query.from_user.id)
        chapter = await context.services.chapters.by_id(visitor.chapter_id)
        assert chapter is not None
        admin = await is_chapter_admin(context, chapter, query.from_user.id)
        done = await _log(context, visitor, member_from_user(query.from_user), press.outcome, admin)
    except MeetingRefused as refusal:
        await query.answer(
            _plain(meeting_texts.refusal(refusal.reason, refusal.detail)), show_alert=True
        )
        return
    await query.answer()
    with contextlib.suppress(TelegramError):  # too old to edit: the reply below says it
        await query.edit_message_reply_markup(None)
    await context.bot.send_message(query.from_user.id, texts.outcome_logged(done))


def _plain(html: str) -> str:
    """Callback answers are plain text: drop the few tags our texts use."""
    for tag in ("<b>", "</b>", "<code>", "</code>"):
        html = html.replace(tag, "")
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")[:200]


async def visitors_command(update: Update, context: ChapterContext) -> None:
    """/visitors [period]: invited, came, followed up and joined, without contact details."""
    message, services = update.effective_message, context.services
    words = [word.lower() for word in context.args or []]
    period = words[0] if words else "month"
    if period not in PERIODS or len(words) > 1:
        await message.reply_text(texts.PIPELINE_USAGE)
        return
    chapter = await current_chapter(update, context)
    now = services.clock.now()
    start = period_start(period, now, chapter.timezone)
    pipe = await services.meeting.visitors.pipeline(chapter, start, now + _SECOND)
    await message.reply_text(
        texts.pipeline(chapter.title, PERIOD_LABELS[period], chapter.timezone, pipe)
    )


async def hosts_setting(update: Update, context: ChapterContext) -> None:
    """/settings visitorhosts @carol @dave (or none); the admin check is done by the caller."""
    message, services = update.effective_message, context.services
    words = (message.text or "").split()[2:]
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    if [word.lower() for word in words] in (["none"], ["off"]):
        hosts: list[Member] = []
    elif not mentions:
        await message.reply_text(texts.HOSTS_USAGE)
        return
    else:
        hosts, unknown = [], []
        for entity, label in mentions.items():
            found = (
                await services.members.get(entity.user.id)
                if entity.user
                else await services.members.by_username(label)
            )
            if found is None or found.is_bot:
                unknown.append(label)
            else:
                hosts.append(found)
        if unknown:
            await message.reply_text(texts.unknown_hosts(unknown))
            return
    chapter = await current_chapter(update, context)
    await message.reply_text(
        texts.hosts_set(await services.meeting.roster.set_hosts(chapter, hosts))
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler("visitor", visitor_command))
    app.add_handler(CommandHandler("visitors", visitors_command, filters=filters.ChatType.GROUPS))
    app.add_handler(
        CommandHandler("visitors", _group_only_pipeline, filters=filters.ChatType.PRIVATE)
    )
    app.add_handler(CallbackQueryHandler(arrived_button, pattern=r"^va:"))
    app.add_handler(CallbackQueryHandler(follow_up_button, pattern=r"^vf:"))


async def _group_only_pipeline(update: Update, context: ChapterContext) -> None:
    await update.effective_message.reply_text(texts.VISITORS_GROUP_ONLY)
