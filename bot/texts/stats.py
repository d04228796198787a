"""Templates for /stats, /stats me and the weekly summary."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.business.amounts import format_amount
from bot.business.stats import ChapterFigures, FollowUpFigures, MyFigures, Worth
from bot.core.durations import humanize
from bot.i18n import N_, _, day_month_year, format_share
from bot.texts.common import e, name

PERIOD_LABELS = {
    "week": N_("this week"),
    "month": N_("this month"),
    "quarter": N_("this quarter"),
    "year": N_("this year"),
    "all": N_("all time"),
}


def period_label(period: str) -> str:
    return _(PERIOD_LABELS[period])


def usage() -> str:
    return _(
        "<code>/stats</code> shows this month; or choose <code>/stats week</code>, "
        "<code>month</code>, <code>quarter</code>, <code>year</code> or <code>all</code>.\n"
        "<code>/stats me</code> (privately) shows your own numbers; "
        "<code>/stats hide</code> keeps your name off the top lists, "
        "<code>/stats show</code> puts it back."
    )


def _since(start: datetime | None, timezone: str) -> str:
    if not start:
        return ""
    return _(" (since {day})").format(day=day_month_year(start.astimezone(ZoneInfo(timezone))))


def _on_time(figures: FollowUpFigures) -> str:
    share = figures.on_time_share
    if share is None:
        return _("no follow-up due yet")
    return _("{on_time} of {due} ({share})").format(
        on_time=figures.on_time, due=figures.due, share=format_share(share)
    )


def _median(figures: FollowUpFigures) -> str:
    median = figures.median_first_follow_up
    return humanize(median) if median is not None else _("none yet")


def _worth(worth: Worth, currency: str) -> str:
    """€900 + $2,500: each currency's total on its own, the chapter's own first."""
    if not worth:
        return e(format_amount(0, currency))
    codes = sorted(worth, key=lambda code: (code != currency, code))
    return " + ".join(e(format_amount(worth[code], code)) for code in codes)


def _closed_line(figures: ChapterFigures, currency: str) -> str:
    if figures.amounts_hidden:
        return _("Business closed: {count} (amounts are kept private)").format(
            count=figures.closed_count
        )
    return _("Business closed: {count}, worth {worth}").format(
        count=figures.closed_count, worth=_worth(figures.closed_worth, currency)
    )


def _closer_figure(value: int, currency: str, by_count: bool) -> str:
    """A closer's total, or (amounts hidden, or in several currencies) how many deals."""
    if by_count:
        return _("{count} closed").format(count=value)
    return e(format_amount(value, currency))


def chapter(title: str, timezone: str, figures: ChapterFigures) -> str:
    follow, currency = figures.follow_up, figures.currency
    lines = [
        _("📊 <b>{title}: {period}</b>").format(title=e(title), period=period_label(figures.period))
        + _since(figures.start, timezone),
        _("Referrals passed: {count}").format(count=follow.passed),
        _("Followed up within the window: {on_time}").format(on_time=_on_time(follow)),
        _("Median time to first follow-up: {median}").format(median=_median(follow)),
        _closed_line(figures, currency),
    ]
    if figures.top_givers:
        givers = ", ".join(f"{name(member)} ({count})" for member, count in figures.top_givers)
        lines.append(_("🏅 Top givers: {givers}").format(givers=givers))
    if figures.top_closers:
        closers = ", ".join(
            f"{name(member)} ({_closer_figure(value, currency, figures.closers_by_count)})"
            for member, value in figures.top_closers
        )
        lines.append(_("🏆 Top closers: {closers}").format(closers=closers))
    return "\n".join(lines)


def weekly_summary(title: str, timezone: str, figures: ChapterFigures) -> str:
    return _("🗓 <b>Weekly summary</b>") + "\n" + chapter(title, timezone, figures)


def member(mine: MyFigures) -> str:
    if not mine.chapters:
        return _(
            "I haven't seen you in a chapter yet. Send a command in your chapter's group, "
            "then ask again."
        )
    lines = [_("📊 <b>Your numbers: {period}</b>").format(period=period_label(mine.period))]
    for item in mine.chapters:
        currency = item.currency
        lines += [
            "",
            f"<b>{e(item.chapter.title)}</b>",
            _("Referrals given: {given}; business won from them: {worth}").format(
                given=item.given, worth=_worth(item.won_from_given_worth, currency)
            ),
            _(
                "Received: {received}; followed up in time: {on_time}; "
                "median first follow-up: {median}"
            ).format(
                received=item.received.passed,
                on_time=_on_time(item.received),
                median=_median(item.received),
            ),
            _("You closed: {count}, worth {worth}").format(
                count=item.closed_count, worth=_worth(item.closed_worth, currency)
            ),
        ]
    if mine.hidden:
        lines.append("\n" + _("You're kept off the top lists (/stats show puts you back)."))
    return "\n".join(lines)


def hidden() -> str:
    return _("👍 Your name is now kept off the chapter's top lists. /stats show puts it back.")


def shown() -> str:
    return _("👍 Your name can appear on the chapter's top lists again.")


def me_is_private() -> str:
    return _("Your own numbers are private: send /stats me to me in a private chat.")


def bad_period() -> str:
    return _("I don't know that period.") + "\n\n" + usage()


def group_only() -> str:
    return _("The chapter's numbers live in its group: send /stats there. Here, try /stats me.")
