"""The words members type after a command, in their language as well as in English: the one
place every parser reads them from.

A keyword is a catalog message in the context "keyword" ("keyword: date" for the small words
around a typed day): its msgid is the English word (English synonyms separated by "|"), its
translation the local words, separated by "|" too, the first one being the word the help texts
show. `/visitor V12 vino` and `/visitor V12 came` are the same step in a Spanish chapter.
Weekday, month and unit names come from Babel's locale data instead (bot/texts/calendar_words.py).

Words are compared without case, accents, hyphens or underscores (`sabado` is `sábado`,
`no-interesado` is `nointeresado`), in English and in the language of the update: the group's,
or the member's own in a private chat.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from bot.i18n import DEFAULT, current_language, pgettext, use_language

_IGNORED = str.maketrans("", "", "-_.'’")

Vocabulary = Callable[[], Sequence[str]]  # the words of one parser, in the current language


def fold(word: str) -> str:
    """`Sábado` -> `sabado`, `no-le-interesa` -> `noleinteresa`, `пришёл` -> `пришел`."""
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_IGNORED)


def typed_languages() -> tuple[str, ...]:
    """Whose words a member may type now: the update's language, then English."""
    return tuple(dict.fromkeys((current_language(), DEFAULT)))


def _words(vocabulary: Vocabulary, language: str) -> list[set[str]]:
    with use_language(language):
        return [{fold(word) for word in entry.split("|")} - {""} for entry in vocabulary()]


def read(vocabulary: Vocabulary, word: str) -> str | None:
    """The English keyword (the first of its msgid) `word` means, in the update's language or
    in English; None when it is none of them."""
    wanted = fold(word)
    if not wanted:
        return None
    english = [entry.split("|")[0] for entry in _entries(vocabulary)]
    for language in typed_languages():
        for index, words in enumerate(_words(vocabulary, language)):
            if wanted in words:
                return english[index]
    return None


def _entries(vocabulary: Vocabulary) -> Sequence[str]:
    with use_language(DEFAULT):
        return vocabulary()


def shown(vocabulary: Vocabulary, english: str) -> str:
    """The word the current language shows for the keyword `english`: `consejos` for tips."""
    for index, entry in enumerate(_entries(vocabulary)):
        if entry.split("|")[0] == english:
            return vocabulary()[index].split("|")[0]
    return english


# --- The vocabularies. Translators: alternatives separated by "|", the first shown in help. ---


def relative_days() -> Sequence[str]:
    """/121 @bob yesterday: days counted from today (-1, 0, +1), in this order."""
    return (
        # Translators: a day a member types after /121 @bob (alternatives separated by |).
        pgettext("keyword", "yesterday"),
        # Translators: a day a member types after /121 @bob (alternatives separated by |).
        pgettext("keyword", "today|now"),
        # Translators: a day a member types after /121 @bob (alternatives separated by |).
        pgettext("keyword", "tomorrow"),
    )


def day_prepositions() -> Sequence[str]:
    """The small words around a typed day: `on friday`, `el viernes`, `в пятницу`;
    `20 de noviembre`."""
    return (
        # Translators: the small words a member may put before a day: "el viernes", "в
        # пятницу" (alternatives separated by |).
        pgettext("keyword: date", "on"),
        # Translators: the small word between a day's number and its month, as in "20 de
        # noviembre"; write - if your language puts none there.
        pgettext("keyword: date", "of"),
    )


def setting_names() -> Sequence[str]:
    """/settings tips, /settings window...: the name of the setting an admin changes."""
    return (
        # Translators: /settings timezone Europe/Madrid - the chapter's time zone.
        pgettext("keyword", "timezone|tz|zone"),
        # Translators: /settings tips tue 07:30 - the weekly education minute (tip).
        pgettext("keyword", "tips"),
        # Translators: /settings window 48h - the time a receiver has to follow up.
        pgettext("keyword", "window"),
        # Translators: /settings currency EUR - the currency of closed business.
        pgettext("keyword", "currency"),
        # Translators: /settings amounts hidden - amounts in the group's thank-yous.
        pgettext("keyword", "amounts"),
        # Translators: /settings summary sun 18:00 - the weekly summary of the numbers.
        pgettext("keyword", "summary"),
        # Translators: /settings language es - the language of the chapter's group.
        pgettext("keyword", "language"),
        # Translators: /settings score months 6 - the scorecard's settings.
        pgettext("keyword", "score"),
        # Translators: /settings absences 3 in 6 - the absence limit.
        pgettext("keyword", "absences"),
        # Translators: /settings visitorhosts @carol - the members who welcome visitors.
        pgettext("keyword", "visitorhosts"),
    )


