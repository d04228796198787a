"""Templates for the /start links the group hands out (visitor details, /roster, /export)."""

from __future__ import annotations

from bot.i18n import _


def visitor_gone() -> str:
    return _("I can't find that visitor any more. /help lists what I can do.")


def hosts_only() -> str:
    return _(
        "That link brings a visitor's contact details to the chapter's visitor hosts only. "
        "Now that you've started me, I can message you privately; /help lists what I can do."
    )


def ask_again(command: str) -> str:
    if command == "roster":
        text = _(
            "👍 Thanks: I can write to you here now. Send /{command} in your chapter's group "
            "again and the roster will come here."
        )
    elif command == "export":
        text = _(
            "👍 Thanks: I can write to you here now. Send /{command} in your chapter's group "
            "again and the export files will come here."
        )
    else:
        text = _(
            "👍 Thanks: I can write to you here now. Send /{command} in your chapter's group "
            "again and it will come here."
        )
    return text.format(command=command)
