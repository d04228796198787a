"""A member's or a chapter's card, ready to send: its text (every figure) and its chart."""

from __future__ import annotations

from dataclasses import dataclass

from bot.business.closing import chapter_currency
from bot.core.config import Settings
from bot.scorecard.activity import MemberCard
from bot.scorecard.delivery import CardDelivery
from bot.scorecard.service import ChapterCard, ScorecardService
from bot.texts import scorecard as texts
from storage.records import Chapter, Member


@dataclass(frozen=True, slots=True)
class RenderedCard:
    text: str
    png: bytes
    filename: str


@dataclass(eq=False)
class Cards:
    scorecard: ScorecardService
    delivery: CardDelivery
    settings: Settings

    async def member(self, chapter: Chapter, member: Member) -> RenderedCard:
        card, facts = await self.scorecard.member_card(chapter, member.user_id)
        settings = await self.scorecard.settings(chapter)
        return await self.render_member(
            chapter, member, card, ChapterCard(chapter, facts, settings, [])
        )

    async def render_member(
        self, chapter: Chapter, member: Member, card: MemberCard, context: ChapterCard
    ) -> RenderedCard:
        currency = chapter_currency(chapter, self.settings)
        text = texts.member_card_text(
            chapter, card, context.facts, currency, context.settings.months
        )
        chart = texts.member_chart(chapter, member, card, context.facts, currency)
        png = await self.delivery.member_png(chart)
        return RenderedCard(text, png, f"scorecard-{member.user_id}.png")

    async def chapter(self, chapter: Chapter) -> RenderedCard:
        whole = await self.scorecard.chapter_card(chapter)
        text = texts.chapter_card_text(chapter, whole.members, whole.facts, whole.settings)
        chart = texts.chapter_chart(chapter, whole.members, whole.facts, whole.settings)
        png = await self.delivery.chapter_png(chart)
        return RenderedCard(text, png, "chapter-scorecard.png")
