"""Several `chapterbot run` started at the same moment on one new PostgreSQL database: one
creates the schema while the others wait for it (an advisory lock around the migrations), then
one leads and the others stand by."""

from __future__ import annotations

import asyncio

from storage.db import Database
from storage.schema import latest, schema_version
from tests.fake_http_api import HttpBotApi
from tests.postgres_databases import fresh_database
from tests.two_bots import TwoBots


async def test_migrations_started_together_run_once(tmp_path):
    with fresh_database("together") as url:
        opened = await asyncio.gather(*(Database.open(url) for _ in range(3)))
        try:
            assert [await schema_version(db) for db in opened] == [latest()] * 3
        finally:
            for db in opened:
                await db.close()


def test_two_bots_started_together_on_a_new_database_both_come_up(tmp_path):
    with fresh_database("together") as url, HttpBotApi() as api:
        bots = TwoBots(api, url, tmp_path, {"LOG_LEVEL": "INFO"})
        try:
            bots.start("a")
            bots.start("b")
            leader = bots.wait_for_leader()
            standby = "b" if leader == "a" else "a"
            bots.wait_until_standby(standby)
            assert set(api.callers("getUpdates")) == {leader}
            outputs = [bot.output() for bot in bots.bots.values()]
        finally:
            bots.stop_all()
    assert all("Traceback" not in output for output in outputs), outputs
