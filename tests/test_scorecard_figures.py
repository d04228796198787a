"""The scorecard on a hand-built six months of activity, area by area, as the README states it.

README ("The scorecard"): the period is the last 6 months up to now (a member seen later counts
from when they were first seen, at least a week); a week is 7 days and a month 365.25/12 days;
points = floor(area points * figure / goal), never above the area's points; green from 70% of
the points available, amber from 50%, red below; grey while first seen less than 28 days ago.
"""

from __future__ import annotations

import math
import struct
from datetime import datetime, timedelta

import pytest

from bot.scorecard.rules import Area, Colour
from tests.cast import ALICE, BOB, CAROL, DAVE, GROUP
from tests.harness import START

WINDOW_START = datetime.fromisoformat("2026-05-23T09:00:00+00:00")  # six months before START
DAYS = 184
WEEKS = DAYS / 7
MONTHS = DAYS / (365.25 / 12)
OLD_MEMBER = "2026-01-01T00:00:00Z"


def ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def points(area_points: int, figure: float, goal: float) -> int:
    return math.floor(area_points * min(1.0, figure / goal) + 1e-9)


class Activity:
    """Writes six months of a chapter's life straight into the database."""

    def __init__(self, bot, chapter_id: int) -> None:
        self.db, self.chapter_id = bot.services.store.db, chapter_id

    async def joined(self, user, when: str) -> None:
        await self.db.execute(
            "UPDATE chapter_members SET first_seen_at = ? WHERE chapter_id = ? AND user_id = ?",
            (when, self.chapter_id, user.id),
        )

    async def referral(self, giver, receiver, at: datetime, closed_cents: int | None = None):
        await self.db.execute(
            "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
            " status, created_at, follow_up_due_at, amount_cents, closed_at)"
            " VALUES (?, ?, ?, 'P', 'P', ?, ?, ?, ?, ?)",
            (
                self.chapter_id,
                giver.id,
                receiver.id,
                "closed" if closed_cents else "open",
                ts(at),
                ts(at + timedelta(days=3)),
                closed_cents,
                ts(at + timedelta(days=5)) if closed_cents else None,
            ),
        )

    async def one_to_one(self, logger, partner, at: datetime, status: str) -> None:
        low, high = sorted((logger.id, partner.id))
        await self.db.execute(
            "INSERT INTO one_to_ones (chapter_id, logged_by, partner_id, member_low, member_high,"
            " met_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self.chapter_id, logger.id, partner.id, low, high, f"{at:%Y-%m-%d}", status, ts(at)),
        )

    async def credit(self, member, at: datetime) -> None:
        await self.db.execute(
            "INSERT INTO education_credits (chapter_id, user_id, kind, local_day, earned_at)"
            " VALUES (?, ?, 'ceu', ?, ?)",
            (self.chapter_id, member.id, f"{at:%Y-%m-%d}", ts(at)),
        )

    async def meeting(self, at: datetime, marks: dict) -> None:
        """A meeting held (and closed) at `at`, with each member's mark."""
        [meeting] = await self.db.execute_returning(
            "INSERT INTO meetings (chapter_id, opened_at, closes_at, closed_at)"
            " VALUES (?, ?, ?, ?) RETURNING id",
            (self.chapter_id, ts(at), ts(at + timedelta(hours=4)), ts(at + timedelta(hours=2))),
        )
        meeting_id = meeting["id"]
        for user, mark in marks.items():
            await self.db.execute(
                "INSERT INTO attendance (meeting_id, user_id, mark, at) VALUES (?, ?, ?, ?)",
                (meeting_id, user.id, mark, ts(at)),
            )

    async def visitor_came(self, inviter, at: datetime) -> None:
        await self.db.execute(
            "INSERT INTO visitors (chapter_id, inviter_id, name, business, details, invited_at,"
            " came_at) VALUES (?, ?, 'Vi Sitor', 'Plumbing', 'Vi Sitor, Plumbing', ?, ?)",
            (self.chapter_id, inviter.id, ts(at - timedelta(days=2)), ts(at)),
        )

    async def testimonial(self, writer, subject, at: datetime) -> None:
        await self.db.execute(
            "INSERT INTO testimonials (chapter_id, writer_id, subject_id, text, created_at)"
            " VALUES (?, ?, ?, 'Great work', ?)",
            (self.chapter_id, writer.id, subject.id, ts(at)),
        )


