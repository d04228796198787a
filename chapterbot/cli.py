"""The `chapterbot` command: `run` starts the bot; `tips check` validates a tips file;
`i18n update` refreshes the translation catalogs."""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dotenv import load_dotenv

if TYPE_CHECKING:
    from bot.core.config import Settings
    from chapterbot.ops.settings import OpsSettings


def _parser() -> argparse.ArgumentParser:
    from bot.i18n import DEFAULT, LANGUAGES

    parser = argparse.ArgumentParser(prog="chapterbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run", help="run the bot (long polling, or a webhook with WEBHOOK_URL) until SIGTERM"
    )
    tips = commands.add_parser("tips", help="work with the education-minute tips file")
    tips_commands = tips.add_subparsers(dest="tips_command", required=True)
    check = tips_commands.add_parser("check", help="validate a tips file (default: TIPS_FILE)")
    check.add_argument("file", nargs="?", type=Path, help="the Markdown file to check")
    demo = commands.add_parser("demo", help="play a chapter's week against a stand-in Telegram")
    demo.add_argument(
        "--language",
        choices=LANGUAGES,
        default=DEFAULT,
        help="the chapter's language (the group's and its members' apps'); default: en",
    )
    commands.add_parser("doctor", help="check the token, database, tips, webhook and chapters")
    i18n = commands.add_parser("i18n", help="the translation catalogs in locales/")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", required=True)
    i18n_commands.add_parser(
        "update", help="extract the messages to locales/chapterbot.pot and update every .po"
    )
    backup = commands.add_parser("backup", help="copy the database safely, even while running")
    backup.add_argument("path", type=Path, help="where to write the copy")
    db = commands.add_parser("db", help="work with the database as a whole")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    copy = db_commands.add_parser(
        "copy", help="copy everything into another (empty) database, with the bot stopped"
    )
    copy.add_argument(
        "--from", dest="source", required=True, help="sqlite:///path or postgresql://"
    )
    copy.add_argument("--to", dest="target", required=True, help="sqlite:///path or postgresql://")
    return parser


