"""Every command, written once: the menus Telegram shows (setMyCommands, per place), the /help
texts, and the list the README's Commands table is checked against (tests/test_commands.py).

A new command gets one `Command` here; `help_*` is its line in /help, `menu_*` its description
in Telegram's command menu; None leaves it out of that place. They are English msgids,
translated where they are shown (`_()`), so each menu and /help is in its reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import BotCommand

from bot.i18n import N_, _


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
        menu_private=N_("Pass a referral, step by step"),
        menu_group=N_("Pass a referral: /refer @member Prospect, details"),
        help_private=N_("/refer – pass a referral step by step (/cancel stops)"),
        help_group=N_(
            "/refer – pass a referral: <code>/refer @bob Jane Roe, Roe Bakery, 555-0100</code> "
            "(or reply to Bob's message with <code>/refer Jane Roe, …</code>)"
        ),
    ),
    Command("cancel", menu_private=N_("Stop the referral form")),
    Command(
        "mine",
        menu_private=N_("Your referrals, received and given"),
        help_private=N_("/mine – your referrals, received and given, with buttons"),
        help_group=N_("/mine – your own referrals, received and given (in a private chat with me)"),
    ),
    Command(
        "followup",
        menu_private=N_("Log a follow-up: /followup 12 [note]"),
        menu_group=N_("Log a follow-up: /followup 12 [note]"),
        help_private=N_("/followup 12 [note] – mark referral #12 contacted"),
        help_group=N_("/followup 12 [note] – the receiver marks #12 contacted"),
    ),
    Command(
        "closed",
        menu_private=N_("Record business won: /closed 12 2500"),
        menu_group=N_("Record business won: /closed 12 2500"),
        help_private=N_("/closed 12 2500 [note] – record business won from #12"),
        help_group=N_("/closed 12 2500 – the receiver records business won"),
    ),
    Command(
        "pending",
        menu_group=N_("Referrals waiting past the follow-up window"),
        help_group=N_("/pending – referrals waiting past the follow-up window"),
    ),
    Command(
        "stats",
        menu_private=N_("Your numbers: /stats me"),
        menu_group=N_("The chapter's numbers: /stats [week|month|quarter|year|all]"),
        help_private=N_("/stats me – your own numbers; /stats hide keeps you off the top lists"),
        help_group=N_("/stats [week|month|quarter|year|all] – the chapter's numbers"),
    ),
    Command(
        "tip",
        menu_private=N_("This week's education minute"),
        menu_group=N_("This week's education minute"),
        help_private=N_("/tip – this week's education minute"),
        help_group=N_("/tip – this week's education minute"),
    ),
    Command(
        "sub",
        menu_private=N_("Send a substitute to the meeting: /sub Name, Business"),
        menu_group=N_("Send a substitute to the meeting: /sub Name, Business"),
        help_private=N_("/sub Name, Business – someone stands in for you at the next meeting"),
        help_group=N_("/sub Name, Business – someone stands in for you at the next meeting"),
    ),
    Command(
        "visitor",
        menu_private=N_("Invite a visitor: /visitor Name, Business, phone"),
        menu_group=N_("Invite a visitor: /visitor Name, Business, phone"),
        help_private=N_("/visitor Name, Business, phone – invite a visitor to the next meeting"),
        help_group=N_(
            "/visitor Name, Business, phone – invite a visitor (the hosts get the contact details)"
        ),
    ),
    Command(
        "visitors",
        menu_group=N_("The visitors: invited, came, followed up, joined"),
        help_group=N_("/visitors – the visitors: invited, came, followed up, joined"),
    ),
    Command(
        "meeting",
        menu_group=N_("Open today's check-in; /meeting close (admins)"),
        help_group=N_("/meeting – admins open the check-in; /meeting close closes it"),
    ),
    Command(
        "attendance",
        menu_group=N_("Correct a mark: /attendance @bob medical (admins)"),
        help_group=N_(
            "/attendance @bob medical – admins correct a mark; /roster – the members (admins)"
        ),
    ),
    Command("roster", menu_group=N_("Members and their attendance, privately (admins)")),
    Command(
        "121",
        menu_private=N_("Log a one-to-one: /121 @member [when] [note]"),
        menu_group=N_("Log a one-to-one: /121 @member [when] [note]"),
        help_private=N_(
            "/121 @member [when] [note] – log a one-to-one; /dancecard – whom to meet next"
        ),
        help_group=N_("/121 @member [when] [note] – log a one-to-one (they confirm it)"),
        aliases=("onetoone",),
    ),
    Command("dancecard", menu_private=N_("Whom you haven't met one-to-one lately")),
    Command(
        "testimonial",
        menu_group=N_("Speak for a member's work: /testimonial @member text"),
        help_group=N_("/testimonial @member text – speak for a member's work"),
    ),
    Command(
        "ceu",
        menu_private=N_("Log an education credit: /ceu what you learned"),
        menu_group=N_("Log an education credit: /ceu what you learned"),
        help_private=N_("/ceu what you learned – one education credit a day"),
        help_group=N_("/ceu what you learned – one education credit a day"),
    ),
    Command(
        "scorecard",
        menu_private=N_("Your scorecard, with a chart"),
        menu_group=N_("The chapter's scorecard, sent privately (admins)"),
        help_private=N_(
            "/scorecard – your scorecard with a chart; /scorecard off stops the monthly one"
        ),
        help_group=N_("/scorecard – the chapter's scorecard, sent privately (admins)"),
    ),
    Command(
        "settings",
        menu_group=N_("Chapter settings (admins)"),
        help_group=N_("/settings – the chapter's settings (admins change them)"),
    ),
    Command(
        "export",
        menu_group=N_("All referrals as a CSV, sent privately (admins)"),
        help_group=N_("/export – every referral as CSV, sent privately (admins)"),
    ),
    Command(
        "language",
        menu_private=N_("Choose the language I write to you in"),
        help_private=N_("/language – choose the language I write to you in"),
    ),
    Command(
        "start",
        menu_private=N_("Let me message you privately"),
        help_private=N_("/start – let me message you privately"),
    ),
    Command("help", menu_private=N_("What I can do"), menu_group=N_("What I can do")),
)


def private_menu() -> list[BotCommand]:
    """The private chat's command menu, in the current language."""
    return [BotCommand(c.name, _(c.menu_private)) for c in COMMANDS if c.menu_private]


def group_menu() -> list[BotCommand]:
    """The groups' command menu, in the current language."""
    return [BotCommand(c.name, _(c.menu_group)) for c in COMMANDS if c.menu_group]


PRIVATE_COMMANDS = [BotCommand(c.name, c.menu_private) for c in COMMANDS if c.menu_private]
GROUP_COMMANDS = [BotCommand(c.name, c.menu_group) for c in COMMANDS if c.menu_group]


def help_private() -> str:
    return (
        _("<b>What you can do here</b>")
        + "\n"
        + "\n".join(_(c.help_private) for c in COMMANDS if c.help_private)
        + "\n\n"
        + _("In your chapter's group: /refer @member, /pending, /stats, /visitors, /settings.")
    )


def help_group() -> str:
    return (
        _("<b>Chapter commands</b>")
        + "\n"
        + "\n".join(_(c.help_group) for c in COMMANDS if c.help_group)
        + "\n\n"
        + _(
            "Open a private chat with me and press Start so I can send you the referrals you "
            "receive."
        )
    )
