"""The command menus Telegram shows, per place (setMyCommands scopes)."""

from __future__ import annotations

from telegram import BotCommand

PRIVATE_COMMANDS = [
    BotCommand("start", "Let me message you privately"),
    BotCommand("help", "What I can do"),
]

GROUP_COMMANDS = [
    BotCommand("refer", "Pass a referral: /refer @member Prospect, details"),
    BotCommand("help", "What I can do"),
]
