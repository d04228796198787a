"""Migration 3: 0003_chapter_settings_and_tips.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    replay(3)
