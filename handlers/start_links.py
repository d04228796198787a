"""/start links the group hands out when the bot can't write to someone yet: a visitor host
gets the visitor's details, an admin who asked for /roster or /export is told to ask again."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.core.callback_data import parse_ask_again, parse_visitor_start
from bot.core.result import Done
from bot.texts import start_links as texts
from handlers.context import ChapterContext
from handlers.parts import message_of, start_payload, start_with, user_of
from handlers.people import member_from_user


async def start_for_visitor(update: Update, context: ChapterContext) -> None:
    """/start visitor_12: a host who couldn't be written to gets the visitor's details."""
    services, message = context.services, message_of(update)
    host = await services.directory.started_private_chat(member_from_user(user_of(update)))
    wanted = parse_visitor_start(start_payload(context.args))
    found = await services.meeting.visitors.find(wanted, None) if wanted is not None else None
    chapter = (
        await services.directory.chapter(found.value.chapter_id)
        if isinstance(found, Done)
        else None
    )
    if chapter is None or not isinstance(found, Done):
        await message.reply_text(texts.visitor_gone())
    elif not await services.meeting.visitors.details_for_host(chapter, found.value, host):
        await message.reply_text(texts.hosts_only())


async def start_to_ask_again(update: Update, context: ChapterContext) -> None:
    """/start roster or /start export: now the file or list can come; say to ask again."""
    await context.services.directory.started_private_chat(member_from_user(user_of(update)))
    command = parse_ask_again(start_payload(context.args))
    await message_of(update).reply_text(texts.ask_again(command or "help"))


def register(app: Application) -> None:
    """Before start.register: these payloads are answered here."""
    private = filters.ChatType.PRIVATE
    app.add_handler(
        CommandHandler(
            "start",
            start_for_visitor,
            filters=private & start_with(parse_visitor_start),
        )
    )
    app.add_handler(
        CommandHandler(
            "start",
            start_to_ask_again,
            filters=private & start_with(parse_ask_again),
        )
    )
