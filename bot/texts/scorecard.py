"""Templates for the scorecard: the member's card, the chapter's card, their charts' words."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.business.amounts import format_amount
from bot.i18n import (
    N_,
    _,
    current_language,
    day_month,
    day_month_year,
    decimal_two,
    format_number,
    format_share,
    ngettext,
)
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
from bot.texts.common import e, link, name
from storage.records import Chapter, Member

AREA_LABELS = {
    Area.ATTENDANCE: N_("Attendance"),
    Area.REFERRALS: N_("Referrals given"),
    Area.VISITORS: N_("Visitors"),
    Area.ONE_TO_ONES: N_("One-to-ones"),
    Area.CREDITS: N_("Education credits"),
    Area.BUSINESS: N_("Closed business (as giver)"),
    Area.TESTIMONIALS: N_("Testimonials written"),
}
SHORT_LABELS = {
    Area.ATTENDANCE: N_("Attendance"),
    Area.REFERRALS: N_("Referrals"),
    Area.VISITORS: N_("Visitors"),
    Area.ONE_TO_ONES: N_("One-to-ones"),
    Area.CREDITS: N_("Credits"),
    Area.BUSINESS: N_("Closed business"),
    Area.TESTIMONIALS: N_("Testimonials"),
}
COLOUR_WORDS = {
    Colour.GREEN: N_("🟢 green"),
    Colour.AMBER: N_("🟠 amber"),
    Colour.RED: N_("🔴 red"),
    Colour.GREY: N_("⚪ grey (new)"),
}
_PER = {Unit.PER_WEEK: N_("{figure} a week"), Unit.PER_MONTH: N_("{figure} a month")}


def area_label(area: Area) -> str:
    return _(AREA_LABELS[area])


def colour_words(colour: Colour) -> str:
    return _(COLOUR_WORDS[colour])


def _per(unit: Unit, figure: str) -> str:
    return _(_PER[unit]).format(figure=figure)


def _more(area: Area, more: int) -> str:
    """'2 more referrals': what would lift a member's colour, counted."""
    if area is Area.REFERRALS:
        text = ngettext("{count} more referral", "{count} more referrals", more)
    elif area is Area.VISITORS:
        text = ngettext("{count} more visitor", "{count} more visitors", more)
    elif area is Area.ONE_TO_ONES:
        text = ngettext("{count} more one-to-one", "{count} more one-to-ones", more)
    elif area is Area.CREDITS:
        text = ngettext("{count} more education credit", "{count} more education credits", more)
    else:
        text = ngettext("{count} more testimonial", "{count} more testimonials", more)
    return text.format(count=more)


def _number(value: float) -> str:
    if current_language() != "en":
        return format_number(value, 2)
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def figure_text(line: ScoreLine, currency: str) -> str:
    """The figure as a member reads it: `0.99 a week`, `$504 a month`, `92% of meetings`."""
    if line.unit is Unit.SHARE:
        return _("{share} of meetings").format(share=format_share(line.figure))
    if line.area is Area.BUSINESS:
        return _per(line.unit, format_amount(round(line.figure) * 100, currency))
    return _per(line.unit, decimal_two(line.figure))


def threshold_text(line: ScoreLine, currency: str) -> str:
    """The goal with its unit: `1 a week`, `$1,000 a month`, `95%`."""
    goal = _goal(line, currency)
    return goal if line.unit is Unit.SHARE else _per(line.unit, goal)


def _goal(line: ScoreLine, currency: str) -> str:
    """The goal without its unit (the figure beside it has one): `1`, `$1,000`, `95%`."""
    if line.unit is Unit.SHARE:
        return format_share(line.threshold)
    if line.area is Area.BUSINESS:
        return format_amount(round(line.threshold * 100), currency)
    return _number(line.threshold)


def count_text(line: ScoreLine, currency: str, meetings: int | None) -> str:
    if line.unit is Unit.SHARE:
        return _("{count} of {meetings} meetings").format(count=int(line.count), meetings=meetings)
    if line.area is Area.BUSINESS:
        return _("{count} in all").format(count=format_amount(round(line.count * 100), currency))
    return _("{count} in all").format(count=int(line.count))


def score_line(line: ScoreLine, currency: str, meetings: int | None = None) -> str:
    return _("{area}: <b>{figure}</b> ({count}); goal {goal}; {points}/{max_points} points").format(
        area=area_label(line.area),
        figure=e(figure_text(line, currency)),
        count=e(count_text(line, currency, meetings)),
        goal=e(threshold_text(line, currency)),
        points=line.points,
        max_points=line.max_points,
    )


def _since(facts: ChapterFacts) -> str:
    return day_month_year(facts.start.astimezone(ZoneInfo(facts.timezone)))


def _day(moment: datetime, timezone: str) -> str:
    return day_month_year(moment.astimezone(ZoneInfo(timezone)))


