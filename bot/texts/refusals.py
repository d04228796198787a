"""Every "no" a member (or an operator) reads, from the reason a service or a parser gave.

`say(refused)` is the whole reply (HTML, user text escaped), in the current language. What was
wrong with a typed value (an amount, a duration, a time) is said in `problems.py`, which these
replies wrap.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.result import Reason, Refused
from bot.i18n import _
from bot.texts.chapter_settings import example
from bot.texts.closing import closed_usage
from bot.texts.common import e, link
from bot.texts.followup import status_label
from bot.texts.meeting_refusals import MEETING_REPLIES
from bot.texts.problems import Details, problem
from bot.texts.referrals import refer_usage
from bot.texts.scorecard_refusals import SCORECARD_REPLIES


def _several_receivers(d: Details) -> str:
    examples = "\n".join(
        "• " + _("<code>/refer {receiver} (the prospect)</code>").format(receiver=e(label))
        for label in d["names"]
    )
    return (
        _(
            "A referral goes to one receiver, so I haven't recorded this one. To pass the same "
            "prospect to several members, send one /refer for each, for example:"
        )
        + "\n"
        + examples
    )


def _not_receiver(d: Details) -> str:
    if d.get("closing"):
        text = _("Only the receiver of referral #{number} can record business closed from it.")
    else:
        text = _("Only the receiver of referral #{number} can log its follow-up.")
    return text.format(number=d["referral_id"])


def _bad_amount(d: Details) -> str:
    if d["problem"].reason is Reason.UNCLEAR_DECIMAL_MARK:
        return _which_amount(d["referral_id"], d["problem"].details)
    return (
        _("That amount didn't work: {problem}.").format(problem=e(problem_of(d["problem"])))
        + "\n\n"
        + closed_usage()
    )


_REPLIES: dict[Reason, Callable[[Details], str]] = {
    Reason.NO_RECEIVER: lambda d: (
        _("Who is this referral for? I couldn't find a receiver.") + "\n\n" + refer_usage()
    ),
    Reason.NO_PROSPECT: lambda d: (
        _("Please describe the prospect after the receiver (at least a name).")
        + "\n\n"
        + refer_usage()
    ),
    Reason.SEVERAL_RECEIVERS: _several_receivers,
    Reason.SELF: lambda d: _(
        "You can't refer business to yourself. A referral goes to another member of the "
        "chapter: name them with @username or reply to one of their messages."
    ),
    Reason.NOT_IN_CHAPTER: lambda d: _(
        "I haven't seen @{username} in this chapter's group, so I haven't recorded "
        "this referral: the slip would take the prospect's details outside the chapter. If "
        "they are a member here, ask them to send any command in this group (or pick them "
        "from the list that opens when you type @), then pass the referral again."
    ).format(username=e(d["username"])),
    Reason.BOT: lambda d: _("Bots don't take referrals. Name a member of the chapter instead."),
    Reason.TOO_LONG: lambda d: _(
        "That referral is {length} characters long; please keep it under {limit}. "
        "The name, contact details and a line about the need are enough."
    ).format(length=d["length"], limit=d["limit"]),
    Reason.NOT_FOUND: lambda d: _(
        "I can't find referral #{number} here. Check the number on your slip, or /mine."
    ).format(number=d["referral_id"]),
    Reason.NOT_RECEIVER: _not_receiver,
    Reason.SLIP_NOT_FOUND: lambda d: _("There is no referral #{number}.").format(
        number=d["referral_id"]
    ),
    Reason.NOT_PARTY: lambda d: _(
        "Referral #{number} is only shown to its giver and its receiver."
    ).format(number=d["referral_id"]),
    Reason.NOT_GIVER: lambda d: _("Only the giver of this referral can set that."),
    Reason.ALREADY_PAST: lambda d: _(
        "Referral #{number} is already <b>{status}</b>, so that step doesn't apply any more."
    ).format(number=d["referral_id"], status=status_label(d["status"])),
    Reason.SNOOZE_LIMIT: lambda d: _(
        "You've postponed #{number} as often as you can. Please contact the "
        "prospect, or tap “Not a fit” if it isn't for you."
    ).format(number=d["referral_id"]),
    Reason.NOT_DUE_YET: lambda d: _(
        "There's no reminder to postpone for #{number}: its follow-up window is "
        "still open, and I'll only remind you once it ends."
    ).format(number=d["referral_id"]),
    Reason.TOO_LATE_TO_EDIT: lambda d: _(
        "Referral #{number} is already being worked on, so editing your message "
        "doesn't change it. Tell the receiver privately what changed, or, if it should go to "
        "someone else, ask them to tap “Not a fit” and pass a new one with /refer."
    ).format(number=d["referral_id"]),
    Reason.CANNOT_CLOSE: lambda d: _(
        "Referral #{number} was marked not a fit, so it can't be closed."
    ).format(number=d["referral_id"]),
    Reason.BAD_AMOUNT: _bad_amount,
    Reason.WRONG_CURRENCY: lambda d: _(
        "This chapter counts business in {currency}, but you wrote {written}. "
        "Write the amount in {currency}, or ask an admin to change it with "
        "<code>/settings currency</code>."
    ).format(currency=e(d["currency"]), written=e(d["written"])),
    Reason.EXPORT_UNDELIVERABLE: lambda d: _(
        "I can't send you the file privately yet: "
        "{open_chat}, press Start, then send /export here again."
    ).format(open_chat=link(d["link"], _("open a chat with me"))),
    Reason.BAD_SETTING: lambda d: (
        _("That didn't work: {problem}.").format(problem=e(problem_of(d["problem"])))
        + "\n"
        + _("For example: <code>{example}</code>").format(example=e(example(d["setting"])))
    ),
    **MEETING_REPLIES,
    **SCORECARD_REPLIES,
}


def say(refused: Refused) -> str:
    """The reply to a refused request: what was wrong and how to do it right (HTML)."""
    if refused.reason in _REPLIES:
        return _REPLIES[refused.reason](refused.details)
    return e(problem_of(refused))


def say_plain(refused: Refused) -> str:
    """The reply as a button's answer: plain text (our few tags dropped), at most 200
    characters."""
    text = say(refused)
    for tag in ("<b>", "</b>", "<code>", "</code>"):
        text = text.replace(tag, "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")[:200]


def _which_amount(referral_id: int, details: Details) -> str:
    """`1,5` in a dollar chapter: both readings, and how to write the one meant."""
    readings = "\n".join(
        "• " + _("{shown} (write <code>{typed}</code>)").format(shown=e(shown), typed=e(typed))
        for shown, typed in details["readings"]
    )
    example = details["readings"][0][1]
    return (
        _("Which amount did you mean by <b>{text}</b>? I haven't recorded it yet.").format(
            text=e(details["text"])
        )
        + f"\n{readings}\n"
        + _("Send it again written that way, like <code>/closed {number} {example}</code>.").format(
            number=referral_id, example=e(example)
        )
    )


def problem_of(refused: Refused) -> str:
    return problem(refused.reason, refused.details)
