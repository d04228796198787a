"""Migration 5: 0005_idempotent_referrals.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    replay(5)
