"""Reading the tips file: `## Title`, the tip's text in Markdown, an optional `Source: ...` line.

Everything before the first `## ` heading is the file's own documentation and is not a tip.
A translation sits beside it (`tips.es.md` for `tips.md`), each heading ending with the English
tip's key: `## Haz el seguimiento en 72 horas {#follow-up-within-72-hours}`. The key is the English
title's slug; a tip and its translations are one tip in the rotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from bot.core.text_length import MESSAGE_LIMIT, visible_length
from bot.i18n import DEFAULT, LANGUAGES
from bot.texts.tips import tip_post
from bot.tips.render import TelegramRenderer
from bot.tips.tip import Tip, slug

READABLE_IN_A_MINUTE = 1200
_SOURCE = re.compile(r"^\s*Source:\s*(.+?)\s*$", re.IGNORECASE)
_KEYED = re.compile(r"^(.*?)\s*\{#([a-z0-9-]+)\}\s*$")  # "Title {#english-slug}"


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    message: str
    is_error: bool = True

    def format(self, path: str) -> str:
        level = "error" if self.is_error else "warning"
        return f"{path}:{self.line}: {level}: {self.message}"


@dataclass
class TipBook:
    tips: list[Tip] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    translations: dict[str, dict[str, Tip]] = field(default_factory=dict)  # lang -> key -> tip

    def in_language(self, tip: Tip, language: str) -> Tip:
        """The tip as the language's file writes it; English when it has no translation."""
        return self.translations.get(language, {}).get(tip.key, tip)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    def by_title(self, title: str) -> Tip | None:
        return next((tip for tip in self.tips if tip.title == title), None)


def parse_tips(text: str) -> TipBook:
    """Parse and check a tips file; problems carry 1-based line numbers."""
    lines = text.splitlines()
    headings = [
        token.map[0]
        for token in MarkdownIt("commonmark").parse(text)
        if token.type == "heading_open" and token.tag == "h2" and token.map
    ]
    book = TipBook()
    if not headings:
        book.problems.append(Problem(1, "no tips found: each tip starts with a '## Title' line"))
        return book
    renderer = TelegramRenderer()
    first_seen: dict[str, int] = {}
    for index, start in enumerate(headings):
        end = headings[index + 1] if index + 1 < len(headings) else len(lines)
        tip = _parse_one(lines, start, end, renderer, book)
        if tip is None:
            continue
        key = tip.title.casefold()
        if key in first_seen:
            book.problems.append(
                Problem(tip.line, f"duplicate title {tip.title!r}, first at line {first_seen[key]}")
            )
            continue
        first_seen[key] = tip.line
        book.tips.append(tip)
    return book


def _parse_one(
    lines: list[str], start: int, end: int, renderer: TelegramRenderer, book: TipBook
) -> Tip | None:
    heading_line = start + 1
    title = lines[start].lstrip("#").strip()
    key = slug(title)
    if keyed := _KEYED.match(title):
        title, key = keyed.group(1), keyed.group(2)
    body_lines = lines[start + 1 : end]
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    source_html = None
    if body_lines and (match := _SOURCE.match(body_lines[-1])):
        source_line = start + 1 + len(body_lines)
        rendered_source = renderer.render_inline(match.group(1))
        source_html = rendered_source.html
        _collect(rendered_source.problems, source_line - 1, book)
        body_lines.pop()
    if not title:
        book.problems.append(Problem(heading_line, "a tip needs a title after '## '"))
        return None
    if not "".join(body_lines).strip():
        book.problems.append(Problem(heading_line, f"tip {title!r} has no text"))
        return None
    rendered = renderer.render("\n".join(body_lines))
    _collect(rendered.problems, start + 1, book)
    tip = Tip(title, rendered.html, source_html, heading_line, key)
    length = visible_length(tip_post(tip))
    if length > MESSAGE_LIMIT:
        book.problems.append(
            Problem(
                heading_line,
                f"tip {title!r} is {length} characters once rendered; "
                f"Telegram takes at most {MESSAGE_LIMIT}",
            )
        )
        return None
    if length > READABLE_IN_A_MINUTE:
        book.problems.append(
            Problem(
                heading_line,
                f"tip {title!r} is {length} characters; aim for under "
                f"{READABLE_IN_A_MINUTE} so it reads in about a minute",
                is_error=False,
            )
        )
    return tip


def _collect(problems: list[tuple[int, str]], offset: int, book: TipBook) -> None:
    for line, message in problems:
        book.problems.append(Problem(offset + line + 1, message))


def load_tips(path: Path) -> TipBook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return TipBook(problems=[Problem(1, f"cannot read the file: {exc}")])
    return parse_tips(text)


def translation_path(path: Path, language: str) -> Path:
    """tips.md -> tips.es.md."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def check_translation(english: TipBook, translated: TipBook) -> list[Problem]:
    """The same tips as the English file: every key present, none unknown, none twice."""
    problems = []
    keys = {tip.key for tip in english.tips}
    seen: dict[str, int] = {}
    for tip in translated.tips:
        if tip.key not in keys:
            problems.append(Problem(tip.line, f"key {{#{tip.key}}} is no tip of the English file"))
        elif tip.key in seen:
            problems.append(
                Problem(tip.line, f"key {{#{tip.key}}} again, first at {seen[tip.key]}")
            )
        seen.setdefault(tip.key, tip.line)
    missing = [tip.title for tip in english.tips if tip.key not in seen]
    if missing:
        problems.append(Problem(1, f"{len(missing)} tip(s) not translated, first: {missing[0]!r}"))
    return problems


def load_tip_books(path: Path) -> tuple[TipBook, dict[str, tuple[Path, TipBook]]]:
    """The English book with its translations attached, and each translation file as read
    (with its problems, for `tips check` and the start)."""
    book = load_tips(path)
    files = {}
    for language in LANGUAGES:
        other = translation_path(path, language)
        if language == DEFAULT or not other.is_file():
            continue
        translated = load_tips(other)
        translated.problems.extend(check_translation(book, translated))
        files[language] = (other, translated)
        book.translations[language] = {tip.key: tip for tip in translated.tips}
    return book, files


def bundled_tips_path() -> Path:
    return Path(__file__).resolve().parent.parent / "content" / "tips.md"
