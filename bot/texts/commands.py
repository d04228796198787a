"""Every command, written once: the menus Telegram shows (setMyCommands, per place), the /help
texts, and the list the README's Commands table is checked against (tests/test_commands.py).

A new command gets one `Command` here; `help_*` is its line in /help, `menu_*` its description
in Telegram's command menu; None leaves it out of that place.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import BotCommand


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    menu_private: str | None = None
    menu_group: str | None = None
    help_private: str | None = None
    help_group: str | None = None
    aliases: tuple[str, ...] = ()  # other names the bot answers to, shown nowhere


COMMANDS = (
    Command(
        "refer",
        menu_private="Pass a referral, step by step",
        menu_group="Pass a referral: /refer @member Prospect, details",
        help_private="/refer – pass a referral step by step (/cancel stops)",
        help_group=(
            "/refer – pass a referral: <code>/refer @bob Jane Roe, Roe Bakery, 555-0100</code> "
            "(or reply to Bob's message with <code>/refer Jane Roe, …</code>)"
        ),
    ),
    Command("cancel", menu_private="Stop the referral form"),
    Command(
        "mine",
        menu_private="Your referrals, received and given",
        help_private="/mine – your referrals, received and given, with buttons",
        help_group="/mine – your own referrals, received and given (in a private chat with me)",
    ),
    Command(
        "followup",
        menu_private="Log a follow-up: /followup 12 [note]",
        menu_group="Log a follow-up: /followup 12 [note]",
        help_private="/followup 12 [note] – mark referral #12 contacted",
        help_group="/followup 12 [note] – the receiver marks #12 contacted",
    ),
    Command(
        "closed",
        menu_private="Record business won: /closed 12 2500",
        menu_group="Record business won: /closed 12 2500",
        help_private="/closed 12 2500 [note] – record business won from #12",
        help_group="/closed 12 2500 – the receiver records business won",
    ),
    Command(
        "pending",
        menu_group="Referrals waiting past the follow-up window",
        help_group="/pending – referrals waiting past the follow-up window",
    ),
    Command(
        "stats",
        menu_private="Your numbers: /stats me",
        menu_group="The chapter's numbers: /stats [week|month|quarter|year|all]",
        help_private="/stats me – your own numbers; /stats hide keeps you off the top lists",
        help_group="/stats [week|month|quarter|year|all] – the chapter's numbers",
    ),
    Command(
        "tip",
        menu_private="This week's education minute",
        menu_group="This week's education minute",
        help_private="/tip – this week's education minute",
        help_group="/tip – this week's education minute",
    ),
    Command(
        "sub",
        menu_private="Send a substitute to the meeting: /sub Name, Business",
        menu_group="Send a substitute to the meeting: /sub Name, Business",
        help_private="/sub Name, Business – someone stands in for you at the next meeting",
        help_group="/sub Name, Business – someone stands in for you at the next meeting",
    ),
    Command(
        "visitor",
        menu_private="Invite a visitor: /visitor Name, Business, phone",
        menu_group="Invite a visitor: /visitor Name, Business, phone",
        help_private="/visitor Name, Business, phone – invite a visitor to the next meeting",
        help_group=(
            "/visitor Name, Business, phone – invite a visitor (the hosts get the contact details)"
        ),
    ),
    Command(
        "visitors",
        menu_group="The visitors: invited, came, followed up, joined",
        help_group="/visitors – the visitors: invited, came, followed up, joined",
    ),
    Command(
        "meeting",
        menu_group="Open today's check-in; /meeting close (admins)",
        help_group="/meeting – admins open the check-in; /meeting close closes it",
    ),
    Command(
        "attendance",
        menu_group="Correct a mark: /attendance @bob medical (admins)",
        help_group=(
            "/attendance @bob medical – admins correct a mark; /roster – the members (admins)"
        ),
    ),
    Command("roster", menu_group="Members and their attendance, privately (admins)"),
    Command(
        "121",
        menu_private="Log a one-to-one: /121 @member [when] [note]",
        menu_group="Log a one-to-one: /121 @member [when] [note]",
        help_private=(
            "/121 @member [when] [note] – log a one-to-one; /dancecard – whom to meet next"
        ),
        help_group="/121 @member [when] [note] – log a one-to-one (they confirm it)",
        aliases=("onetoone",),
    ),
    Command("dancecard", menu_private="Whom you haven't met one-to-one lately"),
    Command(
        "testimonial",
        menu_group="Speak for a member's work: /testimonial @member text",
        help_group="/testimonial @member text – speak for a member's work",
    ),
    Command(
        "ceu",
        menu_private="Log an education credit: /ceu what you learned",
        menu_group="Log an education credit: /ceu what you learned",
        help_private="/ceu what you learned – one education credit a day",
        help_group="/ceu what you learned – one education credit a day",
    ),
    Command(
        "scorecard",
        menu_private="Your scorecard, with a chart",
        menu_group="The chapter's scorecard, sent privately (admins)",
        help_private=(
            "/scorecard – your scorecard with a chart; /scorecard off stops the monthly one"
        ),
        help_group="/scorecard – the chapter's scorecard, sent privately (admins)",
    ),
    Command(
        "settings",
        menu_group="Chapter settings (admins)",
        help_group="/settings – the chapter's settings (admins change them)",
    ),
    Command(
        "export",
        menu_group="All referrals as a CSV, sent privately (admins)",
        help_group="/export – every referral as CSV, sent privately (admins)",
    ),
    Command(
        "start",
        menu_private="Let me message you privately",
        help_private="/start – let me message you privately",
    ),
    Command("help", menu_private="What I can do", menu_group="What I can do"),
)

PRIVATE_COMMANDS = [BotCommand(c.name, c.menu_private) for c in COMMANDS if c.menu_private]
GROUP_COMMANDS = [BotCommand(c.name, c.menu_group) for c in COMMANDS if c.menu_group]

HELP_PRIVATE = (
    "<b>What you can do here</b>\n"
    + "\n".join(c.help_private for c in COMMANDS if c.help_private)
    + "\n\nIn your chapter's group: /refer @member, /pending, /stats, /visitors, /settings."
)

HELP_GROUP = (
    "<b>Chapter commands</b>\n"
    + "\n".join(c.help_group for c in COMMANDS if c.help_group)
    + "\n\nOpen a private chat with me and press Start so I can send you the referrals you "
    "receive."
)
