"""Templates for the scorecard: the member's card, the chapter's card, their charts' words."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.business.amounts import format_amount
from bot.scorecard.activity import ChapterFacts, MemberCard, weekly
from bot.scorecard.activity import one_to_one_moments as _one_to_one_moments
from bot.scorecard.chart_specs import AreaBar, ChapterChart, MemberChart, Series
from bot.scorecard.rules import (
    AMBER_SHARE,
    GREEN_SHARE,
    RULES,
    Area,
    Colour,
    Score,
    ScoreLine,
    ScoreSettings,
    Unit,
)
from bot.scorecard.service import ScoreSettingProblem, ScoreSettingRefused
from bot.texts.common import e, link, name
from storage.records import Chapter, Member

AREA_LABELS = {
    Area.ATTENDANCE: "Attendance",
    Area.REFERRALS: "Referrals given",
    Area.VISITORS: "Visitors",
    Area.ONE_TO_ONES: "One-to-ones",
    Area.CREDITS: "Education credits",
    Area.BUSINESS: "Closed business (as giver)",
    Area.TESTIMONIALS: "Testimonials written",
}
SHORT_LABELS = {
    Area.ATTENDANCE: "Attendance",
    Area.REFERRALS: "Referrals",
    Area.VISITORS: "Visitors",
    Area.ONE_TO_ONES: "One-to-ones",
    Area.CREDITS: "Credits",
    Area.BUSINESS: "Closed business",
    Area.TESTIMONIALS: "Testimonials",
}
MOVE_WORDS = {
    Area.REFERRALS: ("referral", "referrals"),
    Area.VISITORS: ("visitor", "visitors"),
    Area.ONE_TO_ONES: ("one-to-one", "one-to-ones"),
    Area.CREDITS: ("education credit", "education credits"),
    Area.TESTIMONIALS: ("testimonial", "testimonials"),
}
COLOUR_WORDS = {
    Colour.GREEN: "🟢 green",
    Colour.AMBER: "🟠 amber",
    Colour.RED: "🔴 red",
    Colour.GREY: "⚪ grey (new)",
}
PER = {Unit.PER_WEEK: "a week", Unit.PER_MONTH: "a month"}


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def figure_text(line: ScoreLine, currency: str) -> str:
    """The figure as a member reads it: `0.99 a week`, `$504 a month`, `92% of meetings`."""
    if line.unit is Unit.SHARE:
        return f"{line.figure:.0%} of meetings"
    if line.area is Area.BUSINESS:
        return f"{format_amount(round(line.figure) * 100, currency)} {PER[line.unit]}"
    return f"{line.figure:.2f} {PER[line.unit]}"


def threshold_text(line: ScoreLine, currency: str) -> str:
    if line.unit is Unit.SHARE:
        return f"{line.threshold:.0%}"
    if line.area is Area.BUSINESS:
        return f"{format_amount(round(line.threshold * 100), currency)} {PER[line.unit]}"
    return f"{_number(line.threshold)} {PER[line.unit]}"


def _goal(line: ScoreLine, currency: str) -> str:
    """The goal without its unit (the figure beside it has one): `1`, `$1,000`, `95%`."""
    if line.unit is Unit.SHARE:
        return f"{line.threshold:.0%}"
    if line.area is Area.BUSINESS:
        return format_amount(round(line.threshold * 100), currency)
    return _number(line.threshold)


def count_text(line: ScoreLine, currency: str, meetings: int | None) -> str:
    if line.unit is Unit.SHARE:
        return f"{int(line.count)} of {meetings} meetings"
    if line.area is Area.BUSINESS:
        return f"{format_amount(round(line.count * 100), currency)} in all"
    return f"{int(line.count)} in all"


def score_line(line: ScoreLine, currency: str, meetings: int | None = None) -> str:
    return (
        f"{AREA_LABELS[line.area]}: <b>{e(figure_text(line, currency))}</b> "
        f"({e(count_text(line, currency, meetings))}); goal {e(threshold_text(line, currency))}; "
        f"{line.points}/{line.max_points} points"
    )


def _since(facts: ChapterFacts) -> str:
    return f"{facts.start.astimezone(ZoneInfo(facts.timezone)):%-d %b %Y}"


def _day(moment: datetime, timezone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(timezone)):%-d %b %Y}"


def colour_rule(available: int) -> str:
    green, amber = math.ceil(GREEN_SHARE * available), math.ceil(AMBER_SHARE * available)
    return f"Green from {green} points, amber from {amber}, red below."


def lift_text(score: Score, timezone: str) -> str:
    if score.colour is Colour.GREY and score.judged_from is not None:
        return f"You're new here: your colour counts from {_day(score.judged_from, timezone)}."
    if score.lift is None:
        return "You're green: keep it up."
    lift = score.lift
    target = COLOUR_WORDS[lift.target]
    moves = [f"{more} more {MOVE_WORDS[area][0 if more == 1 else 1]}" for area, more in lift.moves]
    how = f": for example {' or '.join(moves)} in the period" if moves else ""
    return f"To reach {target}: {lift.points_needed} more points{how}."


def member_card_text(
    chapter: Chapter, card: MemberCard, facts: ChapterFacts, currency: str, months: int
) -> str:
    score = card.score
    lines = [
        f"📇 <b>Your scorecard: {e(chapter.title)}</b>",
        f"Last {months} months (since {_since(facts)}): "
        f"<b>{score.total} of {score.available} points, {COLOUR_WORDS[score.colour]}</b>",
        "",
    ]
    for line in score.lines:
        text = score_line(line, currency, card.tally.meetings)
        if line.area is Area.ONE_TO_ONES and card.pending_one_to_ones:
            text += f" (+{card.pending_one_to_ones} waiting for confirmation, not counted yet)"
        lines.append(text)
    missing = [AREA_LABELS[rule.area] for rule in RULES if rule.area not in _areas(score)]
    if missing:
        lines.append(
            f"Not scored: {', '.join(missing).lower()} (none logged for you or the chapter "
            "in the period)."
        )
    lines += ["", lift_text(score, chapter.timezone), colour_rule(score.available)]
    return "\n".join(lines)


def _areas(score: Score) -> set[Area]:
    return {line.area for line in score.lines}


def week_labels(facts: ChapterFacts) -> list[str]:
    zone = ZoneInfo(facts.timezone)
    count = len(weekly(facts, []))
    return [
        f"{(facts.start + timedelta(days=7 * i)).astimezone(zone):%-d %b}" for i in range(count)
    ]


def member_chart(
    chapter: Chapter, member: Member, card: MemberCard, facts: ChapterFacts, currency: str
) -> MemberChart:
    score = card.score
    referrals = next(line for line in score.lines if line.area is Area.REFERRALS)
    return MemberChart(
        title=f"{member.full_name} · {chapter.title}",
        subtitle=f"{score.total} of {score.available} points · {score.colour.value}",
        colour=score.colour.value,
        bars=[
            AreaBar(
                SHORT_LABELS[line.area],
                line.figure / line.threshold,
                f"{figure_text(line, currency)} · goal {_goal(line, currency)}",
            )
            for line in score.lines
        ],
        bars_x_label="share of the goal reached",
        goal_label="goal",
        series=Series(
            "Referrals given, week by week",
            "referrals",
            [float(value) for value in card.weekly_referrals],
            referrals.threshold,
            f"goal: {_number(referrals.threshold)} a week",
        ),
        x_label="week starting",
        week_labels=week_labels(facts),
    )


COLOUR_ORDER = (Colour.GREEN, Colour.AMBER, Colour.RED, Colour.GREY)
COLOUR_LABELS = {
    Colour.GREEN: "Green",
    Colour.AMBER: "Amber",
    Colour.RED: "Red",
    Colour.GREY: "Grey (new)",
}


def colour_counts(cards: list[tuple[Member, MemberCard]]) -> dict[Colour, int]:
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    for _, card in cards:
        counts[card.score.colour] += 1
    return counts


def chapter_chart(
    chapter: Chapter,
    cards: list[tuple[Member, MemberCard]],
    facts: ChapterFacts,
    settings: ScoreSettings,
) -> ChapterChart:
    counts = colour_counts(cards)
    members = max(1, len(cards))
    series = [
        Series(
            "Referrals passed, week by week",
            "referrals",
            [float(v) for v in weekly(facts, [moment for _, moment in facts.referrals])],
            settings.threshold(Area.REFERRALS) * members,
            f"goal for {members} members",
        ),
        Series(
            "One-to-ones, week by week",
            "one-to-ones",
            [float(v) for v in weekly(facts, _one_to_one_moments(facts))],
        ),
    ]
    if facts.attendance_weekly is not None:
        series.append(
            Series(
                "Attendance, week by week",
                "% present",
                [math.nan if s is None else 100 * s for s in facts.attendance_weekly],
                100 * settings.threshold(Area.ATTENDANCE),
                f"goal: {settings.threshold(Area.ATTENDANCE):.0%}",
            )
        )
    if facts.visitors is not None:
        series.append(
            Series(
                "Visitors, week by week",
                "visitors",
                [float(v) for v in weekly(facts, [moment for _, moment in facts.visitors])],
            )
        )
    return ChapterChart(
        title=chapter.title,
        subtitle=f"Scorecard, last {settings.months} months",
        colours_title="Members by colour",
        colour_counts=[(COLOUR_LABELS[c], counts[c], c.value) for c in COLOUR_ORDER],
        colours_x_label="members",
        series=series,
        x_label="week starting",
        week_labels=week_labels(facts),
    )


MAX_LISTED = 60


def chapter_card_text(
    chapter: Chapter,
    cards: list[tuple[Member, MemberCard]],
    facts: ChapterFacts,
    settings: ScoreSettings,
) -> str:
    counts = colour_counts(cards)
    confirmed = len(_one_to_one_moments(facts))
    lines = [
        f"📊 <b>Scorecard: {e(chapter.title)}</b>",
        f"Last {settings.months} months (since {_since(facts)}); {len(cards)} members",
        " · ".join(f"{COLOUR_WORDS[c]} {counts[c]}" for c in COLOUR_ORDER),
        f"Referrals passed: {len(facts.referrals)}; one-to-ones: {confirmed}; "
        f"education credits: {len(facts.credits)}; testimonials: {len(facts.testimonials)}",
        "",
        "<b>Members by points</b>",
    ]
    for rank, (member, card) in enumerate(cards[:MAX_LISTED], start=1):
        score = card.score
        lines.append(
            f"{rank}. {name(member)}: {score.total}/{score.available}, {COLOUR_WORDS[score.colour]}"
        )
    if len(cards) > MAX_LISTED:
        lines.append(f"… and {len(cards) - MAX_LISTED} more (the full list is in /export).")
    return "\n".join(lines)


SETTINGS_USAGE = (
    "<b>Change the scorecard</b> (group admins):\n"
    "<code>/settings score months 6</code>: the period, 1 to 12 months\n"
    "<code>/settings score referrals 1.5</code>: a goal (full points); areas: "
    "<code>attendance</code> (a %), <code>referrals</code>, <code>onetoones</code>, "
    "<code>credits</code> (a week), <code>visitors</code>, <code>business</code>, "
    "<code>testimonials</code> (a month)"
)


def settings_overview(chapter: Chapter, settings: ScoreSettings, currency: str) -> str:
    lines = [
        f"📇 <b>Scorecard settings for {e(chapter.title)}</b>",
        f"Period: the last {settings.months} months",
    ]
    for rule in RULES:
        line = ScoreLine(rule.area, rule.unit, 0, 0, settings.threshold(rule.area), 0, rule.points)
        lines.append(
            f"{AREA_LABELS[rule.area]}: goal {e(threshold_text(line, currency))}, "
            f"{rule.points} points"
        )
    lines += [
        "Colours: green from 70% of the points, amber from 50%, red below; grey for "
        "members seen less than 4 weeks.",
        "",
        SETTINGS_USAGE,
    ]
    return "\n".join(lines)


def settings_refused(refusal: ScoreSettingRefused) -> str:
    problem = refusal.problem
    if problem is ScoreSettingProblem.MONTHS:
        first = f"{e(refusal.detail)} isn't a period I can use: give 1 to 12 months."
    elif problem is ScoreSettingProblem.UNKNOWN_AREA:
        first = f"I don't know the area {e(refusal.detail)!r}."
    else:
        first = (
            f"{e(refusal.detail)} isn't a goal I can use: give a number above zero "
            "(attendance: a percentage up to 100)."
        )
    return f"{first} Nothing changed.\n\n{SETTINGS_USAGE}"


MONTHLY_FOOTER = "\n\n<i>Your monthly card. /scorecard off stops it.</i>"
PRIVATE_ONLY_FOR_MEMBERS = (
    "Your scorecard is private: send /scorecard to me in a private chat. "
    "(Group admins get the chapter's card from here, privately.)"
)
NO_CHAPTER = (
    "I haven't seen you in a chapter yet. Send a command in your chapter's group, then ask again."
)
CHAPTER_CARD_SENT = "📊 I've sent you the chapter's scorecard privately."


def cannot_send(deep_link: str) -> str:
    return (
        "I can't message you privately yet. "
        f"{link(deep_link, 'Open a chat with me')}, press Start, then ask here again."
    )


MONTHLY_OFF = (
    "👍 No more monthly scorecards. /scorecard still shows yours any time; "
    "/scorecard on brings the monthly card back."
)
MONTHLY_ON = "👍 You'll get your scorecard privately on the first meeting day of each month."
SCORECARD_USAGE = (
    "<code>/scorecard</code> shows your card (privately); <code>/scorecard off</code> stops "
    "the monthly card, <code>/scorecard on</code> brings it back."
)
