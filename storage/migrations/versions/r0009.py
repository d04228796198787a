"""Migration 9: 0009_scorecard.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    replay(9)
