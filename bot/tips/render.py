"""Markdown (CommonMark) to the small HTML subset Telegram accepts, reporting what it can't take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")
_INLINE_TAGS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "s_open": "<s>",
    "s_close": "</s>",
    "link_close": "</a>",
}


@dataclass
class Rendered:
    html: str
    problems: list[tuple[int, str]] = field(default_factory=list)  # (0-based line, message)


class TelegramRenderer:
    """Renders one Markdown fragment; `problems` carry lines relative to the fragment."""

    def __init__(self) -> None:
        self.markdown = MarkdownIt("commonmark").enable("strikethrough")

    def render(self, source: str) -> Rendered:
        out = Rendered("")
        parts: list[str] = []
        self._blocks(self.markdown.parse(source), parts, out, list_stack=[])
        out.html = "".join(parts).strip()
        return out

    def render_inline(self, source: str, line: int = 0) -> Rendered:
        out = Rendered("")
        tokens = self.markdown.parseInline(source)
        children = tokens[0].children if tokens else []
        out.html = self._inline(children or [], line, out).strip()
        return out

    def _blocks(
        self, tokens: Sequence[Token], parts: list[str], out: Rendered, list_stack: list[int | None]
    ) -> None:
        line = 0
        for token in tokens:
            line = token.map[0] if token.map else line
            kind = token.type
            if kind == "inline":
                parts.append(self._inline(token.children or [], line, out))
            elif kind == "paragraph_close":
                parts.append("\n" if list_stack else "\n\n")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_stack.append(0 if kind == "ordered_list_open" else None)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_stack.pop()
                if not list_stack:
                    parts.append("\n")
            elif kind == "list_item_open":
                indent = "   " * (len(list_stack) - 1)
                if list_stack[-1] is None:
                    parts.append(f"{indent}• ")
                else:
                    list_stack[-1] += 1
                    parts.append(f"{indent}{list_stack[-1]}. ")
            elif kind == "heading_open":
                parts.append("<b>")
            elif kind == "heading_close":
                parts.append("</b>\n")
            elif kind == "blockquote_open":
                parts.append("<blockquote>")
            elif kind == "blockquote_close":
                parts[-1] = parts[-1].rstrip("\n")
                parts.append("</blockquote>\n\n")
            elif kind in ("fence", "code_block"):
                parts.append(f"<pre>{escape(token.content.rstrip())}</pre>\n\n")
            elif kind == "html_block":
                out.problems.append(
                    (line, "raw HTML is not allowed; use Markdown (**bold**, *italic*)")
                )
            elif kind == "hr":
                parts.append("\n")

    def _inline(self, tokens: Sequence[Token], line: int, out: Rendered) -> str:
        parts = []
        for token in tokens:
            kind = token.type
            if kind == "text":
                parts.append(escape(token.content, quote=False))
            elif kind in _INLINE_TAGS:
                parts.append(_INLINE_TAGS[kind])
            elif kind == "link_open":
                href = str(token.attrs.get("href", ""))
                if not href.startswith(_SAFE_SCHEMES):
                    out.problems.append((line, f"link target {href!r} must start with https://"))
                parts.append(f'<a href="{escape(href)}">')
            elif kind == "code_inline":
                parts.append(f"<code>{escape(token.content)}</code>")
            elif kind == "softbreak":
                parts.append(" ")
                line += 1
            elif kind == "hardbreak":
                parts.append("\n")
                line += 1
            elif kind == "image":
                out.problems.append((line, "images can't be sent in a tip; link to them instead"))
            elif kind == "html_inline":
                out.problems.append(
                    (line, f"raw HTML {token.content!r} is not allowed; use Markdown instead")
                )
        return "".join(parts)
