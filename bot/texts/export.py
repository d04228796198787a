"""Templates for /export."""

from __future__ import annotations

from bot.i18n import _, ngettext, pgettext
from bot.referrals.status import ReferralStatus
from bot.texts.common import e
from storage.meetings import Mark
from storage.one_to_ones import OneToOneStatus
from storage.recognition import CreditKind
from storage.visitors import VisitorOutcome


def admins_only() -> str:
    return _("Only the group's admins can export the chapter's referrals.")


def sent() -> str:
    return _("📄 I've sent you the export privately.")


def group_only() -> str:
    return _("Send /export in your chapter's group (admins only); I'll send the file here.")


def caption(title: str, rows: int) -> str:
    return ngettext(
        "{title}: {count} referral, with their follow-up history.",
        "{title}: {count} referrals, with their follow-up history.",
        rows,
    ).format(title=e(title), count=rows)


# --- The CSV files' cells (the columns are msgids beside each file's writer) -----------------


def cell_words() -> dict[str, str]:
    """Each coded value a CSV cell holds, in the reader's language (English: the code). The
    context "csv value" (a literal: extraction reads it) keeps a cell's word apart from the same
    English elsewhere: the column "meeting", the status label "open". Coded values are keyed by
    their enum (a StrEnum is its code)."""
    return {
        # a referral's status, and inside/outside
        ReferralStatus.OPEN: pgettext("csv value", "open"),
        ReferralStatus.CONTACTED: pgettext("csv value", "contacted"),
        ReferralStatus.MEETING: pgettext("csv value", "meeting"),
        ReferralStatus.CLOSED: pgettext("csv value", "closed"),
        ReferralStatus.NOT_A_FIT: pgettext("csv value", "not_a_fit"),
        "inside": pgettext("csv value", "inside"),
        "outside": pgettext("csv value", "outside"),
        # an attendance mark
        Mark.PRESENT: pgettext("csv value", "present"),
        Mark.LATE: pgettext("csv value", "late"),
        Mark.SUBSTITUTE: pgettext("csv value", "substitute"),
        Mark.ABSENT: pgettext("csv value", "absent"),
        Mark.MEDICAL: pgettext("csv value", "medical"),
        # a visitor's follow-up
        VisitorOutcome.CALLED: pgettext("csv value", "called"),
        VisitorOutcome.APPLYING: pgettext("csv value", "applying"),
        VisitorOutcome.NOT_INTERESTED: pgettext("csv value", "not_interested"),
        # a line of the activity file: its kind, a one-to-one's status, a credit's kind
        "one_to_one": pgettext("csv value", "one_to_one"),
        "testimonial": pgettext("csv value", "testimonial"),
        "credit": pgettext("csv value", "credit"),
        OneToOneStatus.PENDING: pgettext("csv value", "pending"),
        OneToOneStatus.CONFIRMED: pgettext("csv value", "confirmed"),
        OneToOneStatus.DECLINED: pgettext("csv value", "declined"),
        CreditKind.TIP: pgettext("csv value", "tip"),
        CreditKind.CEU: pgettext("csv value", "ceu"),
    }


def pending_receiver(username: str) -> str:
    """The receiver cell of a referral waiting for its @username to show up."""
    return pgettext("csv value", "pending: @{username}").format(username=username)


def history_step(status: str, at: str, by_user_id: int | None, note: str | None) -> str:
    """One step of a referral's history cell: `contacted 2026-11-23T14:00:00Z by 222 (note)`."""
    step = f"{status} {at}"
    if by_user_id:
        step = pgettext("csv value", "{step} by {user_id}").format(step=step, user_id=by_user_id)
    return f"{step} ({note})" if note else step
