"""Sending to members privately, remembering who can't be written to."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden
from telegram.helpers import create_deep_linked_url

from storage.members import MemberRepository

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Messenger:
    bot: Bot
    members: MemberRepository

    def deep_link(self, payload: str) -> str:
        return create_deep_linked_url(self.bot.username, payload)

    async def send_private(
        self,
        user_id: int,
        text: str,
        reply_markup: InlineKeyboardMarkup | None = None,
        *,
        known_can_dm: bool | None = None,
    ) -> bool:
        """Try a private message. False when Telegram forbids it (never started, or blocked).

        `known_can_dm` is what the caller's member record says, so an unchanged flag isn't
        written again. Transient failures (network, 5xx, 429) propagate: the caller decides
        when to retry.
        """
        try:
            await self.bot.send_message(user_id, text, reply_markup=reply_markup)
        except Forbidden as exc:
            log.info("Private message to %s forbidden: %s", user_id, exc.message)
            await self.members.set_can_dm(user_id, False)
            return False
        except BadRequest as exc:
            if "chat not found" not in exc.message.lower():
                raise
            log.info("Private chat with %s not found", user_id)
            await self.members.set_can_dm(user_id, False)
            return False
        if known_can_dm is not True:
            await self.members.set_can_dm(user_id, True)
        return True
