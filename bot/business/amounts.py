"""Money as members type it: 2500, 2,500, 2 500, $2,500.50, €900, 2.5k. Kept in minor units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from babel import Locale

from bot.business.decimal_marks import as_this_custom, decimal_mark, other_readings, written
from bot.core.currencies import currencies_in_use, is_currency_code
from bot.core.result import Reason, Refusal
from bot.i18n import LANGUAGES, format_money

MAX_AMOUNT = Decimal(1_000_000_000)
# Symbols members type, whatever Babel's data says (it lacks some, or gives a withdrawn
# currency): the bot's own table, the ruble as Russians write it, the tenge of Almaty.
_TYPED_SYMBOLS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₫": "VND",
    "₱": "PHP",
    "₸": "KZT",
    "R$": "BRL",
    "A$": "AUD",
    "C$": "CAD",
    "US$": "USD",
    "руб.": "RUB",
    "руб": "RUB",
    "р.": "RUB",
}
DISPLAY = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "C$"}
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f']")
_CODE_BEFORE = re.compile(r"^([A-Z]{3})(\d.*)$", re.IGNORECASE)
_CODE_AFTER = re.compile(r"^(.*\d)([A-Z]{3})$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)*)([km]?|к|тыс\.?|млн\.?)$", re.IGNORECASE)
# 2.5k, and as Russian writes it: 2,5к, 2,5 тыс., 1,2 млн
_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000, "к": 1_000, "тыс": 1_000, "млн": 1_000_000}


@cache
def currency_symbols() -> dict[str, str]:
    """Every currency symbol members may type, longest first: CLDR's for each shipped language
    (R$, US$, €, ₽, CA$, MX$...), for currencies in use and where the languages agree."""
    found: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for code, symbol in Locale.parse(language).currency_symbols.items():
            if symbol != code and code in currencies_in_use():
                found.setdefault(symbol, set()).add(code)
    symbols = {symbol: codes.pop() for symbol, codes in found.items() if len(codes) == 1}
    symbols |= _TYPED_SYMBOLS
    return dict(sorted(symbols.items(), key=lambda pair: -len(pair[0])))


@cache
def _symbols_in_lower_case() -> frozenset[str]:
    return frozenset(symbol.lower() for symbol in currency_symbols())


class AmountError(Refusal):
    """Why the text is not an amount (its reason; bot/texts/refusals.py says it)."""


@dataclass(frozen=True, slots=True)
class Amount:
    cents: int
    currency: str | None  # only when the member wrote one


def _strip_currency(text: str) -> tuple[str, str | None]:
    """Take off a currency symbol or ISO code before or after the number (`R$2.500`, `2500€`,
    `EUR900`, `900 usd`); a code in lower case only when it is a real currency."""
    lowered = text.lower()
    for symbol, code in currency_symbols().items():
        if lowered.startswith(symbol.lower()):
            return text[len(symbol) :], code
        if lowered.endswith(symbol.lower()):
            return text[: -len(symbol)], code
    for pattern, code_group, number_group in ((_CODE_BEFORE, 1, 2), (_CODE_AFTER, 2, 1)):
        if (match := pattern.match(text)) and _is_code(match.group(code_group)):
            return match.group(number_group), match.group(code_group).upper()
    return text, None


def _is_code(word: str) -> bool:
    return word.isupper() or is_currency_code(word)


def _to_decimal(number: str) -> Decimal:
    """Read thousands separators and the decimal mark the way people mean them."""
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        number = number.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in number:
        groups = number.split(",")
        if len(groups) > 1 and all(len(group) == 3 for group in groups[1:]):
            number = number.replace(",", "")  # 2,500 or 1,250,000
        elif len(groups) == 2:
            number = number.replace(",", ".")  # 12,50
        else:
            raise AmountError(Reason.UNREADABLE_AMOUNT, text=number)
    elif number.count(".") > 1:
        groups = number.split(".")
        if not all(len(group) == 3 for group in groups[1:]):
            raise AmountError(Reason.UNREADABLE_AMOUNT, text=number)
        number = number.replace(".", "")  # 1.250.000
    try:
        return Decimal(number)
    except InvalidOperation as exc:
        raise AmountError(Reason.UNREADABLE_AMOUNT, text=number) from exc


def _unclear(number: str, currency: str) -> AmountError | None:
    """Both readings of `1,5` (or `1.500`, `2,50`), when they differ, for the member to choose."""
    mark = decimal_mark(currency)
    readings = other_readings(number, mark)
    if readings is None:
        return None
    shown = tuple(
        (format_amount(int(value * 100), currency), written(value, mark)) for value in readings
    )
    return AmountError(Reason.UNCLEAR_DECIMAL_MARK, text=number, readings=shown)


def parse_amount(text: str, chapter_currency: str | None = None) -> Amount:
    """Parse a positive amount up to a billion; at most two decimals (cents).

    Given the chapter's currency, a number that its custom and the other one read differently
    (`1,5`, `2,50`, `1.500` with dollars) is refused with both readings.
    """
    cleaned = _SPACES.sub("", text or "")
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise AmountError(Reason.AMOUNT_NOT_POSITIVE)
    rest, currency = _strip_currency(cleaned)
    match = _NUMBER.match(rest)
    if not match:
        raise AmountError(Reason.UNREADABLE_AMOUNT, text=text.strip())
    number, custom = match.group(1), chapter_currency
    if currency and custom and currency != custom:
        # Another currency: refused as such by the caller, so read the number its own way
        # (R$ 2.500 is 2500) and never ask which reading the member meant.
        number = as_this_custom(number, decimal_mark(currency))
    elif custom and not match.group(2):
        if unclear := _unclear(number, custom):
            raise unclear
        number = as_this_custom(number, decimal_mark(custom))
    value = _to_decimal(number)
    multiplier = _MULTIPLIERS[match.group(2).lower().rstrip(".")]
    value *= multiplier
    if value <= 0:
        raise AmountError(Reason.AMOUNT_NOT_POSITIVE)
    if value > MAX_AMOUNT:
        raise AmountError(Reason.AMOUNT_TOO_LARGE)
    cents = (value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if cents <= 0:  # "0.000001k": more than zero on paper, nothing once in cents
        raise AmountError(Reason.AMOUNT_BELOW_A_CENT)
    if cents != value * 100 and multiplier == 1:
        raise AmountError(Reason.TOO_MANY_DECIMALS)
    return Amount(int(cents), currency)


def format_amount(cents: int, currency: str) -> str:
    """$2,500 or $2,500.50 or CHF 900 in English; `2.500,00 €`, `R$ 2.500,00` elsewhere."""
    whole, part = divmod(cents, 100)
    number = f"{whole:,}" if part == 0 else f"{whole:,}.{part:02d}"
    symbol = DISPLAY.get(currency)
    english = f"{symbol}{number}" if symbol else f"{currency} {number}"
    return format_money(cents, currency, english)


_FIRST_GROUP = re.compile(r"^\D{0,2}\d{1,3}$")  # "2" of "2 500", "$12" of "$12 000"
_MIDDLE_GROUP = re.compile(r"^\d{3}$")
_LAST_GROUP = re.compile(r"^\d{3}(?:[.,]\d{1,2})?\D{0,3}$")  # "500", "500.50", "500€"


def _is_currency_word(word: str) -> bool:
    return word.lower() in _symbols_in_lower_case() or is_currency_code(word)


def _number_words(words: list[str]) -> list[str] | None:
    """The words of one amount written with spaces ("2 500", "EUR 1 250 000"), or None.

    Besides its number, the amount may hold a currency word; a number split by spaces must be
    grouped in thousands, so "2500 3" is never read as 25,003.
    """
    numbers = [word for word in words if any(char.isdigit() for char in word)]
    if not numbers or any(not _is_currency_word(w) for w in words if w not in numbers):
        return None
    if len(numbers) > 1 and not (
        _FIRST_GROUP.match(numbers[0])
        and all(_MIDDLE_GROUP.match(word) for word in numbers[1:-1])
        and _LAST_GROUP.match(numbers[-1])
    ):
        return None
    return numbers


def parse_amount_and_note(
    text: str, chapter_currency: str | None = None
) -> tuple[Amount, str | None]:
    """`2500 new shopfront` -> (2500, 'new shopfront'): the longest leading amount wins.

    An amount written with spaces and followed by a note is ambiguous ("5 100 leaflets": 5,100,
    or 5 for 100 leaflets?), so it is refused with both readings, for the member to choose.
    """
    words = (text or "").split()
    if not words:
        raise AmountError(Reason.AMOUNT_MISSING)
    first_error: AmountError | None = None
    for count in range(min(len(words), 4), 0, -1):
        numbers = _number_words(words[:count]) if count > 1 else words[:1]
        if numbers is None:
            continue
        try:
            amount = parse_amount(" ".join(words[:count]), chapter_currency)
        except AmountError as exc:
            # the longest reading's problem: "$ 1,5" is about 1,5, not about a lone "$"
            first_error = first_error or exc
            continue
        note = " ".join(words[count:]) or None
        if note is not None and len(numbers) > 1:
            raise _ambiguous(numbers, note)
        return amount, note
    assert first_error is not None
    raise first_error


def _ambiguous(numbers: list[str], note: str) -> AmountError:
    """Both readings of "5 100 leaflets", for the member to choose."""
    return AmountError(
        Reason.AMBIGUOUS_AMOUNT,
        joined="".join(numbers),
        first=numbers[0],
        rest=" ".join([*numbers[1:], note]),
    )
