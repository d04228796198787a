"""Migration 1: 0001_initial.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0001"
down_revision = None


def upgrade() -> None:
    replay(1)
