"""One way to send: every private message and every group post goes through the Messenger.

Replies to the update being handled are the handler's own (`message.reply_text`); everything
else (slips, nudges, notes to givers, tips, summaries, thank-yous, files) comes here, with one
policy for each way Telegram can refuse:

| failure                  | to a member (private)            | to a chapter (group)            |
| ------------------------ | -------------------------------- | ------------------------------- |
| 403 Forbidden            | member marked "can't DM"; False  | chapter marked inactive; False  |
| 400 chat not found       | the same                         | the same                        |
| group became supergroup  | -                                | chapter follows; sent there     |
| 400 topic deleted        | -                                | sent to the main chat instead   |
| over 4,096 characters    | split at line breaks; buttons on the last part                     |
| network, 5xx, 429        | `NotSent` raised: the caller retries (a sweep leaves its row due)  |
| any other 400            | `NotSent` raised: a fault in the message, for the caller's log     |

Callers see a bool (or a message id) or `NotSent`, never a Telegram exception. `post` returns
the id of a group message to `edit` later, under the same policy (a text too long for one
message is cut at a line break instead of split); `admin_ids` completes what the domain may ask
of Telegram.

`interactive=True` marks a send a member is waiting for (the answer to a tap): the rate limiter
lets it go ahead of queued broadcasts. Other sends take the priority of the code that sends them
(a sweep's are scheduled: bot/core/rate_limiter.py).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.helpers import create_deep_linked_url

from bot.core.rate_limiter import Priority
from bot.core.text_length import CAPTION_LIMIT, pieces, visible_length
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter

log = logging.getLogger(__name__)


class ShuttingDown(NetworkError):
    """The process is stopping: the message was not sent (an outbox row stays owed)."""

    def __init__(self) -> None:
        super().__init__("shutting down; not sent")


class NotSent(Exception):
    """Telegram did not take the message, for a reason that may pass (network, timeout, 5xx,
    429) or a fault in the message itself. The Telegram error is the `__cause__`."""

    def __init__(self, error: TelegramError) -> None:
        super().__init__(str(error))
        self.slow_down = isinstance(error, RetryAfter)  # Telegram asked us to wait (429)
        # The network or Telegram is down (not a refusal of this message): worth retrying as is.
        self.unreachable = isinstance(error, NetworkError) and not isinstance(error, BadRequest)
        self.fault = isinstance(error, BadRequest)  # the message itself: sending again won't do
        self.stopping = isinstance(error, ShuttingDown)  # never tried: the process is stopping


Buttons = InlineKeyboardMarkup  # for modules that store or pass buttons without Telegram


def buttons_to_json(buttons: Buttons | None) -> str | None:
    return buttons.to_json() if buttons is not None else None


def buttons_from_json(data: str | None) -> Buttons | None:
    return InlineKeyboardMarkup.de_json(json.loads(data), None) if data else None


def _chat_gone(error: BadRequest) -> bool:
    return "chat not found" in error.message.lower()


def _topic_gone(error: BadRequest) -> bool:
    return "thread not found" in error.message.lower()


@dataclass(eq=False)
class Messenger:
    bot: Bot
    members: MemberRepository
    chapters: ChapterRepository

    @property
    def bot_username(self) -> str:
        return self.bot.username or ""

    def deep_link(self, payload: str) -> str:
        """t.me/<bot>?start=<payload>: opens the private chat (payload: A-Za-z0-9_-, 1-64)."""
        return create_deep_linked_url(self.bot.username, payload)

    def _send_options(self, interactive: bool) -> dict[str, Any]:
        """Extra arguments for every send: a member waiting goes first at the rate limiter."""
        if interactive and getattr(self.bot, "rate_limiter", None) is not None:
            return {"rate_limit_args": Priority.INTERACTIVE}
        return {}

    async def _send(
        self,
        chat_id: int,
        text: str,
        *,
        topic: int | None = None,
        buttons: InlineKeyboardMarkup | None = None,
        interactive: bool = False,
        reply_to: int | None = None,
    ) -> int:
        """Send (in parts when too long); the id of the last message sent."""
        parts = pieces(text)
        for number, part in enumerate(parts, start=1):
            sent = await self.bot.send_message(
                chat_id,
                part,
                message_thread_id=topic,
                reply_markup=buttons if number == len(parts) else None,
                reply_to_message_id=reply_to if number == 1 else None,
                **self._send_options(interactive),
            )
        return sent.message_id

    async def to_member(
        self,
        user_id: int,
        text: str,
        buttons: InlineKeyboardMarkup | None = None,
        *,
        known_can_dm: bool | None = None,
        interactive: bool = False,
    ) -> bool:
        """A private message. False when Telegram won't deliver it (never started, blocked).

        `known_can_dm` is what the caller's member record says, so an unchanged flag isn't
        written again.
        """

        async def send() -> None:
            await self._send(user_id, text, buttons=buttons, interactive=interactive)

        return await self._privately(user_id, send, known_can_dm)

    async def document_to_member(
        self, user_id: int, filename: str, content: bytes | BinaryIO, caption: str
    ) -> bool:
        """A file in the member's private chat; False when it can't be delivered. A file object
        is streamed to Telegram as it is read, never held in memory whole."""

        async def send() -> None:
            if isinstance(content, bytes):
                document = InputFile(io.BytesIO(content), filename=filename)
            else:
                content.seek(0)  # from the start, on a retry too
                document = InputFile(content, filename=filename, read_file_handle=False)
            await self.bot.send_document(
                user_id, document, caption=caption, **self._send_options(True)
            )

        return await self._privately(user_id, send, None)

    async def photo_to_member(
        self, user_id: int, filename: str, png: bytes, text: str, caption_limit: int = CAPTION_LIMIT
    ) -> bool:
        """A picture with its text: as the caption when it fits, else right after the picture."""

        async def send() -> None:
            fits = visible_length(text) <= caption_limit
            photo = InputFile(io.BytesIO(png), filename=filename)
            await self.bot.send_photo(
                user_id, photo, caption=text if fits else None, **self._send_options(False)
            )
            if not fits:
                await self._send(user_id, text)

        return await self._privately(user_id, send, None)

    async def copy_to_member(
        self, user_id: int, from_chat_id: int, message_id: int, caption: str
    ) -> bool:
        """A copy of a message (a photo, a file) in the member's private chat."""

        async def send() -> None:
            await self.bot.copy_message(
                user_id, from_chat_id, message_id, caption=caption, **self._send_options(False)
            )

        return await self._privately(user_id, send, None)

    async def _privately(
        self, user_id: int, send: Callable[[], Awaitable[None]], known_can_dm: bool | None
    ) -> bool:
        try:
            await send()
        except Forbidden as exc:
            log.info("Private message to %s forbidden: %s", user_id, exc.message)
            await self.members.set_can_dm(user_id, False)
            return False
        except BadRequest as exc:
            if not _chat_gone(exc):
                raise NotSent(exc) from exc
            log.info("Private chat with %s not found", user_id)
            await self.members.set_can_dm(user_id, False)
            return False
        except TelegramError as exc:
            raise NotSent(exc) from exc
        if known_can_dm is not True:
            await self.members.set_can_dm(user_id, True)
        return True

    async def to_chapter(
        self,
        chapter: Chapter,
        text: str,
        *,
        topic: int | None = None,
        buttons: InlineKeyboardMarkup | None = None,
        interactive: bool = False,
        reply_to: int | None = None,
    ) -> bool:
        """A post in the chapter's group (in `topic`, if given; answering `reply_to`, if it is
        still there). False when the group is gone for the bot (removed, or deleted): the
        chapter is then marked inactive."""
        posted = await self.post(
            chapter, text, topic=topic, buttons=buttons, interactive=interactive, reply_to=reply_to
        )
        return posted is not None

    async def post(
        self,
        chapter: Chapter,
        text: str,
        *,
        topic: int | None = None,
        buttons: InlineKeyboardMarkup | None = None,
        interactive: bool = False,
        reply_to: int | None = None,
    ) -> int | None:
        """`to_chapter` for a message that will be edited later: its id, or None when the
        group is gone for the bot."""
        chat_id = chapter.chat_id
        for _ in range(3):  # at most one migration and one deleted topic
            try:
                return await self._send(
                    chat_id,
                    text,
                    topic=topic,
                    buttons=buttons,
                    interactive=interactive,
                    reply_to=reply_to,
                )
            except ChatMigrated as exc:
                log.info("Chapter %s moved to %s", chat_id, exc.new_chat_id)
                await self.chapters.move_chat(chat_id, exc.new_chat_id)
                chat_id = exc.new_chat_id
            except Forbidden:
                break
            except BadRequest as exc:
                if topic is not None and _topic_gone(exc):
                    await self._forget_topic(chapter, topic)
                    topic = None
                    continue
                if not _chat_gone(exc):
                    raise NotSent(exc) from exc
                break
            except TelegramError as exc:
                raise NotSent(exc) from exc
        await self._chapter_gone(chat_id)
        return None

    async def edit(
        self,
        chapter: Chapter,
        message_id: int,
        text: str,
        buttons: InlineKeyboardMarkup | None = None,
    ) -> bool:
        """Replace the text and buttons of a message `post` sent to the chapter's group, with
        `post`'s policy: a group gone for the bot marks the chapter inactive, a migrated group
        is followed (the old message stays as it was), a text too long is cut at a line break.
        False when nothing was edited (the same text, the message deleted, the group gone);
        `NotSent` when it may work later."""
        parts = pieces(text)
        if len(parts) > 1:
            log.warning("Message %s in %s cut to fit an edit", message_id, chapter.chat_id)
        try:
            await self.bot.edit_message_text(
                parts[0], chat_id=chapter.chat_id, message_id=message_id, reply_markup=buttons
            )
        except ChatMigrated as exc:
            log.info("Chapter %s moved to %s", chapter.chat_id, exc.new_chat_id)
            await self.chapters.move_chat(chapter.chat_id, exc.new_chat_id)
            return False
        except Forbidden:
            return await self._chapter_gone(chapter.chat_id)
        except BadRequest as exc:
            if _chat_gone(exc):
                return await self._chapter_gone(chapter.chat_id)
            log.info("Message %s in %s not edited: %s", message_id, chapter.chat_id, exc.message)
            return False
        except TelegramError as exc:
            raise NotSent(exc) from exc
        return True

    async def _chapter_gone(self, chat_id: int) -> bool:
        log.info("Chapter %s unreachable; marking it inactive", chat_id)
        await self.chapters.set_active(chat_id, False)
        return False

    async def admin_ids(self, chat_id: int) -> list[int]:
        """The group's human admins, as Telegram lists them now (`NotSent` if it won't say)."""
        try:
            admins = await self.bot.get_chat_administrators(chat_id)
        except TelegramError as exc:
            raise NotSent(exc) from exc
        return [admin.user.id for admin in admins if not admin.user.is_bot]

    async def _forget_topic(self, chapter: Chapter, topic: int) -> None:
        if chapter.tip_thread_id == topic:
            await self.chapters.update(chapter.id, tip_thread_id=None)

    async def leave(self, chat_id: int, farewell: str) -> None:
        """Say why, then leave a group the bot doesn't serve; failures are only logged."""
        try:
            await self.bot.send_message(chat_id, farewell)
            await self.bot.leave_chat(chat_id)
        except TelegramError as exc:
            log.warning("Could not leave chat %s cleanly: %s", chat_id, exc)
