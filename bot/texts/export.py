"""Templates for /export."""

from __future__ import annotations

from bot.i18n import _, ngettext
from bot.texts.common import e


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
