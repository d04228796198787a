"""How instants are stored: UTC text, fixed width, so it sorts and compares as time does."""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc:%H:%M:%S}Z"  # _FORMAT, quicker


def from_db(text: str) -> datetime:
    """`_FORMAT` back to an aware UTC datetime (fromisoformat is many times quicker than
    strptime, which was most of a 50,000-row export)."""
    if len(text) != 20 or text[10] != "T" or text[-1] != "Z":
        raise ValueError(f"not a stored time: {text!r}")
    return datetime.fromisoformat(text)


def from_db_or_none(text: str | None) -> datetime | None:
    return None if text is None else from_db(text)
