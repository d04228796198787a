"""Templates for the weekly meeting: check-in, closing, attendance corrections and the roster."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import check_in_data
from bot.meeting.rules import MAX_ABSENCE_LIMIT, MAX_ABSENCE_MONTHS, RuleProblem, Standing
from bot.texts.common import e, link, local_time, name
from storage.meetings import Mark, Meeting
from storage.records import Chapter, Member
from storage.roster import AbsenceRule

MARK_LABELS = {
    Mark.PRESENT: "present",
    Mark.LATE: "late",
    Mark.SUBSTITUTE: "substituted",
    Mark.ABSENT: "absent",
    Mark.MEDICAL: "on medical leave",
}
_BOARD_ROWS = ((Mark.PRESENT, "✅ Present"), (Mark.LATE, "⏰ Late"), (Mark.SUBSTITUTE, "🔁 Sub"))
_BOARD_BUDGET = 3300  # characters of names on the check-in message; the rest are counted

GROUP_ONLY = "The meeting is run in the chapter's group: send {command} there."
ADMINS_ONLY = "Only the group's admins can {what}. Ask one of them."
MEETING_USAGE = (
    "<code>/meeting</code> opens today's check-in (group admins); "
    "<code>/meeting close</code> closes it. It closes by itself after 4 hours."
)
ATTENDANCE_USAGE = (
    "Correct a mark for the last meeting: <code>/attendance @bob medical</code> "
    "(or reply to Bob's message with <code>/attendance medical</code>). "
    "Marks: present, late, absent, sub, medical."
)
SUB_USAGE = (
    "Send someone in your place: <code>/sub Jane Smith, Smith Plumbing</code>. "
    "They stand in for you at the next meeting (or the one checking in now)."
)
ROSTER_USAGE = (
    "<code>/roster</code> sends you the chapter's members and their attendance privately; "
    "<code>/roster remove @bob</code> takes out someone who left the chapter."
)


def check_in(chapter: Chapter, meeting: Meeting, names: Mapping[Mark, list[str]]) -> str:
    """The check-in message: who checked in so far, kept current by batched edits."""
    total = sum(len(names.get(mark, [])) for mark, _ in _BOARD_ROWS)  # never the absent
    when = e(local_time(meeting.opened_at, chapter.timezone))
    if meeting.is_open:
        head = (
            f"📋 <b>Check-in: {e(chapter.title)}</b> ({when})\n"
            "Tap your mark below; tap again to change it.\n"
            f"Closes by itself at {e(local_time(meeting.closes_at, chapter.timezone))}."
        )
    else:
        head = f"📋 <b>Check-in: {e(chapter.title)}</b> ({when})\nThe check-in is closed."
    lines, budget = [head, f"\n<b>{total} checked in</b>"], _BOARD_BUDGET
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
        more = f" and {len(people) - len(shown)} more" if len(shown) < len(people) else ""
        lines.append(f"{label} ({len(people)}): {', '.join(shown)}{more}")
    return "\n".join(lines)


def check_in_buttons(meeting_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=check_in_data(meeting_id, mark))
                for mark, label in _BOARD_ROWS
            ]
        ]
    )


def board_name(member: Member, substitute: str | None = None) -> str:
    return f"{name(member)} (by {e(substitute)})" if substitute else name(member)


def checked_in(mark: Mark, previous: Mark | None) -> str:
    """The callback answer to a tap (plain text: Telegram shows it as a toast)."""
    if previous == mark:
        return f"You're already marked {MARK_LABELS[mark]}."
    return f"Marked {MARK_LABELS[mark]}. Thank you!"


TAP_NOT_A_MEMBER = "Only members of this chapter can check in here."
TAP_CLOSED = "This check-in is closed. An admin can correct marks with /attendance."
TAP_SUB_HINT = "To send a substitute, write /sub followed by their name and business."
ALREADY_OPEN = "The check-in is already open: tap your mark on the check-in message above."
NONE_OPEN = "No check-in is open. An admin opens one with /meeting."
NO_MEETING_YET = "This chapter hasn't held a meeting with the bot yet: nothing to correct."


def closed_summary(chapter: Chapter, counts: Mapping[Mark, int], automatic: bool) -> str:
    how = "closed by itself after 4 hours" if automatic else "closed"
    return (
        f"📋 <b>Check-in {how}</b>\n"
        f"Present: {counts[Mark.PRESENT]} · Late: {counts[Mark.LATE]} · "
        f"Substitutes: {counts[Mark.SUBSTITUTE]} · Medical leave: {counts[Mark.MEDICAL]} · "
        f"Absent: {counts[Mark.ABSENT]}\n"
        "Thank you all!" + (" Absent members hear it privately." if counts[Mark.ABSENT] else "")
    )


def _standing_line(absences: int, rule: AbsenceRule, where: Standing) -> str:
    counted = f"That is {absences} absence{'s' if absences != 1 else ''} in the last {rule.months}"
    counted += f" months; the chapter allows {rule.limit}."
    if where is Standing.ONE_SHORT:
        counted += " One more reaches the limit: please send a substitute (/sub) if you can't come."
    elif where is Standing.AT_LIMIT:
        counted += " You've reached the limit, and the chapter's admins have been told."
    return counted


def absent_notice(chapter: Chapter, absences: int, rule: AbsenceRule, where: Standing) -> str:
    return (
        f"📋 You were marked absent at today's meeting of <b>{e(chapter.title)}</b>. "
        f"{_standing_line(absences, rule, where)}\n"
        "If this is wrong (you were there, or on medical leave), ask an admin to correct it with "
        "/attendance. Next time, /sub sends someone in your place."
    )


def absence_warning(chapter: Chapter, absences: int, rule: AbsenceRule, where: Standing) -> str:
    """After an admin's correction made a member absent."""
    return (
        f"📋 An admin marked you absent at the last meeting of <b>{e(chapter.title)}</b>. "
        + _standing_line(absences, rule, where)
    )


