"""Migration 13: 0013_first_follow_up.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0013"
down_revision = "0012"


def upgrade() -> None:
    replay(13)
