"""`companion profile`: the self-assessments as a table (dates as columns) or JSON; and the
counts `companion check` gives."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from companion.cli import main
from companion.notes.store import locate, save_notes
from companion.paths import shipped_bundle_dir
from tests.notes.known_records import known_records


@pytest.fixture
def with_assessments(tmp_path: Path) -> Path:
    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    save_notes(locate(folder, "touchpoint-7").path, known_records())
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_profile_table_has_dates_as_columns_and_words_not_numbers(
    with_assessments: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(with_assessments.parent)
    monkeypatch.setenv("TZ", "Pacific/Auckland")  # dates are the learner's, not UTC's
    time.tzset()
    try:
        assert main(["profile", str(with_assessments)]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Dimension", "2026-03-02", "2026-04-11"]
    feeling = next(line for line in lines if line.startswith("Ways of feeling"))
    assert feeling.split()[-2:] == ["sometimes", "often"]
    assert any(line.startswith("retired-dimension (not in this bundle)") for line in lines)
    assert tree(with_assessments.parent) == before  # read only


def test_profile_json_for_scripts(
    with_assessments: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profile", str(with_assessments), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [level["label"] for level in data["scale"]] == [
        "not yet",
        "sometimes",
        "often",
        "consistently",
    ]
    assert [a["id"] for a in data["assessments"]] == ["a-000000000001", "a-000000000002"]
    first = data["assessments"][0]["ratings"][0]
    assert first["dimension"] == "ways-of-feeling" and first["label"] == "sometimes"
    assert "<b>honesty</b>" in first["evidence"]  # kept as the learner wrote it


def test_profile_without_notes_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    assert main(["profile", str(folder)]) == 0
    assert capsys.readouterr().out == "No self-assessments yet.\n"


def test_profile_broken_notes_exit_1_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    locate(folder, "touchpoint-7").path.write_text("schema_version: 3\nbundle: [x\n")
    assert main(["profile", str(folder), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    # The line of the mistake: the bracket never closed.
    assert captured.err.startswith(f"{locate(folder, 'touchpoint-7').path}:2: invalid YAML")


def test_profile_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--format", "xml"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_check_counts_assessments_and_challenges(
    with_assessments: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(with_assessments)]) == 0
    out = capsys.readouterr().out
    assert "2 self-assessments (the latest of 2026-04-10), 1 in the trash" in out
    assert "3 challenges" in out
