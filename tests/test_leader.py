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


class Partition:
    """A TCP relay to PostgreSQL that can go silent without closing anything: a lost network
    (or a machine gone) as both ends see it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 5432) -> None:
        self.upstream = (host, port)
        self.cut = asyncio.Event()
        self.server: asyncio.Server | None = None
        self.pumps: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> int:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        for pump in self.pumps:
            pump.cancel()

    async def _relay(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection(*self.upstream)
        for reader, writer in ((client_reader, server_writer), (server_reader, client_writer)):
            pump = asyncio.create_task(self._pump(reader, writer))
            self.pumps.add(pump)

    async def _pump(self, reader, writer) -> None:
        while data := await reader.read(65536):
            if self.cut.is_set():
                await asyncio.Event().wait()  # silence: nothing passes, nothing closes
            writer.write(data)
            await writer.drain()


async def test_a_leader_cut_off_stops_before_the_standby_starts(database):
    """Neither side's socket closes: the leader's next look times out (2.5 s) and it stops; the
    server ends the silent session (idle_session_timeout, 8 s), and only then the standby leads.
    """
    partition = Partition()
    async with partition as port:
        cut_off_url = database.replace("127.0.0.1:5432", f"127.0.0.1:{port}")
        leader, leader_ops, leader_roles = election(LeaderLock(cut_off_url))
        standby, standby_ops, standby_roles = election(LeaderLock(database))
        changes: list[tuple[str, float]] = []
        try:
            await leader.step()
            await standby.step()
            assert leader_ops.is_leader() and not standby_ops.is_leader()
            leader.start()
            standby.start()
            partition.cut.set()
            cut_at = loop_time()
            while len(changes) < 2 and loop_time() - cut_at < 20:
                if not leader_ops.is_leader() and "deposed" not in dict(changes):
                    changes.append(("deposed", loop_time() - cut_at))
                if standby_ops.is_leader() and "elected" not in dict(changes):
                    changes.append(("elected", loop_time() - cut_at))
                await asyncio.sleep(0.05)
        finally:
            await leader.stop()
            await standby.stop()
            await standby.release()
            leader.leading = False
            await leader.lock.engine.dispose()
    print(
        f"\ncut off: the leader stopped after {dict(changes).get('deposed', 0):.1f} s, "
        f"the standby led after {dict(changes).get('elected', 0):.1f} s"
    )
    assert [change for change, _ in changes] == ["deposed", "elected"], changes
    assert dict(changes)["deposed"] < 4.5
    assert dict(changes)["elected"] < 10
    assert leader_roles.changes == ["elected", "deposed"]
    assert standby_roles.changes == ["elected"]


def loop_time() -> float:
    return asyncio.get_running_loop().time()


async def test_a_standby_that_takes_over_is_not_reported_stalled_for_its_idle_hours(database):
    clock = [1000.0]
    ops = Ops(sweep_interval=60, monotonic=lambda: clock[0])
    roles = Roles()
    lock = LeaderLock(database)
    standby = Election(lock, ops, on_elected=roles.elected, on_deposed=roles.deposed)
    holder = LeaderLock(database)
    try:
        assert await holder.try_acquire()
        await standby.step()
        clock[0] += 5 * 3600  # hours as a standby: it swept nothing, rightly
        assert not ops.sweeps_stalled()
        await holder.close()
        await standby.step()
        assert ops.is_leader()
        assert not ops.sweeps_stalled(), "its first sweep is still to come"
        clock[0] += 3 * 60 + 1
        assert ops.sweeps_stalled(), "but it must come"
    finally:
        await holder.close()
        await standby.release()
