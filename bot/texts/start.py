"""Templates for /start and /help."""

from __future__ import annotations

from bot.texts.common import e
from storage.records import Member


def welcome(member: Member) -> str:
    return (
        f"Hi {e(member.first_name)}! I'm your chapter's referral assistant.\n\n"
        "• In your chapter's group, <code>/refer @member Prospect name, details</code> records "
        "a referral; I send the receiver the slip here, privately. Or send /refer here to pass "
        "one step by step.\n"
        "• I remind receivers to follow up, and tell givers when they did.\n"
        "• Every week I post an education minute to the group.\n\n"
        "Now that you've started me, I can message you privately. /help lists what I can do."
    )


NOT_ALLOWED_HERE = (
    "Hello! This bot serves a fixed list of chapters, and this group isn't one of them, "
    "so I'll leave now. If that's a mistake, ask the bot's owner to add this group."
)

HELP_PRIVATE = (
    "<b>What you can do here</b>\n"
    "/refer – pass a referral step by step (/cancel stops)\n"
    "/mine – your referrals, received and given, with buttons\n"
    "/followup 12 [note] – mark referral #12 contacted\n"
    "/closed 12 2500 [note] – record business won from #12\n"
    "/stats me – your own numbers; /stats hide keeps you off the top lists\n"
    "/sub Name, Business – someone stands in for you at the next meeting\n"
    "/visitor Name, Business, phone – invite a visitor to the next meeting\n"
    "/tip – this week's education minute\n"
    "/scorecard – your scorecard with a chart; /scorecard off stops the monthly one\n"
    "/121 @member [when] [note] – log a one-to-one; /dancecard – whom to meet next\n"
    "/ceu what you learned – one education credit a day\n"
    "/start – let me message you privately\n\n"
    "In your chapter's group: /refer @member, /pending, /stats, /visitors, /settings."
)

HELP_GROUP = (
    "<b>Chapter commands</b>\n"
    "/refer – pass a referral: <code>/refer @bob Jane Roe, Roe Bakery, 555-0100</code> "
    "(or reply to Bob's message with <code>/refer Jane Roe, …</code>)\n"
    "/followup 12 [note] – the receiver marks #12 contacted\n"
    "/closed 12 2500 – the receiver records business won\n"
    "/pending – referrals waiting past the follow-up window\n"
    "/stats [week|month|quarter|year|all] – the chapter's numbers\n"
    "/tip – this week's education minute\n"
    "/sub Name, Business – someone stands in for you at the next meeting\n"
    "/visitor Name, Business, phone – invite a visitor (the hosts get the contact details)\n"
    "/visitors – the visitors: invited, came, followed up, joined\n"
    "/meeting – admins open the check-in; /meeting close closes it\n"
    "/attendance @bob medical – admins correct a mark; /roster – the members (admins)\n"
    "/121 @member [when] [note] – log a one-to-one (they confirm it)\n"
    "/testimonial @member text – speak for a member's work\n"
    "/ceu what you learned – one education credit a day\n"
    "/scorecard – the chapter's scorecard, sent privately (admins)\n"
    "/settings – the chapter's settings (admins change them)\n"
    "/export – every referral as CSV, sent privately (admins)\n\n"
    "Open a private chat with me and press Start so I can send you the referrals you receive."
)
