"""Templates for /settings."""

from __future__ import annotations

from datetime import timedelta

from bot.core.durations import exact_duration
from bot.i18n import N_, NATIVE_NAMES, _
from bot.texts.common import e, local_time
from storage.records import Chapter

_EVERY_WEEKDAY = (
    N_("Mondays at {time}"),
    N_("Tuesdays at {time}"),
    N_("Wednesdays at {time}"),
    N_("Thursdays at {time}"),
    N_("Fridays at {time}"),
    N_("Saturdays at {time}"),
    N_("Sundays at {time}"),
)


def usage() -> str:
    return _(
        "<b>Change a setting</b> (group admins):\n"
        "<code>/settings timezone Europe/Berlin</code>: the chapter's time zone\n"
        "<code>/settings tips tue 07:30</code>: the education minute's day and time\n"
        "<code>/settings tips off</code> or <code>on</code>: pause or resume the weekly tip\n"
        "<code>/settings tips here</code>: post tips in this topic (forum groups)\n"
        "<code>/settings window 48h</code>: the follow-up window (1h to 30d)\n"
        "<code>/settings currency EUR</code>: the currency of closed business\n"
        "<code>/settings amounts hidden</code> or <code>shown</code>: amounts in thank-yous\n"
        "<code>/settings summary sun 18:00</code> or <code>off</code>: a weekly summary of the "
        "numbers\n"
        "<code>/settings absences 3 in 6</code>: the absence limit (absences in months)\n"
        "<code>/settings visitorhosts @carol @dave</code> or <code>none</code>: the visitor hosts"
    ) + _("\n<code>/settings language es</code>: the language of the chapter's group")


def admins_only() -> str:
    return _(
        "Only the group's admins can change the chapter's settings. /help lists what you can do."
    )


def every_weekday(weekday: int, at: str) -> str:
    """'Tuesdays at 07:30'."""
    return _(_EVERY_WEEKDAY[weekday]).format(time=at)


def overview(
    chapter: Chapter,
    window: timedelta,
    currency: str,
    given_up: int = 0,
    language: str | None = None,
) -> str:
    if chapter.tips_enabled:
        tips = every_weekday(chapter.tip_weekday, chapter.tip_time)
        if chapter.next_tip_at is not None:
            next_at = e(local_time(chapter.next_tip_at, chapter.timezone))
            tips += _(" (next: {when})").format(when=next_at)
        if chapter.tip_thread_id is not None:
            tips += _(", in the chosen topic")
    else:
        tips = _("off")
    window_text = (
        exact_duration(window)
        if chapter.follow_up_window is not None
        else _("{window} (default)").format(window=exact_duration(window))
    )
    summary = (
        every_weekday(chapter.summary_weekday, chapter.summary_time or "")
        if chapter.summary_weekday is not None
        else _("off")
    )
    amounts = (
        _("Currency: {currency}; amounts hidden in thank-yous")
        if chapter.amounts_hidden
        else _("Currency: {currency}; amounts shown in thank-yous")
    ).format(currency=e(currency))
    lines = [
        _("⚙️ <b>Settings for {title}</b>").format(title=e(chapter.title)),
        _("Time zone: {timezone}").format(timezone=e(chapter.timezone)),
        _("Education minute: {tips}").format(tips=tips),
        _("Follow-up window: {window}").format(window=window_text),
        amounts,
        _("Weekly summary: {summary}").format(summary=summary),
    ]
    if language:  # chosen with /settings language (until then: the bot's default)
        lines.append(_("Language: {language}").format(language=NATIVE_NAMES.get(language, "")))
    if given_up:
        lines.append(
            _(
                "⚠️ Reminders Telegram kept refusing, given up: {count} (the bot's log says why)"
            ).format(count=given_up)
        )
    return "\n".join(lines) + "\n\n" + usage()


_EXAMPLES = {
    "timezone": N_("/settings timezone Europe/Berlin (or America/New_York, Asia/Singapore, UTC)"),
    "tips": N_("/settings tips tue 07:30 (days: mon tue wed thu fri sat sun; 24-hour time)"),
    "window": N_("/settings window 48h (from 1h to 30d; units m, h, d)"),
    "currency": N_("/settings currency EUR (an ISO 4217 code: USD, EUR, GBP, CHF...)"),
    "amounts": N_("/settings amounts hidden (or shown)"),
    "summary": N_("/settings summary sun 18:00 (or off)"),
    "language": N_("/settings language es (or en, pt_BR, ru)"),
}


SETTINGS_WITH_EXAMPLES = frozenset(_EXAMPLES)


def example(setting: str) -> str:
    return _(_EXAMPLES[setting])


def unknown_setting() -> str:
    return _("I don't know that setting.") + "\n\n" + usage()


def topic_chosen() -> str:
    return _("👍 The education minute will be posted in this topic.")


def topic_cleared() -> str:
    return _("👍 The education minute will be posted in the group's main chat.")


def language_set(language: str) -> str:
    """Said in the new language: the group reads from now on in it."""
    return _("👍 From now on I write in this group in {language}.").format(
        language=NATIVE_NAMES[language]
    )