def _run() -> int:
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from chapterbot.app import TipsFileInvalid, build_application
    from chapterbot.logs import configure_logging
    from chapterbot.single_instance import AlreadyRunning, InstanceLock
    from storage.db import DatabaseUnavailable, Target
    from storage.leader import LeaderLock

    loaded = _load_all_settings()
    if loaded is None:
        return 2
    settings, ops_settings = loaded
    try:
        target = Target.parse(settings.database)
    except DatabaseUnavailable as exc:
        print(f"chapterbot cannot start: {exc}.", file=sys.stderr)
        return 2
    if target.path is not None:  # SQLite: one process per file
        instance = InstanceLock(target.path)
        try:
            instance.acquire()  # held until the process ends
        except AlreadyRunning as exc:
            print(f"chapterbot cannot start: {exc}", file=sys.stderr)
            return 1
    configure_logging(settings.log_level, settings.token, ops_settings.log_format)
    try:
        asyncio.run(_database_ready(settings))  # its schema up to date, before Telegram
    except DatabaseUnavailable as exc:
        print(f"chapterbot cannot start: {exc}.", file=sys.stderr)
        return 2
    try:
        app = build_application(settings)
    except TipsFileInvalid as exc:
        print(f"chapterbot cannot start; the tips file has errors:\n{exc.report}", file=sys.stderr)
        return 1
    # PostgreSQL: several processes may share the database; one leads (chapterbot/ops/leader.py)
    leader_lock = LeaderLock(target.url) if target.dialect.is_postgresql else None
    try:
        if ops_settings.webhook_url or ops_settings.health_listen or leader_lock:
            from chapterbot.ops.serve import serve  # uvicorn and Starlette only when needed

            asyncio.run(serve(app, ops_settings, leader_lock))
        else:
            from chapterbot.stopping import stop_on_signals

            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            stop_on_signals(app, loop)  # SIGTERM: no new updates, a few seconds' grace, exit
            app.run_polling(
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
                bootstrap_retries=3,
                stop_signals=None,
            )
    except InvalidToken:
        print("chapterbot cannot start: Telegram rejected TELEGRAM_BOT_TOKEN.", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(f"chapterbot cannot start: {exc}.", file=sys.stderr)
        return 2
    except NetworkError as exc:
        where = settings.api_url or "Telegram"
        print(f"chapterbot cannot start: {where} is unreachable ({exc.message}).", file=sys.stderr)
        return 3
    return 0


async def _database_ready(settings: Settings) -> None:
    """Open the database once (creating or upgrading its schema) and close it again; raises
    DatabaseUnavailable with one line naming what is wrong."""
    from storage.db import Database

    db = await Database.open(settings.database)
    await db.close()


def _load_all_settings() -> tuple[Settings, OpsSettings] | None:
    """Both kinds of settings, every problem reported at once; None after printing them."""
    from bot.core.config import SettingsError, load_settings
    from chapterbot.ops.settings import load_ops_settings

    problems: list[str] = []
    settings = ops_settings = None
    try:
        settings = load_settings()
    except SettingsError as exc:
        problems.append(str(exc))
    try:
        ops_settings = load_ops_settings()
    except SettingsError as exc:
        problems.append(str(exc))
    if settings is None or ops_settings is None:
        report = "\n".join(problems)
        print(
            f"chapterbot cannot start; fix these settings (see .env.example):\n{report}",
            file=sys.stderr,
        )
        return None
    return settings, ops_settings


def _doctor() -> int:
    from telegram import Bot

    from chapterbot.ops.doctor import FAIL, Check, examine, report

    loaded = _load_all_settings()
    if loaded is None:
        return 1
    settings, ops_settings = loaded
    bot = Bot(settings.token, base_url=settings.base_url) if settings.base_url else None
    bot = bot or Bot(settings.token)

    async def checkup() -> list[Check]:
        try:
            return await examine(settings, ops_settings, bot)
        finally:
            await bot.shutdown()

    checks = asyncio.run(checkup())
    print(report(checks))
    return 1 if any(check.status == FAIL for check in checks) else 0


def _check_tips(file: Path | None) -> int:
    """The English file and every translation beside it (tips.es.md, ...): each must hold
    the same tips, by key. A translation named directly is checked against its English file."""
    from bot.i18n import LANGUAGES
    from bot.tips.content import bundled_tips_path, load_tip_books

    env_file = os.environ.get("TIPS_FILE")
    path = file or (Path(env_file) if env_file else bundled_tips_path())
    stem, _, language = path.stem.rpartition(".")
    english = path.with_name(stem + path.suffix) if stem and language in LANGUAGES else path
    book, translations = load_tip_books(english)
    failed = 0
    for shown, checked in [(english, book), *translations.values()]:
        for problem in checked.problems:
            print(problem.format(str(shown)))
        if checked.errors:
            print(f"{len(checked.errors)} error(s) in {shown}", file=sys.stderr)
            failed += 1
        else:
            print(f"{shown}: {len(checked.tips)} tips, OK")
    return 1 if failed else 0


def _backup(target: Path) -> int:
    from chapterbot.backup import BackupError, backup_database
    from storage.db import DatabaseUnavailable, Target

    url = os.environ.get("DATABASE_URL", "").strip()
    try:
        database = Target.parse(url or os.environ.get("DATABASE_PATH") or "chapterbot.db")
    except DatabaseUnavailable as exc:
        print(f"chapterbot backup failed: {exc}", file=sys.stderr)
        return 1
    if database.path is None:
        print(
            "chapterbot backup copies an SQLite file; this bot's database is PostgreSQL"
            f" ({database.shown()}): back it up with the server's own tools, e.g."
            " `pg_dump --format=custom --file=chapterbot.dump DATABASE_URL`, and restore with"
            " `pg_restore` (see the README, PostgreSQL).",
            file=sys.stderr,
        )
        return 1
    source = database.path
    try:
        size = backup_database(source, target)
    except (BackupError, sqlite3.Error, OSError) as exc:
        print(f"chapterbot backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up {source} to {target} ({size:,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB's future: durations as timedelta
    args = _parser().parse_args(argv)
    load_dotenv(".env", override=False)
    if args.command == "run":
        return _run()
    if args.command == "tips":
        return _check_tips(args.file)
    if args.command == "demo":
        from chapterbot.ops.demo import play_demo

        print(asyncio.run(play_demo(args.language)))
        return 0
    if args.command == "doctor":
        return _doctor()
    if args.command == "backup":
        return _backup(args.path)
    if args.command == "db":
        from chapterbot.dbcopy import copy_database

        return asyncio.run(copy_database(args.source, args.target, sys.stdout))
    if args.command == "i18n":
        return _update_catalogs()
    return 2


def _update_catalogs() -> int:
    from chapterbot.i18n_catalogs import TEMPLATE, update

    for path in update():
        print(f"Updated {path} from {TEMPLATE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
