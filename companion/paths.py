"""The one place that knows where Companion's files live (no Qt here)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

SHIPPED_BUNDLE_ID = "touchpoint-7"
BUNDLE_FILE = "bundle.yaml"
#: The largest YAML file Companion reads (a 10,000-item bundle is about 12 MB).
MAX_YAML_BYTES = 64 * 1024 * 1024


def _data_dir(installed: str, checkout: str) -> Path:
    # A wheel carries content/ and resources/ inside the package; a source
    # checkout (or an editable install) keeps them beside it.
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def content_dir() -> Path:
    return _data_dir("_content", "content")


def resources_dir() -> Path:
    return _data_dir("_resources", "resources")


def shipped_bundle_dir() -> Path:
    return content_dir() / SHIPPED_BUNDLE_ID


def schema_file() -> Path:
    return resources_dir() / "bundle.schema.json"


def user_cache_dir() -> Path:
    """Where Companion may keep things it can rebuild (parsed bundles)."""
    import os
    import sys

    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "companion"


def user_data_dir() -> Path:
    """Companion's own data folder; the same place as Qt's AppDataLocation for the app."""
    import os
    import sys

    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Companion"


def shown_path(path: Path) -> str:
    """``path`` as a person reads it: ``~/…`` inside their home folder (shorter, and private)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