def week(index: int, hours: int = 1) -> datetime:
    return WINDOW_START + timedelta(days=7 * index, hours=hours)


@pytest.fixture
async def six_months(bot):
    """Alice: steady. Bob: light. Dave: amber. Carol: joined 13 days ago (grey). A meeting
    every week, and four visitors who came."""
    for member in (ALICE, BOB, CAROL, DAVE):
        await bot.say(GROUP, member, "/help")
    chapter = await bot.services.store.chapters.by_chat_id(GROUP.id)
    life = Activity(bot, chapter.id)
    for member in (ALICE, BOB, DAVE):
        await life.joined(member, OLD_MEMBER)
    await life.joined(CAROL, "2026-11-10T09:00:00Z")
    for i in range(26):
        await life.referral(ALICE, BOB, week(i))  # 26 in the period
    for i in range(3):
        await life.referral(ALICE, BOB, WINDOW_START - timedelta(days=i + 1))  # before it
    for cents in (200_000, 250_000, 150_000):  # $6,000 closed, Alice the giver
        await life.referral(ALICE, DAVE, week(5), closed_cents=cents)
    for i in range(0, 26, 2):
        await life.one_to_one(ALICE, BOB, week(i), "confirmed")  # 13, for both
    await life.one_to_one(ALICE, DAVE, week(25), "pending")
    await life.one_to_one(CAROL, ALICE, week(25), "pending")
    await life.one_to_one(ALICE, CAROL, week(24), "declined")
    for i in range(20):
        await life.credit(ALICE, week(i))
    for i in range(7):
        await life.testimonial(ALICE, BOB, week(i * 3))
    for i in range(10):
        await life.referral(BOB, ALICE, week(i))
    await life.testimonial(BOB, ALICE, week(4))
    for i in range(20):
        await life.referral(DAVE, ALICE, week(i))
    for i in range(26):
        await life.credit(DAVE, week(i, hours=2))
    await life.referral(DAVE, ALICE, week(2), closed_cents=610_000)  # one more referral: 21
    for i in range(2):
        await life.referral(CAROL, ALICE, START - timedelta(days=i + 1))
    for i in range(26):  # a meeting every week, closed
        marks = {ALICE: "absent" if i == 25 else "present", DAVE: "present"}
        marks[BOB] = "present" if i < 20 else "absent" if i < 24 else "medical"
        if i == 25:
            marks[CAROL] = "late"
        await life.meeting(week(i, hours=3), marks)
    for i in (3, 9, 15):
        await life.visitor_came(ALICE, week(i, hours=3))
    await life.visitor_came(DAVE, week(20, hours=3))
    await life.visitor_came(DAVE, WINDOW_START - timedelta(days=3))  # before the period
    bot.api.clear()
    return chapter


def lines_of(card) -> dict[Area, tuple[float, int]]:
    return {line.area: (line.figure, line.points) for line in card.score.lines}


async def cards_by_member(bot, chapter):
    whole = await bot.services.scorecard.scores.chapter_card(chapter)
    return {member.user_id: card for member, card in whole.members}, whole


