"""Weekday, month and duration-unit names as members type them, from Babel's locale data (CLDR):
`viernes`, `vie`, `sexta`, `пт`, `пятницу`; `noviembre`, `ноября`, `sept.`; `horas`, `дня`, `ч`.
No translator writes them. Read, like every keyword (bot/texts/keywords.py), in the update's
language and in English, without case or accents.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.dates import get_date_format, get_day_names, get_month_names

from bot.i18n import DEFAULT, current_language
from bot.texts.keywords import fold, typed_languages


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


def day_before_month() -> bool | None:
    """How the update's language writes a date in figures: 20/11 (True: es, pt_BR; 20.11 in
    ru), or None for English, where 11/20 and 20/11 both occur and figures alone are not read."""
    language = current_language()
    if language == DEFAULT:
        return None
    pattern = get_date_format("short", locale=Locale.parse(language)).pattern
    return pattern.index("d") < pattern.index("M")


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
    data = Locale.parse(language)._data["unit_patterns"]  # Babel keeps no public getter for these
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
