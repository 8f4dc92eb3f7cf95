"""The result of Tools → Verify database: sound, or the first problem named and every other one listed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _, ngettext
from coopdesk.services.verify import VerifyReport
from coopdesk.ui.widgets import relative_font, set_read_only


class VerifyDialog(QDialog):
    restore_requested = Signal()

    def __init__(self, report: VerifyReport, parent: QWidget | None = None, *, can_restore: bool = False) -> None:
        super().__init__(parent)
        self.report = report
        self.icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_DialogApplyButton if report.sound else \
            QStyle.StandardPixmap.SP_MessageBoxCritical
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel()
        relative_font(self.headline, 1.3, 600)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.first = QLabel()
        self.first.setWordWrap(True)
        self.first.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.first.setStyleSheet("font-weight: 600;")
        self.all_label = QLabel()
        self.all = QPlainTextEdit()
        set_read_only(self.all)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        for widget in (self.first, self.advice):
            widget.setVisible(not report.sound)
        for widget in (self.all_label, self.all):
            widget.setVisible(len(report.problems) > 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self._restore)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setVisible(not report.sound and can_restore)  # after adding: that shows it

        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.summary)
        text.addWidget(self.first)
        text.addSpacing(4)
        text.addWidget(self.all_label)
        text.addWidget(self.all, 1)
        text.addSpacing(4)
        text.addWidget(self.advice)
        text.addStretch(0 if len(report.problems) > 1 else 1)
        row = QHBoxLayout()
        row.addWidget(self.icon)
        row.addSpacing(8)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        if len(report.problems) > 1:
            self.resize(720, 440)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        report = self.report
        self.setWindowTitle(_("Verify database"))
        events = ngettext("%(count)d audit event", "%(count)d audit events", report.events_checked) % {
            "count": report.events_checked}
        if report.sound:
            self.headline.setText(_("The database is sound."))
            self.summary.setText(_("The file passed SQLite's integrity and foreign-key checks; the audit chain "
                                   "(%(events)s), the approved minutes, closed votes, published rosters and "
                                   "posted ledger entries all match their verification codes, and the ledger "
                                   "balances.") % {"events": events}
                                 + "".join("\n\n" + note.translated() for note in report.notes))
            return
        count = len(report.problems)
        self.headline.setText(_("The database has problems."))
        self.summary.setText(ngettext("%(count)d problem found (%(events)s checked):",
                                      "%(count)d problems found (%(events)s checked). The first one:", count)
                             % {"count": count, "events": events})
        self.first.setText(report.problems[0].translated())
        self.all_label.setText(_("All of them:"))
        self.all.setPlainText("\n".join(problem.translated() for problem in report.problems))
        self.advice.setText(_("Nothing was changed. A record that no longer matches its code was changed outside "
                              "coopdesk, or the file was damaged: restore a backup made before it (File → "
                              "Restore…), and keep this database's file for whoever looks into it."))
        self.restore_button.setText(_("Restore a backup…"))

    def _restore(self) -> None:
        self.accept()
        self.restore_requested.emit()