def admins_limit_notice(chapter: Chapter, member: Member, absences: int, rule: AbsenceRule) -> str:
    return (
        f"⚠️ <b>{e(chapter.title)}</b>: {name(member)} has {absences} absences in the last "
        f"{rule.months} months (the limit is {rule.limit}). /roster shows everyone's attendance."
    )


def corrected(member: Member, mark: Mark, meeting: Meeting, chapter: Chapter) -> str:
    when = e(local_time(meeting.opened_at, chapter.timezone))
    return f"👍 {name(member)} is now marked {MARK_LABELS[mark]} for the meeting of {when}."


def not_on_roster(label: str) -> str:
    return (
        f"{e(label)} isn't on this chapter's roster. I only know members I've seen in the group "
        "(they can send any command here, like /help)."
    )


def substitute_recorded(member: Member, sub_name: str, business: str, at_open: bool) -> str:
    who = e(sub_name) + (f" ({e(business)})" if business else "")
    when = "today's meeting" if at_open else "the next meeting"
    return f"🔁 {name(member)} sends {who} as their substitute at {when}: counted as substituted."


SUB_NO_CHAPTER = (
    "I don't know your chapter yet: send /sub in your chapter's group, or any command there first."
)
SUB_NO_NAME = (
    "Who is your substitute? Start with their name: the group sees it, so a phone number or "
    "e-mail alone won't do. " + SUB_USAGE
)


def substitute_is_member(sub_name: str) -> str:
    return (
        f"{e(sub_name)} sounds like a member of this chapter. A substitute is someone from "
        "outside who stands in for you; a member who comes checks in for themselves. " + SUB_USAGE
    )


def too_long(limit: int, length: int) -> str:
    return f"That's {length} characters; please keep it under {limit}."


def roster(
    chapter: Chapter, rows: Sequence[tuple[Member, Mapping[Mark, int], int]], rule: AbsenceRule
) -> str:
    lines = [
        f"👥 <b>{e(chapter.title)}: {len(rows)} members</b>",
        f"Attendance over the last {rule.months} months (absence limit: {rule.limit}):",
        "✅ present · ⏰ late · 🔁 sub · 🩺 medical · ❌ absent",
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
        lines.append("No members yet: I list everyone I've seen in the group.")
    return "\n".join(lines)


ROSTER_SENT = "👥 I've sent you the roster privately."


def roster_cannot_send(deep_link: str) -> str:
    return (
        f"I can't write to you privately yet: {link(deep_link, 'open a chat with me')}, "
        "press Start, then send /roster here again."
    )


def removed(member: Member) -> str:
    return (
        f"👋 {name(member)} is off the roster: no longer expected at meetings. Their history stays."
    )


def absences_set(rule: AbsenceRule) -> str:
    return (
        f"👍 Absence limit: {rule.limit} in any {rule.months} months. Members one short of it "
        "get a private word; at the limit they and the admins are told."
    )


def absences_current(rule: AbsenceRule) -> str:
    return (
        f"Absence limit: {rule.limit} in any {rule.months} months (substitutes and medical leave "
        "don't count).\n" + ABSENCES_USAGE
    )


ABSENCES_USAGE = "For example: <code>/settings absences 3 in 6</code> (3 absences in 6 months)."

_RULE_PROBLEMS = {
    RuleProblem.UNREADABLE: "write it as a number of absences in a number of months, like 3 in 6",
    RuleProblem.LIMIT_OUT_OF_RANGE: (
        f"the number of absences must be between 1 and {MAX_ABSENCE_LIMIT}"
    ),
    RuleProblem.MONTHS_OUT_OF_RANGE: (
        f"the number of months must be between 1 and {MAX_ABSENCE_MONTHS}"
    ),
}


def absence_rule_refused(problem: RuleProblem) -> str:
    return f"That didn't work: {_RULE_PROBLEMS[problem]}.\n{ABSENCES_USAGE}"


TAP_IN_GROUP_ONLY = (
    "Check-in buttons work on the check-in message in your chapter's group: tap your mark there."
)
TAP_UNKNOWN = (
    "This isn't a check-in button I know. Tap your mark on the check-in message in the group; "
    "if there is none, an admin opens one with /meeting."
)


def pick_without_username(example: str) -> str:
    """After "@name isn't on the roster": how to name a member who has no username."""
    return (
        f"If they have no username, reply to one of their messages with <code>{e(example)}</code>"
        ", or type @ and pick their name from the list."
    )
