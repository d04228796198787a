"""The tips file: what coordinators write, what the bot sends, what the checker reports."""

from __future__ import annotations

import pytest

from bot.texts.tips import tip_post
from bot.tips.content import (
    READABLE_IN_A_MINUTE,
    bundled_tips_path,
    load_tips,
    parse_tips,
    visible_length,
)
from chapterbot.cli import main

GOOD = """# Our tips
Anything here is documentation.

## Follow up fast
Call within **two days**, never later than *three*.

- ask what they need
- tell the giver

See [the guide](https://example.com/guide) & say thanks.
Source: Someone, *A Book*

## Second tip
Just text.
"""


def test_a_good_file_becomes_tips_in_order():
    book = parse_tips(GOOD)
    assert book.problems == []
    first, second = book.tips
    assert (first.title, first.line, second.title, second.line) == (
        "Follow up fast",
        4,
        "Second tip",
        13,
    )
    assert first.body_html == (
        "Call within <b>two days</b>, never later than <i>three</i>.\n\n"
        "• ask what they need\n• tell the giver\n\n"
        'See <a href="https://example.com/guide">the guide</a> &amp; say thanks.'
    )
    assert first.source_html == "Someone, <i>A Book</i>"
    assert second.source_html is None


def test_the_post_has_a_heading_the_tip_and_its_source():
    tip = parse_tips(GOOD).tips[0]
    post = tip_post(tip)
    assert post.startswith("🎓 <b>Education minute: Follow up fast</b>\n\nCall within")
    assert post.endswith("<i>Source: Someone, <i>A Book</i></i>")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("## A\nfine\n## a\nagain\n", 3, "duplicate title 'a', first at line 1"),
        ("## A\nfine\n## Empty\n\n\n## C\nok\n", 3, "tip 'Empty' has no text"),
        ("## A\nSource: only a source\n", 1, "tip 'A' has no text"),
        ("## A\nline\nwith <b>raw</b> html\n", 3, "raw HTML '<b>' is not allowed"),
        ("## A\ntext\n\n<div>block</div>\n", 4, "raw HTML is not allowed"),
        ("## A\nlook ![x](https://e.com/x.png)\n", 2, "images can't be sent"),
        ("## A\n[x](ftp://e.com)\n", 2, "link target 'ftp://e.com' must start with https://"),
        ("## A\n" + "word " * 900 + "\n", 1, "Telegram takes at most 4096"),
        ("just prose, no headings\n", 1, "no tips found"),
        ("##  \ntext\n", 1, "a tip needs a title"),
    ],
)
def test_each_kind_of_error_is_reported_with_its_line(text, line, message):
    book = parse_tips(text)
    matching = [p for p in book.errors if message in p.message]
    assert matching, book.problems
    assert matching[0].line == line


def test_a_long_tip_is_a_warning_not_an_error():
    book = parse_tips("## A\n" + "word " * 300 + "\n")
    assert book.errors == []
    [warning] = book.problems
    assert "aim for under 1200" in warning.message and not warning.is_error


def test_the_shipped_file_passes_and_lasts_a_year():
    book = load_tips(bundled_tips_path())
    assert book.problems == []
    assert len(book.tips) >= 52
    assert len({tip.title.casefold() for tip in book.tips}) == len(book.tips)
    for tip in book.tips:
        assert visible_length(tip_post(tip)) < READABLE_IN_A_MINUTE, tip.title
        assert tip.source_html, f"{tip.title} credits no source"


def test_tips_check_reports_problems_with_line_numbers_and_fails(tmp_path, capsys):
    bad = tmp_path / "tips.md"
    bad.write_text("## A\nfine\n## A\nagain\n## B\n\n")
    assert main(["tips", "check", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}:3: error: duplicate title 'A', first at line 1",
        f"{bad}:5: error: tip 'B' has no text",
    ]


def test_tips_check_passes_the_shipped_file(capsys, monkeypatch):
    monkeypatch.delenv("TIPS_FILE", raising=False)
    assert main(["tips", "check"]) == 0
    assert "56 tips, OK" in capsys.readouterr().out


def test_the_bot_refuses_to_start_on_an_invalid_file(tmp_path, monkeypatch, capsys):
    from tests.harness import TOKEN

    bad = tmp_path / "tips.md"
    bad.write_text("## A\n<b>x</b>\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TIPS_FILE", str(bad))
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: error: raw HTML '<b>' is not allowed" in err
    assert "Traceback" not in err


def test_a_missing_file_is_reported(tmp_path):
    book = load_tips(tmp_path / "nope.md")
    assert "cannot read the file" in book.errors[0].message
