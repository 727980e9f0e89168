"""Remembered state: a start that changes nothing leaves the settings file alone."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from companion.ui.shell.settings import Settings

LONG_AGO = 946_684_800  # 2000-01-01: any rewrite of the file moves its time on


def test_reopening_the_same_place_does_not_rewrite_the_file(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    folder = tmp_path / "bundle"
    folder.mkdir()
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    settings.add_recent(folder)
    settings.set_last_location("tp7", 2, "ways-of-being")
    settings.sync()
    os.utime(ini, (LONG_AGO, LONG_AGO))

    again = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    again.add_recent(folder)  # what every start does
    again.set_last_location("tp7", 2, "ways-of-being")
    again.sync()
    assert ini.stat().st_mtime == LONG_AGO

    again.set_last_location("tp7", 1, "ways-of-feeling")
    again.add_recent(tmp_path)
    again.sync()
    assert ini.stat().st_mtime != LONG_AGO
    reread = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert reread.last_location("tp7") == (1, "ways-of-feeling")
    assert reread.recent() == [tmp_path.resolve(), folder.resolve()]


def test_reading_positions_keep_apart_whatever_the_ids_hold(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    places = ["a", "a/b", "a:copy", "../x", "x\\y", "ключ", "[General]", "a%2Fb", "=;#"]
    for number, place in enumerate(places, start=1):
        settings.set_reading_position("tp/7", place, number * 10)
    settings.set_reading_position("tp7", "a", 5)
    settings.sync()
    again = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert [again.reading_position("tp/7", p) for p in places] == [
        n * 10 for n in range(1, len(places) + 1)
    ]
    assert again.reading_position("tp7", "a") == 5 and again.reading_position("tp7", "b") == 0
    again.set_reading_position("tp7", "a", 0)  # back at the top: nothing kept
    assert not [k for k in again.store.allKeys() if k.startswith("bundles/tp7/")]
