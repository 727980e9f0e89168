"""`companion search`: ranked results with ids, kinds and snippets."""

from __future__ import annotations

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
