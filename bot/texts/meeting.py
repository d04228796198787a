"""Templates for the weekly meeting: check-in, closing, attendance corrections and the roster."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import check_in_data
from bot.i18n import N_, _, ngettext
from bot.meeting.rules import Standing
from bot.texts.common import e, link, local_time, name
from storage.meetings import Mark, Meeting
from storage.records import Chapter, Member
from storage.roster import AbsenceRule

MARK_LABELS = {
    Mark.PRESENT: N_("present"),
    Mark.LATE: N_("late"),
    Mark.SUBSTITUTE: N_("substituted"),
    Mark.ABSENT: N_("absent"),
    Mark.MEDICAL: N_("on medical leave"),
}
_BOARD_ROWS = (
    (Mark.PRESENT, N_("✅ Present")),
    (Mark.LATE, N_("⏰ Late")),
    (Mark.SUBSTITUTE, N_("🔁 Sub")),
)
_BOARD_BUDGET = 3300  # characters of names on the check-in message; the rest are counted

_ADMINS_ONLY = {  # what the handler asked for -> the whole sentence
    "open and close the check-in": N_(
        "Only the group's admins can open and close the check-in. Ask one of them."
    ),
    "correct attendance": N_("Only the group's admins can correct attendance. Ask one of them."),
    "see or change the roster": N_(
        "Only the group's admins can see or change the roster. Ask one of them."
    ),
    "change the chapter's settings": N_(
        "Only the group's admins can change the chapter's settings. Ask one of them."
    ),
}


def group_only(command: str) -> str:
    return _("The meeting is run in the chapter's group: send {command} there.").format(
        command=command
    )


def admins_only(what: str) -> str:
    return _(_ADMINS_ONLY[what])


def mark_label(mark: Mark) -> str:
    return _(MARK_LABELS[mark])


def meeting_usage() -> str:
    return _(
        "<code>/meeting</code> opens today's check-in (group admins); "
        "<code>/meeting close</code> closes it. It closes by itself after 4 hours."
    )


def attendance_usage() -> str:
    return _(
        "Correct a mark for the last meeting: <code>/attendance @bob medical</code> "
        "(or reply to Bob's message with <code>/attendance medical</code>). "
        "Marks: present, late, absent, sub, medical."
    )


def sub_usage() -> str:
    return _(
        "Send someone in your place: <code>/sub Jane Smith, Smith Plumbing</code>. "
        "They stand in for you at the next meeting (or the one checking in now)."
    )


def roster_usage() -> str:
    return _(
        "<code>/roster</code> sends you the chapter's members and their attendance privately; "
        "<code>/roster remove @bob</code> takes out someone who left the chapter."
    )


def check_in(chapter: Chapter, meeting: Meeting, names: Mapping[Mark, list[str]]) -> str:
    """The check-in message: who checked in so far, kept current by batched edits."""
    total = sum(len(names.get(mark, [])) for mark, _ in _BOARD_ROWS)  # never the absent
    when = e(local_time(meeting.opened_at, chapter.timezone))
    if meeting.is_open:
        head = _(
            "📋 <b>Check-in: {title}</b> ({when})\n"
            "Tap your mark below; tap again to change it.\n"
            "Closes by itself at {closes}."
        ).format(
            title=e(chapter.title),
            when=when,
            closes=e(local_time(meeting.closes_at, chapter.timezone)),
        )
    else:
        head = _("📋 <b>Check-in: {title}</b> ({when})\nThe check-in is closed.").format(
            title=e(chapter.title), when=when
        )
    counted = ngettext("<b>{count} checked in</b>", "<b>{count} checked in</b>", total)
    lines, budget = [head, "\n" + counted.format(count=total)], _BOARD_BUDGET
    for mark, label in _BOARD_ROWS:
        people = names.get(mark, [])
        if not people:
            continue
        shown = []
        for person in people:
            budget -= len(person) + 2
            if budget < 0:
                break
            shown.append(person)
        listed = ", ".join(shown)
        if len(shown) < len(people):
            listed = _("{names} and {count} more").format(
                names=listed, count=len(people) - len(shown)
            )
        lines.append(f"{_(label)} ({len(people)}): {listed}")
    return "\n".join(lines)


def check_in_buttons(meeting_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_(label), callback_data=check_in_data(meeting_id, mark))
                for mark, label in _BOARD_ROWS
            ]
        ]
    )


def board_name(member: Member, substitute: str | None = None) -> str:
    if not substitute:
        return name(member)
    return _("{member} (by {substitute})").format(member=name(member), substitute=e(substitute))


def checked_in(mark: Mark, previous: Mark | None) -> str:
    """The callback answer to a tap (plain text: Telegram shows it as a toast)."""
    if previous == mark:
        return _("You're already marked {mark}.").format(mark=mark_label(mark))
    return _("Marked {mark}. Thank you!").format(mark=mark_label(mark))


def tap_not_a_member() -> str:
    return _("Only members of this chapter can check in here.")


def tap_closed() -> str:
    return _("This check-in is closed. An admin can correct marks with /attendance.")


def tap_sub_hint() -> str:
    return _("To send a substitute, write /sub followed by their name and business.")


def already_open() -> str:
    return _("The check-in is already open: tap your mark on the check-in message above.")


def none_open() -> str:
    return _("No check-in is open. An admin opens one with /meeting.")


def no_meeting_yet() -> str:
    return _("This chapter hasn't held a meeting with the bot yet: nothing to correct.")


def closed_summary(chapter: Chapter, counts: Mapping[Mark, int], automatic: bool) -> str:
    head = (
        _("📋 <b>Check-in closed by itself after 4 hours</b>")
        if automatic
        else _("📋 <b>Check-in closed</b>")
    )
    tally = _(
        "Present: {present} · Late: {late} · Substitutes: {substitutes} · "
        "Medical leave: {medical} · Absent: {absent}"
    ).format(
        present=counts[Mark.PRESENT],
        late=counts[Mark.LATE],
        substitutes=counts[Mark.SUBSTITUTE],
        medical=counts[Mark.MEDICAL],
        absent=counts[Mark.ABSENT],
    )
    thanks = (
        _("Thank you all! Absent members hear it privately.")
        if counts[Mark.ABSENT]
        else _("Thank you all!")
    )
    return f"{head}\n{tally}\n{thanks}"


def _standing_line(absences: int, rule: AbsenceRule, where: Standing) -> str:
    counted = ngettext(
        "That is {count} absence in the last {months} months; the chapter allows {limit}.",
        "That is {count} absences in the last {months} months; the chapter allows {limit}.",
        absences,
    ).format(count=absences, months=rule.months, limit=rule.limit)
    if where is Standing.ONE_SHORT:
        counted += " " + _(
            "One more reaches the limit: please send a substitute (/sub) if you can't come."
        )
    elif where is Standing.AT_LIMIT:
        counted += " " + _("You've reached the limit, and the chapter's admins have been told.")
    return counted


def absent_notice(chapter: Chapter, absences: int, rule: AbsenceRule, where: Standing) -> str:
    return _(
        "📋 You were marked absent at today's meeting of <b>{title}</b>. {standing}\n"
        "If this is wrong (you were there, or on medical leave), ask an admin to correct it with "
        "/attendance. Next time, /sub sends someone in your place."
    ).format(title=e(chapter.title), standing=_standing_line(absences, rule, where))


def absence_warning(chapter: Chapter, absences: int, rule: AbsenceRule, where: Standing) -> str:
    """After an admin's correction made a member absent."""
    return _(
        "📋 An admin marked you absent at the last meeting of <b>{title}</b>. {standing}"
    ).format(title=e(chapter.title), standing=_standing_line(absences, rule, where))


