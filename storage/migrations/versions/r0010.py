"""Migration 10: 0010_covering_stats_indexes.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    replay(10)
