"""Migration 4: 0004_closed_business_and_stats.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    replay(4)
