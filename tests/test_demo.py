"""`chapterbot demo`: the chapter's week, told as a transcript, from the real bot."""

from __future__ import annotations

from chapterbot.cli import main


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
