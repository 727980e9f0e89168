"""`companion export`, `companion import` and the highlight counts of `companion check`."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import msgspec
import pytest

from companion.cli import main
from companion.notes.export import export_markdown, export_w3c
from companion.notes.fileformat import parse
from companion.notes.lock import NotesLock
from companion.notes.model import NOTES_SCHEMA_VERSION, empty_file
from companion.notes.store import locate, save_notes
from companion.paths import shipped_bundle_dir
from tests.hostile_text import link_out
from tests.notes.known_notes import highlight_on, known_notes, shipped


def copy_bundle(folder: Path) -> Path:
    shutil.copytree(shipped_bundle_dir(), folder)
    return folder


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    return copy_bundle(tmp_path / "here" / "touchpoint-7")


@pytest.fixture
def notes_file(bundle_copy: Path) -> Path:
    path = locate(bundle_copy, "touchpoint-7").path
    save_notes(path, known_notes())
    return path


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- export -------------------------------------------------------------------
def test_export_markdown_to_stdout_reads_only(
    bundle_copy: Path, notes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(bundle_copy.parent)
    assert main(["export", str(bundle_copy)]) == 0
    assert capsys.readouterr().out == export_markdown(shipped(), known_notes())
    assert tree(bundle_copy.parent) == before


def test_export_w3c_to_a_file(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.jsonld"
    assert main(["export", str(bundle_copy), "--format", "w3c", "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(out.read_text(encoding="utf-8")) == export_w3c(shipped(), known_notes())
    assert out.read_bytes().endswith(b"}\n")


def test_export_without_notes_is_an_empty_export(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(bundle_copy), "--format", "w3c"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["total"] == 0 and exported["first"]["items"] == []
    assert not locate(bundle_copy, "touchpoint-7").path.exists()


def test_export_to_an_unwritable_file_is_a_clear_error(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "notes.md"
    assert main(["export", str(bundle_copy), "-o", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"companion export: error: cannot write {missing}: No such file or directory\n"
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["export", str(bundle_copy), "-o", str(folder)]) == 1
    assert f"cannot write {folder}" in capsys.readouterr().err
    assert list(tmp_path.glob("*.tmp")) == [] and list(folder.iterdir()) == []


def test_export_of_broken_notes_is_an_error(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    notes.write_text("schema_version: 2\nbundle: touchpoint-7\nnotes: {\n")
    assert main(["export", str(bundle_copy)]) == 1
    assert capsys.readouterr().err.startswith(f"{notes}:")


def test_export_bad_format_is_a_usage_error(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(bundle_copy), "--format", "pdf"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


# -- import -------------------------------------------------------------------
def test_export_import_into_a_fresh_folder_export_is_identical(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "from-laptop.json"
    assert main(["export", str(bundle_copy), "--format", "w3c", "-o", str(exported)]) == 0
    other = copy_bundle(tmp_path / "elsewhere" / "touchpoint-7")
    assert main(["import", str(other), str(exported)]) == 0
    out = capsys.readouterr()
    new_notes = locate(other, "touchpoint-7").path
    assert out.out == f"13 added, 0 updated, 0 unchanged; 1 warning (notes: {new_notes})\n"
    assert "warning: this bundle has no item 'retired-reading'" in out.err
    again = tmp_path / "again.json"
    assert main(["export", str(other), "--format", "w3c", "-o", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()
    # Importing the same file again changes nothing, and does not even rewrite the file.
    before = tree(new_notes.parent)
    assert main(["import", str(other), str(exported)]) == 0
    assert capsys.readouterr().out.startswith("0 added, 0 updated, 13 unchanged")
    assert tree(new_notes.parent) == before


def test_import_merges_into_existing_notes_and_keeps_a_backup(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = shipped()
    extra = highlight_on(bundle, "h-new000000001", "ways-of-being", "courage", color="blue")
    theirs = msgspec.structs.replace(empty_file("touchpoint-7"), highlights=[extra])
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps(export_w3c(bundle, theirs)), encoding="utf-8")
    old = notes_file.read_bytes()
    assert main(["import", str(bundle_copy), str(file)]) == 0
    assert capsys.readouterr().out.startswith("1 added, 0 updated, 0 unchanged")
    merged = parse(notes_file.read_bytes(), notes_file).data
    assert extra in merged.highlights and len(merged.highlights) == 7
    assert notes_file.with_name(notes_file.name + ".bak").read_bytes() == old
    assert not notes_file.with_name(notes_file.name + ".lock").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"type": "Annotation",\n  "id": [1, }', ":2:13: invalid JSON: Expecting value"),
        (b'{"type": "Annotation"}\n{}', ":2:1: invalid JSON: Extra data"),
        (b'{\n  "body": "caf\xe9"\n}', ":2:15: not UTF-8 text (byte 0xe9)"),
        (b"", ":1:1: invalid JSON: Expecting value"),
    ],
)
def test_import_of_a_malformed_file_changes_nothing(
    bundle_copy: Path,
    notes_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = tree(bundle_copy.parent)
    assert main(["import", str(bundle_copy), str(bad)]) == 1
    out = capsys.readouterr()
    assert out.err == f"{bad}{message}\n" and out.out == ""
    assert tree(bundle_copy.parent) == before


def test_import_with_unreadable_annotations_imports_the_rest_and_exits_1(
    bundle_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annotations = export_w3c(shipped(), known_notes())["first"]["items"]
    file = tmp_path / "mixed.json"
    file.write_text(json.dumps([annotations[0], {"type": "Annotation"}, annotations[1]]))
    assert main(["import", str(bundle_copy), str(file)]) == 1
    out = capsys.readouterr()
    assert out.err == f"{file}: annotation 2: it has no target\n"
    assert out.out.startswith("2 added, 0 updated, 0 unchanged; 1 could not be read")
    notes = locate(bundle_copy, "touchpoint-7").path
    imported = parse(notes.read_bytes(), notes).data
    assert (len(imported.highlights), len(imported.bookmarks)) == (1, 1)


def test_import_warns_about_another_bundle(
    bundle_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annotation = export_w3c(shipped(), known_notes())["first"]["items"][0]
    text = json.dumps(annotation).replace("urn:companion:touchpoint-7:", "urn:companion:tp-8:")
    file = tmp_path / "other.json"
    file.write_text(text)
    assert main(["import", str(bundle_copy), str(file)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("1 added")
    assert f"{file}: warning: 1 annotation in this file were made for bundle 'tp-8'" in out.err


def test_import_while_another_companion_holds_the_notes(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "one.json"
    file.write_text(json.dumps(export_w3c(shipped(), known_notes())))
    lock = NotesLock(notes_file)
    assert lock.try_acquire()
    try:
        before = notes_file.read_bytes()
        assert main(["import", str(bundle_copy), str(file)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("companion import: error: the notes are open in companion (process")
        assert f"{os.getpid()}" in err
        assert notes_file.read_bytes() == before
    finally:
        lock.release()


@pytest.mark.parametrize(
    "content",
    [
        b"schema_version: 2\nbundle: touchpoint-7\nnotes: [\n",  # broken
        b"schema_version: 9\nbundle: touchpoint-7\n",  # from a newer Companion
        # another bundle's (in the current format: an older one would be migrated, its
        # original kept beside it, before the bundle is compared)
        f"schema_version: {NOTES_SCHEMA_VERSION}\nbundle: touchpoint-8\n".encode(),
    ],
)
def test_import_into_notes_that_cannot_be_written_changes_nothing(
    bundle_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    notes.write_bytes(content)
    file = tmp_path / "one.json"
    file.write_text(json.dumps(export_w3c(shipped(), known_notes())))
    before = tree(bundle_copy.parent)
    assert main(["import", str(bundle_copy), str(file)]) == 1
    assert capsys.readouterr().err.startswith(str(notes))
    assert tree(bundle_copy.parent) == before


def test_import_missing_file_is_a_usage_error(
    bundle_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(bundle_copy), str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["import"]) == 2  # FILE is required
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_import_of_a_bundle_folder_with_the_file_forgotten_is_a_usage_error(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(bundle_copy.parent)
    assert main(["import", str(bundle_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: companion import [-h] [BUNDLE_DIR] FILE\n")
    assert f"argument FILE: {bundle_copy} is a folder; give the annotation file" in err
    assert tree(bundle_copy.parent) == before


def test_import_file_alone_uses_the_shipped_bundle(
    user_dirs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "one.json"
    file.write_text(json.dumps(export_w3c(shipped(), known_notes())["first"]["items"][:1]))
    assert main(["import", str(file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 added")
    assert f"{user_dirs}/.local/share/Companion/notes/touchpoint-7.notes.yaml" in out


# -- check --------------------------------------------------------------------
def test_check_counts_placed_approximate_and_orphaned_highlights(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = shipped()
    data = known_notes()
    almost = highlight_on(
        bundle, "h-approx000001", "ways-of-being", "The last dimension concerns personal"
    )
    almost = msgspec.structs.replace(almost, exact="The last dimension concern personal")
    data = msgspec.structs.replace(data, highlights=[*data.highlights, almost])
    notes = locate(bundle_copy, "touchpoint-7").path
    save_notes(notes, data)
    before = tree(bundle_copy.parent)
    assert main(["check", str(bundle_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "4 notes, 3 bookmarks, 1 in the trash"
    assert out[3] == "7 highlights: 4 placed exactly, 1 placed approximately, 2 orphaned"
    assert (
        f"{notes}: notes refer to 'retired-reading', which the bundle does not have "
        "(kept; they reappear if the item returns)"
    ) in out
    assert tree(bundle_copy.parent) == before


def test_check_without_highlights(bundle_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_notes(locate(bundle_copy, "touchpoint-7").path, empty_file("touchpoint-7"))
    assert main(["check", str(bundle_copy)]) == 0
    assert capsys.readouterr().out.splitlines()[3] == "0 highlights"


@pytest.mark.slow
def test_an_import_that_would_make_the_notes_unreadable_writes_nothing(
    bundle_copy: Path, notes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A large W3C file imported with exit 0 and wrote a notes file over the 64 MiB the
    reader accepts: the next open was read-only."""
    from companion.paths import MAX_YAML_BYTES

    body = ("a long passage copied into a note, " * 2 + "\n") * (MAX_YAML_BYTES // 2 // 71 + 1)
    big = tmp_path / "big.jsonld"
    big.write_text(
        json.dumps(
            [
                {
                    "type": "Annotation",
                    "id": f"https://annotations.example.org/big/{n}",
                    "bodyValue": body,
                    "target": "urn:companion:touchpoint-7:ways-of-being",
                }
                for n in range(2)
            ]
        )
    )
    del body
    before = notes_file.read_bytes()
    assert main(["import", str(bundle_copy), str(big)]) == 1
    err = capsys.readouterr().err
    assert "more than the 64 MiB Companion can read back" in err and "nothing imported" in err
    assert notes_file.read_bytes() == before
    assert not NotesLock(notes_file).path.exists()
    assert main(["check", str(bundle_copy)]) == 0  # the notes still open as they were


def _node(path: Path) -> str:
    mode = os.lstat(path).st_mode
    kinds = {stat.S_ISCHR: "device", stat.S_ISFIFO: "fifo", stat.S_ISLNK: "link"}
    return next((name for test, name in kinds.items() if test(mode)), "other")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["device", "fifo", "link"])
