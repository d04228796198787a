"""Reading the prospect out of what a giver typed: name first, then phone, e-mail and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PROSPECT_LENGTH = 1000
_NAME_MAX = 80

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w@/])\+?\(?\d[\d\s().\-]{5,}\d(?![\w@])")
_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s-\s)\s*")


@dataclass(frozen=True, slots=True)
class Prospect:
    text: str  # as the giver wrote it (trimmed)
    name: str
    phone: str | None
    email: str | None
    notes: str  # what is left once name, phone and e-mail are taken out


def _find_phone(text: str) -> str | None:
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 7 <= len(digits) <= 15:
            return match.group().strip()
    return None


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
