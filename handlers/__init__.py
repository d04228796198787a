"""Telegram-facing layer: parse the update, call bot/, render the reply.

`register_handlers` is the one place that wires every feature, in this order:
- group -3: with ALLOWED_CHAT_IDS set, leaving groups not on the list (stops the update);
- group -2: following a group's migration to a supergroup, before anything reads its chat id;
- group -1: recording chapters and members (runs for every update, never stops it);
- group 0: guards first (forwarded commands, personal commands posted as a chat), then the
  features' commands and buttons, then commands sent where they don't work, then stale buttons;
- group 1: the roster noting who left the group or came back;
- the error handler last.
"""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    chapter_settings,
    closing,
    errors,
    export,
    followup,
    guards,
    language,
    meeting,
    one_to_ones,
    places,
    recognition,
    referral_edits,
    referral_form,
    referrals,
    scorecard,
    start,
    start_links,
    stats,
    tips,
    tracking,
    visitors,
)


def register_handlers(app: Application) -> None:
    tracking.register(app)
    guards.register(app)  # before every feature: a guard that answers stops the update
    one_to_ones.register(app)  # before start: /start oo_<id> opens a one-to-one question
    start_links.register(app)  # before start: /start visitor_<id>, roster, export
    start.register(app)
    language.register(app)
    referral_edits.register(app)  # before /refer: an edit is not a repeated delivery
    referrals.register(app)
    referral_form.register(app)  # /refer in private: a form kept in the database
    followup.register(app)
    closing.register(app)
    stats.register(app)
    export.register(app)
    tips.register(app)
    meeting.register(app)  # before /settings: it takes /settings absences and visitorhosts
    visitors.register(app)
    chapter_settings.register(app)
    recognition.register(app)
    scorecard.register(app)
    places.register(app)  # after every feature: commands sent where they don't work
    followup.register_fallbacks(app)  # must stay after every feature's buttons
    errors.register(app)
