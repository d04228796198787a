"""Templates for visitors: the group confirmation (never contact details), the hosts' messages,
the 48-hour nudge, the inviter's updates and the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import arrived_data, visitor_follow_up_data
from bot.i18n import N_, _, day_month, ngettext
from bot.texts.common import e, link, mention, name
from storage.records import Chapter, Member
from storage.visitors import Visitor, VisitorOutcome

if TYPE_CHECKING:  # the service imports these texts
    from bot.meeting.visitors import Invited, Pipeline

OUTCOME_LABELS = {
    VisitorOutcome.CALLED: N_("called"),
    VisitorOutcome.APPLYING: N_("applying to join"),
    VisitorOutcome.NOT_INTERESTED: N_("not interested"),
}
MAX_LISTED = 30


def outcome_label(outcome: VisitorOutcome) -> str:
    return _(OUTCOME_LABELS[outcome])


def usage() -> str:
    return _(
        "Invite a visitor to the next meeting:\n"
        "<code>/visitor Jane Smith, Smith Plumbing, 555-0101, jane@smith.example</code>\n"
        "The group sees the name and business; the phone and e-mail go only to the visitor "
        "hosts.\n"
        "Hosts: <code>/visitor V12 came</code> when they arrive. Admins: "
        "<code>/visitor V12 joined</code> when they join. Follow-up: "
        "<code>/visitor V12 called</code> (or applying, notinterested)."
    )


def pipeline_usage() -> str:
    return _(
        "<code>/visitors</code> shows this month's visitors; or choose "
        "<code>/visitors week</code>, <code>month</code>, <code>quarter</code>, "
        "<code>year</code> or <code>all</code>."
    )


def visitors_group_only() -> str:
    return _("The visitor pipeline is the chapter's: send /visitors in its group.")


def no_chapter() -> str:
    return _(
        "I don't know your chapter yet: send /visitor in your chapter's group, "
        "or any command there first."
    )


def no_name() -> str:
    return (
        _(
            "Who is the visitor? Start with their name: the group sees it, so a phone number "
            "or e-mail alone won't do."
        )
        + "\n"
        + usage()
    )


def not_host() -> str:
    return _("Only the chapter's visitor hosts (or its admins) can do that.")


def joined_admins_only() -> str:
    return _("Only the group's admins can record that a visitor joined.")


def _who(visitor: Visitor) -> str:
    business = f" ({e(visitor.business)})" if visitor.business else ""
    return f"#V{visitor.id} {e(visitor.name)}{business}"


def _contact(visitor: Visitor) -> str:
    parts = [e(part) for part in (visitor.phone, visitor.email) if part]
    return ", ".join(parts) if parts else _("no phone or e-mail given")


def _hosts_told(invited: Invited, deep_link: str, in_group: bool = True) -> str:
    """Whether the hosts have the contact details; if some can't be written to, the link
    that brings the details to them once they press Start."""
    if not invited.hosts:
        return _(
            "No visitor hosts are named yet: an admin can name them with /settings visitorhosts."
        )
    if not invited.unreached:
        return _("The visitor hosts have the contact details.")
    names = ", ".join(mention(host) for host in invited.unreached)
    opens = link(deep_link, _("open a chat with me"))
    if in_group:
        text = _(
            "I can't write to {hosts} yet, so the contact details haven't reached them: "
            "{open_chat} and press Start to get them."
        )
    else:
        text = _(
            "I can't write to {hosts} yet, so the contact details haven't reached them: "
            "ask them to {open_chat} and press Start to get them."
        )
    text = text.format(hosts=names, open_chat=opens)
    if len(invited.unreached) < invited.hosts:
        text += " " + _("The other hosts have them.")
    return text


def invited_in_group(invited: Invited, inviter: Member, deep_link: str) -> str:
    told = _hosts_told(invited, deep_link)
    return _(
        "🙋 Visitor {visitor}, invited by {inviter}, for the next meeting. {hosts_told}"
    ).format(visitor=_who(invited.visitor), inviter=name(inviter), hosts_told=told)


def invited_private(invited: Invited, deep_link: str) -> str:
    told = _hosts_told(invited, deep_link, in_group=False)
    return _("🙋 Visitor {visitor} is recorded for the next meeting. {hosts_told}").format(
        visitor=_who(invited.visitor), hosts_told=told
    )


def host_details(chapter: Chapter, visitor: Visitor, inviter: Member) -> str:
    return _(
        "🙋 <b>New visitor for {title}</b>\n{visitor}\n"
        "Invited by {inviter}\nContact: {contact}\n"
        "As written: {details}\n"
        "Tap Arrived when they come (or send /visitor V{number} came)."
    ).format(
        title=e(chapter.title),
        visitor=_who(visitor),
        inviter=name(inviter),
        contact=_contact(visitor),
        details=e(visitor.details),
        number=visitor.id,
    )


def expected_list(chapter: Chapter, visitors: list[Visitor], inviters: dict[int, Member]) -> str:
    if not visitors:
        return _("📋 The check-in of {title} is open. No visitors are expected.").format(
            title=e(chapter.title)
        )
    lines = [
        _("📋 <b>Visitors expected at {title}</b> (tap Arrived when they come):").format(
            title=e(chapter.title)
        )
    ]
    for visitor in visitors[:MAX_LISTED]:
        inviter = inviters.get(visitor.inviter_id)
        if inviter:
            line = _("{visitor}, invited by {inviter}: {contact}").format(
                visitor=_who(visitor), inviter=name(inviter), contact=_contact(visitor)
            )
        else:
            line = f"{_who(visitor)}: {_contact(visitor)}"
        lines.append(line)
    return "\n".join(lines)


def arrived_buttons(visitors: list[Visitor]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(
                _("✅ Arrived: {name}").format(name=v.name[:40]), callback_data=arrived_data(v.id)
            )
        ]
        for v in visitors[:MAX_LISTED]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def arrived(visitor: Visitor) -> str:
    return _(
        "✅ {visitor} arrived. Someone should call them within 48 hours; "
        "I'll remind the hosts then if nobody has logged it."
    ).format(visitor=_who(visitor))


def arrived_toast(visitor: Visitor) -> str:
    """The tapper's toast (plain text, not HTML)."""
    return _("✅ {name} arrived.").format(name=visitor.name)


