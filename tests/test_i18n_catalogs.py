"""The translation catalogs (locales/<lang>/LC_MESSAGES/chapterbot.po) against the template the
code's texts make: complete, each message with the English one's placeholders and HTML tags,
valid for Telegram's HTML parser once filled in, with the language's plural forms.

A language whose catalog has no translation at all yet is skipped (its translator hasn't
started); from the first translated message on, every check applies to the whole catalog.
"""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n import DEFAULT, LANGUAGES, catalog_path
from tests.html_check import telegram_html_problems

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]
_TAG = re.compile(r"</?([a-z-]+)[^>]*>")
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def _catalog(code: str) -> Catalog:
    with catalog_path(code).open("rb") as po:
        return read_po(po, locale=code)


def _messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _tags(text: str) -> list[str]:
    return _TAG.findall(text)


def _started(code: str) -> Catalog:
    catalog = _catalog(code)
    if not any(any(_forms(message)) for message in _messages(catalog)):
        pytest.skip(f"the {code} catalog is still empty (its translator hasn't started)")
    return catalog


def _code_messages() -> set[str]:
    """Every msgid the code has now (what `chapterbot i18n update` would extract)."""
    found = set()
    for folder in ("bot", "handlers", "chapterbot"):
        for extracted in extract_from_dir(ROOT / folder):
            message = extracted[2]
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_every_message_of_the_code():
    """A text changed without `chapterbot i18n update` would reach no translator."""
    with (ROOT / "locales" / "chapterbot.pot").open("rb") as pot:
        template = {_ids(message)[0] for message in _messages(read_po(pot))}
    assert _code_messages() - template == set()


def _literal_gettext_calls() -> list[tuple[str, str]]:
    """(file:line, msgid) of every `_("...")`, `N_`, `ngettext` or `pgettext` call with a
    literal message in the code, read by Python's own parser, f-strings included."""
    found = []
    for folder in ("bot", "handlers", "chapterbot"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                index = {"_": 0, "N_": 0, "ngettext": 0, "pgettext": 1}.get(node.func.id)
                if index is None or len(node.args) <= index:
                    continue
                message = node.args[index]
                if isinstance(message, ast.Constant) and isinstance(message.value, str):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", message.value))
    return found


def test_no_message_hides_where_the_extractor_cannot_see_it():
    """pybabel reads no call inside an f-string: `f"{first} {_('Nothing was recorded.')}"`
    reached no catalog and read English in every language."""
    with (ROOT / "locales" / "chapterbot.pot").open("rb") as pot:
        template = {_ids(message)[0] for message in _messages(read_po(pot))}
    calls = _literal_gettext_calls()
    assert len(calls) > 500
    assert [(where, message) for where, message in calls if message not in template] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_follows_the_template(code):
    with (ROOT / "locales" / "chapterbot.pot").open("rb") as pot:
        template = {_ids(message)[0] for message in _messages(read_po(pot))}
    catalog = {_ids(message)[0] for message in _messages(_catalog(code))}
    assert template - catalog == set(), "run: scripts/uv run chapterbot i18n update"


def test_no_message_reads_as_a_percent_format():
    """Texts are str.format templates. A `%` that reads as a %-format code ("70% of" holds
    "% o") gets the message flagged python-format, and `pybabel compile` then refuses every
    translation whose `%` reads differently ("70 % o más", "70% баллов")."""
    flagged = sorted(message for message in _code_messages() if Message(message).python_format)
    assert flagged == [], "write a share as a {placeholder} filled with format_share()"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_compiles_with_babels_checks(code):
    """What `pybabel compile` does: Babel's checkers (babel.messages.checkers: plural forms,
    format codes) on every message, then the .mo; any error fails the build of the package."""
    catalog = _catalog(code)
    errors = [
        (_ids(message)[0], str(error))
        for message, problems in catalog.check()
        for error in problems
    ]
    assert errors == []
    write_mo(io.BytesIO(), catalog)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code):
    catalog = _started(code)
    missing = [
        _ids(message)[0]
        for message in _messages(catalog)
        if message.fuzzy or not all(_forms(message))
    ]
    assert missing == [], f"{len(missing)} messages not (or fuzzily) translated in {code}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders_and_tags_and_are_valid_telegram_html(code):
    catalog = _started(code)
    wrong = []
    for message in _messages(catalog):
        english = _ids(message)
        for form in filter(None, _forms(message)):
            if _placeholders(form) - _placeholders(english[-1]) or _placeholders(
                english[0]
            ) - _placeholders(form) - {"count"}:
                wrong.append((english[0], form, "placeholders"))
            elif sorted(_tags(form)) != sorted(_tags(english[0])):
                wrong.append((english[0], form, "tags"))
            elif problems := telegram_html_problems(
                form.format(**dict.fromkeys(_placeholders(form), "x"))
            ):
                wrong.append((english[0], form, problems))
    assert wrong == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_leftover_english_in_a_translated_message(code):
    catalog = _started(code)
    same = [
        _ids(message)[0]
        for message in _messages(catalog)
        if _forms(message)[0] == _ids(message)[0]
        and _LETTERS.search(
            _TAG.sub("", re.sub(r"\{[^}]*\}|<code>.*?</code>|/\w+", "", _ids(message)[0]))
        )
    ]
    assert same == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_messages_have_the_languages_forms(code):
    catalog = _started(code)
    expected = catalog.num_plurals
    short = [
        _ids(message)[0]
        for message in _messages(catalog)
        if message.pluralizable and any(_forms(message)) and len(_forms(message)) != expected
    ]
    assert short == []
    if code == "ru":
        assert expected == 3
