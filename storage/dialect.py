"""Where SQLite and PostgreSQL differ, in one place: the repositories' SQL is one set of
statements, written with `?` placeholders, and asks this module for the few fragments that are
spelled differently on each engine.

Portable already (no fragment needed): `INSERT ... ON CONFLICT ... DO NOTHING / DO UPDATE`,
`RETURNING`, `COALESCE`, `CASE`, partial indexes named by literal (see `status_literal`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_STATUS = re.compile(r"[a-z_]{1,32}")
# A `?`, a `:name` (not `::`), or a quoted literal to skip.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|::|\?|(?<![:\w]):([A-Za-z_]\w*)")


def status_literal(status: str) -> str:
    """A status written into SQL as a literal, not a bound parameter: both engines use a partial
    index (`... WHERE status = 'open'`) only when the query names the same literal."""
    if not _STATUS.fullmatch(status):
        raise ValueError(f"not a status: {status!r}")
    return f"'{status}'"


@functools.lru_cache(maxsize=2048)
def numbered(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """`?` and `:name` placeholders as PostgreSQL's `$1, $2, ...` (worked out once per
    statement); with names, the order in which a dict's values are passed (None: positional)."""
    names: list[str] = []
    positional = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal positional
        token = match.group(0)
        if token == "?":
            positional += 1
            return f"${positional}"
        name = match.group(1)
        if name is None:
            return token  # a literal, or a `::` cast
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    translated = _TOKENS.sub(replace, sql)
    if positional and names:
        raise ValueError("a statement uses either ? or :name placeholders, not both")
    return translated, (tuple(names) if names else None)


@dataclass(frozen=True, slots=True)
class Dialect:
    """The fragments of SQL that differ between the engines."""

    name: str

    @property
    def is_postgresql(self) -> bool:
        return self.name == POSTGRESQL

    def seconds_between(self, later: str, earlier: str) -> str:
        """Whole seconds from one stored instant (UTC text) to another."""
        if self.is_postgresql:
            return (
                f"round(extract(epoch FROM (CAST({later} AS timestamptz)"
                f" - CAST({earlier} AS timestamptz))))"
            )
        return f"round((julianday({later}) - julianday({earlier})) * 86400)"

    def same_text_any_case(self, column: str) -> str:
        """`column` equals the parameter in any (ASCII) case. On SQLite the column is declared
        COLLATE NOCASE; on PostgreSQL an index on lower(column) serves it."""
        if self.is_postgresql:
            return f"lower({column}) = lower(CAST(? AS text))"
        return f"{column} = ? COLLATE NOCASE"

    def is_same(self, column: str, *, negate: bool = False) -> str:
        """`column` equals the parameter, NULL equal to NULL."""
        if self.is_postgresql:
            return f"{column} IS {'' if negate else 'NOT '}DISTINCT FROM ?"
        return f"{column} IS {'NOT ' if negate else ''}?"

    def skip_locked(self, table: str) -> str:
        """Appended to a SELECT that picks rows to claim: on PostgreSQL, rows another process
        has locked are passed over (SQLite has one writer: nothing to add)."""
        return f" FOR UPDATE OF {table} SKIP LOCKED" if self.is_postgresql else ""
