"""Migration 6: 0006_shared_tip_catalog.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    replay(6)
