"""The one-page summary as a real PDF, checked with poppler's tools."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from companion.bundle import load_bundle
from companion.bundle.model import Bundle
from companion.notes.anchoring import describe
from companion.notes.model import NotesFile, NotesModel, empty_file
from companion.notes.records import Rating
from companion.paths import shipped_bundle_dir
from companion.printing.content import summary_content
from companion.printing.output import PrintError, print_summary, write_pdf
from companion.printing.render import MORE

from ..conftest import need_program

NAMES = [
    "Ways of feeling",
    "Ways of perceiving",
    "Ways of thinking",
    "Ways of relating",
    "Ways of doing",
    "Ways of being",
]


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle(shipped_bundle_dir())


@pytest.fixture(autouse=True)
def _gui() -> None:
    from companion.qt.app import make_app

    make_app()
    assert QGuiApplication.instance() is not None


def long_notes(bundle: Bundle) -> NotesFile:
    model = NotesModel(empty_file(bundle.id))
    essay = "This matters on the ward because trust is slow to build and quick to lose. " * 60
    for dimension in bundle.dimensions:
        model.add_note(dimension.id, essay)
        model.add_note(dimension.id, "A second, shorter note.")
        text = dimension.study_text
        model.add_highlight(dimension.id, describe(text, 0, 40), note="why this matters")
        model.set_bookmark(dimension.id, True)
    return model.snapshot()


def some_notes_and_profile(bundle: Bundle) -> NotesFile:
    """A note on two dimensions, and two self-assessments a month apart."""
    model = NotesModel(empty_file(bundle.id))
    model.add_note("ways-of-feeling", "Named my values at the <b>team day</b>.")
    model.add_note("ways-of-doing", "Told the story of the new rota twice; it stuck.")
    levels = ["not-yet", "sometimes", "often", "consistently"]
    ids = [d.id for d in bundle.dimensions]
    model.add_assessment(
        [Rating(dimension=d, level=levels[i % 3]) for i, d in enumerate(ids)],
        created="2026-11-02T10:00:00.000Z",
    )
    model.add_assessment(
        [Rating(dimension=d, level=levels[min(i % 3 + 1, 3)]) for i, d in enumerate(ids[:5])],
        created="2026-12-01T10:00:00.000Z",
    )
    return model.snapshot()


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [need_program("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines())}


def pdf_text(path: Path, *, layout: bool = True) -> str:
    return subprocess.run(
        [need_program("pdftotext"), *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("with_notes", [False, True], ids=["plain", "long-notes"])
def test_always_exactly_one_page(
    bundle: Bundle, tmp_path: Path, paper: str, with_notes: bool
) -> None:
    out = tmp_path / "summary.pdf"
    notes = long_notes(bundle) if with_notes else None
    write_pdf(summary_content(bundle, notes, printed=date(2026, 11, 21)), out, paper)
    info = pdf_info(out)
    assert info["Pages"] == "1"
    assert ("(A4)" if paper == "A4" else "(letter)") in info["Page size"]
    text = pdf_text(out)
    positions = [text.find(name) for name in NAMES]
    assert -1 not in positions and positions == sorted(positions)
    assert "Printed 2026-11-21" in " ".join(text.split())
    assert (MORE in text) is with_notes


def test_fonts_are_embedded(bundle: Bundle, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    write_pdf(summary_content(bundle), out)
    table = subprocess.run(
        [need_program("pdffonts"), str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert table, "no fonts listed"
    for row in table:
        columns = row.split()
        assert columns[-5] == "yes", row  # the "emb" column


def test_learners_words_appear(bundle: Bundle, tmp_path: Path) -> None:
    model = NotesModel(empty_file(bundle.id))
    model.add_note("ways-of-relating", "Ask Sam about the *ward huddle*.")
    out = tmp_path / "summary.pdf"
    write_pdf(summary_content(bundle, model.snapshot()), out)
    assert "Ask Sam about the ward huddle." in " ".join(pdf_text(out).split())


def test_unwritable_or_missing_folder_is_a_clear_error(bundle: Bundle, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="no such folder"):
        write_pdf(summary_content(bundle), tmp_path / "nowhere" / "s.pdf")
    target = tmp_path / "existing.pdf"
    target.write_bytes(b"keep me")
    with pytest.raises(PrintError, match="unknown paper size 'B5'"):
        write_pdf(summary_content(bundle), target, "B5")
    assert target.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.pdf"]


def test_unknown_printer_is_a_clear_error(bundle: Bundle) -> None:
    with pytest.raises(PrintError, match="unknown printer 'no-such-printer'"):
        print_summary(summary_content(bundle), "no-such-printer")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("with_notes", [False, True], ids=["profile", "profile-long-notes"])
def test_the_profile_fits_on_the_one_page(
    bundle: Bundle, tmp_path: Path, paper: str, with_notes: bool
) -> None:
    out = tmp_path / "summary.pdf"
    records = some_notes_and_profile(bundle)
    notes = long_notes(bundle) if with_notes else records
    write_pdf(summary_content(bundle, notes, profile_from=records), out, paper)
    assert pdf_info(out)["Pages"] == "1"
    # In reading order (the chart's labels sit beside the ratings); poppler keeps ligatures.
    text = " ".join(pdf_text(out, layout=False).split()).replace("\ufb01", "fi")
    assert "My profile" in text
    assert "Self-assessment of 2026-12-01 (dashed: 2026-11-02)" in text
    # The latest rating of each dimension, in words, in Goss's order.
    assert "1. Ways of feeling sometimes" in text
    assert "6. Ways of being not rated" in text
    assert "now: 2026-12-01" in text and "then: 2026-11-02" in text  # the chart's legend
    assert text.index("My profile") < text.index("1. Ways of feeling sometimes")
    assert (MORE in text) is with_notes


def test_no_profile_without_assessments_or_when_not_asked(bundle: Bundle, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    write_pdf(summary_content(bundle, long_notes(bundle), profile_from=long_notes(bundle)), out)
    assert "Self-assessment of" not in pdf_text(out)
    write_pdf(summary_content(bundle, some_notes_and_profile(bundle)), out)
    assert "Self-assessment of" not in pdf_text(out)


def test_boxes_grow_with_the_notes_instead_of_cutting_them(bundle: Bundle, tmp_path: Path) -> None:
    """One long note fits whole when the other rows need little (an even grid cut it)."""
    model = NotesModel(empty_file(bundle.id))
    essay = " ".join(f"word{n}" for n in range(250)) + " THEEND"
    model.add_note("ways-of-feeling", essay)
    out = tmp_path / "summary.pdf"
    write_pdf(summary_content(bundle, model.snapshot()), out)
    assert pdf_info(out)["Pages"] == "1"
    text = pdf_text(out)
    assert "THEEND" in text and MORE not in text