def marks() -> Sequence[str]:
    """/attendance @bob medical."""
    return (
        # Translators: an attendance mark an admin types: /attendance @bob present.
        pgettext("keyword", "present"),
        # Translators: an attendance mark an admin types: /attendance @bob late.
        pgettext("keyword", "late"),
        # Translators: an attendance mark an admin types: /attendance @bob absent.
        pgettext("keyword", "absent"),
        # Translators: an attendance mark an admin types: on medical leave.
        pgettext("keyword", "medical"),
        # Translators: an attendance mark an admin types: someone stood in for the member.
        pgettext("keyword", "sub|substitute"),
    )


def visitor_steps() -> Sequence[str]:
    """/visitor V12 came: what became of a visitor."""
    return (
        # Translators: /visitor V12 came - a host says the visitor arrived at the meeting.
        pgettext("keyword", "came"),
        # Translators: /visitor V12 joined - an admin says the visitor joined the chapter.
        pgettext("keyword", "joined"),
        # Translators: /visitor V12 called - the visitor was phoned after the meeting.
        pgettext("keyword", "called"),
        # Translators: /visitor V12 applying - the visitor is applying to join.
        pgettext("keyword", "applying"),
        # Translators: /visitor V12 notinterested - the visitor does not want to join.
        pgettext("keyword", "notinterested|not_interested"),
    )


def periods() -> Sequence[str]:
    """/stats month, /visitors year: this week, month, quarter, year, or all time."""
    return (
        # Translators: /stats week - the numbers of this week.
        pgettext("keyword", "week"),
        # Translators: /stats month - the numbers of this month.
        pgettext("keyword", "month"),
        # Translators: /stats quarter - the numbers of this quarter.
        pgettext("keyword", "quarter"),
        # Translators: /stats year - the numbers of this year.
        pgettext("keyword", "year"),
        # Translators: /stats all - the numbers of all time.
        pgettext("keyword", "all"),
    )


def stats_words() -> Sequence[str]:
    """/stats me, /stats hide, /stats show."""
    return (
        # Translators: /stats me - a member asks for their own numbers.
        pgettext("keyword", "me"),
        # Translators: /stats hide - keep my name off the top lists.
        pgettext("keyword", "hide"),
        # Translators: /stats show - put my name back on the top lists.
        pgettext("keyword", "show"),
    )


def switches() -> Sequence[str]:
    """/settings tips off, /scorecard on."""
    return (
        # Translators: turn something on: /settings tips on, /scorecard on.
        pgettext("keyword", "on"),
        # Translators: turn something off: /settings tips off, /scorecard off.
        pgettext("keyword", "off|none"),
    )


def setting_words() -> Sequence[str]:
    """The other words of /settings, /meeting and /roster."""
    return (
        # Translators: /settings tips here - post the tips in this topic.
        pgettext("keyword", "here"),
        # Translators: /settings amounts hidden - amounts are not shown in thank-yous.
        pgettext("keyword", "hidden"),
        # Translators: /settings amounts shown - amounts are shown in thank-yous.
        pgettext("keyword", "shown"),
        # Translators: /meeting close - an admin closes the check-in.
        pgettext("keyword", "close"),
        # Translators: /roster remove @bob - take someone off the roster.
        pgettext("keyword", "remove"),
        # Translators: /settings score months 6 - the scorecard's period in months.
        pgettext("keyword", "months"),
    )


def absence_words() -> Sequence[str]:
    """/settings absences 3 in 6 months."""
    return (
        # Translators: the word in "/settings absences 3 in 6": 3 absences in 6 months.
        pgettext("keyword", "in"),
        # Translators: the word that may end "/settings absences 3 in 6 months".
        pgettext("keyword", "months|month|m"),
    )


def areas() -> Sequence[str]:
    """/settings score referrals 1.5: the scorecard's areas."""
    return (
        # Translators: a scorecard area an admin types: /settings score attendance 90.
        pgettext("keyword", "attendance"),
        # Translators: a scorecard area an admin types: /settings score referrals 1.5.
        pgettext("keyword", "referrals"),
        # Translators: a scorecard area an admin types: /settings score visitors 1.
        pgettext("keyword", "visitors"),
        # Translators: a scorecard area an admin types: /settings score onetoones 1.
        pgettext("keyword", "onetoones|121"),
        # Translators: a scorecard area an admin types: education credits.
        pgettext("keyword", "credits|ceu"),
        # Translators: a scorecard area an admin types: closed business.
        pgettext("keyword", "business"),
        # Translators: a scorecard area an admin types: testimonials written.
        pgettext("keyword", "testimonials"),
    )


VOCABULARIES: tuple[Vocabulary, ...] = (
    setting_names,
    relative_days,
    day_prepositions,
    marks,
    visitor_steps,
    periods,
    stats_words,
    switches,
    setting_words,
    absence_words,
    areas,
)
