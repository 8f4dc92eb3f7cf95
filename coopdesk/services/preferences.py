"""The user's preferences, kept as a small JSON file in the per-user config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields, replace
from pathlib import Path

from coopdesk.domain.settings import Preferences
from coopdesk.paths import user_config_dir

FILE_NAME = "preferences.json"


def preferences_path() -> Path:
    return user_config_dir() / FILE_NAME


def load_preferences() -> Preferences:
    try:
        raw = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    return Preferences(**{k: v for k, v in raw.items() if k in known and isinstance(v, str | None)})


def save_preferences(preferences: Preferences) -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    os.replace(temporary, path)  # never a half-written file


def update_preferences(**changes: str | None) -> Preferences:
    """Change some preferences; the file is written only when something differs (each start sets some)."""
    before = load_preferences()
    preferences = replace(before, **changes)
    if preferences != before:
        save_preferences(preferences)
    return preferences
