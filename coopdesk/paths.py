"""Where coopdesk finds its packaged data and keeps the user's files.

`migrations/`, `i18n/` and `resources/` sit beside the package in a source checkout and inside it
in an installed wheel; every lookup goes through here so both layouts work.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
APP_NAME = "coopdesk"
# The reverse-DNS id: the desktop file, the icons, the AppStream file and the window's desktop file name.
APP_ID = "org.coopdesk.Coopdesk"


def _data_dir(name: str) -> Path:
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def migrations_dir() -> Path:
    return _data_dir("migrations")


def locale_dir() -> Path:
    return _data_dir("i18n")


def resources_dir() -> Path:
    return _data_dir("resources")


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icon_path(name: str = "coopdesk.svg") -> Path:
    return resources_dir() / "icons" / name


def user_data_dir() -> Path:
    from platformdirs import user_data_path  # deferred: only needed when no --db is given

    return Path(os.environ.get("COOPDESK_HOME") or user_data_path(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    from platformdirs import user_config_path

    return Path(os.environ.get("COOPDESK_HOME") or user_config_path(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "coopdesk.sqlite3"


def backups_dir(db_path: Path) -> Path:
    """Where a SQLite database's backups are kept: a `backups` folder beside it."""
    return db_path.parent / "backups"