async def test_alice_area_by_area(bot, six_months):
    cards, _ = await cards_by_member(bot, six_months)
    alice = cards[ALICE.id]
    lines = lines_of(alice)

    assert set(lines) == set(Area)
    # Attended 25 of 26 (absent once): 96% against 95%: full points.
    assert lines[Area.ATTENDANCE] == pytest.approx((25 / 26, 20))
    assert lines[Area.VISITORS] == pytest.approx((3 / MONTHS, points(15, 3 / MONTHS, 1)))
    assert lines[Area.VISITORS][1] == 7
    # 26 weekly ones and the 3 that closed; the 3 before the period don't count.
    assert lines[Area.REFERRALS] == pytest.approx((29 / WEEKS, 20))  # above the goal: capped
    assert points(20, 26 / WEEKS, 1) == 19  # (without the 3 that closed it would be 19)
    assert lines[Area.ONE_TO_ONES] == pytest.approx((13 / WEEKS, 7))  # pending/declined: not
    assert lines[Area.CREDITS] == pytest.approx((20 / WEEKS, 7))
    assert lines[Area.BUSINESS] == pytest.approx((6000 / MONTHS, 9))  # $992.53 a month
    assert lines[Area.TESTIMONIALS] == pytest.approx((7 / MONTHS, 10))  # capped at 10
    assert (alice.score.total, alice.score.available) == (80, 100)
    assert alice.score.colour is Colour.GREEN  # 80 >= 70
    assert alice.pending_one_to_ones == 2  # with Dave, and Carol's log of her
    assert alice.score.lift is None


async def test_bob_is_red_and_no_single_move_lifts_him(bot, six_months):
    cards, _ = await cards_by_member(bot, six_months)
    bob = cards[BOB.id]
    lines = lines_of(bob)

    assert lines[Area.REFERRALS] == pytest.approx((10 / WEEKS, 7))
    assert lines[Area.ONE_TO_ONES] == pytest.approx((13 / WEEKS, 7))  # Alice's count for both
    assert lines[Area.CREDITS] == (0, 0)
    assert lines[Area.BUSINESS] == (0, 0)  # he received the closed business, didn't give it
    assert lines[Area.TESTIMONIALS] == pytest.approx((1 / MONTHS, 1))
    # 20 present, 4 absent, 2 on medical leave (counted neither way): 20 of 24.
    assert lines[Area.ATTENDANCE] == pytest.approx((20 / 24, 17))
    assert lines[Area.VISITORS] == (0, 0)
    assert bob.score.total == 32
    assert bob.score.colour is Colour.RED  # amber from 50
    assert bob.score.lift.target is Colour.AMBER
    assert bob.score.lift.points_needed == 18
    assert bob.score.lift.moves == ()


async def test_dave_is_amber_and_25_more_one_to_ones_would_make_him_green(bot, six_months):
    cards, _ = await cards_by_member(bot, six_months)
    dave = cards[DAVE.id]
    lines = lines_of(dave)

    assert lines[Area.REFERRALS] == pytest.approx((21 / WEEKS, 15))
    assert lines[Area.CREDITS] == pytest.approx((26 / WEEKS, 9))
    assert lines[Area.BUSINESS] == pytest.approx((6100 / MONTHS, 10))
    assert lines[Area.ATTENDANCE] == (1.0, 20)
    assert lines[Area.VISITORS] == pytest.approx((1 / MONTHS, 2))  # the earlier one: not
    assert dave.score.total == 56
    assert dave.score.colour is Colour.AMBER
    # Green needs 70: 14 more. One-to-ones give floor(15 * n / 26.29 / 1): n = 25. Visitors
    # could add 13 at most: not enough alone.
    assert dave.score.lift.points_needed == 14
    assert dave.score.lift.moves == ((Area.ONE_TO_ONES, 25),)
    assert points(15, 25 / WEEKS, 1) == 14 and points(15, 24 / WEEKS, 1) == 13


async def test_carol_is_grey_and_judged_over_her_own_days(bot, six_months):
    cards, _ = await cards_by_member(bot, six_months)
    carol = cards[CAROL.id]

    assert carol.score.colour is Colour.GREY
    assert carol.score.judged_from == datetime.fromisoformat("2026-12-08T09:00:00+00:00")
    assert lines_of(carol)[Area.REFERRALS] == pytest.approx((2 / (13 / 7), 20))
    assert lines_of(carol)[Area.ATTENDANCE] == (1.0, 20)  # late counts as attended


