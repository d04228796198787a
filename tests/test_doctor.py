"""`chapterbot doctor` against the fake Bot API: a healthy chapter, then each problem an operator
can have, each reported with its fix."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from chapterbot.cli import main
from chapterbot.ops.doctor import FAIL, OK, WARN, Check, examine, report
from chapterbot.ops.settings import OpsSettings
from storage.chapters import ChapterRepository
from storage.db import Database
from tests.cast import GROUP
from tests.fake_api import BOT_USER, ApiError, FakeBotApi
from tests.fake_http_api import HttpBotApi
from tests.harness import TOKEN, settings_for

ADMIN_RIGHTS = (
    "can_be_edited", "is_anonymous", "can_manage_chat", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
    "can_post_stories", "can_edit_stories", "can_delete_stories",
)  # fmt: skip


class DoctorApi(FakeBotApi):
    """Telegram as the doctor sees it: the bot, its webhook, its place in each group."""

    def __init__(self) -> None:
        super().__init__()
        self.reads_all_messages = False
        self.webhook: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }
        self.status_in_group = "administrator"
        self.may_delete = True

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {**BOT_USER, "can_read_all_group_messages": self.reads_all_messages}
        if method == "getWebhookInfo":
            return self.webhook
        if method == "getChatMember":
            member = {"status": self.status_in_group, "user": BOT_USER}
            if self.status_in_group == "kicked":
                member["until_date"] = 0
            if self.status_in_group == "administrator":
                member |= dict.fromkeys(ADMIN_RIGHTS, False)
                member["can_delete_messages"] = self.may_delete
            return member
        return super()._answer(method, params)


@pytest.fixture
async def chapter_db(tmp_path) -> Path:
    """A migrated database with one active chapter, the Riverside group."""
    path = tmp_path / "chapter.db"
    db = await Database.open(path)
    await ChapterRepository(db).upsert(GROUP.id, GROUP.title, "UTC", datetime.now(UTC))
    await db.close()
    return path


async def checkup(path: Path, api: DoctorApi, ops: OpsSettings | None = None, **settings):
    bot = Bot(TOKEN, request=api, get_updates_request=api)
    checks = await examine(settings_for(path, **settings), ops or OpsSettings(), bot)
    return {check.name: check for check in checks}


async def test_a_healthy_bot_passes_every_check(chapter_db):
    checks = await checkup(chapter_db, DoctorApi())
    assert {name: check.status for name, check in checks.items()} == {
        "token": OK, "privacy mode": OK, "database": OK, "tips file": OK, "webhook": OK,
        f"chapter Riverside Chapter ({GROUP.id})": OK,
    }  # fmt: skip
    assert report(list(checks.values())).endswith("No problems found.")


async def test_a_rejected_token_is_a_problem_with_its_fix(chapter_db):
    api = DoctorApi()
    api.fail("getMe", ApiError(401, "Unauthorized"))
    checks = await checkup(chapter_db, api)
    assert checks["token"].status == FAIL
    assert "@BotFather" in checks["token"].fix
    assert checks["database"].status == OK  # what can still be checked, is


async def test_privacy_mode_off_is_a_warning(chapter_db):
    api = DoctorApi()
    api.reads_all_messages = True
    check = (await checkup(chapter_db, api))["privacy mode"]
    assert (check.status, "/setprivacy" in check.fix) == (WARN, True)


async def test_a_database_newer_than_the_code_fails(chapter_db):
    with sqlite3.connect(chapter_db) as conn:
        conn.execute("PRAGMA user_version = 99")
    check = (await checkup(chapter_db, DoctorApi()))["database"]
    assert check.status == FAIL and "newer than this code" in check.detail


async def test_a_database_not_created_yet_is_a_warning(tmp_path):
    check = (await checkup(tmp_path / "new.db", DoctorApi()))["database"]
    assert check.status == WARN and "creates it" in check.fix


async def test_an_invalid_tips_file_fails_and_names_the_command_that_explains(chapter_db, tmp_path):
    tips = tmp_path / "tips.md"
    tips.write_text("## Same\nOne.\n\n## Same\nTwo.\n")
    check = (await checkup(chapter_db, DoctorApi(), tips_file=tips))["tips file"]
    assert check.status == FAIL and f"chapterbot tips check {tips}" in check.fix


async def test_a_webhook_left_set_in_polling_mode_fails(chapter_db):
    api = DoctorApi()
    api.webhook |= {"url": "https://old.example.com/hook", "pending_update_count": 12}
    check = (await checkup(chapter_db, api))["webhook"]
    assert check.status == FAIL
    assert "polling mode" in check.detail and "12 update(s) waiting" in check.detail


async def test_a_recent_webhook_delivery_error_fails(chapter_db):
    url = "https://bot.example.com/hook"
    api = DoctorApi()
    api.webhook |= {
        "url": url,
        "last_error_date": int(datetime.now(UTC).timestamp()) - 60,
        "last_error_message": "Connection refused",
    }
    check = (await checkup(chapter_db, api, OpsSettings(webhook_url=url)))["webhook"]
    assert check.status == FAIL and "Connection refused" in check.detail
    assert "reverse proxy" in check.fix


@pytest.mark.parametrize(
    ("status", "may_delete", "detail"),
    [
        ("kicked", False, "no longer in this group"),
        ("left", False, "no longer in this group"),
        ("member", False, "may not delete messages"),
        ("administrator", False, "may not delete messages"),
    ],
)
async def test_a_chapter_where_the_bot_lost_its_place_or_rights_fails(
    chapter_db, status, may_delete, detail
):
    api = DoctorApi()
    api.status_in_group, api.may_delete = status, may_delete
    check = (await checkup(chapter_db, api))[f"chapter Riverside Chapter ({GROUP.id})"]
    assert check.status == FAIL and detail in check.detail and check.fix


def test_the_command_prints_the_checklist_and_exits_1_on_a_problem(chapter_db, monkeypatch, capsys):
    with HttpBotApi() as api:
        api.fake = doctor = DoctorApi()
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_URL", api.url)
        monkeypatch.setenv("DATABASE_PATH", str(chapter_db))
        assert main(["doctor"]) == 0
        assert capsys.readouterr().out.strip().endswith("No problems found.")
        doctor.may_delete = False
        assert main(["doctor"]) == 1
    printed = capsys.readouterr().out
    assert "[FAIL] chapter Riverside Chapter" in printed
    assert "fix: make the bot an admin" in printed
    assert TOKEN not in printed


def test_every_problem_comes_with_a_fix():
    checks = [Check("a", FAIL, "broken", "do this"), Check("b", OK, "fine")]
    assert report(checks).splitlines() == [
        "[FAIL] a: broken", "         fix: do this", "[ok]   b: fine", "1 problem(s) found.",
    ]  # fmt: skip


async def test_a_healthy_bot_on_postgresql_passes_every_check(postgres):
    url = postgres.database()  # skipped (or failed, when required) without a server
    db = await Database.open(url)
    await ChapterRepository(db).upsert(GROUP.id, GROUP.title, "UTC", datetime.now(UTC))
    await db.close()
    checks = await checkup(url, DoctorApi())
    assert {name: check.status for name, check in checks.items()} == {
        "token": OK, "privacy mode": OK, "database": OK, "tips file": OK, "webhook": OK,
        f"chapter Riverside Chapter ({GROUP.id})": OK,
    }  # fmt: skip


async def test_an_unreachable_postgresql_fails_with_one_line_and_no_password():
    check = (await checkup("postgresql://bot:secret@127.0.0.1:1/chapters", DoctorApi()))[
        "database"
    ]
    assert check.status == FAIL and "unreachable" in check.detail
    assert "secret" not in check.detail
