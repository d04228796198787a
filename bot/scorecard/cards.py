"""A member's or a chapter's card, ready to send: its text (every figure) and its chart."""

from __future__ import annotations

from dataclasses import dataclass

from bot.business.closing import chapter_currency
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.scorecard.activity import MemberCard
from bot.scorecard.delivery import ChartPainter
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
    painter: ChartPainter
    messenger: Messenger
    settings: Settings

    async def member(self, chapter: Chapter, member: Member) -> RenderedCard:
        card, facts = await self.scorecard.member_card(chapter, member.user_id)
        settings = await self.scorecard.settings(chapter)
        whole = ChapterCard(chapter, facts, settings, [])
        return await self.render_member(chapter, member, card, whole)

    async def render_member(
        self, chapter: Chapter, member: Member, card: MemberCard, whole: ChapterCard
    ) -> RenderedCard:
        currency = chapter_currency(chapter, self.settings)
        text = texts.member_card_text(chapter, card, whole.facts, currency, whole.settings.months)
        chart = texts.member_chart(chapter, member, card, whole.facts, currency)
        png = await self.painter.member_png(chart)
        return RenderedCard(text, png, f"scorecard-{member.user_id}.png")

    async def chapter(self, chapter: Chapter) -> RenderedCard:
        whole = await self.scorecard.chapter_card(chapter)
        text = texts.chapter_card_text(chapter, whole.members, whole.facts, whole.settings)
        chart = texts.chapter_chart(chapter, whole.members, whole.facts, whole.settings)
        png = await self.painter.chapter_png(chart)
        return RenderedCard(text, png, "chapter-scorecard.png")

    async def send(self, user_id: int, card: RenderedCard, footer: str = "") -> bool:
        """Privately; False if the member can't be written to. Raises NotSent (transient)."""
        return await self.messenger.photo_to_member(
            user_id, card.filename, card.png, card.text + footer
        )
