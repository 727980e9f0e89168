"""Walking a bundle's items: every one, once, in document order."""

from __future__ import annotations

from companion.bundle.loader import load_bundle
from companion.bundle.model import items_of, iter_items
from companion.paths import shipped_bundle_dir


def test_items_of_walks_what_iter_items_walks_without_the_paths() -> None:
    bundle = load_bundle(shipped_bundle_dir())
    walked = [item.id for item in items_of(bundle)]
    assert walked == [item.id for _, item in iter_items(bundle)]
    assert len(walked) == len(set(walked)) > 20
    assert walked[0] == bundle.definitions[0].id and walked[-1] == bundle.voices[-1].id
