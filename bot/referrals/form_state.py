"""Where each member is in the private /refer form, kept in the database.

A restart loses nothing (the member carries on where they were, and the buttons of the step
they are on still work), and several processes sharing the database agree: each step moves
the form on only from the step it read, so a tap handled twice moves it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.core.clock import Clock
from bot.referrals.form import FormDraft, Stage
from storage.forms import FormRepository, StoredForm

KEPT_FOR = timedelta(days=1)  # a form left untouched this long is forgotten


def _draft(stored: StoredForm) -> FormDraft:
    return FormDraft(
        chapter_id=stored.chapter_id,
        receiver_id=stored.receiver_id,
        prospect=stored.prospect,
        contact=stored.contact,
        how_hot=stored.how_hot,
        inside=stored.inside,
        from_command=stored.from_command,
        user_id=stored.user_id,
        stage=Stage(stored.step),
    )


@dataclass(eq=False)
class ReferralForms:
    forms: FormRepository
    clock: Clock

    async def current(self, user_id: int) -> FormDraft | None:
        """The member's open form, or None (never started, finished, cancelled, or stale)."""
        stored = await self.forms.get(user_id)
        if stored is None or self.clock.now() - stored.updated_at > KEPT_FOR:
            return None
        return _draft(stored)

    async def begin(
        self, user_id: int, stage: Stage, chapter_id: int | None = None, **fields: Any
    ) -> FormDraft:
        """A fresh form at `stage`, replacing any half-filled one."""
        now = self.clock.now()
        await self.forms.begin(user_id, stage.value, now, chapter_id=chapter_id, **fields)
        return FormDraft(chapter_id=chapter_id, user_id=user_id, stage=stage, **fields)

    async def move(self, draft: FormDraft, to: Stage, **fields: Any) -> FormDraft | None:
        """The form one step on, with `fields` filled in; None if it had moved meanwhile
        (another tap, perhaps in another process, got there first)."""
        moved = await self.forms.advance(
            draft.user_id, draft.stage.value, to.value, self.clock.now(), **fields
        )
        if not moved:
            return None
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.stage = to
        return draft

    async def drop(self, user_id: int) -> bool:
        """Cancel the member's form; False if there was none."""
        return await self.forms.drop(user_id)
