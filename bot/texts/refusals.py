"""Every "no" a member (or an operator) reads, from the reason a service or a parser gave.

`say(refused)` is the whole reply (HTML, user text escaped). What was wrong with a typed value
(an amount, a duration, a time) is said in `problems.py`, which these replies wrap.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.result import Reason, Refused
from bot.texts.chapter_settings import EXAMPLES
from bot.texts.closing import CLOSED_USAGE
from bot.texts.common import e, link
from bot.texts.followup import status_label
from bot.texts.meeting_refusals import MEETING_REPLIES
from bot.texts.problems import Details, problem
from bot.texts.referrals import REFER_USAGE
from bot.texts.scorecard_refusals import SCORECARD_REPLIES

_REPLIES: dict[Reason, Callable[[Details], str]] = {
    Reason.NO_RECEIVER: lambda d: (
        "Who is this referral for? I couldn't find a receiver.\n\n" + REFER_USAGE
    ),
    Reason.NO_PROSPECT: lambda d: (
        "Please describe the prospect after the receiver (at least a name).\n\n" + REFER_USAGE
    ),
    Reason.SEVERAL_RECEIVERS: lambda d: (
        "A referral goes to one receiver, so I haven't recorded this one. To pass the same "
        "prospect to several members, send one /refer for each, for example:\n"
        + "\n".join(f"• <code>/refer {e(label)} (the prospect)</code>" for label in d["names"])
    ),
    Reason.SELF: lambda d: (
        "You can't refer business to yourself. A referral goes to another member of the "
        "chapter: name them with @username or reply to one of their messages."
    ),
    Reason.NOT_IN_CHAPTER: lambda d: (
        f"I haven't seen @{e(d['username'])} in this chapter's group, so I haven't recorded "
        "this referral: the slip would take the prospect's details outside the chapter. If "
        f"they are a member here, ask them to send any command in this group (or pick them "
        "from the list that opens when you type @), then pass the referral again."
    ),
    Reason.BOT: lambda d: "Bots don't take referrals. Name a member of the chapter instead.",
    Reason.TOO_LONG: lambda d: (
        f"That referral is {d['length']} characters long; please keep it under {d['limit']}. "
        "The name, contact details and a line about the need are enough."
    ),
    Reason.NOT_FOUND: lambda d: (
        f"I can't find referral #{d['referral_id']} here. Check the number on your slip, or /mine."
    ),
    Reason.NOT_RECEIVER: lambda d: (
        f"Only the receiver of referral #{d['referral_id']} can record business closed from it."
        if d.get("closing")
        else f"Only the receiver of referral #{d['referral_id']} can log its follow-up."
    ),
    Reason.SLIP_NOT_FOUND: lambda d: f"There is no referral #{d['referral_id']}.",
    Reason.NOT_PARTY: lambda d: (
        f"Referral #{d['referral_id']} is only shown to its giver and its receiver."
    ),
    Reason.NOT_GIVER: lambda d: "Only the giver of this referral can set that.",
    Reason.ALREADY_PAST: lambda d: (
        f"Referral #{d['referral_id']} is already <b>{status_label(d['status'])}</b>, "
        "so that step doesn't apply any more."
    ),
    Reason.SNOOZE_LIMIT: lambda d: (
        f"You've postponed #{d['referral_id']} as often as you can. Please contact the "
        "prospect, or tap “Not a fit” if it isn't for you."
    ),
    Reason.NOT_DUE_YET: lambda d: (
        f"There's no reminder to postpone for #{d['referral_id']}: its follow-up window is "
        "still open, and I'll only remind you once it ends."
    ),
    Reason.TOO_LATE_TO_EDIT: lambda d: (
        f"Referral #{d['referral_id']} is already being worked on, so editing your message "
        "doesn't change it. Tell the receiver privately what changed, or, if it should go to "
        "someone else, ask them to tap “Not a fit” and pass a new one with /refer."
    ),
    Reason.CANNOT_CLOSE: lambda d: (
        f"Referral #{d['referral_id']} was marked not a fit, so it can't be closed."
    ),
    Reason.BAD_AMOUNT: lambda d: (
        _which_amount(d["referral_id"], d["problem"].details)
        if d["problem"].reason is Reason.UNCLEAR_DECIMAL_MARK
        else f"That amount didn't work: {e(problem_of(d['problem']))}.\n\n{CLOSED_USAGE}"
    ),
    Reason.WRONG_CURRENCY: lambda d: (
        f"This chapter counts business in {e(d['currency'])}, but you wrote {e(d['written'])}. "
        f"Write the amount in {e(d['currency'])}, or ask an admin to change it with "
        "<code>/settings currency</code>."
    ),
    Reason.EXPORT_UNDELIVERABLE: lambda d: (
        "I can't send you the file privately yet: "
        f"{link(d['link'], 'open a chat with me')}, press Start, then send /export here again."
    ),
    Reason.BAD_SETTING: lambda d: (
        f"That didn't work: {e(problem_of(d['problem']))}.\n"
        f"For example: <code>{e(EXAMPLES[d['setting']])}</code>"
    ),
    **MEETING_REPLIES,
    **SCORECARD_REPLIES,
}


def say(refused: Refused) -> str:
    """The reply to a refused request: what was wrong and how to do it right (HTML)."""
    if refused.reason in _REPLIES:
        return _REPLIES[refused.reason](refused.details)
    return e(problem_of(refused))


def _which_amount(referral_id: int, details: Details) -> str:
    """`1,5` in a dollar chapter: both readings, and how to write the one meant."""
    readings = "\n".join(
        f"• {e(shown)} (write <code>{e(typed)}</code>)" for shown, typed in details["readings"]
    )
    example = details["readings"][0][1]
    return (
        f"Which amount did you mean by <b>{e(details['text'])}</b>? I haven't recorded it yet.\n"
        f"{readings}\n"
        f"Send it again written that way, like <code>/closed {referral_id} {e(example)}</code>."
    )


def problem_of(refused: Refused) -> str:
    return problem(refused.reason, refused.details)
