"""Reverse a posted entry: it is never changed or deleted; the exact opposite is posted, with the reason why
(required). A pay entry is reversed with the rest of its member's pay line, so that every line balances."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.ledger import EntryKind
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import EntryRow, ReversalResult, reverse_entry
from coopdesk.ui.ledger.common import TITLE_STYLE, error_label, money, short_date, show_message
from coopdesk.ui.ledger.entries_model import kind_text
from coopdesk.ui.ops import run_op

REASON_MAX = 500


class ReversalDialog(QDialog):
    def __init__(self, db: Database, entry: EntryRow, parent: QWidget | None = None,
                 on_reversed: Callable[[ReversalResult], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.entry = entry
        self.on_reversed = on_reversed
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.title.setWordWrap(True)
        self.form = QFormLayout()
        self.facts = [(QLabel(), QLabel()) for _ in range(4)]
        for label, value in self.facts:
            value.setWordWrap(True)
            self.form.addRow(label, value)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.reason_label.setBuddy(self.reason)
        self.problem = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)
        self.reason.textChanged.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        entry = self.entry
        self.setWindowTitle(_("Reverse an entry"))
        self.title.setText(_("Reverse entry no. %(id)s") % {"id": entry.id})
        facts = [
            (_("Member:"), f"{entry.member_code} — {entry.member_name}"),
            (_("Kind:"), kind_text(entry)),
            (_("Amount:"), money(entry.amount_cents)),
            (_("Posted on:"), short_date(entry.posted_on)
             + (" · " + _("pay period %(id)s") % {"id": entry.period_id} if entry.period_id else "")),
        ]
        for (label, value), (text, fact) in zip(self.facts, facts, strict=True):
            label.setText(text)
            value.setText(fact)
        if entry.kind == EntryKind.SURPLUS.value:
            explanation = _("The exact opposite amount is posted beside it; the entry itself is never changed.")
        else:
            explanation = _("The whole pay line of %(code)s in that period is reversed — gross, contributions, "
                            "advances and net — each by its exact opposite, so that it still balances. The reversals "
                            "go into the period itself while it is open, else into the next open period. Post the "
                            "right figures afterwards.") % {"code": entry.member_code}
        self.explanation.setText(explanation)
        self.reason_label.setText(_("&Reason (required):"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Post the reversal"))
        self.validate()

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def problems(self) -> list[str]:
        reason = self.reason_text()
        if not reason:
            return [_("A reason is required.")]
        if len(reason) > REASON_MAX:
            return [_("The reason is longer than %(max)d characters.") % {"max": REASON_MAX}]
        return []

    def validate(self) -> bool:
        problems = self.problems()
        show_message(self.problem, "\n".join(problems) if self.reason.document().isModified() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.validate():
            show_message(self.problem, "\n".join(self.problems()))
            return
        db, entry_id, reason = self.db, self.entry.id, self.reason_text()
        self.buttons.setEnabled(False)
        run_op(self, lambda: reverse_entry(db, entry_id=entry_id, reason=reason), on_success=self._reversed,
               on_failure=self._failed)

    def _reversed(self, result: ReversalResult) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_reversed is not None:
            self.on_reversed(result)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
