"""Which three-letter codes are currencies: ISO 4217 codes in use today, as Babel (CLDR) knows
them. "XYZ" is not one, nor a currency withdrawn years ago (DEM), nor a test code (XTS)."""

from __future__ import annotations

from functools import cache

from babel.core import get_global
from babel.numbers import get_territory_currencies


@cache
def currencies_in_use() -> frozenset[str]:
    """The legal tenders of every territory CLDR lists (about 155 codes)."""
    territories = get_global("territory_currencies").keys()
    return frozenset(code for t in territories for code in get_territory_currencies(t))


def is_currency_code(text: str) -> bool:
    return text.strip().upper() in currencies_in_use()
