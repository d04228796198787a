"""Templates and buttons of the private referral form."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import FormStep, form_data
from bot.referrals.form import FormDraft, MemberPage
from bot.texts.common import e, name
from bot.texts.slip_fields import HOW_HOT
from storage.records import Chapter, Member

CANCEL_BUTTON = InlineKeyboardButton("✖ Cancel", callback_data=form_data(FormStep.CANCEL))

NO_CHAPTER = (
    "I don't know your chapter yet. Send any command (for example /help) in your chapter's group, "
    "then try /refer here again."
)
NO_MEMBERS = (
    "I don't know any other members of this chapter yet. Members appear once they've used a "
    "command in the group; until then, pass the referral in the group with "
    "<code>/refer @name ...</code>."
)
ASK_PROSPECT = (
    "Who is the prospect, and what do they need? Name first, for example:\n"
    "<i>Jane Roe, Roe Bakery, wants a new shopfront</i>\n\n/cancel stops the form."
)
ASK_CONTACT = "Their phone number and/or e-mail address? Send them, or tap Skip."
CANCELLED = "Cancelled: nothing was stored."
EXPIRED = "This form has expired. Send /refer to start again."


def choose_chapter(chapters: list[Chapter]) -> tuple[str, InlineKeyboardMarkup]:
    rows = [
        [InlineKeyboardButton(chapter.title, callback_data=form_data(FormStep.CHAPTER, chapter.id))]
        for chapter in chapters
    ]
    return "Which chapter is this referral for?", InlineKeyboardMarkup([*rows, [CANCEL_BUTTON]])


def choose_member(page: MemberPage, query: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    buttons = [
        InlineKeyboardButton(
            member.full_name[:40], callback_data=form_data(FormStep.MEMBER, member.user_id)
        )
        for member in page.members
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    navigation = []
    if page.has_previous:
        navigation.append(
            InlineKeyboardButton("◀ Back", callback_data=form_data(FormStep.PAGE, page.page - 1))
        )
    if page.has_next:
        navigation.append(
            InlineKeyboardButton("More ▶", callback_data=form_data(FormStep.PAGE, page.page + 1))
        )
    if navigation:
        rows.append(navigation)
    rows.append([CANCEL_BUTTON])
    if query is not None and not page.members:
        text = f"No member matches “{e(query)}”. Type another part of a name."
    elif query is not None:
        text = f"Members matching “{e(query)}”:"
    else:
        text = "Who is the referral for? Tap a member, or type part of their name to search."
    return text, InlineKeyboardMarkup(rows)


def contact_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Skip", callback_data=form_data(FormStep.SKIP))], [CANCEL_BUTTON]]
    )


def choose_how_hot() -> tuple[str, InlineKeyboardMarkup]:
    lines = "\n".join(f"{level}: {meaning}" for level, meaning in HOW_HOT.items())
    text = f"<b>How hot is it?</b> Your effort behind it, not the odds of a sale:\n{lines}"
    buttons = [
        InlineKeyboardButton(str(level), callback_data=form_data(FormStep.HOW_HOT, level))
        for level in HOW_HOT
    ]
    return text, InlineKeyboardMarkup([buttons, [CANCEL_BUTTON]])


def choose_inside() -> tuple[str, InlineKeyboardMarkup]:
    text = "<b>Inside or outside?</b> Inside: you are the customer. Outside: someone else is."
    return text, InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Inside (my own need)", callback_data=form_data(FormStep.INSIDE, True)
                ),
                InlineKeyboardButton("Outside", callback_data=form_data(FormStep.INSIDE, False)),
            ],
            [CANCEL_BUTTON],
        ]
    )


def summary(
    draft: FormDraft, chapter: Chapter, receiver: Member
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        "<b>Please check the referral</b>",
        f"Chapter: {e(chapter.title)}",
        f"To: {name(receiver)}",
        f"Prospect: {e(draft.prospect or '')}",
    ]
    if draft.from_command:  # contact details are in the prospect text; fields come after
        lines.append("How hot, inside or outside: you can set them right after passing it.")
    else:
        lines += [
            f"Contact: {e(draft.contact) if draft.contact else 'none'}",
            f"How hot: {draft.how_hot} ({HOW_HOT[draft.how_hot or 1]})",
            f"{'Inside' if draft.inside else 'Outside'}",
        ]
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ Pass it on", callback_data=form_data(FormStep.CONFIRM)),
                CANCEL_BUTTON,
            ]
        ]
    )
    return "\n".join(lines), keyboard


def done(referral_id: int, receiver: Member, delivered: bool) -> str:
    where = (
        "sent them the details privately" if delivered else "posted a link for them in the group"
    )
    return f"✅ Referral #{referral_id} passed to {name(receiver)}. I {where}."
