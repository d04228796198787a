"""Templates for visitors: the group confirmation (never contact details), the hosts' messages,
the 48-hour nudge, the inviter's updates and the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import arrived_data, visitor_follow_up_data
from bot.texts.common import e, link, mention, name
from storage.records import Chapter, Member
from storage.visitors import Visitor, VisitorOutcome

if TYPE_CHECKING:  # the service imports these texts
    from bot.meeting.visitors import Invited, Pipeline

OUTCOME_LABELS = {
    VisitorOutcome.CALLED: "called",
    VisitorOutcome.APPLYING: "applying to join",
    VisitorOutcome.NOT_INTERESTED: "not interested",
}
MAX_LISTED = 30

USAGE = (
    "Invite a visitor to the next meeting:\n"
    "<code>/visitor Jane Smith, Smith Plumbing, 555-0101, jane@smith.example</code>\n"
    "The group sees the name and business; the phone and e-mail go only to the visitor hosts.\n"
    "Hosts: <code>/visitor V12 came</code> when they arrive. Admins: "
    "<code>/visitor V12 joined</code> when they join. Follow-up: <code>/visitor V12 called</code> "
    "(or applying, notinterested)."
)
PIPELINE_USAGE = (
    "<code>/visitors</code> shows this month's visitors; or choose <code>/visitors week</code>, "
    "<code>month</code>, <code>quarter</code>, <code>year</code> or <code>all</code>."
)
VISITORS_GROUP_ONLY = "The visitor pipeline is the chapter's: send /visitors in its group."
NO_CHAPTER = (
    "I don't know your chapter yet: send /visitor in your chapter's group, "
    "or any command there first."
)
NO_NAME = (
    "Who is the visitor? Start with their name: the group sees it, so a phone number or "
    "e-mail alone won't do.\n" + USAGE
)
NOT_HOST = "Only the chapter's visitor hosts (or its admins) can do that."
JOINED_ADMINS_ONLY = "Only the group's admins can record that a visitor joined."


def _who(visitor: Visitor) -> str:
    business = f" ({e(visitor.business)})" if visitor.business else ""
    return f"#V{visitor.id} {e(visitor.name)}{business}"


def _contact(visitor: Visitor) -> str:
    parts = [e(part) for part in (visitor.phone, visitor.email) if part]
    return ", ".join(parts) if parts else "no phone or e-mail given"


def _hosts_told(invited: Invited, deep_link: str, in_group: bool = True) -> str:
    """Whether the hosts have the contact details; if some can't be written to, the link
    that brings the details to them once they press Start."""
    if not invited.hosts:
        return "No visitor hosts are named yet: an admin can name them with /settings visitorhosts."
    if not invited.unreached:
        return "The visitor hosts have the contact details."
    names = ", ".join(mention(host) for host in invited.unreached)
    others = " The other hosts have them." if len(invited.unreached) < invited.hosts else ""
    opens = link(deep_link, "open a chat with me")
    how = f"{opens} and press Start" if in_group else f"ask them to {opens} and press Start"
    return (
        f"I can't write to {names} yet, so the contact details haven't reached them: "
        f"{how} to get them.{others}"
    )


def invited_in_group(invited: Invited, inviter: Member, deep_link: str) -> str:
    told = _hosts_told(invited, deep_link)
    return (
        f"🙋 Visitor {_who(invited.visitor)}, invited by {name(inviter)}, for the next meeting. "
        + told
    )


def invited_private(invited: Invited, deep_link: str) -> str:
    told = _hosts_told(invited, deep_link, in_group=False)
    return f"🙋 Visitor {_who(invited.visitor)} is recorded for the next meeting. {told}"


def host_details(chapter: Chapter, visitor: Visitor, inviter: Member) -> str:
    return (
        f"🙋 <b>New visitor for {e(chapter.title)}</b>\n{_who(visitor)}\n"
        f"Invited by {name(inviter)}\nContact: {_contact(visitor)}\n"
        f"As written: {e(visitor.details)}\n"
        "Tap Arrived when they come (or send /visitor V" + str(visitor.id) + " came)."
    )


def expected_list(chapter: Chapter, visitors: list[Visitor], inviters: dict[int, Member]) -> str:
    if not visitors:
        return f"📋 The check-in of {e(chapter.title)} is open. No visitors are expected."
    lines = [f"📋 <b>Visitors expected at {e(chapter.title)}</b> (tap Arrived when they come):"]
    for visitor in visitors[:MAX_LISTED]:
        inviter = inviters.get(visitor.inviter_id)
        by = f", invited by {name(inviter)}" if inviter else ""
        lines.append(f"{_who(visitor)}{by}: {_contact(visitor)}")
    return "\n".join(lines)


def arrived_buttons(visitors: list[Visitor]) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(f"✅ Arrived: {v.name[:40]}", callback_data=arrived_data(v.id))]
        for v in visitors[:MAX_LISTED]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def arrived(visitor: Visitor) -> str:
    return (
        f"✅ {_who(visitor)} arrived. Someone should call them within 48 hours; "
        "I'll remind the hosts then if nobody has logged it."
    )


def already_came(visitor: Visitor) -> str:
    return f"{_who(visitor)} is already marked as arrived."


def follow_up_buttons(visitor_id: int) -> InlineKeyboardMarkup:
    def button(label: str, outcome: VisitorOutcome) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            label, callback_data=visitor_follow_up_data(visitor_id, outcome)
        )

    return InlineKeyboardMarkup(
        [
            [button("📞 Called", VisitorOutcome.CALLED)],
            [button("📝 Applying", VisitorOutcome.APPLYING)],
            [button("✖ Not interested", VisitorOutcome.NOT_INTERESTED)],
        ]
    )


def nudge(chapter: Chapter, visitor: Visitor, inviter: Member | None, to_inviter: bool) -> str:
    by = "you" if to_inviter else (name(inviter) if inviter else "a member")
    return (
        f"⏰ <b>{e(chapter.title)}</b>: {_who(visitor)} visited two days ago, invited by {by}, "
        "and nobody has logged a follow-up call yet.\n"
        f"Contact: {_contact(visitor)}\nTap what happened:"
    )


def outcome_logged(visitor: Visitor) -> str:
    assert visitor.outcome is not None
    return f"👍 Logged for {_who(visitor)}: {OUTCOME_LABELS[visitor.outcome]}."


def already_logged(visitor: Visitor) -> str:
    assert visitor.outcome is not None
    return f"{_who(visitor)} is already logged as {OUTCOME_LABELS[visitor.outcome]}."


def inviter_told(visitor: Visitor, actor: Member) -> str:
    assert visitor.outcome is not None
    return (
        f"📞 Your visitor {_who(visitor)}: {name(actor)} logged the follow-up as "
        f"<b>{OUTCOME_LABELS[visitor.outcome]}</b>."
    )


def joined_in_group(visitor: Visitor, inviter: Member | None) -> str:
    by = f" Thank you, {name(inviter)}, for inviting them!" if inviter else ""
    return f"🎉 {_who(visitor)} joined the chapter.{by}"


def joined_thanks(visitor: Visitor) -> str:
    return f"🎉 Your visitor {_who(visitor)} joined the chapter: it counts for you. Thank you!"


def already_joined(visitor: Visitor) -> str:
    return f"{_who(visitor)} is already recorded as joined."


def not_found(visitor_id: int) -> str:
    return (
        f"I can't find visitor #V{visitor_id} in this chapter. The number is on its confirmation."
    )


def pipeline(title: str, period_label: str, timezone: str, pipe: Pipeline) -> str:
    lines = [
        f"🙋 <b>{e(title)}: visitors {period_label}</b>",
        f"Invited: {pipe.invited} · Came: {pipe.came} · Followed up: {pipe.followed_up} · "
        f"Joined: {pipe.joined}",
    ]
    zone = ZoneInfo(timezone)
    for visitor in pipe.visitors[:MAX_LISTED]:
        inviter = pipe.inviters.get(visitor.inviter_id)
        by = name(inviter) if inviter else "a member"
        steps = [f"invited by {by}"]
        if visitor.came_at:
            steps.append(f"came {visitor.came_at.astimezone(zone):%-d %b}")
        if visitor.outcome:
            steps.append(OUTCOME_LABELS[visitor.outcome])
        if visitor.joined_at:
            steps.append("joined 🎉")
        lines.append(f"{_who(visitor)}: {', '.join(steps)}")
    if len(pipe.visitors) > MAX_LISTED:
        lines.append(f"…and {len(pipe.visitors) - MAX_LISTED} more (/export has them all).")
    if not pipe.visitors:
        lines.append("No visitors yet. Invite one with /visitor Name, Business.")
    return "\n".join(lines)


def hosts_set(hosts: list[Member]) -> str:
    if not hosts:
        return "👍 No visitor hosts now: new visitors' details go to nobody until you name some."
    return (
        "👍 Visitor hosts: "
        + ", ".join(name(host) for host in hosts)
        + (
            ". They get each new visitor's details privately (they need to have pressed Start "
            "in a private chat with me)."
        )
    )


HOSTS_ADMINS_ONLY = "Only the group's admins can change the chapter's settings. Ask one of them."


def hosts_current(hosts: list[Member]) -> str:
    named = ", ".join(name(host) for host in hosts) if hosts else "none named yet"
    return f"Visitor hosts: {named}.\n" + HOSTS_USAGE


HOSTS_USAGE = (
    "Name the hosts with their @usernames: <code>/settings visitorhosts @carol @dave</code> "
    "(or <code>/settings visitorhosts none</code>)."
)


def unknown_hosts(labels: list[str]) -> str:
    return (
        "I don't know " + ", ".join(e(label) for label in labels) + " yet. They need to send any "
        "command in the group first (like /help), then try again."
    )


def already_invited(visitor: Visitor) -> str:
    return (
        f"{_who(visitor)} is already invited and expected: the hosts have their details. "
        f"Once they come, a host sends <code>/visitor V{visitor.id} came</code>."
    )


def not_came_yet(visitor: Visitor) -> str:
    return (
        f"{_who(visitor)} hasn't been marked as come yet: a visitor joins after visiting. "
        f"First <code>/visitor V{visitor.id} came</code> (hosts or admins), then joined."
    )
