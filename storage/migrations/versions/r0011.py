"""Migration 11: 0011_outbox_and_forms.sql (storage/schema.py replays it)."""

from storage.schema import replay

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    replay(11)