def test_export_writes_only_regular_files(
    bundle_copy: Path,
    notes_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    # As root, -o /dev/full once made the machine's /dev/full a regular file.
    target = tmp_path / "out" / "notes.md"
    secret = link_out(target, b"root:x:0:0", tmp_path / "elsewhere")
    if kind != "link":
        target.unlink()
        if kind == "fifo":
            os.mkfifo(target)
        else:
            target = Path("/dev/full")
    assert main(["export", str(bundle_copy), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    why = {
        "device": "it is a character device",
        "fifo": "it is a named pipe (FIFO)",
        "link": f"it is a symbolic link to {secret}, outside its folder",
    }[kind]
    assert err == (
        f"companion export: error: cannot write {target}: {why}, not a regular file "
        "(Companion reads and writes only regular files)\n"
    )
    assert _node(target) == kind
    assert secret.read_bytes() == b"root:x:0:0"
    assert list(target.parent.glob(f".{target.name}.*")) == []  # no temp file left


@pytest.mark.timeout(20)
def test_import_of_a_fifo_is_refused_at_once(
    bundle_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "annotations.json"
    os.mkfifo(fifo)
    assert main(["import", str(bundle_copy), str(fifo)]) == 1
    assert capsys.readouterr().err == (
        f"companion import: error: cannot read {fifo}: it is a named pipe (FIFO), not a "
        "regular file (Companion reads and writes only regular files)\n"
    )
    assert not locate(bundle_copy, "touchpoint-7").path.exists()
