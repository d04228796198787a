"""Templates for /stats, /stats me and the weekly summary."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.business.amounts import format_amount
from bot.business.stats import ChapterFigures, FollowUpFigures, MyFigures, Worth
from bot.core.durations import humanize
from bot.texts.common import e, name

PERIOD_LABELS = {
    "week": "this week",
    "month": "this month",
    "quarter": "this quarter",
    "year": "this year",
    "all": "all time",
}

USAGE = (
    "<code>/stats</code> shows this month; or choose <code>/stats week</code>, "
    "<code>month</code>, <code>quarter</code>, <code>year</code> or <code>all</code>.\n"
    "<code>/stats me</code> (privately) shows your own numbers; "
    "<code>/stats hide</code> keeps your name off the top lists, "
    "<code>/stats show</code> puts it back."
)


def _since(start: datetime | None, timezone: str) -> str:
    return f" (since {start.astimezone(ZoneInfo(timezone)):%-d %b %Y})" if start else ""


def _on_time(figures: FollowUpFigures) -> str:
    share = figures.on_time_share
    if share is None:
        return "no follow-up due yet"
    return f"{figures.on_time} of {figures.due} ({share:.0%})"


def _median(figures: FollowUpFigures) -> str:
    median = figures.median_first_follow_up
    return humanize(median) if median is not None else "none yet"


def _worth(worth: Worth, currency: str) -> str:
    """€900 + $2,500: each currency's total on its own, the chapter's own first."""
    if not worth:
        return e(format_amount(0, currency))
    codes = sorted(worth, key=lambda code: (code != currency, code))
    return " + ".join(e(format_amount(worth[code], code)) for code in codes)


def _closed_line(figures: ChapterFigures, currency: str) -> str:
    if figures.amounts_hidden:
        return f"Business closed: {figures.closed_count} (amounts are kept private)"
    return (
        f"Business closed: {figures.closed_count}, worth {_worth(figures.closed_worth, currency)}"
    )


def _closer_figure(value: int, currency: str, by_count: bool) -> str:
    """A closer's total, or (amounts hidden, or in several currencies) how many deals."""
    if by_count:
        return f"{value} closed"
    return e(format_amount(value, currency))


def chapter(title: str, timezone: str, figures: ChapterFigures) -> str:
    follow, currency = figures.follow_up, figures.currency
    lines = [
        f"📊 <b>{e(title)}: {PERIOD_LABELS[figures.period]}</b>{_since(figures.start, timezone)}",
        f"Referrals passed: {follow.passed}",
        f"Followed up within the window: {_on_time(follow)}",
        f"Median time to first follow-up: {_median(follow)}",
        _closed_line(figures, currency),
    ]
    if figures.top_givers:
        givers = ", ".join(f"{name(member)} ({count})" for member, count in figures.top_givers)
        lines.append(f"🏅 Top givers: {givers}")
    if figures.top_closers:
        closers = ", ".join(
            f"{name(member)} ({_closer_figure(value, currency, figures.closers_by_count)})"
            for member, value in figures.top_closers
        )
        lines.append(f"🏆 Top closers: {closers}")
    return "\n".join(lines)


def weekly_summary(title: str, timezone: str, figures: ChapterFigures) -> str:
    return "🗓 <b>Weekly summary</b>\n" + chapter(title, timezone, figures)


def member(mine: MyFigures) -> str:
    if not mine.chapters:
        return (
            "I haven't seen you in a chapter yet. Send a command in your chapter's group, "
            "then ask again."
        )
    lines = [f"📊 <b>Your numbers: {PERIOD_LABELS[mine.period]}</b>"]
    for item in mine.chapters:
        currency = item.currency
        lines += [
            "",
            f"<b>{e(item.chapter.title)}</b>",
            f"Referrals given: {item.given}; business won from them: "
            f"{_worth(item.won_from_given_worth, currency)}",
            f"Received: {item.received.passed}; followed up in time: {_on_time(item.received)}; "
            f"median first follow-up: {_median(item.received)}",
            f"You closed: {item.closed_count}, worth {_worth(item.closed_worth, currency)}",
        ]
    if mine.hidden:
        lines.append("\nYou're kept off the top lists (/stats show puts you back).")
    return "\n".join(lines)


HIDDEN = "👍 Your name is now kept off the chapter's top lists. /stats show puts it back."
SHOWN = "👍 Your name can appear on the chapter's top lists again."
ME_IS_PRIVATE = "Your own numbers are private: send /stats me to me in a private chat."
BAD_PERIOD = "I don't know that period.\n\n" + USAGE
GROUP_ONLY = "The chapter's numbers live in its group: send /stats there. Here, try /stats me."
