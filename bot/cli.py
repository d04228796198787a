"""The `chapterbot` command: `chapterbot run` starts the bot."""

from __future__ import annotations

import argparse
import os
import sys

from dotenv import load_dotenv


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chapterbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the bot (long polling) until Ctrl+C or SIGTERM")
    return parser


def _run() -> int:
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application
    from bot.logs import configure_logging
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(
            f"chapterbot cannot start; fix these settings (see .env.example):\n{exc}",
            file=sys.stderr,
        )
        return 2
    configure_logging(settings.log_level, settings.token)
    app = build_application(settings)
    try:
        app.run_polling(
            allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, bootstrap_retries=3
        )
    except InvalidToken:
        print("chapterbot cannot start: Telegram rejected TELEGRAM_BOT_TOKEN.", file=sys.stderr)
        return 2
    except NetworkError as exc:
        where = settings.api_url or "Telegram"
        print(f"chapterbot cannot start: {where} is unreachable ({exc.message}).", file=sys.stderr)
        return 3
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB's future: durations as timedelta
    args = _parser().parse_args(argv)
    load_dotenv(".env", override=False)
    if args.command == "run":
        return _run()
    return 2


if __name__ == "__main__":
    sys.exit(main())
