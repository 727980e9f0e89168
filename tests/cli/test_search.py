"""`companion search`: ranked results with ids, kinds and snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main


def test_search_shipped_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "balcony", "and", "dance", "floor", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1. [dimension] ways-of-perceiving: Ways of perceiving"
    assert "**balcony**" in lines[1]
    assert len([line for line in lines if line[:1].isdigit()]) <= 3
    assert main(["search", "leadership", "--limit", "3"]) == 0
    results = [line for line in capsys.readouterr().out.splitlines() if line[:1].isdigit()]
    assert len(results) == 3


def test_search_with_bundle_folder_and_hostile_query(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from companion.paths import shipped_bundle_dir

    assert main(["search", str(shipped_bundle_dir()), '"coalition (of', "--limit", "1"]) == 0
    assert "practice-of-system-leadership" in capsys.readouterr().out


def test_no_results(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zzzzqqq"]) == 0
    assert "no results" in capsys.readouterr().err


@pytest.mark.parametrize(
    "limit",
    [
        "0",
        "-3",
        "1001",
        "99999999999999999999",
        pytest.param("9" * 5000, id="5000 nines"),
        "ten",
        "2.5",
        "",
    ],
)
def test_a_limit_out_of_range_is_a_usage_error(
    limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["--limit", limit], [f"--limit={limit}"]):
        assert main(["search", "leadership", *argv]) == 2
        err = capsys.readouterr().err
        assert "argument --limit: expected a whole number from 1 to 1000" in err
        assert err.startswith("usage: companion search")


def test_the_limits_of_the_limit_are_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "leadership", "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("1. ")
    assert main(["search", "leadership", "--limit", "1000"]) == 0
    assert capsys.readouterr().out.count("\n") > 2


def test_a_missing_folder_is_said_not_searched_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "/no/such/folder", "words"]) == 2
    assert capsys.readouterr() == (
        "",
        "companion search: error: no such bundle folder: /no/such/folder\n",
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bundles").mkdir()
    assert main(["search", "bundles/touchpoint-8", "leadership"]) == 2
    err = capsys.readouterr().err
    assert err == "companion search: error: no such bundle folder: bundles/touchpoint-8\n"
    assert main(["search", "/no/such/folder"]) == 2  # the words forgotten
    err = capsys.readouterr().err
    assert err == "companion search: error: no words to look for after /no/such/folder\n"


def test_a_word_with_a_slash_is_still_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "balcony/dance", "floor", "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("1. [dimension] ways-of-perceiving:")


def test_search_finds_evidence_and_challenges_in_the_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from companion.notes.store import locate, save_notes
    from companion.paths import shipped_bundle_dir
    from tests.notes.known_records import known_records

    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    save_notes(locate(folder, "touchpoint-7").path, known_records())
    assert main(["search", str(folder), "team", "day"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "1. [evidence] ways-of-feeling: Evidence for Ways of feeling, 2026-03-02"
    )
    assert main(["search", str(folder), "nobody", "agrees"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "1. [challenge] stacey-model: Challenge: Merging two teams"
    )
