"""What /stats, /stats me and /export add for one-to-ones, testimonials and credits."""

from __future__ import annotations

from bot.i18n import _
from bot.scorecard.figures import ActivityFigures, MemberActivity
from bot.texts.common import e


def _line(figures: ActivityFigures) -> str:
    return _(
        "one-to-ones {one_to_ones} (and {waiting} waiting for confirmation); "
        "testimonials {testimonials}; education credits {credits}"
    ).format(**_figures(figures))


def _figures(figures: ActivityFigures) -> dict[str, int]:
    return {
        "one_to_ones": figures.one_to_ones,
        "waiting": figures.waiting,
        "testimonials": figures.testimonials,
        "credits": figures.credits,
    }


def chapter_lines(figures: ActivityFigures) -> str:
    return "\n" + _(
        "🤝 One-to-ones {one_to_ones} (and {waiting} waiting for confirmation); "
        "testimonials {testimonials}; education credits {credits}"
    ).format(**_figures(figures))


def member_lines(items: list[MemberActivity]) -> str:
    if not items:
        return ""
    lines = ["", _("🤝 <b>One-to-ones, testimonials, credits</b>")]
    lines += [f"{e(item.chapter.title)}: {_line(item.figures)}" for item in items]
    lines.append(_("Your whole card, with a chart: /scorecard"))
    return "\n".join(lines)


def activity_caption(title: str, rows: int) -> str:
    return _("{title}: one-to-ones, testimonials and education credits ({rows} rows).").format(
        title=e(title), rows=rows
    )
