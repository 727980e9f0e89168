"""Qt's text positions (UTF-16 code units) and anchoring's (code points), one way and back.

A character outside the Basic Multilingual Plane (most emoji) is one code point
in a Python ``str`` but two UTF-16 units (a surrogate pair) in a QTextDocument,
so every Qt position after one is larger by one. Text without such characters
(almost all text) maps to itself at no cost.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Utf16Map:
    """Positions in one text, converted between code points and UTF-16 units."""

    def __init__(self, text: str) -> None:
        #: Code point index of every astral character, in order.
        astral = _has_astral(text)
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if astral else []
        #: Each one's position in UTF-16 units.
        self._astral_qt = [index + n for n, index in enumerate(self._astral)]
        self.length = len(text)

    def to_qt(self, point: int) -> int:
        """The UTF-16 position of code point position ``point``."""
        return point + bisect_left(self._astral, point)

    def from_qt(self, unit: int) -> int:
        """The code point position of UTF-16 position ``unit``.

        A position inside a surrogate pair (Qt never gives one for a cursor) rounds
        up, past the character.
        """
        return unit - bisect_right(self._astral_qt, unit - 2)


def _has_astral(text: str) -> bool:
    # Encoding is C-speed; a text of only BMP characters is two bytes per code point.
    return len(text.encode("utf-16-le")) != 2 * len(text)
