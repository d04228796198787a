"""The demo's Telegram: an in-process stand-in for the Bot API that answers like it and keeps
what the bot sent, so `chapterbot demo` runs without a token or a network."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 7000000001
BOT_USER = {
    "id": BOT_ID, "is_bot": True, "first_name": "Chapterbot", "username": "chapter_demo_bot",
    "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False,
}  # fmt: skip
_ADMIN_RIGHTS = (
    "can_be_edited", "is_anonymous", "can_manage_chat", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
    "can_post_stories", "can_edit_stories", "can_delete_stories",
)  # fmt: skip


@dataclass
class Sent:
    """One thing the bot did in a chat: a message, an edit, a deletion."""

    method: str
    chat_id: int
    text: str = ""
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (label, callback data or url)
    message_id: int = 0


@dataclass
class DemoTelegram(BaseRequest):
    sent: list[Sent] = field(default_factory=list)
    admins: set[tuple[int, int]] = field(default_factory=set)  # (chat id, user id)
    _next_message_id: int = 9000

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:  # fmt: skip
        params = dict(request_data.parameters) if request_data else {}
        result = self._answer(url.rsplit("/", 1)[-1], params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getChatMember":
            return self._member(int(params["chat_id"]), int(params["user_id"]))
        if method == "getChatAdministrators":
            return []
        if method in ("sendMessage", "sendDocument", "editMessageText", "deleteMessage"):
            return self._record(method, params)
        return True

    def _record(self, method: str, params: dict[str, Any]) -> Any:
        chat_id = int(params.get("chat_id", 0))
        if "message_id" in params:
            message_id = int(params["message_id"])
        else:
            self._next_message_id += 1
            message_id = self._next_message_id
        markup = params.get("reply_markup") or {}
        markup = json.loads(markup) if isinstance(markup, str) else markup
        buttons = [
            (button["text"], button.get("callback_data") or button.get("url", ""))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]
        text = str(params.get("text") or params.get("caption") or "")
        self.sent.append(Sent(method, chat_id, text, buttons, message_id))
        if method == "deleteMessage":
            return True
        chat_type = "private" if chat_id > 0 else "supergroup"
        return {"message_id": message_id, "date": 0, "chat": {"id": chat_id, "type": chat_type},
                "from": BOT_USER, "text": text}  # fmt: skip

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        user = (
            BOT_USER
            if user_id == BOT_ID
            else {"id": user_id, "is_bot": False, "first_name": "Member"}
        )
        if (chat_id, user_id) not in self.admins:
            return {"status": "member", "user": user}
        rights = dict.fromkeys(_ADMIN_RIGHTS, False) | {"can_delete_messages": True}
        return {"status": "administrator", "user": user, **rights}