def admins_limit_notice(chapter: Chapter, member: Member, absences: int, rule: AbsenceRule) -> str:
    return ngettext(
        "⚠️ <b>{title}</b>: {member} has {count} absence in the last {months} months "
        "(the limit is {limit}). /roster shows everyone's attendance.",
        "⚠️ <b>{title}</b>: {member} has {count} absences in the last {months} months "
        "(the limit is {limit}). /roster shows everyone's attendance.",
        absences,
    ).format(
        title=e(chapter.title),
        member=name(member),
        count=absences,
        months=rule.months,
        limit=rule.limit,
    )


def corrected(member: Member, mark: Mark, meeting: Meeting, chapter: Chapter) -> str:
    return _("👍 {member} is now marked {mark} for the meeting of {when}.").format(
        member=name(member),
        mark=mark_label(mark),
        when=e(local_time(meeting.opened_at, chapter.timezone)),
    )


def not_on_roster(label: str | None) -> str:
    text = _(
        "{member} isn't on this chapter's roster. I only know members I've seen in the group "
        "(they can send any command here, like /help)."
    )
    return text.format(member=e(label or _("That member")))


def substitute_recorded(member: Member, sub_name: str, business: str, at_open: bool) -> str:
    who = e(sub_name) + (f" ({e(business)})" if business else "")
    if at_open:
        text = _(
            "🔁 {member} sends {substitute} as their substitute at today's meeting: "
            "counted as substituted."
        )
    else:
        text = _(
            "🔁 {member} sends {substitute} as their substitute at the next meeting: "
            "counted as substituted."
        )
    return text.format(member=name(member), substitute=who)


