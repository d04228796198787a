"""Finding English in a text meant for a Spanish, Portuguese or Russian reader.

English here is the bot's own English: every word of its message catalog's msgids (the
template, locales/chapterbot.pot) and the English weekday and month names, less the words the
language itself writes (its catalog's translations, its tips file, its weekday and month
names), so a word both languages share (`total`, `no`, `CSV`) is no finding. In Russian any
word in Latin letters is one. What members typed, links, @usernames, /commands, e-mail
addresses, time zone names (`Europe/Madrid`) and their abbreviations (`CET`) are not text the
bot wrote and are taken out first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import get_day_names, get_month_names
from babel.messages.pofile import read_po

from bot.i18n import LOCALES, NATIVE_NAMES, catalog_path
from bot.tips.content import bundled_tips_path

_TAG = re.compile(r"<[^>]+>")
_NOT_PROSE = re.compile(
    r"https?://\S+"  # links
    r"|tg://\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|@\w+"  # @usernames
    r"|(?<![\w/])/\w+"  # /commands
    r"|\b[A-Z][a-z]+(?:/[A-Z][A-Za-z_-]+)+"  # time zones: Europe/Madrid, America/Sao_Paulo
    r"|\b[A-Z]{2,5}\b"  # abbreviations: UTC, CET, EUR, CSV
    r"|\{[^}]*\}"  # placeholders, in the catalogs' own text
    r"|\d{4}-\d\d-\d\dT[\d:.]+Z"  # ISO times in CSV files
    r"|(?<![^\W_])(?:id|utc)(?![^\W_])"  # a CSV column's id_ or _utc
    r"|\.csv\b"
    r"|#?\bV\d+"  # visitor numbers: #V12
    r"|\bTelegram\b"
    r"|(?<![\w/])(?:en|es|pt_BR|ru)\b"  # the languages' codes: /settings idioma es
)
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def words(text: str) -> set[str]:
    """The lower-case words of `text` once markup, links, names and commands are out."""
    prose = _NOT_PROSE.sub(" ", html.unescape(_TAG.sub(" ", text)))
    return {word.lower() for word in _WORD.findall(prose)}


def _calendar(code: str) -> set[str]:
    locale = Locale.parse(code)
    names: set[str] = set()
    for table in (get_day_names, get_month_names):
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for name in table(width, context, locale=locale).values():
                    names |= words(name)
    return names


def _catalog_texts(path: Path, translated: bool) -> Iterable[str]:
    with path.open("rb") as po:
        catalog = read_po(po)
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if translated else message.id
        yield from (texts if isinstance(texts, (list, tuple)) else [texts])


@cache
def english_vocabulary() -> frozenset[str]:
    """Every word the bot writes in English."""
    found: set[str] = set(_calendar("en"))
    for text in _catalog_texts(LOCALES / "chapterbot.pot", translated=False):
        found |= words(text.replace("|", " "))
    return frozenset(found)


@cache
def own_words(code: str) -> frozenset[str]:
    """Every word `code` writes itself: its catalog, its tips and its calendar. Russian's
    catalog is left out: a word in Latin letters there is a finding too."""
    found = _calendar(code)
    for text in _catalog_texts(catalog_path(code), translated=True) if code != "ru" else ():
        found |= words(text.replace("|", " "))
    tips = bundled_tips_path().with_name(f"tips.{code}.md")
    found |= words(re.sub(r"\{#[^}]*\}", " ", tips.read_text(encoding="utf-8")))
    return frozenset(found)


def english_in(text: str, code: str, typed: frozenset[str] = frozenset()) -> set[str]:
    """The English words in `text`, shown to a reader of `code`; `typed`: words members typed."""
    found = words(text) - typed - own_words(code) - _NATIVE_NAMES
    if code == "ru":
        return {word for word in found if _LATIN_WORD.fullmatch(word)}
    return found & english_vocabulary()


_NATIVE_NAMES = frozenset(word for name in NATIVE_NAMES.values() for word in words(name))
