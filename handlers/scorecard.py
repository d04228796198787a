"""/scorecard: a member's card privately, the chapter's card for an admin; /settings score."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.business.closing import chapter_currency
from bot.core.callback_data import AskAgain
from bot.core.messenger import NotSent
from bot.core.result import Done, Refused, Result
from bot.i18n import use_language
from bot.scorecard.rules import ScoreSettings
from bot.texts import scorecard as texts
from bot.texts.keywords import read, setting_words, switches
from bot.texts.refusals import say
from handlers.admin import is_group_admin
from handlers.context import ChapterContext
from handlers.parts import chat_of, message_of, user_of
from handlers.people import current_chapter, is_group, member_from_user
from storage.records import Chapter


async def scorecard_command(update: Update, context: ChapterContext) -> None:
    """Route by place and word: off/on anywhere, the member's card privately, the chapter's
    card for an admin in the group."""
    message, feature = message_of(update), context.services.scorecard
    words = [read(switches, word) or word.lower() for word in context.args or []]
    if words in (["off"], ["on"]):
        await feature.scores.set_monthly_opt_out(user_of(update).id, words == ["off"])
        await message.reply_text(texts.monthly_off() if words == ["off"] else texts.monthly_on())
    elif words:
        await message.reply_text(texts.scorecard_usage())
    elif not is_group(chat_of(update)):
        await _member_cards(update, context)
    elif await is_group_admin(update, context):
        await _chapter_card(update, context)
    else:
        await message.reply_text(texts.private_only_for_members())


async def _member_cards(update: Update, context: ChapterContext) -> None:
    services, user = context.services, user_of(update)
    member = await services.directory.member(user.id) or member_from_user(user)
    chapters = await services.directory.chapters_of(member.user_id)
    if not chapters:
        await message_of(update).reply_text(texts.no_chapter())
        return
    for chapter in chapters:
        card = await services.scorecard.cards.member(chapter, member)
        await services.scorecard.cards.send(member.user_id, card)


async def _chapter_card(update: Update, context: ChapterContext) -> None:
    services, message = context.services, message_of(update)
    chapter, admin_id = await current_chapter(update, context), user_of(update).id
    try:
        with use_language(await services.directory.private_language(admin_id)):
            card = await services.scorecard.cards.chapter(chapter)  # for the admin, privately
            delivered = await services.scorecard.cards.send(admin_id, card)
    except NotSent:
        delivered = False
    if delivered:
        await message.reply_text(texts.chapter_card_sent())
    else:
        await message.reply_text(
            texts.cannot_send(services.messenger.deep_link(AskAgain.SCORECARD))
        )


async def score_settings(
    update: Update, context: ChapterContext, chapter: Chapter, values: list[str]
) -> None:
    """/settings score [months N | <area> <goal>] (the caller checked the admin)."""
    message, services = message_of(update), context.services
    scores = services.scorecard.scores
    result: Result[ScoreSettings]
    if not values:
        result = Done(await scores.settings(chapter))
    elif len(values) == 2 and read(setting_words, values[0]) == "months":
        result = await scores.set_months(chapter, values[1])
    elif len(values) == 2:
        result = await scores.set_threshold(chapter, values[0], values[1])
    else:
        await message.reply_text(texts.settings_usage())
        return
    if isinstance(result, Refused):
        await message.reply_text(say(result))
        return
    settings = result.value
    currency = chapter_currency(chapter, services.settings)
    await message.reply_text(texts.settings_overview(chapter, settings, currency))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("scorecard", scorecard_command))
