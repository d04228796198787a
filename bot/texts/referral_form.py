"""Templates and buttons of the private referral form."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import FormStep, form_data
from bot.i18n import _
from bot.referrals.form import FormDraft, MemberPage
from bot.texts.common import e, name
from bot.texts.slip_fields import HOW_HOT, how_hot
from storage.records import Chapter, Member


def cancel_button() -> InlineKeyboardButton:
    return InlineKeyboardButton(_("✖ Cancel"), callback_data=form_data(FormStep.CANCEL))


def no_chapter() -> str:
    return _(
        "I don't know your chapter yet. Send any command (for example /help) in your chapter's "
        "group, then try /refer here again."
    )


def no_members() -> str:
    return _(
        "I don't know any other members of this chapter yet. Members appear once they've used a "
        "command in the group; until then, pass the referral in the group with "
        "<code>/refer @name ...</code>."
    )


def ask_prospect() -> str:
    return _(
        "Who is the prospect, and what do they need? Name first, for example:\n"
        "<i>Jane Roe, Roe Bakery, wants a new shopfront</i>\n\n/cancel stops the form."
    )


def ask_contact() -> str:
    return _("Their phone number and/or e-mail address? Send them, or tap Skip.")


def cancelled() -> str:
    return _("Cancelled: nothing was stored.")


def nothing_to_cancel() -> str:
    return _("There is nothing to cancel: no referral form is open. Send /refer to start one.")


def expired() -> str:
    return _("This form has expired. Send /refer to start again.")


def choose_chapter(chapters: list[Chapter]) -> tuple[str, InlineKeyboardMarkup]:
    rows = [
        [InlineKeyboardButton(chapter.title, callback_data=form_data(FormStep.CHAPTER, chapter.id))]
        for chapter in chapters
    ]
    keyboard = InlineKeyboardMarkup([*rows, [cancel_button()]])
    return _("Which chapter is this referral for?"), keyboard


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
            InlineKeyboardButton(_("◀ Back"), callback_data=form_data(FormStep.PAGE, page.page - 1))
        )
    if page.has_next:
        navigation.append(
            InlineKeyboardButton(_("More ▶"), callback_data=form_data(FormStep.PAGE, page.page + 1))
        )
    if navigation:
        rows.append(navigation)
    rows.append([cancel_button()])
    if query is not None and not page.members:
        text = _("No member matches “{query}”. Type another part of a name.").format(query=e(query))
    elif query is not None:
        text = _("Members matching “{query}”:").format(query=e(query))
    else:
        text = _("Who is the referral for? Tap a member, or type part of their name to search.")
    return text, InlineKeyboardMarkup(rows)


def contact_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("Skip"), callback_data=form_data(FormStep.SKIP))],
            [cancel_button()],
        ]
    )


def choose_how_hot() -> tuple[str, InlineKeyboardMarkup]:
    lines = "\n".join(f"{level}: {how_hot(level)}" for level in HOW_HOT)
    text = _("<b>How hot is it?</b> Your effort behind it, not the odds of a sale:") + f"\n{lines}"
    buttons = [
        InlineKeyboardButton(str(level), callback_data=form_data(FormStep.HOW_HOT, level))
        for level in HOW_HOT
    ]
    return text, InlineKeyboardMarkup([buttons, [cancel_button()]])


def choose_inside() -> tuple[str, InlineKeyboardMarkup]:
    text = _("<b>Inside or outside?</b> Inside: you are the customer. Outside: someone else is.")
    return text, InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("Inside (my own need)"), callback_data=form_data(FormStep.INSIDE, True)
                ),
                InlineKeyboardButton(_("Outside"), callback_data=form_data(FormStep.INSIDE, False)),
            ],
            [cancel_button()],
        ]
    )


def summary(
    draft: FormDraft, chapter: Chapter, receiver: Member
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        _("<b>Please check the referral</b>"),
        _("Chapter: {title}").format(title=e(chapter.title)),
        _("To: {receiver}").format(receiver=name(receiver)),
        _("Prospect: {prospect}").format(prospect=e(draft.prospect or "")),
    ]
    if draft.from_command:  # contact details are in the prospect text; fields come after
        lines.append(_("How hot, inside or outside: you can set them right after passing it."))
    else:
        lines += [
            _("Contact: {contact}").format(contact=e(draft.contact))
            if draft.contact
            else _("Contact: none"),
            _("How hot: {level} ({meaning})").format(
                level=draft.how_hot, meaning=how_hot(draft.how_hot or 1)
            ),
            _("Inside") if draft.inside else _("Outside"),
        ]
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("✅ Pass it on"), callback_data=form_data(FormStep.CONFIRM)),
                cancel_button(),
            ]
        ]
    )
    return "\n".join(lines), keyboard


def done(referral_id: int, receiver: Member, delivered: bool) -> str:
    if delivered:
        text = _("✅ Referral #{number} passed to {receiver}. I sent them the details privately.")
    else:
        text = _(
            "✅ Referral #{number} passed to {receiver}. I posted a link for them in the group."
        )
    return text.format(number=referral_id, receiver=name(receiver))
