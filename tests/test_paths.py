"""Where Companion's files live, and how their paths are shown."""

from __future__ import annotations

from pathlib import Path

from companion.paths import shown_path


def test_a_path_in_the_home_folder_is_shown_from_tilde(user_dirs: Path) -> None:
    notes = Path.home() / ".local" / "share" / "Companion" / "notes" / "a.notes.yaml"
    assert shown_path(notes) == str(
        Path("~", ".local", "share", "Companion", "notes", "a.notes.yaml")
    )
    assert shown_path(Path.home()) == "~"


def test_a_path_elsewhere_is_shown_whole(user_dirs: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path.parent / "bundles" / "week-3.notes.yaml"
    assert not elsewhere.is_relative_to(Path.home())
    assert shown_path(elsewhere) == str(elsewhere)
