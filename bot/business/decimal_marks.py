"""Which way a chapter writes decimals, and the numbers that read differently the other way.

`1,5`, `2,50` and `1.500` mean different amounts to a member who writes 2,500.50 and to one who
writes 2.500,50. The bot doesn't guess: where the chapter's custom (from its currency) and the
other custom read a number differently, the member is shown both readings (bot/texts) and how
to write each so that nobody could misread it.
"""

from __future__ import annotations

from decimal import Decimal

# Currencies whose members mostly write 1.500,50 (a decimal comma); all others: 1,500.50.
DECIMAL_COMMA = frozenset(
    {
        "EUR", "BRL", "RUB", "TRY", "PLN", "CZK", "HUF", "RON", "BGN", "DKK",
        "NOK", "SEK", "ISK", "UAH", "ARS", "CLP", "COP", "IDR", "VND", "RSD",
    }
)  # fmt: skip


def decimal_mark(currency: str) -> str:
    return "," if currency in DECIMAL_COMMA else "."


def other_readings(number: str, mark: str) -> tuple[Decimal, Decimal] | None:
    """(what the other custom means, what this custom means) when they differ, else None.

    With a decimal point: `1,5` and `2,50` are decimals to a comma writer (1.5, 2.5) and a
    thousand-something to this custom's eye (1,500, 2,500); `1.500` is 1,500 to a comma writer
    and 1.50 here. A number with one separator and any other shape reads the same both ways.
    """
    separators = [char for char in number if char in ".,"]
    if len(separators) != 1:
        return None
    whole, _, after = number.partition(separators[0])
    as_decimal = Decimal(f"{whole}.{after}")
    if separators[0] != mark and len(after) in (1, 2):
        return as_decimal, Decimal(whole + after.ljust(3, "0"))
    if separators[0] == mark and len(after) == 3 and after.endswith("0"):
        return Decimal(whole + after), as_decimal
    return None


def as_this_custom(number: str, mark: str) -> str:
    """`1.500` in a decimal-comma chapter is 1500: its one separator groups thousands."""
    separators = [char for char in number if char in ".,"]
    if len(separators) == 1 and separators[0] != mark:
        whole, _, after = number.partition(separators[0])
        if len(after) == 3:
            return whole + after
    return number


def written(value: Decimal, mark: str) -> str:
    """The value as nobody could misread it: 1500, or 1.50 (1,50 where the comma is decimal)."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".replace(".", mark)
