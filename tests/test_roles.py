"""Who may see and do what: every command and button against every role.

Roles: someone outside the chapter, a member, the giver, the receiver, a group admin, a member of
another chapter, an owner listed in BOT_ADMIN_IDS, and the chapter's visitor host. Throughout, the
prospect's contact details must never reach a group chat, nor anyone but the giver and the
receiver; a visitor's (invited by the giver) never anyone but the visitor host.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.builders import Chat, User, private_chat
from tests.cast import ALICE, BOB, GROUP, OTHER_GROUP
from tests.harness import build_bot, settings_for

MARY = User(id=501, first_name="Mary", username="mary_florist")
ERIN = User(id=502, first_name="Erin", username="erin_admin")
FRANK = User(id=503, first_name="Frank", username="frank_other")
OWEN = User(id=504, first_name="Owen", username="owen_owner")
STRANGER = User(id=505, first_name="Stan", username="stan_stranger")
HOLLY = User(id=506, first_name="Holly", username="holly_host")
PHONE = "555-0142"  # not the one in the help texts' examples
VISITOR_PHONE = "555-0199"

ROLES = {
    "outsider": STRANGER,
    "member": MARY,
    "giver": ALICE,
    "receiver": BOB,
    "group admin": ERIN,
    "other chapter": FRANK,
    "owner": OWEN,
    "visitor host": HOLLY,
}


@dataclass(frozen=True)
class Action:
    name: str
    where: str  # "private" or "group"
    text: str | None = None  # a command, or None for a button
    button: str | None = None
    allowed: frozenset[str] = frozenset()


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


EVERYONE = frozenset(ROLES)
ACTIONS = [
    Action("/followup", "private", "/followup 1", allowed=roles("receiver")),
    Action("/followup in group", "group", "/followup 1", allowed=roles("receiver")),
    Action("Contacted button", "private", button="fu:1:c", allowed=roles("receiver")),
    Action("Remind me tomorrow", "private", button="fu:1:s", allowed=roles("receiver")),
    Action("Not a fit button", "private", button="fu:1:n", allowed=roles("receiver")),
    Action("/closed", "private", "/closed 1 500", allowed=roles("receiver")),
    Action("slip link", "private", "/start ref_1", allowed=roles("giver", "receiver")),
    Action("how hot button", "private", button="sf:1:h3", allowed=roles("giver")),
    Action("/mine", "private", "/mine", allowed=roles("giver", "receiver")),
    Action(
        "/settings window", "group", "/settings window 2d", allowed=roles("group admin", "owner")
    ),
    Action("/export", "group", "/export", allowed=roles("group admin", "owner")),
    Action("/stats", "group", "/stats", allowed=EVERYONE - roles("other chapter")),
    Action("/pending", "group", "/pending", allowed=EVERYONE - roles("other chapter")),
    Action("/meeting", "group", "/meeting", allowed=roles("group admin", "owner")),
    Action(
        "/attendance", "group", "/attendance @bob medical", allowed=roles("group admin", "owner")
    ),
    Action("/roster", "group", "/roster", allowed=roles("group admin", "owner")),
    Action(
        "/visitor came",
        "group",
        "/visitor V1 came",
        allowed=roles("visitor host", "group admin", "owner"),
    ),
    Action(
        "Arrived button",
        "private",
        button="va:1",
        allowed=roles("visitor host", "group admin", "owner"),
    ),
    Action(
        "Called button",
        "private",
        button="vf:1:c",
        allowed=roles("visitor host", "giver", "group admin", "owner"),
    ),
    Action("/visitor joined", "group", "/visitor V1 joined", allowed=roles("group admin", "owner")),
    Action("/visitors", "group", "/visitors", allowed=EVERYONE - roles("other chapter")),
]


async def effect_happened(bot, action: Action, user: User) -> bool:
    referral = await bot.store.referrals.get(1)
    private = bot.api.texts(user.id)
    match action.name:
        case "/followup" | "/followup in group" | "Contacted button":
            return referral.status == "contacted"
        case "Remind me tomorrow":
            return bot.reminder_outcomes(1)["nudge"][1] == 1
        case "Not a fit button":
            return referral.status == "not_a_fit"
        case "/closed":
            return referral.status == "closed"
        case "slip link":
            return any(PHONE in text for text in private)
        case "how hot button":
            return referral.how_hot == 3
        case "/mine":
            return any("#1 Jane Roe" in text for text in private)
        case "/settings window":
            sql = f"SELECT follow_up_window_s FROM chapters WHERE chat_id = {GROUP.id}"
            return bot.rows(sql)[0][0] == 2 * 86400
        case "/export":
            return any(c.chat_id == user.id for c in bot.api.sent(method="sendDocument"))
        case "/meeting":
            return bot.rows("SELECT COUNT(*) FROM meetings")[0][0] == 2
        case "/attendance":
            return (
                bot.rows(f"SELECT mark FROM attendance WHERE user_id = {BOB.id}")[0][0] == "medical"
            )
        case "/roster":
            return any("members</b>" in text for text in private)
        case "/visitor came" | "Arrived button":
            return bot.rows("SELECT came_at IS NOT NULL FROM visitors")[0][0] == 1
        case "Called button":
            return bot.rows("SELECT outcome FROM visitors")[0][0] == "called"
        case "/visitor joined":
            return bot.rows("SELECT joined_at IS NOT NULL FROM visitors")[0][0] == 1
        case "/visitors":
            return any("Jane Visitor" in text for text in bot.api.texts(GROUP.id))
        case "/stats" | "/pending":
            return any(
                ("Referrals passed: 1" in t or "#1" in t or "No referral" in t)
                for t in bot.api.texts(GROUP.id)
            )
    raise AssertionError(action.name)


@pytest.fixture
async def chapter(clock, database):
    bot = build_bot(settings_for(database, bot_admin_ids=frozenset({OWEN.id})), clock)
    await bot.start()
    bot.api.admins.add((GROUP.id, ERIN.id))
    for person in (ALICE, BOB, MARY, ERIN, HOLLY):
        await bot.say(GROUP, person, "/help")
    await bot.say(OTHER_GROUP, FRANK, "/help")
    for person in ROLES.values():
        await bot.say(private_chat(person), person, "/start")
    await bot.say(GROUP, ALICE, f"/refer @bob Jane Roe, Roe Bakery, {PHONE}")
    bot.clock.advance(timedelta(hours=80))
    await bot.services.reminder_sweep.run()  # the nudge exists, so it can be snoozed
    await bot.say(GROUP, ERIN, "/settings visitorhosts @holly_host")
    await bot.say(GROUP, ALICE, f"/visitor Jane Visitor, Visiting Co, {VISITOR_PHONE}")
    await bot.say(GROUP, ERIN, "/meeting")  # a meeting held, so attendance can be corrected
    await bot.say(GROUP, ERIN, "/meeting close")
    bot.setup_calls = [call for call in bot.api.calls if call.params.get("_failed") is None]
    bot.api.clear()
    yield bot
    await bot.stop()


async def perform(chapter, action, role: str) -> None:
    """`role` does `action`: taps its button, or sends its command where the action is sent."""
    user = ROLES[role]
    if action.button:
        await chapter.press(user, action.button)
        return
    if action.name == "/visitor joined":  # a visitor joins after coming to a meeting
        now = chapter.clock.now()
        await chapter.services.meeting.visitor_rows.mark_came(1, None, now, now)
    group = OTHER_GROUP if role == "other chapter" else GROUP
    await chapter.say(group if action.where == "group" else private_chat(user), user, action.text)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
async def test_who_may_do_what(chapter, action, role):
    user = ROLES[role]
    await perform(chapter, action, role)

    assert await effect_happened(chapter, action, user) == (role in action.allowed)

    # Whatever happened, the prospect's contact details stayed with the giver and receiver,
    # and the visitor's with the visitor host.
    for call in chapter.api.sent():
        if PHONE in call.text:
            assert call.chat_id in (ALICE.id, BOB.id), (action.name, role, call.chat_id)
        if VISITOR_PHONE in call.text:
            assert call.chat_id == HOLLY.id, (action.name, role, call.chat_id)


async def test_the_slip_never_reaches_a_group_in_any_step(chapter):
    """Every step from the setup on (passing, the nudge, then every action by every role):
    the contact details go to the giver and the receiver privately, and to no group."""
    for action in ACTIONS:
        for role in ROLES:
            await perform(chapter, action, role)
    messages = chapter.setup_calls + chapter.api.sent() + chapter.api.sent(method="sendDocument")
    group_texts = [call.text for call in messages if call.chat_id and call.chat_id < 0]
    with_phone = [call.chat_id for call in messages if PHONE in call.text]

    assert len(group_texts) >= len(ACTIONS)  # the loop below has something to check
    assert [text for text in group_texts if PHONE in text] == []
    assert with_phone and set(with_phone) <= {ALICE.id, BOB.id}
    # and the visitor's (invited by Alice) go to the visitor host alone
    with_visitor_phone = [call.chat_id for call in messages if VISITOR_PHONE in call.text]
    assert [text for text in group_texts if VISITOR_PHONE in text] == []
    assert with_visitor_phone and set(with_visitor_phone) <= {HOLLY.id}


async def test_a_group_not_on_the_allowed_list_is_left_politely(clock, database):
    bot = build_bot(settings_for(database, allowed_chat_ids=frozenset({GROUP.id})), clock)
    await bot.start()
    try:
        stranger_group = Chat(id=-1002222222222, title="Random group")
        await bot.say(stranger_group, MARY, "/refer @bob Jane Roe")
        await bot.say(GROUP, ALICE, "/refer @bob Jane Roe")

        [goodbye] = bot.api.texts(stranger_group.id)
        assert "this group isn't one of them" in goodbye
        [leave] = bot.api.sent(method="leaveChat")
        assert leave.chat_id == stranger_group.id
        assert bot.rows("SELECT COUNT(*) FROM chapters")[0][0] == 1
        assert bot.rows("SELECT COUNT(*) FROM referrals")[0][0] == 1
    finally:
        await bot.stop()
