"""Tools → Verify document: type the verification code printed on an acta, a payroll or a statement, and
learn which record it is and whether the database still holds exactly what was printed; with the chain line
printed under the code, also whether the audit chain still holds the event the document saw."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.documents import (
    DocumentState,
    VerifiedDocument,
    chain_verdict,
    describe,
    find_by_verification_code,
    verdict_of,
)
from coopdesk.ui.colors import Tone, status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import relative_font

HEADLINES: dict[DocumentState, tuple[Tone, QStyle.StandardPixmap]] = {
    DocumentState.INTACT: ("good", QStyle.StandardPixmap.SP_DialogApplyButton),
    DocumentState.SUPERSEDED: ("warning", QStyle.StandardPixmap.SP_MessageBoxWarning),
    DocumentState.CHANGED: ("bad", QStyle.StandardPixmap.SP_MessageBoxCritical),
}


class VerifyDocumentDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.found: VerifiedDocument | None = None
        self.searched = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.code.setClearButtonEnabled(True)
        self.code.setMinimumWidth(420)
        self.code.returnPressed.connect(self.verify)
        self.code.textEdited.connect(self._edited)
        self.chain_label = QLabel()
        self.chain = QLineEdit()  # optional: documents printed before the chain line have none
        self.chain.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.chain.setClearButtonEnabled(True)
        self.chain.returnPressed.connect(self.verify)
        self.chain.textEdited.connect(self._edited)
        self.chain_label.setBuddy(self.chain)
        self.check = QPushButton()
        self.check.setDefault(True)
        self.check.clicked.connect(self.verify)
        self.error = QLabel()
        self.error.setStyleSheet(status_style("bad"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel()
        self.what = QLabel()
        self.explanation = QLabel()
        self.chain_result = QLabel()
        self.problems = QLabel()
        for label in (self.what, self.explanation, self.chain_result, self.problems):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setStyleSheet(status_style("bad"))
        self.result = QWidget()
        text = QVBoxLayout()
        for label in (self.headline, self.what, self.explanation, self.chain_result, self.problems):
            text.addWidget(label)
        result_row = QHBoxLayout(self.result)
        result_row.setContentsMargins(0, 8, 0, 0)
        result_row.addWidget(self.icon)
        result_row.addSpacing(8)
        result_row.addLayout(text, 1)
        self.result.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        entry = QHBoxLayout()
        entry.addWidget(self.code, 1)
        entry.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(entry)
        chain_row = QHBoxLayout()
        chain_row.addWidget(self.chain_label)
        chain_row.addWidget(self.chain, 1)
        layout.addLayout(chain_row)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Verify a document"))
        self.intro.setText(_("Type the verification code printed on the document — an acta, a payroll, a member's "
                             "statement. Spaces and dashes do not matter, nor capitals; for an acta the first 16 "
                             "characters are enough."))
        self.code.setPlaceholderText(_("e.g. 8C64-0BB5-7EA0-9380"))
        self.code.setAccessibleName(_("Verification code"))
        self.chain_label.setText(_("Chain line (if printed):"))
        self.chain.setPlaceholderText(_("e.g. 90470 · 3F2A-9C1D"))
        self.chain.setAccessibleName(_("Chain line printed under the code (optional)"))
        self.check.setText(_("Verify"))
        self._show()

    def _edited(self) -> None:
        self.error.hide()

    def verify(self) -> None:
        code, chain, db = self.code.text(), self.chain.text(), self.db
        if not code.strip():
            return
        self.check.setEnabled(False)
        run_op(self, lambda: find_by_verification_code(db, code=code, chain=chain), on_success=self._found,
               on_failure=self._failed, progress=_("Looking for the document…"))

    def _found(self, found: VerifiedDocument | None) -> None:
        self.check.setEnabled(True)
        self.found, self.searched = found, True
        self.error.hide()
        self._show()

    def _failed(self, error: BaseException) -> bool:
        self.check.setEnabled(True)
        if not isinstance(error, CoopdeskError):
            return False
        self.error.setText(error.translated())
        self.error.show()
        self.searched = False
        self._show()
        return True

    def _show(self) -> None:
        self.result.setVisible(self.searched)
        if self.searched:
            self._fill()
        self.adjustSize()  # grow (or shrink) to the wrapped text just shown

    def _fill(self) -> None:
        found = self.found
        if found is None:
            tone, pixmap = "bad", QStyle.StandardPixmap.SP_MessageBoxQuestion
            headline = _("No document with this code")
            self.what.setText(_("No record of this database has this code. Check the code as printed, and that "
                                "this is the council's database."))
            self.explanation.setText("")
            self.chain_result.setText("")
            self.problems.setText("")
        else:
            tone, pixmap = HEADLINES[found.state]
            headline, explanation = verdict_of(found)
            self.what.setText(describe(found))
            self.explanation.setText(explanation)
            self.chain_result.setText(chain_verdict(found) or "")
            self.problems.setText("\n".join(problem.translated() for problem in found.problems))
        self.problems.setVisible(bool(self.problems.text()))
        self.explanation.setVisible(bool(self.explanation.text()))
        self.chain_result.setVisible(bool(self.chain_result.text()))
        self.headline.setText(headline)
        relative_font(self.headline, 1.3, 600)
        self.headline.setStyleSheet(status_style(tone))
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
