"""Typed callback context: handlers reach the services as `context.services`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

if TYPE_CHECKING:
    from bot.services import Services
    from chapterbot.ops.state import Ops
    from storage.records import Chapter


class BotData:
    """The application's shared state: only the services, set in post_init."""

    services: Services | None = None
    ops: Ops  # metrics, role and sweep times; set by build_application


class ChapterContext(CallbackContext[ExtBot, dict, dict, BotData]):
    """One per update, shared by every handler group it passes through."""

    chapter: Chapter | None = None  # the group's chapter, once the tracker has looked it up

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not ready: post_init has not run")
        return services


ChapterApp = Application[ExtBot, ChapterContext, dict, dict, BotData, JobQueue[ChapterContext]]
