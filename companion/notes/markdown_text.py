"""Text as Markdown that shows exactly that text, and a learner's Markdown made safe to embed.

Learner text never yields raw HTML: ``<`` is escaped as ``\\<`` (CommonMark).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
_BLOCK_START = re.compile(r"^([#>+=~-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)


def plain(text: str) -> str:
    """Plain text (a quote, a title, a tag) as Markdown that shows exactly that text.

    Lines lose their leading spaces (which would make code blocks); characters
    that could start Markdown or HTML are backslash-escaped (CommonMark).
    """
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.lstrip())
        line = _BLOCK_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def inline(text: str) -> str:
    """Plain text on one line, after other words on that line (so no block escapes)."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    """``text`` as a code span (for ids), fenced with enough backticks."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _escape_line(line: str) -> str:
    """Escape every ``<`` outside code spans and http(s)/mailto autolinks."""
    out: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\":
            out.append(line[i : i + 2])  # an escape (``\<`` stays as it is)
            i += 2
        elif char == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            closing = re.compile(rf"(?<!`){'`' * run}(?!`)")
            found = closing.search(line, i + run)
            end = found.end() if found else i + run
            out.append(line[i:end])  # a code span, or a lone run of backticks
            i = end
        elif char == "<":
            link = _AUTOLINK.match(line, i)
            if link:
                out.append(link.group())
                i = link.end()
            else:
                out.append("\\<")
                i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _escape_every_lt(markdown: str) -> str:
    return re.sub(r"(\\.)|<", lambda m: m.group(1) or "\\<", markdown, flags=re.DOTALL)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def has_html(markdown: str) -> bool:
    """Whether CommonMark would pass raw HTML through (as a block or inline)."""
    for token in _parser().parse(markdown):
        if token.type == "html_block":
            return True
        if any(child.type == "html_inline" for child in token.children or []):
            return True
    return False


def learner_markdown(markdown: str) -> str:
    """A learner's Markdown note as written, made safe to embed in the export.

    ``<`` becomes ``\\<`` except in code and http/https/mailto autolinks, and a
    code fence left open is closed so it cannot swallow the rest of the export.
    If CommonMark would still find HTML (an unusual code span across lines),
    every ``<`` is escaped.
    """
    lines: list[str] = []
    raw: list[str] = []
    fence = ""
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw.append(line)
        found = _FENCE.match(line)
        if fence:
            lines.append(line)
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = "" if not found.group(2).strip() else fence
            continue
        if found and not (found.group(1)[0] == "`" and "`" in found.group(2)):
            fence = found.group(1)
            lines.append(line)
            continue
        lines.append(_escape_line(line))
    if fence:
        lines.append(fence)
        raw.append(fence)
    text = "\n".join(lines).strip("\n")
    return _escape_every_lt("\n".join(raw)).strip("\n") if has_html(text) else text
