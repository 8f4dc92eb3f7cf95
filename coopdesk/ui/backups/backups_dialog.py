"""The backups of the open database: pick one, see what it holds, then restore it or copy it to a folder.

Restore: the current database is backed up first (kept forever), the copy replaces it, and the window
reloads on the restored database. Copy: to a USB stick, say; the copy is read back and its SHA-256 compared
with the manifest before the dialog says it is done.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import N_, _, format_datetime, format_number
from coopdesk.persistence.database import Database
from coopdesk.services.backup import (
    COUNTED_TABLES,
    BackupInfo,
    BackupManifest,
    copy_backup,
    inspect_backup,
    list_backups,
    row_counts,
)
from coopdesk.ui.backups.status import reason_label
from coopdesk.ui.ops import run_op

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Taken"), N_("Kind"), N_("Size"), N_("Checked"))
TABLE_LABELS = {
    "members": N_("Members"), "meetings": N_("Meetings"), "motions": N_("Motions"),
    "rotation_assignments": N_("Rotation assignments"), "ledger_entries": N_("Ledger entries"),
    "audit_events": N_("Audit events"),
}


class Mode(Enum):
    RESTORE = "restore"
    COPY = "copy"


def size_text(size: int) -> str:
    return _("%(size)s MB") % {"size": format_number(round(size / 1_000_000, 1))} if size >= 100_000 else \
        _("%(size)s KB") % {"size": format_number(max(1, round(size / 1000)))}


def local_time(manifest: BackupManifest) -> datetime:
    return manifest.created.astimezone().replace(tzinfo=None)


class BackupsModel(QAbstractTableModel):
    """The backups folder's files, newest first (dozens of rows: the list is held whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self.backups[index.row()]
        return (format_datetime(info.taken_at, fmt="medium"), reason_label(info.reason), size_text(info.size),
                _("yes") if info.verified else _("no"))[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.backups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.backups) - 1, len(COLUMNS) - 1))