def already_came(visitor: Visitor) -> str:
    return _("{visitor} is already marked as arrived.").format(visitor=_who(visitor))


def follow_up_buttons(visitor_id: int) -> InlineKeyboardMarkup:
    def button(label: str, outcome: VisitorOutcome) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            label, callback_data=visitor_follow_up_data(visitor_id, outcome)
        )

    return InlineKeyboardMarkup(
        [
            [button(_("📞 Called"), VisitorOutcome.CALLED)],
            [button(_("📝 Applying"), VisitorOutcome.APPLYING)],
            [button(_("✖ Not interested"), VisitorOutcome.NOT_INTERESTED)],
        ]
    )


def nudge(chapter: Chapter, visitor: Visitor, inviter: Member | None, to_inviter: bool) -> str:
    if to_inviter:
        text = _(
            "⏰ <b>{title}</b>: {visitor} visited two days ago, invited by you, "
            "and nobody has logged a follow-up call yet.\n"
            "Contact: {contact}\nTap what happened:"
        )
    else:
        text = _(
            "⏰ <b>{title}</b>: {visitor} visited two days ago, invited by {inviter}, "
            "and nobody has logged a follow-up call yet.\n"
            "Contact: {contact}\nTap what happened:"
        )
    return text.format(
        title=e(chapter.title),
        visitor=_who(visitor),
        inviter=name(inviter) if inviter else _("a member"),
        contact=_contact(visitor),
    )


def outcome_logged(visitor: Visitor) -> str:
    assert visitor.outcome is not None
    return _("👍 Logged for {visitor}: {outcome}.").format(
        visitor=_who(visitor), outcome=outcome_label(visitor.outcome)
    )


def already_logged(visitor: Visitor) -> str:
    assert visitor.outcome is not None
    return _("{visitor} is already logged as {outcome}.").format(
        visitor=_who(visitor), outcome=outcome_label(visitor.outcome)
    )


def inviter_told(visitor: Visitor, actor: Member) -> str:
    assert visitor.outcome is not None
    return _(
        "📞 Your visitor {visitor}: {member} logged the follow-up as <b>{outcome}</b>."
    ).format(visitor=_who(visitor), member=name(actor), outcome=outcome_label(visitor.outcome))


