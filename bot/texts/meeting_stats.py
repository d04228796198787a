"""What /stats, /stats me and /export add for the meeting: attendance and visitors."""

from __future__ import annotations

from bot.meeting.figures import ChapterMeetingFigures, MemberMeetingFigures
from bot.texts.common import e
from storage.attendance import AttendanceRate
from storage.meetings import Mark


def _rate(rate: AttendanceRate, word: str) -> str:
    """"attendance rate 92%"; with no meeting that counts yet, a plain word saying so."""
    share = rate.share
    return f"no {word} yet (no meeting counted)" if share is None else f"{word} {share:.0%}"


def chapter_lines(figures: ChapterMeetingFigures) -> str:
    visitors = figures.visitors
    counted = "" if figures.rate.share is None else " (present, late or substituted)"
    return (
        f"\n🗓 Meetings: {figures.meetings}; {_rate(figures.rate, 'attendance rate')}{counted}\n"
        f"🙋 Visitors: {visitors.invited} invited, {visitors.came} came, {visitors.joined} joined"
    )


def member_lines(figures: list[MemberMeetingFigures]) -> str:
    if not figures:
        return ""
    lines = ["", "", "🗓 <b>Meetings and visitors</b>"]
    for item in figures:
        marks = item.marks
        lines.append(
            f"{e(item.chapter.title)}: {_rate(item.rate, 'attendance')}: "
            f"{marks[Mark.PRESENT]} present, {marks[Mark.LATE]} late, "
            f"{marks[Mark.SUBSTITUTE]} substituted, {marks[Mark.MEDICAL]} medical, "
            f"{marks[Mark.ABSENT]} absent. Visitors you invited: {item.visitors.invited}, "
            f"came: {item.visitors.came}, joined: {item.visitors.joined}"
        )
    return "\n".join(lines)


def attendance_caption(title: str, rows: int) -> str:
    return f"{e(title)}: attendance, one row per member per meeting ({rows} rows)."


def visitors_caption(title: str, rows: int) -> str:
    return f"{e(title)}: {rows} visitors, with their contact details. Keep this file private."
