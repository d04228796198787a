"""Templates for the education minute and /tip."""

from __future__ import annotations

from html import escape

from bot.i18n import _
from bot.tips.tip import Tip


def tip_post(tip: Tip) -> str:
    """The weekly post. The tip's HTML was rendered (and escaped) from the content file."""
    text = _("🎓 <b>Education minute: {title}</b>").format(title=escape(tip.title))
    text += f"\n\n{tip.body_html}"
    if tip.source_html:
        text += "\n\n" + _("<i>Source: {source}</i>").format(source=tip.source_html)
    return text


def no_tips() -> str:
    return _("There are no tips to share yet.")
