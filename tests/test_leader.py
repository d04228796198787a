"""The leader election on PostgreSQL, process by process: one lock holder per database, a
standby that gets the lock once the leader's session is gone, and a leader that notices losing
its lock and stops taking updates (chapterbot/ops/leader.py, storage/leader.py)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from chapterbot.ops.leader import Election
from chapterbot.ops.state import Ops
from storage.leader import LOCK_SESSION_SETTINGS, LeaderLock, lock_is_taken
from tests.postgres_databases import fresh_database, query


@pytest.fixture
def database():
    with fresh_database("leader") as url:
        yield url


def end_lock_sessions(url: str) -> int:
    """What a lost machine or a DBA's pg_terminate_backend does to the leader's session."""
    rows = query(
        url,
        "SELECT pg_terminate_backend(activity.pid) FROM pg_stat_activity activity"
        " JOIN pg_locks lock ON lock.pid = activity.pid AND lock.locktype = 'advisory'"
        " WHERE activity.application_name = $1 AND activity.datname = current_database()",
        LOCK_SESSION_SETTINGS["application_name"],
    )
    return len(rows)


class Roles:
    """Records what an Election asked its process to do."""

    def __init__(self) -> None:
        self.changes: list[str] = []

    async def elected(self) -> None:
        self.changes.append("elected")

    async def deposed(self) -> None:
        self.changes.append("deposed")


def election(lock: LeaderLock) -> tuple[Election, Ops, Roles]:
    ops, roles = Ops(sweep_interval=60), Roles()
    return Election(lock, ops, on_elected=roles.elected, on_deposed=roles.deposed), ops, roles


async def test_one_holder_at_a_time_and_the_next_takes_over_when_it_goes(database):
    first, second = LeaderLock(database), LeaderLock(database)
    try:
        assert not await lock_is_taken(database)
        assert await first.try_acquire()
        assert await first.try_acquire(), "asking again keeps it"
        assert not await second.try_acquire()
        assert await lock_is_taken(database)
        await first.close()
        assert await second.try_acquire()
        assert await second.still_held()
    finally:
        await first.close()
        await second.close()


async def test_the_lock_session_is_set_to_end_with_a_lost_machine_or_a_frozen_process(database):
    lock = LeaderLock(database)
    try:
        assert await lock.try_acquire()
        assert lock.conn is not None
        shown = {
            name: (await lock.conn.exec_driver_sql(f"SHOW {name}")).scalar()
            for name in ("tcp_keepalives_idle", "tcp_keepalives_count", "idle_session_timeout")
        }
        assert shown == {
            "tcp_keepalives_idle": "2",
            "tcp_keepalives_count": "3",
            "idle_session_timeout": "8s",
        }
    finally:
        await lock.close()


async def test_a_leader_whose_session_ends_stops_and_the_standby_takes_over(database, caplog):
    caplog.set_level(logging.INFO, logger="chapterbot.ops.leader")
    leader, leader_ops, leader_roles = election(LeaderLock(database))
    standby, standby_ops, standby_roles = election(LeaderLock(database))
    try:
        await leader.step()
        await standby.step()
        await standby.step()  # still standby: said once
        assert leader_ops.is_leader() and not standby_ops.is_leader()
        assert leader_roles.changes == ["elected"] and standby_roles.changes == []
        standby_lines = [r.message for r in caplog.records if r.message.startswith("Standby")]
        assert len(standby_lines) == 1

        assert end_lock_sessions(database) == 1  # the leader's session, which holds the lock
        for _ in range(50):  # the leader hears of it from the closed socket, before any look
            if leader_roles.changes == ["elected", "deposed"]:
                break
            await asyncio.sleep(0.01)
        assert leader_roles.changes == ["elected", "deposed"]
        assert not leader_ops.is_leader()
        await standby.step()
        assert standby_roles.changes == ["elected"] and standby_ops.is_leader()
        assert any(r.message.startswith("Lost the leader lock") for r in caplog.records)
        assert any("as standby" in r.message for r in caplog.records if "Leader:" in r.message)

        await leader.step()  # the old leader is a standby now
        assert leader_roles.changes == ["elected", "deposed"] and not leader_ops.is_leader()
    finally:
        await leader.release()
        await standby.release()


async def test_bots_on_different_databases_each_lead_their_own(database):
    with fresh_database("leader") as other:
        here, there = LeaderLock(database), LeaderLock(other)
        try:
            assert await here.try_acquire()
            assert await there.try_acquire()
        finally:
            await here.close()
            await there.close()


async def test_an_unreachable_database_is_said_once_and_leaves_the_process_standby(caplog):
    caplog.set_level(logging.INFO, logger="chapterbot.ops.leader")
    nowhere, ops, roles = election(LeaderLock("postgresql://postgres@127.0.0.1:1/none"))
    try:
        await nowhere.step()
        await nowhere.step()
        assert not ops.is_leader() and roles.changes == []
        lines = [r.message for r in caplog.records if "does not answer" in r.message]
        assert len(lines) == 1, lines
    finally:
        await nowhere.release()


async def test_a_leader_whose_lock_stops_answering_stops_at_its_next_look(database):
    """A lost network drops no socket: the once-a-second look finds the lock gone."""
    leader, ops, roles = election(LeaderLock(database))
    try:
        await leader.step()
        assert ops.is_leader()
        leader.lock.held = True
        leader.lock.on_lost = None  # as if the socket stayed open, silently dead
        assert leader.lock.conn is not None
        await leader.lock.conn.exec_driver_sql("SELECT pg_advisory_unlock_all()")
        await leader.step()
        assert roles.changes == ["elected", "deposed"] and not ops.is_leader()
    finally:
        await leader.release()