async def test_the_chapter_card_ranks_members_by_points(bot, six_months):
    _, whole = await cards_by_member(bot, six_months)
    ranked = [(member.first_name, card.score.total) for member, card in whole.members]
    assert ranked == [("Alice", 80), ("Dave", 56), ("Carol", 40), ("Bob", 32)]


async def test_without_meetings_or_visitors_those_areas_are_left_out(bot):
    for member in (ALICE, BOB):
        await bot.say(GROUP, member, "/help")
    chapter = await bot.services.store.chapters.by_chat_id(GROUP.id)
    await Activity(bot, chapter.id).joined(ALICE, OLD_MEMBER)
    cards, _ = await cards_by_member(bot, chapter)
    alice = cards[ALICE.id]
    assert Area.ATTENDANCE not in lines_of(alice) and Area.VISITORS not in lines_of(alice)
    assert alice.score.available == 65
    text = (await bot.services.scorecard.cards.member(chapter, await _member(bot, ALICE))).text
    assert "Not scored: attendance, visitors" in text


async def test_a_changed_goal_and_period_change_the_points(bot, six_months):
    scores = bot.services.scorecard.scores
    await scores.set_threshold(six_months, "referrals", "0.5")
    await scores.set_months(six_months, "3")
    cards, _ = await cards_by_member(bot, six_months)

    days = (START - datetime.fromisoformat("2026-08-23T09:00:00+00:00")).days  # 92
    bob_referrals = 0  # his ten were all in the first ten weeks of the six months
    assert lines_of(cards[BOB.id])[Area.REFERRALS] == (bob_referrals, 0)
    alice = lines_of(cards[ALICE.id])[Area.REFERRALS]
    in_window = sum(1 for i in range(26) if week(i) >= START - timedelta(days=days))
    assert alice == pytest.approx((in_window / (days / 7), 20))


async def test_the_text_carries_every_figure_and_the_chart_is_a_sensible_png(bot, six_months):
    card = await bot.services.scorecard.cards.member(six_months, await _member(bot, DAVE))

    text = card.text
    assert "Last 6 months (since 23 May 2026): <b>56 of 100 points, 🟠 amber</b>" in text
    assert "Attendance: <b>100% of meetings</b> (26 of 26 meetings); goal 95%; 20/20" in text
    assert "Referrals given: <b>0.80 a week</b> (21 in all); goal 1 a week; 15/20 points" in text
    assert "One-to-ones: <b>0.00 a week</b> (0 in all); goal 1 a week; 0/15 points" in text
    assert "(+1 waiting for confirmation, not counted yet)" in text
    assert "Education credits: <b>0.99 a week</b> (26 in all); goal 1 a week; 9/10" in text
    assert "Closed business (as giver): <b>$1,009 a month</b> ($6,100 in all)" in text
    assert "Testimonials written: <b>0.00 a month</b> (0 in all); goal 1 a month; 0/10" in text
    assert "Visitors: <b>0.17 a month</b> (1 in all); goal 1 a month; 2/15 points" in text
    assert "Not scored" not in text
    assert "To reach 🟢 green: 14 more points: for example 25 more one-to-ones" in text
    assert "Green from 70 points, amber from 50, red below." in text
    assert_sensible_png(card.png)


async def test_the_chapter_chart_is_a_sensible_png(bot, six_months):
    card = await bot.services.scorecard.cards.chapter(six_months)
    assert "🟢 green 1 · 🟠 amber 1 · 🔴 red 1 · ⚪ grey (new) 1" in card.text
    assert "1. Alice Baker: 80/100, 🟢 green" in card.text
    assert "Referrals passed: 62; one-to-ones: 13; education credits: 46; testimonials: 8" in (
        card.text
    )
    assert_sensible_png(card.png)


def assert_sensible_png(png: bytes) -> None:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 900 and 1000 <= height <= 2200  # upright, for a phone
    assert 20_000 < len(png) < 400_000  # drawn, yet light enough for a mobile connection
    assert png.endswith(b"IEND\xaeB`\x82")


async def _member(bot, user):
    member = await bot.services.store.members.get(user.id)
    assert member is not None
    return member
