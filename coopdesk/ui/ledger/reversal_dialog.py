"""Reverse a posted entry: it is never changed or deleted; the exact opposite is posted, with the reason why
(required). A pay entry is reversed with the rest of its member's pay line, so that every line balances."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget

from coopdesk.domain.ledger import EntryKind
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import EntryRow, ReversalResult, reverse_entry
from coopdesk.ui.ledger.common import money, short_date, show_message
from coopdesk.ui.ledger.entries_model import kind_text
from coopdesk.ui.ledger.op_dialog import ReasonDialog


class ReversalDialog(ReasonDialog):
    REASON_MAX = 500

    def __init__(self, db: Database, entry: EntryRow, parent: QWidget | None = None,
                 on_reversed: Callable[[ReversalResult], None] | None = None) -> None:
        super().__init__(db, parent, on_reversed)
        self.entry = entry
        self.form = QFormLayout()
        self.facts = [(QLabel(), QLabel()) for _ in range(4)]
        for label, value in self.facts:
            value.setWordWrap(True)
            self.form.addRow(label, value)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.stack(self.title, self.form, self.explanation, self.reason_label, self.reason)
        self.setMinimumWidth(540)
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

    def save(self) -> None:
        if not self.validate():  # say why even before anything was typed
            show_message(self.problem, "\n".join(self.problems()))
            return
        super().save()

    def operation(self) -> Callable[[], ReversalResult]:
        db, entry_id, reason = self.db, self.entry.id, self.reason_text()
        return lambda: reverse_entry(db, entry_id=entry_id, reason=reason)
