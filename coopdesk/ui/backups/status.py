"""The status bar's word on backups: how old the last verified one is, in warning colours after a week."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from coopdesk.i18n import N_, _, format_datetime, ngettext
from coopdesk.ui.colors import fill_style

if TYPE_CHECKING:
    from coopdesk.services.backup import BackupInfo


REASONS = {
    None: N_("Regular backup"),
    "import": N_("Before an import"),
    "restore": N_("Before a restore"),
    "migration": N_("Before an update of the database"),
}


def reason_label(reason: str | None) -> str:
    return _(REASONS.get(reason, N_("Before another change")))


def age_text(age: timedelta) -> str:
    """ "just now", "12 minutes ago", "3 hours ago", "9 days ago" — the largest unit that fits."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return _("just now")
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}


class BackupStatus(QLabel):
    """"Last backup: 3 hours ago"; shown only for a SQLite database (a server is backed up by its admin)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path: Path | None = None
        self.latest: BackupInfo | None = None
        self.overdue = False
        self.hide()

    def set_path(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self.refresh()

    def refresh(self, now: datetime | None = None) -> None:
        """Look at the backups folder again (a directory listing: cheap enough for a once-a-minute timer)."""
        from coopdesk.services.backup import latest_verified_backup  # loaded after the first paint

        self.latest = latest_verified_backup(self.db_path) if self.db_path is not None else None
        self.setVisible(self.db_path is not None)
        self.retranslate_ui(now)

    def retranslate_ui(self, now: datetime | None = None) -> None:
        if self.db_path is None:
            return
        from coopdesk.services.backup_schedule import OVERDUE

        if self.latest is None:
            self.overdue = True
            self.setText(_("No backup yet"))
            self.setToolTip(_("Back up with File → Back up now. coopdesk also backs up by itself when you close "
                              "it and every 30 minutes while you work."))
        else:
            age = max(timedelta(0), (now or datetime.now()) - self.latest.taken_at)
            self.overdue = age > OVERDUE
            self.setText(_("Last backup: %(age)s") % {"age": age_text(age)})
            self.setToolTip(_("Last verified backup: %(when)s\n%(path)s") % {
                "when": format_datetime(self.latest.taken_at, fmt="medium"), "path": str(self.latest.path)})
        self.setStyleSheet(fill_style("amber", "QLabel", "border-radius: 3px; padding: 1px 6px;") if self.overdue
                           else "")
