"""The hours tab of a pay period: the grid, its live totals, Save / Revert, and importing a CSV of hours."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import HoursGrid, HoursImport, import_hours, set_hours
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import Editable, error_label, fit_columns, hours, show_message
from coopdesk.ui.ledger.hours import HOURS, HoursModel, HoursView
from coopdesk.ui.ops import run_op


class HoursPanel(Editable, QWidget):
    saved = Signal()  # the period's hours changed in the database
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.model = HoursModel(self)
        self.view = HoursView()
        self.view.setModel(self.model)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(status_style("muted"))
        self.import_button = QPushButton()
        self.revert_button = QPushButton()
        self.save_button = QPushButton()
        self.totals = QLabel()
        self.message = error_label()
        self.was_dirty = False

        self.import_button.clicked.connect(self.choose_file)
        self.revert_button.clicked.connect(self.model.revert)
        self.save_button.clicked.connect(self.save)
        self.model.edited.connect(self._update)
        self.model.rejected.connect(self._rejected)
        self.view.paste_requested.connect(self.paste_clipboard)
        self.view.clear_requested.connect(self.clear_selection)

        bar = QHBoxLayout()
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.import_button.setText(_("Import hours from CSV…"))
        self.revert_button.setText(_("Revert"))
        self.save_button.setText(_("Save hours"))
        self.model.retranslate()
        self._update()

    # -- data

    def set_grid(self, db: Database | None, grid: HoursGrid | None) -> None:
        same = grid is not None and grid.period.id == self.period_id and db is self.db
        if not same:
            self.message.hide()  # a message about another period; a reload of this one keeps it
        # Reading the period again (an advance was added…) must not lose the hours typed and not yet saved.
        self.db = db
        self.model.set_grid(grid, keep=self.model.changes() if same and grid.period.is_open else None)
        fit_columns(self.view)
        self.view.setColumnWidth(HOURS, max(self.view.columnWidth(HOURS), 90))

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.import_button, self.revert_button, self.save_button

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.model.writable = editable  # the grid's cells take no figures in a read-only window
        self._update()

    @property
    def period_id(self) -> int | None:
        return self.model.grid.period.id if self.model.grid else None

    def is_dirty(self) -> bool:
        return bool(self.model.changes())

    def _update(self) -> None:
        grid = self.model.grid
        editable = self.model.editable
        dirty = self.is_dirty()
        self.import_button.setEnabled(editable and self.db is not None)
        self.save_button.setEnabled(editable and dirty)
        self.revert_button.setEnabled(editable and dirty)
        if grid is None:
            self.hint.setText("")
            self.totals.setText("")
        else:
            self.hint.setText(self._hint(grid, editable))
            text = _("%(hours)s hours in all · %(workers)s with hours, of %(rows)s") % {
                "hours": hours(self.model.total(), grouping=True),
                "workers": ngettext("%(count)d worker", "%(count)d workers", self.model.workers_with_hours())
                % {"count": self.model.workers_with_hours()},
                "rows": len(self.model.rows)}
            changes = len(self.model.changes())
            if changes:
                text += " · " + ngettext("%(count)d change not saved", "%(count)d changes not saved",
                                         changes) % {"count": changes}
            self.totals.setText(text)
        self.hint.setVisible(bool(self.hint.text()))
        if dirty != self.was_dirty:
            self.was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def _hint(self, grid: HoursGrid, editable: bool) -> str:
        if editable:
            return _("Type the hours of each worker (Enter goes down), or copy a column of hours — or two columns, "
                     "code and hours — in a spreadsheet and paste it here with Ctrl+V. Decimals with a comma or a "
                     "dot; at most %(max)s hours in these %(days)d days.") % {
                "max": hours(grid.max_hours_hundredths), "days": grid.period.days}
        if not grid.period.is_open:
            return _("This period is closed: its hours can no longer be changed.")
        return ""  # open, but this window only reads

    def _rejected(self, problem: str) -> None:
        self.message.setStyleSheet(status_style("bad"))
        show_message(self.message, _("Not taken: %(problem)s") % {"problem": problem})
        QApplication.beep()

    # -- keyboard and clipboard

    def paste_clipboard(self) -> list[str]:
        return self.paste_text(self.view.paste_from_clipboard())

    def paste_text(self, text: str) -> list[str]:
        if not self.model.editable:
            return []
        current = self.view.currentIndex()
        problems = self.model.paste(text, current.row() if current.isValid() else 0, self.view.selected_rows())
        self.message.setStyleSheet(status_style("bad"))
        show_message(self.message, "\n".join(
            [ngettext("%(count)d pasted figure was not taken:", "%(count)d pasted figures were not taken:",
                      len(problems)) % {"count": len(problems)}, *problems[:8]]) if problems else "")
        return problems

    def clear_selection(self) -> None:
        if self.model.editable:
            for row in self.view.selected_rows():
                self.model.set_hours_text(row, "")
            self.model.edited.emit()

    # -- saving

    def save(self) -> None:
        changes = self.model.changes()
        if self.db is None or self.period_id is None or not changes:
            return
        db, period_id = self.db, self.period_id
        self.save_button.setEnabled(False)
        run_op(self, lambda: set_hours(db, period_id=period_id, hours=changes),
               on_success=self._stored, on_failure=self._not_stored)

    def _not_stored(self, _error: BaseException) -> bool:
        self._update()
        return False  # the default dialog says why

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import hours"), str(Path.home()),
                                                    _("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> None:
        if self.db is None or self.period_id is None:
            return
        db, period_id = self.db, self.period_id
        run_op(self, lambda: import_hours(db, period_id=period_id, path=Path(path)), on_success=self._stored,
               progress=_("Importing…"))

    def _stored(self, result: HoursImport) -> None:
        self.message.setStyleSheet(status_style("good"))
        show_message(self.message, ngettext(
            "Hours of %(count)d member recorded in pay period %(id)s (%(hours)s hours).",
            "Hours of %(count)d members recorded in pay period %(id)s (%(hours)s hours).",
            result.members) % {"count": result.members, "id": result.period_id,
                               "hours": hours(result.total_hundredths, grouping=True)})
        self.saved.emit()
