"""Migration 12: 0012_languages.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    replay(12)
