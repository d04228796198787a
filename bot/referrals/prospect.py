"""Reading the prospect out of what a giver typed: name first, then phone, e-mail and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PROSPECT_LENGTH = 1000
_NAME_MAX = 80

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w@/#№$€£¥₹])\+?\(?\d[\d\s().\-]{5,}\d(?![\w@%])")
# Numbers that look like phones but aren't: dates (2026-12-05, 05.12.2026), times (10:30).
_DATE_OR_TIME = re.compile(
    r"(?<![\d.\-/])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2}))(?![\d.\-/])"
    r"|(?<!\d)\d{1,2}:\d{2}(?!\d)"
)
# A number right after one of these words is a reference, an amount or an ID, not a phone.
_NOT_A_PHONE_LABEL = re.compile(
    r"\b(?:order|invoice|inv|ref|reference|abn|acn|vat|ein|tax|account|acct|budget|po|quote|"
    r"case|ticket|policy|id|sku|serial|licen[cs]e|reg|registration|iban)\W{0,3}$",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^(\d{3,})-(\d{3,})$")
_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s-\s)\s*")


@dataclass(frozen=True, slots=True)
class Prospect:
    text: str  # as the giver wrote it (trimmed)
    name: str
    phone: str | None
    email: str | None
    notes: str  # what is left once name, phone and e-mail are taken out


def _is_range(number: str) -> bool:
    """25000-30000, 1200-1500: round figures, the smaller first."""
    match = _RANGE.match(number)
    return bool(
        match
        and all(part.endswith("00") for part in match.groups())
        and int(match.group(1)) < int(match.group(2))
    )


def _find_phone(text: str) -> str | None:
    """The first run of 7-15 digits written like a phone number, skipping dates, times,
    ranges and numbers labelled as something else (order #12345678, ABN 51 824 753 556)."""
    blanked = _DATE_OR_TIME.sub(lambda found: "x" * len(found.group()), text)
    for match in _PHONE.finditer(blanked):
        digits = re.sub(r"\D", "", match.group())
        if not 7 <= len(digits) <= 15 or _is_range(match.group()):
            continue
        if _NOT_A_PHONE_LABEL.search(blanked[: match.start()]):
            continue
        return match.group().strip()
    return None


def has_contact_details(text: str) -> bool:
    """A phone number or an e-mail address in what a member wrote (a note, a prospect)."""
    return bool(_EMAIL.search(text) or _find_phone(_EMAIL.sub("\n", text)))


def parse_prospect(text: str) -> Prospect:
    """Split the prospect text; the caller has checked that it is not empty."""
    text = text.strip()
    email_match = _EMAIL.search(text)
    email = email_match.group() if email_match else None
    without_email = text.replace(email, "\n") if email else text
    phone = _find_phone(without_email)
    remainder = without_email.replace(phone, "\n") if phone else without_email
    parts = [part for part in _SEPARATORS.split(remainder) if part.strip(" .:")]
    name = parts[0].strip() if parts else (email or phone or text)
    if len(name) > _NAME_MAX:
        name = name[: _NAME_MAX - 1].rstrip() + "…"
    notes = ", ".join(part.strip() for part in parts[1:])
    return Prospect(text=text, name=name, phone=phone, email=email, notes=notes)
