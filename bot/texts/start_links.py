"""Templates for the /start links the group hands out (visitor details, /roster, /export)."""

from __future__ import annotations

VISITOR_GONE = "I can't find that visitor any more. /help lists what I can do."
HOSTS_ONLY = (
    "That link brings a visitor's contact details to the chapter's visitor hosts only. "
    "Now that you've started me, I can message you privately; /help lists what I can do."
)

_WHAT = {
    "roster": "the roster",
    "export": "the export files",
}


def ask_again(command: str) -> str:
    what = _WHAT.get(command, "it")
    return (
        f"👍 Thanks: I can write to you here now. Send /{command} in your chapter's group "
        f"again and {what} will come here."
    )
