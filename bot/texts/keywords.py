"""The words members type after a command, in their language as well as in English: the one
place every parser reads them from.

A keyword is a catalog message in the context "keyword" ("keyword: date" for the small words
around a typed day): its msgid is the English word (English
synonyms separated by "|"), its translation the local words, separated by "|" too, the first one
being the word the help texts show. `/visitor V12 vino` and `/visitor V12 came` are the same step
in a Spanish chapter. Weekday and month names come from Babel's locale data (CLDR), not from
the catalogs, so `viernes`, `vie`, `sexta`, `пятницу` and `20 de noviembre` need no translator.

Words are compared without case, accents, hyphens or underscores (`sabado` is `sábado`,
`no-interesado` is `nointeresado`), in English and in the language of the update: the group's,
or the member's own in a private chat.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from babel import Locale
from babel.dates import get_day_names, get_month_names

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


# --- Weekdays, months and duration units: Babel's locale data -------------------------------


@cache
def _calendar_names(language: str, kind: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per weekday (Monday first) or month (January first): the exact forms (abbreviated and
    wide, in running text and standing alone) and the wide ones alone, folded."""
    names = get_day_names if kind == "day" else get_month_names
    count = 7 if kind == "day" else 12
    first = 0 if kind == "day" else 1
    exact: list[set[str]] = [set() for _ in range(count)]
    wide: list[set[str]] = [set() for _ in range(count)]
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            for key, name in names(width, context, locale=Locale.parse(language)).items():
                exact[key - first].add(fold(name))
                if width == "wide":
                    wide[key - first].add(fold(name))
    return tuple((frozenset(e), frozenset(w)) for e, w in zip(exact, wide, strict=True))


def _names_match(word: str, exact: frozenset[str], wide: frozenset[str]) -> bool:
    """`vie`, `viernes`, `пт`; a start of the name (`sept`, `miérc`); or the name with another
    ending (`пятницу`, `ноябре`, `марте`: Russian declines them; `fridays`)."""
    if word in exact:
        return True
    return any(
        (len(word) >= 3 and name.startswith(word))
        or (len(word) >= 5 and len(name) >= 5 and word[:-1] == name[:-1])
        or (len(name) >= 4 and word.startswith(name) and len(word) - len(name) <= 2)
        for name in wide
    )


def _calendar_index(word: str, kind: str) -> int | None:
    wanted = fold(word)
    if not wanted:
        return None
    for language in typed_languages():
        for index, (exact, wide) in enumerate(_calendar_names(language, kind)):
            if _names_match(wanted, exact, wide):
                return index
    return None


def weekday(word: str) -> int | None:
    """0 (Monday) to 6: `fri`, `Friday`, `vie`, `viernes`, `sexta`, `пятница`, `пт`."""
    return _calendar_index(word, "day")


def month(word: str) -> int | None:
    """1 to 12: `nov`, `November`, `noviembre`, `novembro`, `ноября`."""
    index = _calendar_index(word, "month")
    return None if index is None else index + 1


_DURATION_UNITS = {
    "s": "duration-second",
    "m": "duration-minute",
    "h": "duration-hour",
    "d": "duration-day",
    "w": "duration-week",
}


@cache
def _unit_words(language: str) -> dict[str, str]:
    """Folded unit word -> s, m, h, d or w: `horas`, `h`, `días`, `sem`, `дня`, `ч`, `нед`."""
    data = Locale.parse(language)._data["unit_patterns"]
    found: dict[str, str] = {}
    for letter, unit in _DURATION_UNITS.items():
        for length in ("long", "short", "narrow"):
            for form, pattern in data.get(unit, {}).get(length, {}).items():
                word = fold(pattern.replace("{0}", ""))
                if form != "per" and word:
                    found.setdefault(word, letter)
    return found


def duration_unit(word: str) -> str | None:
    """s, m, h, d or w for a unit as typed: `d`, `days`, `días`, `дня`, `horas`, `ч`."""
    wanted = fold(word)
    if wanted in _DURATION_UNITS:
        return wanted
    for language in typed_languages():
        if wanted in _unit_words(language):
            return _unit_words(language)[wanted]
    return None
