"""/language: a member chooses the language of their private chat with the bot."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import matches, parse_language
from bot.i18n import set_language
from bot.texts import languages as texts
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, query_of, user_of
from handlers.people import is_group


async def language_command(update: Update, context: ChapterContext) -> None:
    """Privately: the languages as buttons, each in its own name. In a group: where it works."""
    message = message_of(update)
    if is_group(chat_of(update)):
        await message.reply_text(texts.in_private_only())
        return
    member = await context.services.directory.member(user_of(update).id)
    chosen = member.language if member else None
    await message.reply_text(texts.choose(), reply_markup=texts.buttons(chosen))


async def language_button(update: Update, context: ChapterContext) -> None:
    """A language tapped: stored, and confirmed in that language."""
    query = query_of(update)
    code = parse_language(query.data)
    if code is None:
        await query.answer(texts.button_gone(), show_alert=True)
        return
    await context.services.directory.choose_language(query.from_user.id, code)
    set_language(code)  # the rest of this update, the confirmation included, speaks it
    await query.answer()
    if query.message is not None:
        await query.edit_message_text(texts.chosen(), reply_markup=None)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("language", language_command))
    app.add_handler(CallbackQueryHandler(language_button, pattern=matches(parse_language)))
