"""`chapterbot i18n update`: extract the messages into locales/chapterbot.pot and bring every
language's catalog (locales/<lang>/LC_MESSAGES/chapterbot.po) up to date with it.

The same as running pybabel by hand (see the README), with the project's options written once:
file-only locations and sorted output, so a catalog's diff shows only what changed in the words.
"""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from bot.i18n import DEFAULT, DOMAIN, LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "locales" / f"{DOMAIN}.pot"


def _pybabel(*args: str) -> None:
    with chdir(ROOT):  # locations in the catalogs stay relative: bot/texts/referrals.py
        CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> Path:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-o",
        str(TEMPLATE),
        "--add-location=file",
        "--sort-output",
        "--project=chapterbot",
        "--copyright-holder=chapterbot",
        "--msgid-bugs-address=https://github.com/chapterbot/chapterbot/issues",
        "-c",
        "Translators:",
        ".",  # babel.cfg names the folders, relative to the repository's root
    )
    return TEMPLATE


def update(languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Extract, then init a missing catalog or update an existing one, per language."""
    extract()
    touched = []
    for code in languages:
        if code == DEFAULT:
            continue  # the msgids are English
        path = catalog_path(code)
        command = "update" if path.is_file() else "init"
        args = ["-i", str(TEMPLATE), "-d", str(ROOT / "locales"), "-D", DOMAIN, "-l", code]
        if command == "update":
            args.append("--previous")
        _pybabel(command, *args)
        touched.append(path)
    return touched
