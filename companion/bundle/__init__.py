"""The content model and its loader; plain Python, never Qt."""

from companion.bundle.loader import BundleInvalid, BundleNotFound, BundleProblem, load_bundle
from companion.bundle.model import Bundle

__all__ = ["Bundle", "BundleInvalid", "BundleNotFound", "BundleProblem", "load_bundle"]