class BackupsDialog(QDialog):
    restored = Signal(object)  # the database opened again after a restore
    backup_requested = Signal()

    def __init__(self, db: Database, mode: Mode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert db.path is not None
        self.db, self.mode, self.db_path = db, mode, db.path
        self.chosen: Path | None = None
        self.manifest: BackupManifest | None = None
        self.current_counts: dict[str, int] | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.empty = QLabel()
        self.empty.setWordWrap(True)

        self.details = QGroupBox()
        form = QFormLayout()
        self.labels = {key: QLabel() for key in ("taken", "kind", "version", "schema", "file")}
        self.values = {key: QLabel() for key in self.labels}
        for key in self.labels:
            self.values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key].setWordWrap(key == "file")
            form.addRow(self.labels[key], self.values[key])
        self.counts = QGridLayout()
        self.count_header = (QLabel(), QLabel(), QLabel())
        for column, label in enumerate(self.count_header):
            label.setStyleSheet("font-weight: 600;")
            self.counts.addWidget(label, 0, column)
        self.count_cells = {t: (QLabel(), QLabel(), QLabel()) for t in COUNTED_TABLES}
        for row, table in enumerate(COUNTED_TABLES, start=1):
            for column, label in enumerate(self.count_cells[table]):
                if column:
                    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.addWidget(label, row, column)
        self.counts.setColumnStretch(0, 1)
        self.counts.setHorizontalSpacing(18)
        box = QVBoxLayout(self.details)
        box.addLayout(form)
        box.addSpacing(6)
        box.addLayout(self.counts)
        box.addStretch(1)
        self.details.setMinimumWidth(340)

        self.other = QPushButton()
        self.other.clicked.connect(self.choose_other_file)
        self.other.setVisible(mode is Mode.RESTORE)
        self.back_up = QPushButton()
        self.back_up.clicked.connect(self.backup_requested)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.act = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.act.clicked.connect(self.restore if mode is Mode.RESTORE else self.copy)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.back_up, QDialogButtonBox.ButtonRole.ResetRole)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 460)
        self.retranslate_ui()
        self.reload()
        if mode is Mode.RESTORE:
            run_op(self, lambda: row_counts(db), on_success=self._current_counts)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore a backup") if self.mode is Mode.RESTORE else _("Copy a backup to a folder"))
        self.intro.setText(
            _("Choose the backup to restore. The database as it is now is backed up first, so a restore can be "
              "undone too.") if self.mode is Mode.RESTORE else
            _("Choose the backup to copy, then the folder — on a USB drive, for instance. The copy is read back and "
              "compared with the backup before coopdesk says it is done."))
        self.empty.setText(_("There are no backups of this database yet. Make one with Back up now."))
        self.details.setTitle(_("What the backup holds"))
        for key, text in (("taken", _("Taken:")), ("kind", _("Kind:")), ("version", _("coopdesk version:")),
                          ("schema", _("Schema:")), ("file", _("File:"))):
            self.labels[key].setText(text)
        self.count_header[1].setText(_("In the backup"))
        self.count_header[2].setText(_("Now") if self.mode is Mode.RESTORE else "")
        for table, cells in self.count_cells.items():
            cells[0].setText(_(TABLE_LABELS[table]))
        self.other.setText(_("Other file…"))
        self.back_up.setText(_("Back up now"))
        self.act.setText(_("Restore…") if self.mode is Mode.RESTORE else _("Copy to folder…"))
        self.model.retranslate()
        self._show_manifest()

    # -- the list and the preview

    def reload(self) -> None:
        self.model.set_backups(list_backups(self.db_path))
        self.table.setVisible(bool(self.model.backups))
        self.empty.setVisible(not self.model.backups)
        if self.model.backups:
            self.table.selectRow(0)
        else:
            self._preview(None, None)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.model.backups[rows[0].row()]
        if info.manifest is not None:
            self._preview(info.path, info.manifest)
        else:
            self._inspect(info.path)

    def _inspect(self, path: Path) -> None:
        """A file without a manifest is checked first (integrity, audit chain): that can take a moment."""
        self._preview(None, None)
        run_op(self, lambda: inspect_backup(path), on_success=lambda manifest: self._preview(path, manifest),
               progress=_("Checking the backup…"))

    def _preview(self, path: Path | None, manifest: BackupManifest | None) -> None:
        self.chosen, self.manifest = path, manifest
        self._show_manifest()

    def _current_counts(self, counts: dict[str, int]) -> None:
        self.current_counts = counts
        self._show_manifest()

    def _show_manifest(self) -> None:
        manifest, path = self.manifest, self.chosen
        self.act.setEnabled(manifest is not None)
        info = next((b for b in self.model.backups if b.path == path), None)
        self.values["taken"].setText(format_datetime(local_time(manifest), fmt="medium") if manifest else "—")
        self.values["kind"].setText(reason_label(info.reason) if info else (_("Another file") if path else "—"))
        self.values["version"].setText(manifest.app_version if manifest else "—")
        self.values["schema"].setText((manifest.schema_revision or "—") if manifest else "—")
        self.values["file"].setText(path.name if path else "—")
        self.values["file"].setToolTip(str(path) if path else "")
        for table, (_label, then, now) in self.count_cells.items():
            count = manifest.row_counts.get(table) if manifest else None
            then.setText(format_number(count) if count is not None else "—")
            current = self.current_counts.get(table) if self.current_counts and self.mode is Mode.RESTORE else None
            now.setText(format_number(current) if current is not None else "")

    # -- actions

    def choose_other_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Restore from a file"), str(self.db_path.parent),
                                                    _("coopdesk databases (*.sqlite3 *.db);;All files (*)"))
        if path:
            self.table.clearSelection()
            self._inspect(Path(path))

    def restore(self) -> None:
        if self.chosen is None or self.manifest is None:
            return
        source, when = self.chosen, format_datetime(local_time(self.manifest), fmt="medium")
        answer = QMessageBox.question(
            self, _("Restore a backup"),
            _("Replace the database with the backup of %(date)s?\n\nEverything changed since then is replaced. "
              "The database as it is now is backed up first.") % {"date": when})
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.db

        def restore_and_reopen():  # type: ignore[no-untyped-def]
            from coopdesk.bootstrap import open_database
            from coopdesk.services.backup import restore_database

            restore_database(db, source=source)
            return open_database(db.path)  # checked, and migrated when the backup is of an older schema

        run_op(self.parentWidget() or self, restore_and_reopen, on_success=self._restored,
               progress=_("Restoring the backup…"))

    def _restored(self, db: Database) -> None:
        self.restored.emit(db)
        self.accept()

    def copy(self) -> None:
        if self.chosen is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Copy the backup to…"), str(Path.home()))
        if not folder:
            return
        source = self.chosen
        run_op(self, lambda: copy_backup(source, folder=Path(folder)), on_success=self._copied,
               progress=_("Copying and checking the backup…"))

    def _copied(self, copied) -> None:  # type: ignore[no-untyped-def]
        box = QMessageBox(QMessageBox.Icon.Information, _("Copy a backup to a folder"),
                          _("The backup was copied to %(path)s and read back: it matches (SHA-256 %(sha)s…).")
                          % {"path": str(copied.path), "sha": copied.sha256[:16]}, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