def colour_rule(available: int) -> str:
    green, amber = math.ceil(GREEN_SHARE * available), math.ceil(AMBER_SHARE * available)
    return _("Green from {green} points, amber from {amber}, red below.").format(
        green=green, amber=amber
    )


def lift_text(score: Score, timezone: str) -> str:
    if score.colour is Colour.GREY and score.judged_from is not None:
        return _("You're new here: your colour counts from {day}.").format(
            day=_day(score.judged_from, timezone)
        )
    if score.lift is None:
        return _("You're green: keep it up.")
    lift = score.lift
    values = {"colour": colour_words(lift.target), "points": lift.points_needed}
    moves = [_more(area, more) for area, more in lift.moves]
    if not moves:
        return _("To reach {colour}: {points} more points.").format(**values)
    return _("To reach {colour}: {points} more points: for example {moves} in the period.").format(
        moves=_(" or ").join(moves), **values
    )


def member_card_text(
    chapter: Chapter, card: MemberCard, facts: ChapterFacts, currency: str, months: int
) -> str:
    score = card.score
    lines = [
        _("📇 <b>Your scorecard: {title}</b>").format(title=e(chapter.title)),
        _(
            "Last {months} months (since {since}): <b>{total} of {available} points, {colour}</b>"
        ).format(
            months=months,
            since=_since(facts),
            total=score.total,
            available=score.available,
            colour=colour_words(score.colour),
        ),
        "",
    ]
    for line in score.lines:
        text = score_line(line, currency, card.tally.meetings)
        if line.area is Area.ONE_TO_ONES and card.pending_one_to_ones:
            text += " " + _("(+{count} waiting for confirmation, not counted yet)").format(
                count=card.pending_one_to_ones
            )
        lines.append(text)
    missing = [area_label(rule.area) for rule in RULES if rule.area not in _areas(score)]
    if missing:
        lines.append(
            _("Not scored: {areas} (none logged for you or the chapter in the period).").format(
                areas=", ".join(missing).lower()
            )
        )
    lines += ["", lift_text(score, chapter.timezone), colour_rule(score.available)]
    return "\n".join(lines)


def _areas(score: Score) -> set[Area]:
    return {line.area for line in score.lines}


def week_labels(facts: ChapterFacts) -> list[str]:
    zone = ZoneInfo(facts.timezone)
    count = len(weekly(facts, []))
    return [day_month((facts.start + timedelta(days=7 * i)).astimezone(zone)) for i in range(count)]


def member_chart(
    chapter: Chapter, member: Member, card: MemberCard, facts: ChapterFacts, currency: str
) -> MemberChart:
    score = card.score
    referrals = next(line for line in score.lines if line.area is Area.REFERRALS)
    return MemberChart(
        title=f"{member.full_name} · {chapter.title}",
        subtitle=_("{total} of {available} points · {colour}").format(
            total=score.total, available=score.available, colour=_(COLOUR_NAMES[score.colour])
        ),
        colour=score.colour.value,
        bars=[
            AreaBar(
                _(SHORT_LABELS[line.area]),
                line.figure / line.threshold,
                _("{figure} · goal {goal}").format(
                    figure=figure_text(line, currency), goal=_goal(line, currency)
                ),
            )
            for line in score.lines
        ],
        bars_x_label=_("share of the goal reached"),
        goal_label=_("goal"),
        series=Series(
            _("Referrals given, week by week"),
            _("referrals"),
            [float(value) for value in card.weekly_referrals],
            referrals.threshold,
            _("goal: {goal} a week").format(goal=_number(referrals.threshold)),
        ),
        x_label=_("week starting"),
        week_labels=week_labels(facts),
    )


COLOUR_ORDER = (Colour.GREEN, Colour.AMBER, Colour.RED, Colour.GREY)
COLOUR_LABELS = {
    Colour.GREEN: N_("Green"),
    Colour.AMBER: N_("Amber"),
    Colour.RED: N_("Red"),
    Colour.GREY: N_("Grey (new)"),
}
COLOUR_NAMES = {  # the chart's subtitle: the colour's plain name
    Colour.GREEN: N_("green"),
    Colour.AMBER: N_("amber"),
    Colour.RED: N_("red"),
    Colour.GREY: N_("grey"),
}


