"""The content model and its loader; plain Python, never Qt.

``load_bundle`` is imported on first use: it brings in the YAML parser, which
a warm start served from the parsed-bundle cache never needs.
"""

from typing import TYPE_CHECKING, Any

from companion.bundle.errors import BundleInvalid, BundleNotFound, BundleProblem
from companion.bundle.model import Bundle

if TYPE_CHECKING:
    from companion.bundle.loader import load_bundle

__all__ = ["Bundle", "BundleInvalid", "BundleNotFound", "BundleProblem", "load_bundle"]


def __getattr__(name: str) -> Any:
    if name == "load_bundle":
        from companion.bundle.loader import load_bundle

        return load_bundle
    raise AttributeError(name)
