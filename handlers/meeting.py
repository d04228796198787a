"""The weekly meeting in the group: /meeting, the check-in buttons, /attendance, /sub, /roster,
/settings absences, and following members who leave or come back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import ChatMember, Message, MessageEntity, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.core.callback_data import AskAgain, is_check_in, parse_check_in
from bot.core.result import Done, Reason, Refused
from bot.i18n import use_language
from bot.meeting.people import has_contact_details
from bot.meeting.rules import RuleError, parse_absence_rule, parse_mark
from bot.texts import meeting as texts
from bot.texts.keywords import read, setting_words
from bot.texts.refusals import say
from handlers.admin import is_group_admin
from handlers.command_text import CaptionCommand, SettingCommand, text_or_caption
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, query_of, user_of
from handlers.people import chapter_here, current_chapter, is_group, member_from_user
from handlers.referrals import _remove_contact_details
from storage.meetings import Mark
from storage.records import Chapter, Member

ABSENCES_SETTING = SettingCommand("absences")


async def _admins_only(update: Update, context: ChapterContext, what: str) -> bool:
    """True (and the member told who may) when the sender isn't a group admin."""
    if await is_group_admin(update, context):
        return False
    await message_of(update).reply_text(texts.admins_only(what))
    return True


async def group_only(update: Update, context: ChapterContext) -> None:
    """A group command sent privately: say where it belongs."""
    message = message_of(update)
    command = (message.text or "/").split()[0].split("@")[0]
    await message.reply_text(texts.group_only(command))


async def meeting_command(update: Update, context: ChapterContext) -> None:
    """/meeting opens the check-in; /meeting close closes it (group admins)."""
    message, feature = message_of(update), context.services.meeting
    words = [read(setting_words, word) or word.lower() for word in context.args or []]
    if words not in ([], ["close"]):
        await message.reply_text(texts.meeting_usage())
        return
    if await _admins_only(update, context, "open and close the check-in"):
        return
    chapter = await current_chapter(update, context)
    user_id = update.effective_user.id if update.effective_user else None
    if words == ["close"]:
        refusal = _refusal(await feature.service.close_now(chapter, user_id))
    else:
        thread = message.message_thread_id if message.is_topic_message else None
        opened = await feature.service.open(chapter, user_id, thread, message.message_id)
        refusal = _refusal(opened)
    if refusal is not None:
        await message.reply_text(say(refusal))


def _refusal(result: Done[Any] | Refused) -> Refused | None:
    return None if isinstance(result, Done) else result


async def check_in_button(update: Update, context: ChapterContext) -> None:
    """A member taps Present, Late or Substitute on the check-in message."""
    query = query_of(update)
    press = parse_check_in(query.data)
    if not is_group(update.effective_chat):
        await query.answer(texts.tap_in_group_only(), show_alert=True)
        return
    if press is None:  # forged, or from an older version of the bot
        await query.answer(texts.tap_unknown(), show_alert=True)
        return
    chapter = await current_chapter(update, context)
    result = await context.services.meeting.service.tap(
        press.meeting_id, chapter, member_from_user(query.from_user), press.mark
    )
    if not isinstance(result, Done):
        closed = result.reason is Reason.CHECK_IN_CLOSED
        await query.answer(
            texts.tap_closed() if closed else texts.tap_not_a_member(), show_alert=True
        )
        return
    tapped = result.value
    answer = texts.checked_in(tapped.mark, tapped.previous)
    if tapped.mark is Mark.SUBSTITUTE:
        answer += " " + texts.tap_sub_hint()
    await query.answer(answer)
    await context.services.meeting.service.show_marks(press.meeting_id)