def colour_counts(cards: list[tuple[Member, MemberCard]]) -> dict[Colour, int]:
    counts = dict.fromkeys(COLOUR_ORDER, 0)
    for __, card in cards:
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
            _("Referrals passed, week by week"),
            _("referrals"),
            [float(v) for v in weekly(facts, [moment for __, moment in facts.referrals])],
            settings.threshold(Area.REFERRALS) * members,
            ngettext("goal for {count} member", "goal for {count} members", members).format(
                count=members
            ),
        ),
        Series(
            _("One-to-ones, week by week"),
            _("one-to-ones"),
            [float(v) for v in weekly(facts, _one_to_one_moments(facts))],
        ),
    ]
    if facts.attendance_weekly is not None:
        series.append(
            Series(
                _("Attendance, week by week"),
                _("% present"),
                [math.nan if s is None else 100 * s for s in facts.attendance_weekly],
                100 * settings.threshold(Area.ATTENDANCE),
                _("goal: {goal}").format(goal=format_share(settings.threshold(Area.ATTENDANCE))),
            )
        )
    if facts.visitors is not None:
        series.append(
            Series(
                _("Visitors, week by week"),
                _("visitors"),
                [float(v) for v in weekly(facts, [moment for __, moment in facts.visitors])],
            )
        )
    return ChapterChart(
        title=chapter.title,
        subtitle=_("Scorecard, last {months} months").format(months=settings.months),
        colours_title=_("Members by colour"),
        colour_counts=[(_(COLOUR_LABELS[c]), counts[c], c.value) for c in COLOUR_ORDER],
        colours_x_label=_("members"),
        series=series,
        x_label=_("week starting"),
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
        _("📊 <b>Scorecard: {title}</b>").format(title=e(chapter.title)),
        ngettext(
            "Last {months} months (since {since}); {count} member",
            "Last {months} months (since {since}); {count} members",
            len(cards),
        ).format(months=settings.months, since=_since(facts), count=len(cards)),
        " · ".join(f"{colour_words(c)} {counts[c]}" for c in COLOUR_ORDER),
        _(
            "Referrals passed: {referrals}; one-to-ones: {one_to_ones}; "
            "education credits: {credits}; testimonials: {testimonials}"
        ).format(
            referrals=len(facts.referrals),
            one_to_ones=confirmed,
            credits=len(facts.credits),
            testimonials=len(facts.testimonials),
        ),
        "",
        _("<b>Members by points</b>"),
    ]
    for rank, (member, card) in enumerate(cards[:MAX_LISTED], start=1):
        score = card.score
        lines.append(
            f"{rank}. {name(member)}: {score.total}/{score.available}, {colour_words(score.colour)}"
        )
    if len(cards) > MAX_LISTED:
        lines.append(
            _("… and {count} more (the full list is in /export).").format(
                count=len(cards) - MAX_LISTED
            )
        )
    return "\n".join(lines)


def settings_usage() -> str:
    return _(
        "<b>Change the scorecard</b> (group admins):\n"
        "<code>/settings score months 6</code>: the period, 1 to 12 months\n"
        "<code>/settings score referrals 1.5</code>: a goal (full points); areas: "
        "<code>attendance</code> (a %), <code>referrals</code>, <code>onetoones</code>, "
        "<code>credits</code> (a week), <code>visitors</code>, <code>business</code>, "
        "<code>testimonials</code> (a month)"
    )


def settings_overview(chapter: Chapter, settings: ScoreSettings, currency: str) -> str:
    lines = [
        _("📇 <b>Scorecard settings for {title}</b>").format(title=e(chapter.title)),
        _("Period: the last {months} months").format(months=settings.months),
    ]
    for rule in RULES:
        line = ScoreLine(rule.area, rule.unit, 0, 0, settings.threshold(rule.area), 0, rule.points)
        lines.append(
            _("{area}: goal {goal}, {points} points").format(
                area=area_label(rule.area),
                goal=e(threshold_text(line, currency)),
                points=rule.points,
            )
        )
    lines += [
        _(
            "Colours: green from {green} of the points, amber from {amber}, red below; grey "
            "for members seen less than 4 weeks."
        ).format(green=format_share(GREEN_SHARE), amber=format_share(AMBER_SHARE)),
        "",
        settings_usage(),
    ]
    return "\n".join(lines)


def monthly_footer() -> str:
    return "\n\n" + _("<i>Your monthly card. /scorecard off stops it.</i>")


def private_only_for_members() -> str:
    return _(
        "Your scorecard is private: send /scorecard to me in a private chat. "
        "(Group admins get the chapter's card from here, privately.)"
    )


def no_chapter() -> str:
    return _(
        "I haven't seen you in a chapter yet. Send a command in your chapter's group, "
        "then ask again."
    )


def chapter_card_sent() -> str:
    return _("📊 I've sent you the chapter's scorecard privately.")


def cannot_send(deep_link: str) -> str:
    return _(
        "I can't message you privately yet. {open_chat}, press Start, then ask here again."
    ).format(open_chat=link(deep_link, _("Open a chat with me")))


def monthly_off() -> str:
    return _(
        "👍 No more monthly scorecards. /scorecard still shows yours any time; "
        "/scorecard on brings the monthly card back."
    )


def monthly_on() -> str:
    return _("👍 You'll get your scorecard privately on the first meeting day of each month.")


def scorecard_usage() -> str:
    return _(
        "<code>/scorecard</code> shows your card (privately); <code>/scorecard off</code> stops "
        "the monthly card, <code>/scorecard on</code> brings it back."
    )
