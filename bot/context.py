"""Typed callback context: handlers reach the services as `context.services`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.services import Services


class BotData:
    """The application's shared state: only the services, set in post_init."""

    services: Services | None = None


class ChapterContext(CallbackContext[ExtBot, dict, dict, BotData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not ready: post_init has not run")
        return services


ChapterApp = Application[ExtBot, ChapterContext, dict, dict, BotData, object]
