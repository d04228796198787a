"""Templates for passing a referral: the group confirmation, the private slip, the mistakes."""

from __future__ import annotations

from bot.i18n import _
from bot.texts.common import e, link, local_time, mention, name, receiver_label
from bot.texts.slip_fields import how_hot
from storage.records import Chapter, Member, Referral


def refer_usage() -> str:
    return _(
        "To pass a referral, name the receiver and describe the prospect, name first:\n"
        "• <code>/refer @bob Jane Roe, Roe Bakery, 555-0100, jane@roebakery.com</code>\n"
        "• or reply to one of Bob's messages with "
        "<code>/refer Jane Roe, wants a new shopfront</code>\n"
        "• or type <code>/refer</code>, then @ and pick a member from the list.\n"
        "Tip: to keep contact details out of the group, send /refer to me privately instead."
    )


def group_confirmation(
    referral: Referral,
    chapter: Chapter,
    giver: Member,
    receiver: Member | None,
    deep_link: str | None,
    giver_link: str | None = None,
) -> str:
    """What the group sees: number, who to whom, deadline. Never the prospect's details.
    `giver_link` when the giver can't be written to: they'd miss their copy and the news."""
    who = receiver_label(receiver, referral.receiver_username)
    lines = [
        _("✅ Referral #{number} recorded: {giver} → {receiver}.").format(
            number=referral.id, giver=mention(giver), receiver=who
        ),
        _("Follow up by {due}.").format(
            due=e(local_time(referral.follow_up_due_at, chapter.timezone))
        ),
    ]
    if deep_link:
        lines.append(
            _(
                "{receiver}, I can't message you privately yet: {open_chat} to see the details."
            ).format(receiver=who, open_chat=link(deep_link, _("open a chat with me")))
        )
    else:
        lines.append(_("The details are on their way privately."))
    if giver_link:
        lines.append(giver_invite(giver, giver_link))
    return "\n".join(lines)


def giver_invite(giver: Member, giver_link: str) -> str:
    """For a giver the bot can't write to: they'd miss their copy and the news."""
    return _(
        "{giver}, to hear how it goes (the follow-up and any thank-you) and to say "
        "how hot it is, {open_chat} and press Start."
    ).format(giver=mention(giver), open_chat=link(giver_link, _("open a chat with me")))


def slip_in_group(referral: Referral, receiver: Member, deep_link: str) -> str:
    """The slip couldn't be sent privately after all (blocked, or the chat is gone)."""
    return _(
        "{receiver}, I couldn't send you the details of referral #{number} "
        "privately: {open_chat} and press Start to see them."
    ).format(
        receiver=mention(receiver),
        number=referral.id,
        open_chat=link(deep_link, _("open a chat with me")),
    )


def slip(referral: Referral, chapter: Chapter, giver: Member, receiver: Member | None) -> str:
    """The whole slip, for the receiver's (or the giver's) private chat."""
    to = name(receiver) if receiver else e("@" + (referral.receiver_username or ""))
    lines = [
        _("📇 <b>Referral #{number}</b> in {title}").format(
            number=referral.id, title=e(chapter.title)
        ),
        _("From: {giver}").format(giver=name(giver)),
        _("To: {receiver}").format(receiver=to),
        _("Prospect: <b>{prospect}</b>").format(prospect=e(referral.prospect_name)),
    ]
    if referral.phone:
        lines.append(_("Phone: {phone}").format(phone=e(referral.phone)))
    if referral.email:
        lines.append(_("E-mail: {email}").format(email=e(referral.email)))
    lines.append(_("As written: <i>{text}</i>").format(text=e(referral.prospect)))
    if referral.how_hot:
        lines.append(
            _("How hot: {level} ({meaning})").format(
                level=referral.how_hot, meaning=how_hot(referral.how_hot)
            )
        )
    if referral.inside is not None:
        lines.append(
            _("Inside: {giver} is the customer").format(giver=name(giver))
            if referral.inside
            else _("Outside: for someone the giver knows")
        )
    lines.append(
        _("Passed: {when}").format(when=e(local_time(referral.created_at, chapter.timezone)))
    )
    lines.append(
        _("Follow up by: <b>{due}</b>").format(
            due=e(local_time(referral.follow_up_due_at, chapter.timezone))
        )
    )
    return "\n".join(lines)


def withdrawn(referral_id: int, giver: Member) -> str:
    return _(
        "↩️ {giver} changed referral #{number}: it now goes to someone else, so "
        "there's nothing for you to do on it."
    ).format(giver=name(giver), number=referral_id)


def corrected(referral: Referral, receiver_label_html: str, delivered: bool) -> str:
    """In the group, after the giver edited their /refer: never the prospect's details."""
    if delivered:
        text = _(
            "✏️ Referral #{number} corrected: it goes to {receiver}. "
            "The details are on their way privately."
        )
    else:
        text = _("✏️ Referral #{number} corrected: it goes to {receiver}.")
    return text.format(number=referral.id, receiver=receiver_label_html)


def attachment_note(kept: bool) -> str:
    """Under the group confirmation of a referral sent as a photo's (or a file's) caption."""
    if kept:
        return _("The photo went with the slip, privately.")
    return _(
        "The photo couldn't go with the slip (I can't message the receiver privately yet): "
        "the giver can send it to them directly."
    )


def attachment_caption(referral_id: int) -> str:
    return _("📎 Sent with referral #{number}.").format(number=referral_id)


def delete_right_hint() -> str:
    return _(
        "That message had contact details, and I couldn't delete it. To keep prospects' "
        "details out of the group, make me an admin with the “Delete messages” right, "
        "or pass referrals with contact details to me in a private chat."
    )
