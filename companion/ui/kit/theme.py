"""Light and dark themes: one palette each, and a style sheet filled from it.

"System" follows Qt's colour-scheme hint and changes with it. Colours are
chosen for WCAG AA contrast; tests check every text/background pair.

Start-up paints with a guess at the hint (the scheme seen last time, else the
desktop's own palette) and checks the hint itself just after the first paint:
asking it names Qt's namespace, which builds all 93 of its Python enums (~120M
instructions, about a third of what start-up does beyond a bare Qt window).
"""

from __future__ import annotations

from enum import StrEnum

import msgspec
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from companion.paths import resources_dir


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class Colors(msgspec.Struct, frozen=True):
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    link: str
    border: str
    card: str
    #: The read-only banner: text on a warm background, both themes at AA contrast.
    warning_bg: str
    warning_text: str
    #: Bookmark stars: a gold that keeps 3:1 (non-text contrast) on Base and Window.
    star: str


LIGHT = Colors(
    window="#f4f2ee",
    base="#ffffff",
    alt_base="#f7f6f3",
    text="#1f2328",
    muted="#555b63",
    accent="#1f5f99",
    accent_text="#ffffff",
    link="#1a5a96",
    border="#c9c5bd",
    card="#fbfaf7",
    warning_bg="#fdf0c4",
    warning_text="#4a3300",
    star="#986000",
)

DARK = Colors(
    window="#1e2023",
    base="#26292d",
    alt_base="#2c3035",
    text="#e6e6e3",
    muted="#b3b7bd",
    accent="#7db3e8",
    accent_text="#10151b",
    link="#8fc1f2",
    border="#4a4f56",
    card="#2c3035",
    warning_bg="#4d3c0c",
    warning_text="#ffe7a0",
    star="#f0c04a",
)


#: Highlight backgrounds, in ``COLORS`` order: soft tints in light, deep ones in dark.
#: Body text and links keep WCAG AA contrast (4.5:1) on each (tests check every pair).
HIGHLIGHTS_LIGHT = {
    "yellow": "#fff0a0",
    "green": "#c8efc0",
    "blue": "#cce2fb",
    "pink": "#fbd0e1",
    "purple": "#e2d4f7",
}
HIGHLIGHTS_DARK = {
    "yellow": "#574a10",
    "green": "#22502b",
    "blue": "#1f4670",
    "pink": "#6b2a46",
    "purple": "#4b3675",
}


def relative_luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    return 0.2126 * channel(q.redF()) + 0.7152 * channel(q.greenF()) + 0.0722 * channel(q.blueF())


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (AA asks 4.5 for body text)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def system_is_dark() -> bool:
    """Qt's colour-scheme hint says dark."""
    from PySide6.QtCore import Qt

    return bool(QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark)


def colors_for(choice: ThemeChoice, system_dark: bool | None = None) -> Colors:
    """The colours of ``choice``; "System" takes ``system_dark`` when given, else asks Qt."""
    if choice is ThemeChoice.SYSTEM:
        dark = system_is_dark() if system_dark is None else system_dark
        return DARK if dark else LIGHT
    return DARK if choice is ThemeChoice.DARK else LIGHT


def current_colors() -> Colors:
    """The theme now applied, read from the application's palette (dark Base: dark)."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return DARK if base.lightness() < 128 else LIGHT


def highlight_background(color: str, colors: Colors | None = None) -> str:
    """The background a highlight of ``color`` is drawn with in the theme ``colors``."""
    table = HIGHLIGHTS_DARK if (colors or current_colors()) is DARK else HIGHLIGHTS_LIGHT
    return table.get(color, table["yellow"])


def palette_for(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alt_base),
        (role.Text, c.text),
        (role.Button, c.card),
        (role.ButtonText, c.text),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.accent_text),
        (role.Link, c.link),
        (role.LinkVisited, c.link),
        (role.Mid, c.border),
        (role.BrightText, c.accent_text),
    ):
        p.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c.muted))
    return p


def style_sheet(c: Colors) -> str:
    template = (resources_dir() / "styles" / "companion.qss").read_text(encoding="utf-8")
    # Longest names first, so "@accent" never eats the start of "@accent_text".
    for name, value in sorted(msgspec.structs.asdict(c).items(), key=lambda kv: -len(kv[0])):
        template = template.replace(f"@{name}", value)
    return template


def apply_theme(app: QApplication, choice: ThemeChoice) -> Colors:
    colors = apply_palette(app, choice)
    apply_style_sheet(app, colors)
    return colors


def confirm_system_theme(app: QApplication, choice: ThemeChoice) -> None:
    """A "System" theme applied from a guess that Qt's hint now contradicts is applied anew."""
    if choice is ThemeChoice.SYSTEM and (current_colors() is DARK) != system_is_dark():
        apply_theme(app, choice)


def apply_palette(
    app: QApplication, choice: ThemeChoice, system_dark: bool | None = None
) -> Colors:
    """The theme's palette alone (start-up applies its style sheet once the window is built)."""
    colors = colors_for(choice, system_dark)
    app.setPalette(palette_for(colors))
    return colors


def apply_style_sheet(app: QApplication, colors: Colors) -> None:
    app.setStyleSheet(style_sheet(colors))
