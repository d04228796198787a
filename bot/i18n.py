"""The bot's languages: gettext catalogs (Babel), the current language, and local formats.

Every member-facing text is an English msgid wrapped in `_()` (or `ngettext()` when it counts
something); the catalogs in `locales/<lang>/LC_MESSAGES/chapterbot.po` translate them. The .po
files are compiled in memory the first time a language is used, so a fresh clone needs no build
step. A template is a whole sentence with named `{placeholders}`, filled after translation:
`_("Referral #{number} recorded.").format(number=7)`.

Which language is current is a context variable: `use_language("es")` around rendering, for a
reply, a group post or one recipient of a sweep. English is the default and the fallback for any
message a catalog doesn't translate yet.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import NullTranslations, Translations

from storage.records import Chapter, Member

DEFAULT = "en"
LANGUAGES = ("en", "es", "pt_BR", "ru")  # every language that has a catalog, English first
NATIVE_NAMES = {
    "en": "English",
    "es": "Español",
    "pt_BR": "Português (Brasil)",
    "ru": "Русский",
}
DOMAIN = "chapterbot"
_PACKAGED = Path(__file__).resolve().parent / "locales"  # where a wheel carries them
_CHECKOUT = Path(__file__).resolve().parent.parent / "locales"  # the repository's folder
LOCALES = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT)


def N_(message: str) -> str:
    """Mark a msgid for extraction where it is defined; translate it with `_()` at render."""
    return message


def current_language() -> str:
    return _current.get()


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Render in `code` (a shipped language; anything else means English) inside the block."""
    language = code if code in LANGUAGES else DEFAULT
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


_fallback = [DEFAULT]  # the setting DEFAULT_LANGUAGE, set by the composition root at start


def configure(default_language: str) -> None:
    """The language of chapters whose admins chose none (the setting DEFAULT_LANGUAGE)."""
    _fallback[0] = default_language if default_language in LANGUAGES else DEFAULT


def chapter_language(chapter: Chapter | None) -> str:
    """What the chapter's group reads: its admins' choice, else DEFAULT_LANGUAGE."""
    if chapter is not None and chapter.language in LANGUAGES:
        return chapter.language
    return _fallback[0]


def member_language(member: Member | None, chapter: Chapter | None = None) -> str:
    """A member's private messages: their /language choice, else their Telegram app's
    language (when shipped), else their chapter's."""
    for code in (member.language, member.language_code) if member is not None else ():
        if code in LANGUAGES:
            return code
    return chapter_language(chapter)


def in_chapter(chapter: Chapter | None) -> contextlib.AbstractContextManager[str]:
    """Render a group post: `with in_chapter(chapter): text = texts.thank_you(...)`."""
    return use_language(chapter_language(chapter))


def to_member(
    member: Member | None, chapter: Chapter | None = None
) -> contextlib.AbstractContextManager[str]:
    """Render a private message for `member` (of `chapter`, when the message is about one)."""
    return use_language(member_language(member, chapter))


def set_language(code: str | None) -> None:
    """Set the language for the rest of the current task (one update's handling)."""
    _current.set(code if code in LANGUAGES else DEFAULT)


def catalog_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> NullTranslations:
    """The language's catalog, compiled from its .po in memory (once); English needs none."""
    path = catalog_path(code)
    if code == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries stay out: they fall back to English
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def load_all() -> None:
    """Compile every catalog now (at start), so a broken .po fails the start, not a reply."""
    for code in LANGUAGES:
        translations(code)


def _(message: str) -> str:
    """The message in the current language (English when the catalog lacks it)."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language (Russian has three)."""
    return translations(_current.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """The message in the current language, where `context` tells two uses of one English
    word apart (the words members type: bot/texts/keywords.py; a CSV cell's "meeting" and the
    column "meeting")."""
    return str(translations(_current.get()).pgettext(context, message))


def telegram_code(code: str) -> str:
    """The two-letter code Telegram's setMyCommands takes: pt_BR -> pt."""
    return code.split("_")[0]


# Telegram's language_code is an IETF tag: "en", "pt-br", "es-419", "ru".
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?", re.IGNORECASE)


def from_telegram(language_code: str | None) -> str | None:
    """The shipped language for a Telegram language_code, or None when none fits."""
    match = _TAG.match(language_code or "")
    if not match:
        return None
    language, region = match.group(1).lower(), (match.group(2) or "").upper()
    if f"{language}_{region}" in LANGUAGES:
        return f"{language}_{region}"
    if language == "pt":
        return "pt_BR"  # the only Portuguese shipped
    return language if language in LANGUAGES else None


def language_of(text: str) -> str | None:
    """A shipped language as an admin types it: es, ES, pt_BR, pt-br, pt; None otherwise."""
    word = text.strip()
    if word.lower() in {code.lower() for code in LANGUAGES}:
        return next(code for code in LANGUAGES if code.lower() == word.lower())
    return from_telegram(word) if _TAG.fullmatch(word) else None


# --- Local formats (Babel, CLDR). English keeps the bot's own compact forms. ------------------


def locale() -> Locale:
    return Locale.parse(_current.get())


def format_money(cents: int, currency: str, english: str) -> str:
    """`1.234,56 €`, `R$ 2.500,00`; `english` is the bot's own form, kept for English."""
    if _current.get() == DEFAULT:
        return english
    amount = Decimal(cents) / 100
    return format_currency(amount, currency, locale=locale(), group_separator=True)


def format_number(value: float, digits: int = 0) -> str:
    """1,234 / 1.234 / 1 234; `digits` decimals at most."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale())


def format_share(share: float) -> str:
    """92% / 92 % (a share from 0 to 1, whole percent)."""
    if _current.get() == DEFAULT:
        return f"{share:.0%}"
    return format_percent(share, locale=locale())


def local_datetime(moment: datetime) -> str:
    """`Wed 25 Nov, 18:26` / `mié 25 nov, 18:26`: a local moment as members read it."""
    if _current.get() == DEFAULT:
        return f"{moment:%a %-d %b, %H:%M}"
    return _babel_datetime(moment, "EEE d MMM, HH:mm", locale=locale())


def _day_as(day: date | datetime, english: str, cldr: str) -> str:
    """A day in the bot's own English form (strftime) or the language's (a CLDR pattern)."""
    if _current.get() == DEFAULT:
        return format(day, english)
    return _babel_date(day, cldr, locale=locale())


def weekday_day(day: date | datetime) -> str:
    """`Tue 1 Dec` / `mar 1 dic`."""
    return _day_as(day, "%a %-d %b", "EEE d MMM")


def day_month(day: date | datetime) -> str:
    """`1 Dec` / `1 dic`."""
    return _day_as(day, "%-d %b", "d MMM")


def day_month_year(day: date | datetime) -> str:
    """`1 Dec 2026` / `1 dic 2026`."""
    return _day_as(day, "%-d %b %Y", "d MMM y")


def decimal_two(value: float) -> str:
    """`0.99` / `0,99`: two decimals, always, with the local decimal mark."""
    if _current.get() == DEFAULT:
        return f"{value:.2f}"
    return format_decimal(value, format="0.00", locale=locale())


def first_shipped(*codes: str | None) -> str:
    """The first of `codes` that is a shipped language, else DEFAULT_LANGUAGE."""
    return next((code for code in codes if code in LANGUAGES), None) or _fallback[0]
