"""The command menus Telegram shows, per place (setMyCommands scopes)."""

from __future__ import annotations

from telegram import BotCommand

PRIVATE_COMMANDS = [
    BotCommand("refer", "Pass a referral, step by step"),
    BotCommand("cancel", "Stop the referral form"),
    BotCommand("start", "Let me message you privately"),
    BotCommand("mine", "Your referrals, received and given"),
    BotCommand("followup", "Log a follow-up: /followup 12 [note]"),
    BotCommand("closed", "Record business won: /closed 12 2500"),
    BotCommand("stats", "Your numbers: /stats me"),
    BotCommand("sub", "Send a substitute to the meeting: /sub Name, Business"),
    BotCommand("visitor", "Invite a visitor: /visitor Name, Business, phone"),
    BotCommand("tip", "This week's education minute"),
    BotCommand("scorecard", "Your scorecard, with a chart"),
    BotCommand("121", "Log a one-to-one: /121 @member [when] [note]"),
    BotCommand("dancecard", "Whom you haven't met one-to-one lately"),
    BotCommand("ceu", "Log an education credit: /ceu what you learned"),
    BotCommand("help", "What I can do"),
]

GROUP_COMMANDS = [
    BotCommand("refer", "Pass a referral: /refer @member Prospect, details"),
    BotCommand("followup", "Log a follow-up: /followup 12 [note]"),
    BotCommand("closed", "Record business won: /closed 12 2500"),
    BotCommand("pending", "Referrals waiting past the follow-up window"),
    BotCommand("stats", "The chapter's numbers: /stats [week|month|quarter|year|all]"),
    BotCommand("tip", "This week's education minute"),
    BotCommand("meeting", "Open today's check-in; /meeting close (admins)"),
    BotCommand("sub", "Send a substitute to the meeting: /sub Name, Business"),
    BotCommand("visitor", "Invite a visitor: /visitor Name, Business, phone"),
    BotCommand("visitors", "The visitors: invited, came, followed up, joined"),
    BotCommand("attendance", "Correct a mark: /attendance @bob medical (admins)"),
    BotCommand("roster", "Members and their attendance, privately (admins)"),
    BotCommand("121", "Log a one-to-one: /121 @member [when] [note]"),
    BotCommand("testimonial", "Speak for a member's work: /testimonial @member text"),
    BotCommand("ceu", "Log an education credit: /ceu what you learned"),
    BotCommand("scorecard", "The chapter's scorecard, sent privately (admins)"),
    BotCommand("settings", "Chapter settings (admins)"),
    BotCommand("export", "All referrals as a CSV, sent privately (admins)"),
    BotCommand("help", "What I can do"),
]
