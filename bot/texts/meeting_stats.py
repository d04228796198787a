"""What /stats, /stats me and /export add for the meeting: attendance and visitors."""

from __future__ import annotations

from bot.i18n import _, format_share
from bot.meeting.figures import ChapterMeetingFigures, MemberMeetingFigures
from bot.texts.common import e
from storage.attendance import AttendanceRate
from storage.meetings import Mark


def chapter_lines(figures: ChapterMeetingFigures) -> str:
    visitors, share = figures.visitors, figures.rate.share
    if share is None:
        meetings = _("🗓 Meetings: {meetings}; no attendance rate yet (no meeting counted)")
    else:
        meetings = _(
            "🗓 Meetings: {meetings}; attendance rate {rate} (present, late or substituted)"
        )
    return (
        "\n"
        + meetings.format(meetings=figures.meetings, rate=_share(share))
        + "\n"
        + _("🙋 Visitors: {invited} invited, {came} came, {joined} joined").format(
            invited=visitors.invited, came=visitors.came, joined=visitors.joined
        )
    )


def _share(share: float | None) -> str:
    return "" if share is None else format_share(share)


def _member_rate(rate: AttendanceRate) -> str:
    if rate.share is None:
        return _("no attendance yet (no meeting counted)")
    return _("attendance {rate}").format(rate=format_share(rate.share))


def member_lines(figures: list[MemberMeetingFigures]) -> str:
    if not figures:
        return ""
    lines = ["", "", _("🗓 <b>Meetings and visitors</b>")]
    for item in figures:
        marks = item.marks
        lines.append(
            _(
                "{title}: {rate}: {present} present, {late} late, {substituted} substituted, "
                "{medical} medical, {absent} absent. Visitors you invited: {invited}, "
                "came: {came}, joined: {joined}"
            ).format(
                title=e(item.chapter.title),
                rate=_member_rate(item.rate),
                present=marks[Mark.PRESENT],
                late=marks[Mark.LATE],
                substituted=marks[Mark.SUBSTITUTE],
                medical=marks[Mark.MEDICAL],
                absent=marks[Mark.ABSENT],
                invited=item.visitors.invited,
                came=item.visitors.came,
                joined=item.visitors.joined,
            )
        )
    return "\n".join(lines)


def attendance_caption(title: str, rows: int) -> str:
    return _("{title}: attendance, one row per member per meeting ({rows} rows).").format(
        title=e(title), rows=rows
    )


def visitors_caption(title: str, rows: int) -> str:
    return _(
        "{title}: {rows} visitors, with their contact details. Keep this file private."
    ).format(title=e(title), rows=rows)
