"""Templates for /testimonial, education credits (the tip's button and /ceu)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import tip_read_data
from bot.texts.common import e, mention, name
from storage.recognition import Testimonial
from storage.records import Chapter, Member

TESTIMONIAL_USAGE = (
    "Write it like this: <code>/testimonial @bob Fixed our roof in a day, and left the site "
    "cleaner than he found it</code> (or reply to Bob's message with <code>/testimonial "
    "...</code>)."
)
CEU_USAGE = (
    "Log learning like this: <code>/ceu Listened to a podcast on referral marketing</code> "
    "(one a day)."
)

def testimonial_post(testimonial: Testimonial, writer: Member, subject: Member) -> str:
    return (
        f"🌟 <b>Testimonial for {mention(subject)}</b>\n"
        f"<blockquote>{e(testimonial.text)}</blockquote>\n"
        f"— {name(writer)}"
    )


def testimonial_to_subject(testimonial: Testimonial, writer: Member, chapter: Chapter) -> str:
    return (
        f"🌟 {name(writer)} wrote a testimonial for you in {e(chapter.title)}:\n"
        f"<blockquote>{e(testimonial.text)}</blockquote>"
    )


TESTIMONIAL_IN_PRIVATE = (
    "Testimonials are shared with the chapter: send /testimonial in your chapter's group."
)


def ceu_logged(chapter: Chapter) -> str:
    return f"🎓 +1 education credit in {e(chapter.title)}. /scorecard shows your card."


CEU_NO_CHAPTER = (
    "I haven't seen you in a chapter yet. Send a command in your chapter's group first."
)

TIP_BUTTON = "I read it (+1 credit)"


def tip_buttons(chapter_id: int, week: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(TIP_BUTTON, callback_data=tip_read_data(chapter_id, week))]]
    )


TIP_CREDIT_EARNED = "🎓 +1 education credit. Thanks for reading!"
TIP_CREDIT_ALREADY = "You have this tip's credit already."
TIP_BUTTON_GONE = "This button doesn't belong to a tip of this chapter."
