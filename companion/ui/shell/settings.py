"""Remembered state (QSettings): window geometry, last place per bundle, zoom, theme, recents."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QByteArray, QSettings

from companion.ui.kit.theme import ThemeChoice

RECENT_LIMIT = 8


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Companion", "Companion"
        )

    def sync(self) -> None:
        self.store.sync()

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        """Which panels are open and where (QMainWindow.saveState)."""
        value = self.store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self.store.setValue("window/state", state)

    def zoom(self) -> int:
        return _int(self.store.value("view/zoom", 0))

    def set_zoom(self, steps: int) -> None:
        self.store.setValue("view/zoom", steps)

    def theme(self) -> ThemeChoice:
        value = str(self.store.value("view/theme", ThemeChoice.SYSTEM.value))
        return ThemeChoice(value) if value in ThemeChoice._value2member_map_ else ThemeChoice.SYSTEM

    def set_theme(self, choice: ThemeChoice) -> None:
        self.store.setValue("view/theme", choice.value)

    def system_dark(self) -> bool | None:
        """Whether the desktop was dark when last asked (None: never asked)."""
        value = self.store.value("view/system_dark")
        return None if value is None else str(value).lower() == "true"

    def set_system_dark(self, dark: bool) -> None:
        if self.system_dark() is not dark:  # unchanged: no rewrite of the file
            self.store.setValue("view/system_dark", dark)

    def start_here_seen(self) -> bool:
        """Start here was shown once (a first start shows it; Help shows it again)."""
        return str(self.store.value("help/start_here_seen", "false")).lower() == "true"

    def set_start_here_seen(self) -> None:
        self.store.setValue("help/start_here_seen", True)

    def last_location(self, bundle_id: str) -> tuple[int, str | None]:
        tab = _int(self.store.value(f"bundles/{bundle_id}/tab", 0))
        item = self.store.value(f"bundles/{bundle_id}/item")
        return tab, str(item) if item else None

    def set_last_location(self, bundle_id: str, tab: int, item: str | None) -> None:
        if self.last_location(bundle_id) == (tab, item or None):
            return  # unchanged: no rewrite of the file (each start shows the same place)
        self.store.setValue(f"bundles/{bundle_id}/tab", tab)
        self.store.setValue(f"bundles/{bundle_id}/item", item or "")

    def reading_position(self, bundle_id: str, place: str) -> int:
        """Where the learner was in a text (``ReadingPane.place_key``): 0, its top."""
        return _int(self.store.value(_place(bundle_id, place), 0))

    def set_reading_position(self, bundle_id: str, place: str, position: int) -> None:
        if self.reading_position(bundle_id, place) == position:
            return  # unchanged: no rewrite of the file
        if position > 0:
            self.store.setValue(_place(bundle_id, place), position)
        else:
            self.store.remove(_place(bundle_id, place))  # the top: nothing to keep

    def recent(self) -> list[Path]:
        value = self.store.value("files/recent", [])
        items = value if isinstance(value, list) else [value] if value else []
        return [Path(str(v)) for v in items]

    def add_recent(self, folder: Path) -> None:
        folder = folder.resolve()
        recent = self.recent()
        if recent[:1] == [folder]:
            return  # already first: no rewrite of the file (each start reopens it)
        items = [folder, *(p for p in recent if p != folder)][:RECENT_LIMIT]
        self.store.setValue("files/recent", [str(p) for p in items])


def _place(bundle_id: str, place: str) -> str:
    # Ids never hold "/" (a group separator here) but a bundle is untrusted: quoted.
    return f"bundles/{quote(bundle_id, safe='')}/read/{quote(place, safe='')}"


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
