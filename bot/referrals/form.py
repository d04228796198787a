"""The private referral form's own rules: the draft, paging and searching members."""

from __future__ import annotations

from dataclasses import dataclass

from storage.records import Member

PAGE_SIZE = 8


@dataclass
class FormDraft:
    """What the giver has filled in so far (kept in the giver's user_data until confirmed)."""

    chapter_id: int | None = None
    receiver_id: int | None = None
    prospect: str | None = None
    contact: str | None = None
    how_hot: int | None = None
    inside: bool | None = None
    from_command: bool = False  # filled in from `/refer @name prospect`: no optional steps

    def prospect_text(self) -> str:
        """Prospect first, then contact details: the same text the group command takes."""
        parts = [self.prospect or ""]
        if self.contact:
            parts.append(self.contact)
        return ", ".join(part.strip() for part in parts if part.strip())


@dataclass(frozen=True, slots=True)
class MemberPage:
    members: list[Member]
    page: int
    has_previous: bool
    has_next: bool


def page_of(members: list[Member], page: int) -> MemberPage:
    last_page = max((len(members) - 1) // PAGE_SIZE, 0)
    page = min(max(page, 0), last_page)
    start = page * PAGE_SIZE
    return MemberPage(
        members[start : start + PAGE_SIZE], page, page > 0, start + PAGE_SIZE < len(members)
    )


def search(members: list[Member], query: str) -> list[Member]:
    """Members whose name or username contains what the giver typed (any case)."""
    needle = query.strip().lstrip("@").casefold()
    return [
        member
        for member in members
        if needle in member.full_name.casefold() or needle in (member.username or "").casefold()
    ]
