"""Screenshots of every tab, light and dark, from the real widgets rendered offscreen.

Run: ``python3 tests/tools/screenshots.py`` (writes ``resources/screenshots/SLUG-THEME.png``).

The app is built as ``companion`` builds it (``make_app``, the shipped bundle, ``MainWindow``)
with settings in a throwaway home folder, so nothing the developer has saved leaks into the
pictures. Six Dimensions shows its first card selected; the Stacey tab shows the region the
orange circle marks (the zone of complexity) selected, so each picture has its detail open;
My Profile shows two example assessments a month apart and a rating being chosen.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # this checkout's Companion, not an installed one

from tests.homes import isolate  # noqa: E402

if TYPE_CHECKING:
    from companion.ui.shell.window import MainWindow

OUT = REPO / "resources" / "screenshots"
SIZE = (1100, 720)
PNG_QUALITY = 0  # Qt maps PNG "quality" 0 to the strongest zlib compression: smaller files


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def settle(done: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Let Qt work until ``done()`` (the notes read from disk, say): a picture of the end state."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        QApplication.processEvents()
        time.sleep(0.01)


def show_profile(window: MainWindow) -> None:
    """Two example assessments a month apart (in the throwaway home), a rating being chosen."""
    from companion.notes.records import Rating

    model = window.notes.model
    assert model is not None
    ids = [d.id for d in window.bundle.dimensions]
    levels = ["not-yet", "sometimes", "often", "consistently"]
    evidence = "Named my values at the team day, and *said no* to a project that ignored them."
    model.add_assessment(
        [Rating(dimension=d, level=levels[i % 3]) for i, d in enumerate(ids)],
        created="2026-11-02T10:00:00.000Z",
    )
    model.add_assessment(
        [
            Rating(dimension=d, level=levels[min(i % 3 + i % 2, 3)], evidence=evidence * (i == 0))
            for i, d in enumerate(ids)
        ],
        created="2026-12-01T10:00:00.000Z",
    )
    view = window.features.profile.show()
    view.rows[0].picker.set_level("often")
    view.focus_dimension(ids[0])


def take_all() -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from companion.bundle import load_bundle
    from companion.paths import shipped_bundle_dir
    from companion.qt.app import make_app
    from companion.ui.kit.theme import ThemeChoice, apply_theme
    from companion.ui.reading.dimensions import DimensionsTab
    from companion.ui.reading.stacey import StaceyTab
    from companion.ui.shell.settings import Settings
    from companion.ui.shell.window import MainWindow

    app = make_app([sys.argv[0]])
    folder = shipped_bundle_dir()
    bundle = load_bundle(folder)
    OUT.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
        apply_theme(app, theme)
        settings = Settings()
        settings.store.clear()  # each theme starts where a first-time learner starts...
        settings.set_theme(theme)  # ...who chose it (the window holds to the settings)
        window = MainWindow(bundle, folder, settings)
        window.resize(*SIZE)
        window.show()
        window.finish_start()
        session = window.notes.session
        assert session is not None  # made by finish_start
        settle(lambda: session.loaded)  # noqa: B023  (settled before the loop moves on)
        for index in range(window.tabs.count()):
            window.go_to_tab(index)
            tab = window.tabs.widget(index)
            if isinstance(tab, DimensionsTab) and tab.cards:
                next(iter(tab.cards.values())).click()
            elif isinstance(tab, StaceyTab):
                window.navigate(tab.stacey.orange_circle.region)
            elif tab is window.features.profile.page:
                show_profile(window)
            for _ in range(3):  # layouts, style polish and deferred repaints settle in turns
                QApplication.processEvents()
            path = OUT / f"{slug(window.tabs.tabText(index))}-{theme.value}.png"
            if not window.grab().save(str(path), "PNG", PNG_QUALITY):
                raise OSError(f"could not write {path}")
            saved.append(path)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return saved


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="companion-shots-") as tmp:
        isolate(Path(tmp))
        for path in take_all():
            print(f"{path.relative_to(REPO)}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
