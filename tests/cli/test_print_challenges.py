"""`companion print-challenges`: the map with the learner's challenges and their notes on one
page, with no display; clear errors with exit 1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion.bundle.stacey_map import LABEL_BOXES
from companion.notes import store
from companion.notes.model import NotesModel, empty_file
from tests.conftest import need_program
from tests.notes.support import BUNDLE_ID, copy_bundle, notes_file

FIVE = [
    ("Merging two school trusts", "Boards disagree on **who leads**.", [(0.2, 0.85), (0.5, 0.56)]),
    ("Timetable software upgrade", "Everyone agrees; the vendor knows how.", [(0.12, 0.1)]),
    ("Reducing exclusions", "No one knows what works yet.", [(0.66, 0.42)]),
    ("New curriculum pilot", "We agree on the aim, not the method.", [(0.85, 0.12)]),
    ("Cuts <b>youth</b> service & more", "Nobody agrees.", [(0.9, 0.9)]),
]


def run(args: list[str], repo_root: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(repo_root)
    return subprocess.run(
        [sys.executable, "-m", "companion", "print-challenges", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def with_challenges(
    tmp_path: Path, challenges: list[tuple[str, str, list[tuple[float, float]]]]
) -> Path:
    folder = copy_bundle(tmp_path)
    model = NotesModel(empty_file(BUNDLE_ID))
    for title, note, places in challenges:
        added = model.add_challenge(title, note, position=places[0])
        for place in places[1:]:
            model.move_challenge(added.id, *place)
    store.save_notes(notes_file(folder), model.snapshot())
    return folder


def pdf_text(path: Path) -> str:
    info = subprocess.run(
        [need_program("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    return subprocess.run(
        [need_program("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_map_and_every_challenge_with_its_note_on_one_page(
    repo_root: Path, tmp_path: Path
) -> None:
    folder = with_challenges(tmp_path, FIVE)
    out = tmp_path / "challenges.pdf"
    result = run([str(folder), "-o", str(out)], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (5 challenges)\n"
    text = " ".join(pdf_text(out).split())
    assert "My challenges on the Stacey matrix" in text
    for name in ("Political", "Zone of complexity", "Chaos / anarchy", "Judgmental"):
        assert name in text  # the map's regions
    assert "Merging two school trusts — Zone of complexity" in text
    assert "Boards disagree on who leads." in text  # the note, as text
    assert "Timetable software upgrade — Technical-rational" in text
    assert "Cuts <b>youth</b> service & more — Chaos / anarchy" in text  # shown as typed
    assert "New curriculum pilot — Judgmental" in text


def test_long_notes_are_cut_to_keep_one_page(repo_root: Path, tmp_path: Path) -> None:
    many = [(f"Challenge {n}", "A long story. " * 200, [(0.05 * n, 0.5)]) for n in range(8)]
    folder = with_challenges(tmp_path, many)
    out = tmp_path / "many.pdf"
    result = run([str(folder), "-o", str(out)], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "A long story. A long story." in text  # notes cut, never spilled
    assert "more in Companion" in text


def test_more_challenges_than_fit_are_counted_not_dropped(repo_root: Path, tmp_path: Path) -> None:
    many = [(f"Challenge {n}", "", [(0.012 * n, 0.5)]) for n in range(1, 81)]
    folder = with_challenges(tmp_path, many)
    out = tmp_path / "many.pdf"
    result = run([str(folder), "-o", str(out)], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    listed = [int(n) for n in re.findall(r"(\d+)\. Challenge \d+ —", text)]
    assert listed == list(range(1, len(listed) + 1)) and len(listed) > 10
    left = 80 - len(listed)
    assert left > 0 and f"… and {left} more challenges (in Companion)" in text


def test_no_challenges_yet_says_how_to_add_them(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    result = run([str(copy_bundle(tmp_path)), "-o", str(out)], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No challenges yet" in pdf_text(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "/no/such/folder/c.pdf"], "no such folder /no/such/folder"),
        (["-o", "c.pdf", "--paper", "B5"], "unknown paper size 'B5': expected A4 or Letter"),
        (["-o", "/dev/full"], "cannot write /dev/full: it is a character device"),
    ],
)
def test_clear_errors_exit_1(
    repo_root: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(args, repo_root, tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.startswith("companion print-challenges: error: ")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_broken_notes_file_is_named_with_its_line_and_left_alone(
    repo_root: Path, tmp_path: Path
) -> None:
    folder = copy_bundle(tmp_path)
    path = notes_file(folder)
    broken = f"schema_version: 3\nbundle: {BUNDLE_ID}\nchallenges:\n  - id: c-1\n    title: [\n"
    path.write_text(broken)
    out = tmp_path / "c.pdf"
    result = run([str(folder), "-o", str(out)], repo_root, tmp_path)
    assert result.returncode == 1
    assert f"{path}:6: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and path.read_text() == broken


def test_a_challenge_off_the_map_is_refused_with_its_place(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_bundle(tmp_path)
    path = notes_file(folder)
    path.write_text(
        f"schema_version: 3\nbundle: {BUNDLE_ID}\nchallenges:\n  - id: c-1\n    title: T\n"
        "    created: '2026-01-01T00:00:00.000Z'\n    modified: '2026-01-01T00:00:00.000Z'\n"
        "    moves:\n      - at: '2026-01-01T00:00:00.000Z'\n        certainty: 1.5\n"
        "        agreement: 0.5\n"
    )
    result = run([str(folder), "-o", str(tmp_path / "c.pdf")], repo_root, tmp_path)
    assert result.returncode == 1
    assert f"{path}:10: Expected `float` <= 1.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_output_is_a_usage_error(repo_root: Path, tmp_path: Path) -> None:
    result = run([], repo_root, tmp_path)
    assert result.returncode == 2
    assert "give -o FILE.pdf" in result.stderr


def _word_boxes(path: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    html = subprocess.run(
        [need_program("pdftotext"), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [(word, (float(a), float(b), float(c), float(d))) for a, b, c, d, word in found]


def test_a_mark_on_a_regions_name_never_hides_it(repo_root: Path, tmp_path: Path) -> None:
    """A challenge placed right on a region's printed name: the name moves clear of it."""
    on_names = [
        (f"Challenge {n}", "", [box.center()])
        for n, box in enumerate(LABEL_BOXES.values(), start=1)
    ]
    folder = with_challenges(tmp_path, on_names)
    out = tmp_path / "on-names.pdf"
    assert run([str(folder), "-o", str(out)], repo_root, tmp_path).returncode == 0
    words = _word_boxes(out)
    marks = [box for word, box in words if word.isdigit()][: len(on_names)]
    names = {"Political", "Zone", "complexity", "Chaos", "anarchy", "Judgmental"}
    name_boxes = [box for word, box in words if word in names or word.startswith("Technical")]
    assert len(marks) == len(on_names) and len(name_boxes) >= len(names)

    def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert not [(m, n) for m in marks for n in name_boxes if overlap(m, n)]
