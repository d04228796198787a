"""Templates for /testimonial, education credits (the tip's button and /ceu)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import tip_read_data
from bot.i18n import _
from bot.texts.common import e, mention, name
from storage.recognition import Testimonial
from storage.records import Chapter, Member


def testimonial_usage() -> str:
    return _(
        "Write it like this: <code>/testimonial @bob Fixed our roof in a day, and left the site "
        "cleaner than he found it</code> (or reply to Bob's message with <code>/testimonial "
        "...</code>)."
    )


def ceu_usage() -> str:
    return _(
        "Log learning like this: <code>/ceu Listened to a podcast on referral marketing</code> "
        "(one a day)."
    )


def testimonial_post(testimonial: Testimonial, writer: Member, subject: Member) -> str:
    return (
        _("🌟 <b>Testimonial for {member}</b>").format(member=mention(subject))
        + f"\n<blockquote>{e(testimonial.text)}</blockquote>\n"
        + f"— {name(writer)}"
    )


def testimonial_to_subject(testimonial: Testimonial, writer: Member, chapter: Chapter) -> str:
    return (
        _("🌟 {writer} wrote a testimonial for you in {title}:").format(
            writer=name(writer), title=e(chapter.title)
        )
        + f"\n<blockquote>{e(testimonial.text)}</blockquote>"
    )


def testimonial_in_private() -> str:
    return _("Testimonials are shared with the chapter: send /testimonial in your chapter's group.")


def ceu_logged(chapter: Chapter) -> str:
    return _("🎓 +1 education credit in {title}. /scorecard shows your card.").format(
        title=e(chapter.title)
    )


def ceu_no_chapter() -> str:
    return _("I haven't seen you in a chapter yet. Send a command in your chapter's group first.")


def tip_buttons(chapter_id: int, week: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("I read it (+1 credit)"), callback_data=tip_read_data(chapter_id, week)
                )
            ]
        ]
    )


def tip_credit_earned() -> str:
    return _("🎓 +1 education credit. Thanks for reading!")


def tip_credit_already() -> str:
    return _("You have this tip's credit already.")


def tip_button_gone() -> str:
    return _("This button doesn't belong to a tip of this chapter.")
