"""One mapping from a row to a typed frozen record, for every repository.

A record's fields are named as its columns; the field's type says how a stored value is read:
an instant (UTC text) becomes an aware datetime, a day (ISO text) a date, 0/1 a bool, text the
field's enum; `None` stays `None` where the type allows it. Anything else is taken as stored.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from storage.db import Row
from storage.timestamps import from_db

Record = TypeVar("Record")
_Read = Callable[[Any], Any]


def record(cls: type[Record], row: Row, **given: Any) -> Record:
    """The `cls` a row holds; `given` fields are not read from the row (a derived value)."""
    values = {
        name: row[name] if read is None else read(row[name])
        for name, read in _readers(cls)
        if name not in given
    }
    return cls(**values, **given)


_READERS: dict[type, tuple[tuple[str, _Read | None], ...]] = {}


def _readers(cls: type) -> tuple[tuple[str, _Read | None], ...]:
    """Worked out once a record type (its hints are read at the first row)."""
    if cls not in _READERS:
        hints = typing.get_type_hints(cls)
        _READERS[cls] = tuple((f.name, _reader(hints[f.name])) for f in dataclasses.fields(cls))
    return _READERS[cls]


def _reader(hint: Any) -> _Read | None:
    """How a stored value becomes the field's; None: as stored."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        [inner] = [arg for arg in args if arg is not type(None)]
        read = _reader(inner)
        if read is None:
            return None
        return lambda value: None if value is None else read(value)
    if hint is datetime:
        return from_db
    if hint is date:
        return date.fromisoformat
    if hint is bool:
        return bool
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    return None
