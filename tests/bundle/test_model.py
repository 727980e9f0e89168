"""Walking a bundle's items: every one, once, in document order."""

from __future__ import annotations

from typing import get_args

from companion.bundle.loader import load_bundle
from companion.bundle.model import STUDY_TABS, Kind, items_of, iter_items, tab_items
from companion.paths import shipped_bundle_dir


def test_items_of_walks_what_iter_items_walks_without_the_paths() -> None:
    bundle = load_bundle(shipped_bundle_dir())
    walked = [item.id for item in items_of(bundle)]
    assert walked == [item.id for _, item in iter_items(bundle)]
    assert len(walked) == len(set(walked)) > 20
    assert walked[0] == bundle.definitions[0].id and walked[-1] == bundle.voices[-1].id


def test_the_study_tabs_show_every_item_once_in_document_order() -> None:
    kinds = [kind for _, tab_kinds in STUDY_TABS for kind in tab_kinds]
    assert sorted(kinds) == sorted(get_args(Kind))  # each kind in one tab
    bundle = load_bundle(shipped_bundle_dir())
    shown = [item for _, tab_kinds in STUDY_TABS for item in tab_items(bundle, tab_kinds)]
    assert shown == list(items_of(bundle))
