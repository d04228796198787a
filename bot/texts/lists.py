"""Templates for /mine (a member's own referrals) and /pending (the chapter's overdue ones)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import mine_page_data
from bot.core.durations import humanize
from bot.i18n import _
from bot.referrals.lists import Listed, Mine, Overdue
from bot.referrals.status import INITIAL
from bot.texts.common import e, local_time, receiver_plain
from bot.texts.followup import mine_buttons as step_buttons
from bot.texts.followup import status_label
from storage.records import Referral


def mine_is_private() -> str:
    return _("Your own referrals are private: send /mine to me in a private chat.")


MINE_PAGE_SIZE = 8  # referrals per page: with names capped, a page stays far below 4,096


@dataclass(frozen=True, slots=True)
class MinePage:
    text: str
    buttons: InlineKeyboardMarkup | None


def mine(listed: Mine, page: int = 0) -> MinePage:
    """One page of the member's referrals: received first (with step buttons), then given."""
    entries = [(True, item) for item in listed.received] + [(False, i) for i in listed.given]
    pages = max(1, -(-len(entries) // MINE_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = entries[page * MINE_PAGE_SIZE : (page + 1) * MINE_PAGE_SIZE]
    received = [item for is_received, item in shown if is_received]
    given = [item for is_received, item in shown if not is_received]
    lines: list[str | None] = []
    if received or page == 0:
        lines += [_("<b>Referrals you received</b>"), *_received_lines(received)]
    if given or page == pages - 1:
        lines += ["" if lines else None, _("<b>Referrals you gave</b>"), *_given_lines(given)]
    if pages > 1:
        lines.append("\n" + _("Page {page} of {pages}").format(page=page + 1, pages=pages))
    text = "\n".join(line for line in lines if line is not None)
    return MinePage(text, _mine_buttons([item.referral for item in received], page, pages))


def _received_lines(received: list[Listed]) -> list[str]:
    if not received:
        return [_("None waiting for you.")]
    lines = []
    for referral, giver, chapter in ((x.referral, x.other, x.chapter) for x in received):
        values = {
            "number": referral.id,
            "prospect": e(referral.prospect_name),
            "giver": receiver_plain(giver, None),
            "status": status_label(referral.status),
        }
        if referral.status == INITIAL:
            due = e(local_time(referral.follow_up_due_at, chapter.timezone))
            line = _("#{number} {prospect}, from {giver}: {status}, follow up by {due}").format(
                due=due, **values
            )
        else:
            line = _("#{number} {prospect}, from {giver}: {status}").format(**values)
        lines.append(line)
    return lines


def _given_lines(given: list[Listed]) -> list[str]:
    if not given:
        return [_("None yet. <code>/refer</code> in your chapter's group passes one.")]
    lines = []
    for referral, receiver in ((x.referral, x.other) for x in given):
        who = receiver_plain(receiver, referral.receiver_username)
        lines.append(
            _("#{number} {prospect} → {receiver}: {status}").format(
                number=referral.id,
                prospect=e(referral.prospect_name),
                receiver=who,
                status=status_label(referral.status),
            )
        )
    return lines


def _mine_buttons(received: list[Referral], page: int, pages: int) -> InlineKeyboardMarkup | None:
    steps = step_buttons(received)
    rows = [list(row) for row in steps.inline_keyboard] if steps else []
    turn = []
    if page > 0:
        turn.append(InlineKeyboardButton(_("◀ Previous"), callback_data=mine_page_data(page - 1)))
    if page < pages - 1:
        turn.append(InlineKeyboardButton(_("Next ▶"), callback_data=mine_page_data(page + 1)))
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows) if rows else None


def pending(overdue: Overdue) -> str:
    """Overdue referrals by receiver, without prospect details (this goes to the group)."""
    rows, window = overdue.receivers, overdue.window
    if not rows:
        return _("👏 No referral is waiting past the {window} follow-up window.").format(
            window=humanize(window)
        )
    lines = [_("<b>Waiting past the {window} follow-up window</b>").format(window=humanize(window))]
    for row in rows:
        ages = ", ".join(f"#{referral_id} ({humanize(age)})" for referral_id, age in row.items)
        lines.append(f"• {receiver_plain(row.receiver, row.username)}: {ages}")
    return "\n".join(lines)
