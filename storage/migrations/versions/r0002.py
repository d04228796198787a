"""Migration 2: 0002_followups.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    replay(2)
