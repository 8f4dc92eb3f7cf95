"""The composition root: which database, which language — shared by the CLI and the GUI."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from coopdesk import i18n
from coopdesk.domain.errors import DatabaseError, UnreadableDatabase
from coopdesk.i18n import N_
from coopdesk.paths import backups_dir, default_database_path, user_data_dir
from coopdesk.persistence.database import Database, translate_errors
from coopdesk.persistence.files import remove_orphaned_partials
from coopdesk.persistence.lock import ReadOnlyDatabase
from coopdesk.persistence.migrate import needs_upgrade, stored_revision, upgrade
from coopdesk.services.preferences import load_preferences


def resolve_database_target(explicit: str | None = None) -> str:
    """--db, else $COOPDESK_DB, else the file in the per-user data folder."""
    return explicit or os.environ.get("COOPDESK_DB") or str(default_database_path())


LOG_FILE = "coopdesk.log"


def log_path() -> Path:
    return user_data_dir() / LOG_FILE


def start_logging() -> Path | None:
    """The one log of the window and the command line: `coopdesk.log` in the data folder, rotated at 1 MB (two
    old ones kept). Returns its path, or None when it cannot be written (a read-only home: nothing is logged).
    Called again for another data folder, it moves there."""
    path = log_path()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "coopdesk_log", False):
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.coopdesk_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def start_language(explicit: str | None = None) -> str:
    """The language of this run, and the other preferences every command follows (the amount ceiling)."""
    preferences = load_preferences()
    _apply_amount_ceiling(preferences.amount_ceiling)
    return i18n.set_language(explicit or preferences.language)


def _apply_amount_ceiling(text: str | None) -> None:
    from coopdesk.domain.money import ceiling_from, set_amount_ceiling

    set_amount_ceiling(ceiling_from(text))


class DamagedDatabase(DatabaseError):
    """SQLite's quick check at opening found damage; `verify` names every problem, a backup brings it back."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(N_("The database file %(path)s is damaged (%(detail)s). Restore it from a backup: File → "
                            "Restore… in the window, or 'coopdesk restore FILE'."), path=path, detail=detail)
        self.path = path


def open_database(target: str | Path, *, migrate: bool | None = None, read_only: bool = False,
                  check: bool = True, check_later: bool = False) -> Database:
    """Open the database at the current schema.

    A SQLite file is first given SQLite's quick check (`check=False` only for `verify` and `restore`, which
    must reach a damaged file), then created or migrated on the spot (a verified backup first). A shared
    server is migrated only when asked (`coopdesk init`, run by an administrator): other users get a clear
    message instead. `read_only`: a second window's view (see persistence.lock), never migrated.
    `check_later`: the window runs `check_file` itself once it is painted, off the GUI thread — the quick
    check reads the whole file, which grows with the years; a file about to be migrated is checked here.
    """
    db = (ReadOnlyDatabase if read_only else Database).open(target)
    if db.path is not None and not read_only:
        remove_orphaned_partials(backups_dir(db.path), db.path.parent)  # `.partial` files a crash left behind
    try:
        if check and db.is_sqlite and not check_later:
            check_file(db)
        if not read_only and (migrate if migrate is not None else db.is_sqlite):
            _migrate(db, check_first=check and check_later)
        elif needs_upgrade(db):
            raise DatabaseError(
                N_("The shared database is not at this version's schema; an administrator must run "
                   "'coopdesk init' first.") if not db.is_sqlite else
                N_("The database must be brought to this version's schema first: close the other coopdesk "
                   "window and open it again.")
            )
    except BaseException:
        db.dispose()
        raise
    return db


def check_file(db: Database) -> None:
    """SQLite's check of the file's structure; raises DamagedDatabase naming the first problem found."""
    try:
        with translate_errors(), db.engine.connect() as connection:
            lines = [line for (line,) in connection.exec_driver_sql("PRAGMA quick_check") if line != "ok"]
    except UnreadableDatabase as error:  # too damaged for the check to finish ("disk image is malformed")
        lines = [str(error.params["detail"])]
    if lines:
        raise DamagedDatabase(db.describe(), lines[0])


def _migrate(db: Database, *, check_first: bool = False) -> None:
    if not needs_upgrade(db):
        return
    if check_first and db.is_sqlite:
        check_file(db)  # nothing writes to a damaged file
    if db.is_sqlite and stored_revision(db) is not None:
        from coopdesk.services.backup import backup_before

        backup_before(db, "migration")  # verified and kept forever
    upgrade(db, backup=False)