def _named(message: Message) -> tuple[Member | None, str | None, str]:
    """The member a command names (@mention or text mention anywhere, else the replied-to
    sender): (member if Telegram told us who, label as written, the text without command and
    name)."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    rest = parts[1] if len(parts) > 1 else ""
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, label in sorted(mentions.items(), key=lambda item: item[0].offset):
        rest = rest.replace(label, " ", 1)
        if entity.type == MessageEntity.TEXT_MENTION and entity.user:
            return member_from_user(entity.user), label, rest
        return None, label, rest
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and not replied.forum_topic_created:
        member = member_from_user(replied.from_user)
        return member, member.full_name, rest
    return None, None, rest


async def _resolve(
    context: ChapterContext, member: Member | None, label: str | None
) -> Member | None:
    username = label if label and label.startswith("@") and member is None else None
    return await context.services.meeting.roster.find(member, username)


async def attendance_command(update: Update, context: ChapterContext) -> None:
    """/attendance @bob medical: an admin corrects a mark for the last meeting."""
    message, feature = message_of(update), context.services.meeting
    if await _admins_only(update, context, "correct attendance"):
        return
    named, label, rest = _named(message)
    words = rest.split()
    mark = parse_mark(words[0]) if len(words) == 1 else None
    if (named is None and label is None) or mark is None:
        await message.reply_text(texts.attendance_usage())
        return
    chapter = await current_chapter(update, context)
    member = await _resolve(context, named, label)
    if member is None:  # an @username the bot hasn't seen
        await message.reply_text(
            texts.not_on_roster(label or "")
            + "\n"
            + texts.pick_without_username(f"/attendance {words[0]}")
        )
        return
    result = await feature.service.correct(chapter, member, mark, user_of(update).id)
    if not isinstance(result, Done):
        await message.reply_text(say(result))
        return
    await message.reply_text(texts.corrected(member, mark, result.value.meeting, chapter))


async def sub_command(update: Update, context: ChapterContext) -> None:
    """/sub Jane Smith, Smith Plumbing: someone stands in for the sender (also as a caption)."""
    message, services = message_of(update), context.services
    parts = text_or_caption(message).split(maxsplit=1)
    text = parts[1] if len(parts) > 1 else ""

    async def answer(chapter: Chapter, sender: Member) -> None:
        result = await services.meeting.service.send_substitute(chapter, sender, text)
        if not isinstance(result, Done):
            await message.reply_text(say(result))
            return
        sent = result.value
        await message.reply_text(
            texts.substitute_recorded(
                sender, sent.substitute.name, sent.business, sent.at_open_meeting
            )
        )

    await guest_command(update, context, text, texts.sub_no_chapter(), answer)


async def guest_command(
    update: Update,
    context: ChapterContext,
    text: str,
    no_chapter: str,
    answer: Callable[[Chapter, Member], Awaitable[None]],
) -> None:
    """/sub and /visitor, which name someone from outside the chapter: `answer` in the chapter
    here (else `no_chapter`); then, in the group, the command loses any contact details,
    whatever came of it."""
    message = message_of(update)
    chapter = await chapter_here(update, context)
    if chapter is None:
        await message.reply_text(no_chapter)
        return
    await answer(chapter, member_from_user(user_of(update)))
    if is_group(update.effective_chat) and has_contact_details(text):
        await _remove_contact_details(message, context, chapter.id)


async def roster_command(update: Update, context: ChapterContext) -> None:
    """/roster: the members and their attendance, privately; /roster remove @bob."""
    message, services = message_of(update), context.services
    if await _admins_only(update, context, "see or change the roster"):
        return
    chapter = await current_chapter(update, context)
    words = [read(setting_words, word) or word.lower() for word in context.args or []]
    if words and words[0] == "remove":
        await _roster_remove(update, context)
        return
    if words:
        await message.reply_text(texts.roster_usage())
        return
    view = await services.meeting.roster.view(chapter)
    with use_language(await services.directory.private_language(user_of(update).id)):
        text = texts.roster(chapter, view.rows, view.rule)  # for the admin's private chat
    if not await services.messenger.to_member(user_of(update).id, text, interactive=True):
        await message.reply_text(
            texts.roster_cannot_send(services.messenger.deep_link(AskAgain.ROSTER))
        )
        return
    await message.reply_text(texts.roster_sent())


async def _roster_remove(update: Update, context: ChapterContext) -> None:
    message = message_of(update)
    named, label, rest = _named(message)
    member = await _resolve(context, named, label)
    words = rest.split()
    if label is None or len(words) != 1 or read(setting_words, words[0]) != "remove":
        await message.reply_text(texts.roster_usage())
        return
    if member is None:  # an @username the bot hasn't seen
        await message.reply_text(
            texts.not_on_roster(label) + "\n" + texts.pick_without_username("/roster remove")
        )
        return
    chapter = await current_chapter(update, context)
    result = await context.services.meeting.roster.remove(chapter, member)
    await message.reply_text(texts.removed(member) if isinstance(result, Done) else say(result))


async def absences_setting(update: Update, context: ChapterContext) -> None:
    """/settings absences 3 in 6 (group admins)."""
    message = message_of(update)
    if await _admins_only(update, context, "change the chapter's settings"):
        return
    words = (message.text or "").split(maxsplit=2)
    chapter = await current_chapter(update, context)
    if len(words) < 3:
        current = await context.services.meeting.roster.absence_rule(chapter)
        await message.reply_text(texts.absences_current(current))
        return
    try:
        rule = parse_absence_rule(words[2])
    except RuleError as error:
        await message.reply_text(say(error.refused))
        return
    await context.services.meeting.roster.set_absence_rule(chapter, rule)
    await message.reply_text(texts.absences_set(rule))


async def follow_roster_changes(update: Update, context: ChapterContext) -> None:
    """Someone left the group (off the roster) or came back (on it again). Only reads the
    chapter: an update about the group must not revive a chapter that removed the bot."""
    chapter = await context.services.meeting.roster.chapter_of_chat(chat_of(update).id)
    if chapter is None:
        return
    roster, message = context.services.meeting.roster, update.effective_message
    if message is not None and message.left_chat_member is not None:
        await roster.left_group(chapter, message.left_chat_member.id)
    for joined in (message.new_chat_members if message else None) or ():
        await roster.back_in_group(chapter, joined.id)
    changed = update.chat_member
    if changed is not None:
        user_id = changed.new_chat_member.user.id
        if changed.new_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED):
            await roster.left_group(chapter, user_id)
        else:
            await roster.back_in_group(chapter, user_id)


def register(app: Application) -> None:
    """Group 0 for commands and buttons (before /settings and the stale-button fallback);
    group 1 for the roster's view of who left, after everything else has seen the update."""
    groups, private = filters.ChatType.GROUPS, filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("settings", absences_setting, filters=groups & ABSENCES_SETTING))
    for command, callback in (
        ("meeting", meeting_command),
        ("attendance", attendance_command),
        ("roster", roster_command),
    ):
        app.add_handler(CommandHandler(command, callback, filters=groups))
        app.add_handler(CommandHandler(command, group_only, filters=private))
    app.add_handler(CommandHandler("sub", sub_command))
    app.add_handler(MessageHandler(groups & CaptionCommand("sub"), sub_command))
    app.add_handler(CallbackQueryHandler(check_in_button, pattern=is_check_in))
    comings_and_goings = (
        filters.StatusUpdate.LEFT_CHAT_MEMBER | filters.StatusUpdate.NEW_CHAT_MEMBERS
    )
    app.add_handler(MessageHandler(comings_and_goings, follow_roster_changes), group=1)
    app.add_handler(
        ChatMemberHandler(follow_roster_changes, ChatMemberHandler.CHAT_MEMBER), group=1
    )