def joined_in_group(visitor: Visitor, inviter: Member | None) -> str:
    if inviter:
        return _(
            "🎉 {visitor} joined the chapter. Thank you, {inviter}, for inviting them!"
        ).format(visitor=_who(visitor), inviter=name(inviter))
    return _("🎉 {visitor} joined the chapter.").format(visitor=_who(visitor))


def joined_thanks(visitor: Visitor) -> str:
    return _("🎉 Your visitor {visitor} joined the chapter: it counts for you. Thank you!").format(
        visitor=_who(visitor)
    )


def already_joined(visitor: Visitor) -> str:
    return _("{visitor} is already recorded as joined.").format(visitor=_who(visitor))


def not_found(visitor_id: int) -> str:
    return _(
        "I can't find visitor #V{number} in this chapter. The number is on its confirmation."
    ).format(number=visitor_id)


def pipeline(title: str, period_label: str, timezone: str, pipe: Pipeline) -> str:
    lines = [
        _("🙋 <b>{title}: visitors {period}</b>").format(title=e(title), period=period_label),
        _(
            "Invited: {invited} · Came: {came} · Followed up: {followed_up} · Joined: {joined}"
        ).format(
            invited=pipe.invited,
            came=pipe.came,
            followed_up=pipe.followed_up,
            joined=pipe.joined,
        ),
    ]
    zone = ZoneInfo(timezone)
    for visitor in pipe.visitors[:MAX_LISTED]:
        inviter = pipe.inviters.get(visitor.inviter_id)
        by = name(inviter) if inviter else _("a member")
        steps = [_("invited by {inviter}").format(inviter=by)]
        if visitor.came_at:
            steps.append(_("came {day}").format(day=day_month(visitor.came_at.astimezone(zone))))
        if visitor.outcome:
            steps.append(outcome_label(visitor.outcome))
        if visitor.joined_at:
            steps.append(_("joined 🎉"))
        lines.append(f"{_who(visitor)}: {', '.join(steps)}")
    if len(pipe.visitors) > MAX_LISTED:
        lines.append(
            _("…and {count} more (/export has them all).").format(
                count=len(pipe.visitors) - MAX_LISTED
            )
        )
    if not pipe.visitors:
        lines.append(_("No visitors yet. Invite one with /visitor Name, Business."))
    return "\n".join(lines)


def hosts_set(hosts: list[Member]) -> str:
    if not hosts:
        return _("👍 No visitor hosts now: new visitors' details go to nobody until you name some.")
    return _(
        "👍 Visitor hosts: {hosts}. They get each new visitor's details privately (they need "
        "to have pressed Start in a private chat with me)."
    ).format(hosts=", ".join(name(host) for host in hosts))


def hosts_admins_only() -> str:
    return _("Only the group's admins can change the chapter's settings. Ask one of them.")


def hosts_current(hosts: list[Member]) -> str:
    if hosts:
        text = _("Visitor hosts: {hosts}.").format(hosts=", ".join(name(host) for host in hosts))
    else:
        text = _("Visitor hosts: none named yet.")
    return text + "\n" + hosts_usage()


def hosts_usage() -> str:
    return _(
        "Name the hosts with their @usernames: <code>/settings visitorhosts @carol @dave</code> "
        "(or <code>/settings visitorhosts none</code>)."
    )


def unknown_hosts(labels: list[str]) -> str:
    return ngettext(
        "I don't know {names} yet. They need to send any "
        "command in the group first (like /help), then try again.",
        "I don't know {names} yet. They need to send any "
        "command in the group first (like /help), then try again.",
        len(labels),
    ).format(names=", ".join(e(label) for label in labels))


def already_invited(visitor: Visitor) -> str:
    return _(
        "{visitor} is already invited and expected: the hosts have their details. "
        "Once they come, a host sends <code>/visitor V{number} came</code>."
    ).format(visitor=_who(visitor), number=visitor.id)


def not_came_yet(visitor: Visitor) -> str:
    return _(
        "{visitor} hasn't been marked as come yet: a visitor joins after visiting. "
        "First <code>/visitor V{number} came</code> (hosts or admins), then joined."
    ).format(visitor=_who(visitor), number=visitor.id)
