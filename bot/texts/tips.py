"""Templates for the education minute and /tip."""

from __future__ import annotations

from html import escape

from bot.tips.tip import Tip


def tip_post(tip: Tip) -> str:
    """The weekly post. The tip's HTML was rendered (and escaped) from the content file."""
    text = f"🎓 <b>Education minute: {escape(tip.title)}</b>\n\n{tip.body_html}"
    if tip.source_html:
        text += f"\n\n<i>Source: {tip.source_html}</i>"
    return text


NO_TIPS = "There are no tips to share yet."
