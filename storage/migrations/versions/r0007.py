"""Migration 7: 0007_meetings_and_visitors.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    replay(7)
