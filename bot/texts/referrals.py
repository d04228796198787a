"""Templates for passing a referral: the group confirmation, the private slip, the mistakes."""

from __future__ import annotations

from bot.texts.common import e, link, local_time, mention, name, receiver_label
from bot.texts.slip_fields import HOW_HOT
from storage.records import Chapter, Member, Referral

REFER_USAGE = (
    "To pass a referral, name the receiver and describe the prospect, name first:\n"
    "• <code>/refer @bob Jane Roe, Roe Bakery, 555-0100, jane@roebakery.com</code>\n"
    "• or reply to one of Bob's messages with <code>/refer Jane Roe, wants a new shopfront</code>\n"
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
        f"✅ Referral #{referral.id} recorded: {mention(giver)} → {who}.",
        f"Follow up by {e(local_time(referral.follow_up_due_at, chapter.timezone))}.",
    ]
    if deep_link:
        lines.append(
            f"{who}, I can't message you privately yet: "
            f"{link(deep_link, 'open a chat with me')} to see the details."
        )
    else:
        lines.append("The details are on their way privately.")
    if giver_link:
        lines.append(
            f"{mention(giver)}, to hear how it goes (the follow-up and any thank-you) and to say "
            f"how hot it is, {link(giver_link, 'open a chat with me')} and press Start."
        )
    return "\n".join(lines)


def slip(referral: Referral, chapter: Chapter, giver: Member, receiver: Member | None) -> str:
    """The whole slip, for the receiver's (or the giver's) private chat."""
    lines = [
        f"📇 <b>Referral #{referral.id}</b> in {e(chapter.title)}",
        f"From: {name(giver)}",
        f"To: {name(receiver) if receiver else e('@' + (referral.receiver_username or ''))}",
        f"Prospect: <b>{e(referral.prospect_name)}</b>",
    ]
    if referral.phone:
        lines.append(f"Phone: {e(referral.phone)}")
    if referral.email:
        lines.append(f"E-mail: {e(referral.email)}")
    lines.append(f"As written: <i>{e(referral.prospect)}</i>")
    if referral.how_hot:
        lines.append(f"How hot: {referral.how_hot} ({HOW_HOT[referral.how_hot]})")
    if referral.inside is not None:
        lines.append(
            f"Inside: {name(giver)} is the customer"
            if referral.inside
            else "Outside: for someone the giver knows"
        )
    lines.append(f"Passed: {e(local_time(referral.created_at, chapter.timezone))}")
    lines.append(
        f"Follow up by: <b>{e(local_time(referral.follow_up_due_at, chapter.timezone))}</b>"
    )
    return "\n".join(lines)


def withdrawn(referral_id: int, giver: Member) -> str:
    return (
        f"↩️ {name(giver)} changed referral #{referral_id}: it now goes to someone else, so "
        "there's nothing for you to do on it."
    )


def corrected(referral: Referral, receiver_label_html: str, delivered: bool) -> str:
    """In the group, after the giver edited their /refer: never the prospect's details."""
    where = "The details are on their way privately." if delivered else ""
    return f"✏️ Referral #{referral.id} corrected: it goes to {receiver_label_html}. {where}".strip()


def attachment_note(kept: bool) -> str:
    """Under the group confirmation of a referral sent as a photo's (or a file's) caption."""
    if kept:
        return "The photo went with the slip, privately."
    return (
        "The photo couldn't go with the slip (I can't message the receiver privately yet): "
        "the giver can send it to them directly."
    )


def attachment_caption(referral_id: int) -> str:
    return f"📎 Sent with referral #{referral_id}."


def delete_right_hint() -> str:
    return (
        "That message had contact details, and I couldn't delete it. To keep prospects' "
        "details out of the group, make me an admin with the “Delete messages” right, "
        "or pass referrals with contact details to me in a private chat."
    )
