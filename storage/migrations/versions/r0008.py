"""Migration 8: 0008_ops_state.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    replay(8)
