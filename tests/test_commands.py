"""The command list is written once (bot/texts/commands.py): every command the bot answers is in
it, nothing else is, and the README's Commands table names each of them."""

from __future__ import annotations

import re
from pathlib import Path

from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.texts.commands import COMMANDS
from tests.harness import BotUnderTest

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands_of(handler: BaseHandler) -> set[str]:
    if isinstance(handler, CommandHandler):
        return set(handler.commands)
    if isinstance(handler, ConversationHandler):
        inner = [*handler.entry_points, *handler.fallbacks]
        inner += [h for state in handler.states.values() for h in state]
        return set().union(*(_commands_of(h) for h in inner))
    return set()


def test_the_bot_answers_exactly_the_commands_in_the_table(bot: BotUnderTest):
    handlers = [h for group in bot.app.handlers.values() for h in group]
    answered = set().union(*(_commands_of(h) for h in handlers))
    names = {command.name for command in COMMANDS}
    assert answered == names.union(*(command.aliases for command in COMMANDS))


def test_the_readme_lists_every_command():
    section = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`/([a-z0-9]+)", section))
    assert listed == {command.name for command in COMMANDS}


def test_every_command_is_offered_somewhere():
    for command in COMMANDS:
        assert command.menu_private or command.menu_group, command.name
