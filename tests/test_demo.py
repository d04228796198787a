"""`chapterbot demo`: the chapter's week, told as a transcript, from the real bot."""

from __future__ import annotations

import re

import pytest

from chapterbot.cli import main
from chapterbot.ops.demo import PROSPECT
from tests.english_words import english_in, words


def test_the_demo_plays_the_week_and_prints_who_said_what_where(capsys):
    assert main(["demo"]) == 0
    transcript = capsys.readouterr().out
    story = [
        "[group] Carol adds the bot",
        "[private, Bob] Bob: /start",
        "[group] Alice: /refer @bob Jane Roe, Roe Bakery, 555-0100",
        "[group] bot: ✅ Referral #1 recorded: Alice → Bob.",  # first: Alice is watching
        "[private, Bob] bot: 📇 Referral #1 in Riverside Chapter",  # the slip, privately
        "[group] bot deletes Alice's message (it held contact details)",
        "the 72-hour follow-up window has passed",
        "[private, Bob] bot: ⏰ Follow-up reminder for referral #1",  # the nudge
        "[private, Bob] Bob taps [✅ Contacted]",
        "[private, Alice] bot: 📞 Bob contacted Jane Roe",  # the giver is told
        "[group] Bob: /closed 1 2,500",
        "[group] bot: 🎉 Thank you for closed business!",
        "[group] Carol: /stats",
        "Referrals passed: 1",
        "[group] bot: 🎓 Education minute",
    ]
    positions = [transcript.find(line) for line in story]
    assert -1 not in positions, [line for line, at in zip(story, positions, strict=True) if at < 0]
    assert positions == sorted(positions), "the story is told out of order"
    group_confirmation = transcript.split("[group] bot: ✅ Referral #1 recorded")[1].split("[")[0]
    assert "555-0100" not in group_confirmation  # the phone number went only to Bob
    assert "<b>" not in transcript and "Traceback" not in transcript


@pytest.mark.parametrize("language", ["es", "pt_BR", "ru"])
def test_the_demo_plays_the_week_in_a_language_and_the_bot_speaks_only_it(capsys, language):
    assert main(["demo", "--language", language]) == 0
    transcript = capsys.readouterr().out
    said = [  # the bot's words: its messages and edits, not the narration around them
        re.split(r"\] (?:bot|edits its message): ", line, maxsplit=1)[-1]
        for line in transcript.splitlines()
        if re.search(r"\] (?:bot|edits its message): ", line) or line.startswith(" ")
    ]
    assert len(said) > 40 and "Traceback" not in transcript
    names = frozenset(words(" ".join(["Alice Bob Carol", PROSPECT[language]])))
    assert [line for line in said if english_in(line, language, names)] == []
    assert "📇" in transcript and "⏰" in transcript and "🎓" in transcript  # slip, nudge, tip