def sub_no_chapter() -> str:
    return _(
        "I don't know your chapter yet: send /sub in your chapter's group, or any command "
        "there first."
    )


def sub_no_name() -> str:
    return (
        _(
            "Who is your substitute? Start with their name: the group sees it, so a phone "
            "number or e-mail alone won't do."
        )
        + " "
        + sub_usage()
    )


def substitute_is_member(sub_name: str) -> str:
    return (
        _(
            "{name} sounds like a member of this chapter. A substitute is someone from "
            "outside who stands in for you; a member who comes checks in for themselves."
        ).format(name=e(sub_name))
        + " "
        + sub_usage()
    )


def too_long(limit: int, length: int) -> str:
    return _("That's {length} characters; please keep it under {limit}.").format(
        length=length, limit=limit
    )


def roster(
    chapter: Chapter, rows: Sequence[tuple[Member, Mapping[Mark, int], int]], rule: AbsenceRule
) -> str:
    lines = [
        ngettext(
            "👥 <b>{title}: {count} member</b>", "👥 <b>{title}: {count} members</b>", len(rows)
        ).format(title=e(chapter.title), count=len(rows)),
        _("Attendance over the last {months} months (absence limit: {limit}):").format(
            months=rule.months, limit=rule.limit
        ),
        _("✅ present · ⏰ late · 🔁 sub · 🩺 medical · ❌ absent"),
        "",
    ]
    for member, counts, absences in rows:
        flag = " ⚠️" if absences >= rule.limit else ""
        lines.append(
            f"{name(member)}: ✅{counts.get(Mark.PRESENT, 0)} ⏰{counts.get(Mark.LATE, 0)} "
            f"🔁{counts.get(Mark.SUBSTITUTE, 0)} 🩺{counts.get(Mark.MEDICAL, 0)} "
            f"❌{absences}{flag}"
        )
    if not rows:
        lines.append(_("No members yet: I list everyone I've seen in the group."))
    return "\n".join(lines)


def roster_sent() -> str:
    return _("👥 I've sent you the roster privately.")


def roster_cannot_send(deep_link: str) -> str:
    return _(
        "I can't write to you privately yet: {open_chat}, press Start, then send /roster here "
        "again."
    ).format(open_chat=link(deep_link, _("open a chat with me")))


def removed(member: Member) -> str:
    return _(
        "👋 {member} is off the roster: no longer expected at meetings. Their history stays."
    ).format(member=name(member))


def absences_set(rule: AbsenceRule) -> str:
    return _(
        "👍 Absence limit: {limit} in any {months} months. Members one short of it "
        "get a private word; at the limit they and the admins are told."
    ).format(limit=rule.limit, months=rule.months)


def absences_current(rule: AbsenceRule) -> str:
    return (
        _(
            "Absence limit: {limit} in any {months} months (substitutes and medical leave "
            "don't count)."
        ).format(limit=rule.limit, months=rule.months)
        + "\n"
        + absences_usage()
    )


def absences_usage() -> str:
    return _("For example: <code>/settings absences 3 in 6</code> (3 absences in 6 months).")


def absence_rule_unreadable() -> str:
    refused = _(
        "That didn't work: write it as a number of absences in a number of months, like 3 in 6."
    )
    return f"{refused}\n{absences_usage()}"


def absence_limit_out_of_range(most: int) -> str:
    refused = _("That didn't work: the number of absences must be between 1 and {most}.")
    return f"{refused.format(most=most)}\n{absences_usage()}"


def absence_months_out_of_range(most: int) -> str:
    refused = _("That didn't work: the number of months must be between 1 and {most}.")
    return f"{refused.format(most=most)}\n{absences_usage()}"


def tap_in_group_only() -> str:
    return _(
        "Check-in buttons work on the check-in message in your chapter's group: tap your mark "
        "there."
    )


def tap_unknown() -> str:
    return _(
        "This isn't a check-in button I know. Tap your mark on the check-in message in the "
        "group; if there is none, an admin opens one with /meeting."
    )


def pick_without_username(example: str) -> str:
    """After "@name isn't on the roster": how to name a member who has no username."""
    return _(
        "If they have no username, reply to one of their messages with <code>{example}</code>, "
        "or type @ and pick their name from the list."
    ).format(example=e(example))
