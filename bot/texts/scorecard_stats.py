"""What /stats, /stats me and /export add for one-to-ones, testimonials and credits."""

from __future__ import annotations

from bot.scorecard.figures import ActivityFigures, MemberActivity
from bot.texts.common import e


def _line(figures: ActivityFigures) -> str:
    return (
        f"one-to-ones {figures.one_to_ones} (and {figures.waiting} waiting for confirmation); "
        f"testimonials {figures.testimonials}; education credits {figures.credits}"
    )


def chapter_lines(figures: ActivityFigures) -> str:
    line = _line(figures)
    return f"\n🤝 {line[0].upper()}{line[1:]}"


def member_lines(items: list[MemberActivity]) -> str:
    if not items:
        return ""
    lines = ["", "🤝 <b>One-to-ones, testimonials, credits</b>"]
    lines += [f"{e(item.chapter.title)}: {_line(item.figures)}" for item in items]
    lines.append("Your whole card, with a chart: /scorecard")
    return "\n".join(lines)


def activity_caption(title: str, rows: int) -> str:
    return f"{e(title)}: one-to-ones, testimonials and education credits ({rows} rows)."
