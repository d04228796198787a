"""A stand-in for Telegram at the request layer: records every call, answers like the Bot API.

Failures are scripted per method with `fail(...)`; PTB turns the answers into its own exceptions
exactly as it does for the real server (403 -> Forbidden, 429 -> RetryAfter, ...).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from tests.html_check import visible_text

BOT_ID = 7000000001
BOT_USERNAME = "chapter_test_bot"
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Chapterbot",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass(frozen=True)
class ApiError:
    status: int
    description: str
    parameters: dict[str, Any] | None = None


FORBIDDEN_NOT_STARTED = ApiError(403, "Forbidden: bot can't initiate conversation with a user")
FORBIDDEN_BLOCKED = ApiError(403, "Forbidden: bot was blocked by the user")
FORBIDDEN_KICKED = ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
CANT_DELETE = ApiError(400, "Bad Request: message can't be deleted")
DELETE_NOT_FOUND = ApiError(400, "Bad Request: message to delete not found")
CHAT_NOT_FOUND = ApiError(400, "Bad Request: chat not found")
SERVER_ERROR = ApiError(502, "Bad Gateway")
TIMEOUT = "timeout"


TOO_LONG = ApiError(400, "Bad Request: message is too long")


def _too_long(method: str, params: dict[str, Any]) -> ApiError | None:
    """Telegram refuses a text over 4,096 characters once its markup is parsed."""
    if method not in ("sendMessage", "editMessageText"):
        return None
    text = visible_text(str(params.get("text", "")))
    return TOO_LONG if len(text.encode("utf-16-le")) // 2 > 4096 else None


def retry_after(seconds: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})


def migrated(new_chat_id: int) -> ApiError:
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": new_chat_id},
    )


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or url) of every inline button, row by row."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [
            (button["text"], button.get("callback_data") or button.get("url", ""))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]


async def _read(content: Any) -> bytes:
    """An upload's bytes; a file is read a chunk at a time, the event loop turning between
    chunks, as an HTTP client streams it."""
    if isinstance(content, bytes):
        return content
    chunks = []
    while chunk := content.read(64 * 1024):
        chunks.append(chunk)
        await asyncio.sleep(0)
    return b"".join(chunks)


@dataclass
class _Failure:
    method: str
    error: ApiError | str
    when: Callable[[dict[str, Any]], bool]
    times: int | None  # None: every time


@dataclass
class FakeBotApi(BaseRequest):
    calls: list[ApiCall] = field(default_factory=list)
    failures: list[_Failure] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    admins: set[tuple[int, int]] = field(default_factory=set)  # (chat_id, user_id)
    _next_message_id: int = 5000

    # -- scripting -------------------------------------------------------------------------
    def fail(
        self,
        method: str,
        error: ApiError | str,
        *,
        chat_id: int | None = None,
        times: int | None = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make `method` fail (for one chat, or when `when(params)` holds), `times` times."""

        def matches(params: dict[str, Any]) -> bool:
            if chat_id is not None and int(params.get("chat_id", 0)) != chat_id:
                return False
            return when(params) if when else True

        self.failures.append(_Failure(method, error, matches, times))

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[ApiCall]:
        """Successful calls of `method`, optionally to one chat."""
        return [
            call
            for call in self.calls
            if call.method == method
            and call.params.get("_failed") is None
            and (chat_id is None or call.chat_id == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [call.text for call in self.sent(chat_id)]

    def shown(self, chat_id: int) -> list[str]:
        """The chat's messages as a member sees them now: edits replace what was sent."""
        messages = {call.params["_message_id"]: call.text for call in self.sent(chat_id)}
        for edit in self.sent(chat_id, "editMessageText"):
            if int(edit.params["message_id"]) in messages:
                messages[int(edit.params["message_id"])] = edit.text
        return list(messages.values())

    def clear(self) -> None:
        self.calls.clear()

    # -- BaseRequest -----------------------------------------------------------------------
    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            params["_files"] = {  # a streamed file is read here, as the HTTP client would
                name: (upload[0], await _read(upload[1]))
                for name, upload in request_data.multipart_data.items()
            }
        return self.respond(api_method, params)

    def respond(self, api_method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        """Record the call and answer it: (HTTP status, JSON body), as the Bot API would."""
        call = ApiCall(api_method, params)
        self.calls.append(call)
        failure = self._take_failure(api_method, params) or _too_long(api_method, params)
        if failure is not None:
            call.params["_failed"] = True
            if failure == TIMEOUT:
                raise TimedOut("fake timeout")
            assert isinstance(failure, ApiError)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.parameters:
                body["parameters"] = failure.parameters
            return failure.status, json.dumps(body).encode()
        result = self._answer(api_method, params)
        if api_method == "sendMessage":
            call.params["_message_id"] = result["message_id"]
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _take_failure(self, method: str, params: dict[str, Any]) -> ApiError | str | None:
        for failure in self.failures:
            if failure.method == method and failure.when(params):
                if failure.times is not None:
                    failure.times -= 1
                    if failure.times == 0:
                        self.failures.remove(failure)
                return failure.error
        return None

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in (
            "sendMessage",
            "sendDocument",
            "sendPhoto",
            "editMessageText",
            "editMessageReplyMarkup",
        ):
            return self._message(params)
        if method == "copyMessage":
            self._next_message_id += 1
            return {"message_id": self._next_message_id}
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            self.updates = [update for update in self.updates if update["update_id"] >= offset]
            return list(self.updates)
        if method == "getChatMember":
            return self._chat_member(int(params["chat_id"]), int(params["user_id"]))
        if method == "getChatAdministrators":
            chat_id = int(params["chat_id"])
            return [self._chat_member(chat, user) for chat, user in self.admins if chat == chat_id]
        return True

    def _chat_member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": "Someone"}
        if (chat_id, user_id) not in self.admins:
            return {"status": "member", "user": user}
        rights = [
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        ]
        return {"status": "administrator", "user": user, **dict.fromkeys(rights, False)}

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        if "message_id" in params:
            message_id = int(params["message_id"])
        else:
            self._next_message_id += 1
            message_id = self._next_message_id
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            **(
                {"message_thread_id": params["message_thread_id"], "is_topic_message": True}
                if params.get("message_thread_id")
                else {}
            ),
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            markup = params["reply_markup"]
            message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        if params.get("document") is not None:
            message["document"] = {"file_id": "doc1", "file_unique_id": "doc1u"}
        if params.get("photo") is not None:
            size = {"file_id": "photo1", "file_unique_id": "photo1u", "width": 900, "height": 1200}
            message["photo"] = [size]
        return message
