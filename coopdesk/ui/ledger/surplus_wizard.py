"""Share out a year's surplus in two steps: the year, the amount, the basis (equal or by hours) and the motion;
then each worker's share, shown before anything is posted — they add up to the amount exactly — and Post."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.ledger import BASIS_LABELS, SurplusBasis
from coopdesk.i18n import N_, _, ngettext, parse_money
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import SurplusPreview, SurplusResult, preview_surplus, share_out_surplus
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import (
    Col,
    RowsModel,
    error_label,
    error_text,
    fit_columns,
    hours,
    make_table,
    money,
    show_message,
    title_font,
)
from coopdesk.ui.ledger.fields import FigureEdit, MotionField
from coopdesk.ui.ops import run_op

BASES = (SurplusBasis.EQUAL, SurplusBasis.HOURS)


class SurplusWizard(QDialog):
    def __init__(self, db: Database, years: Sequence[int], parent: QWidget | None = None,
                 on_posted: Callable[[SurplusResult], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_posted = on_posted
        self.preview: SurplusPreview | None = None
        self.result_: SurplusResult | None = None
        self.steps = QStackedWidget()
        self.title = QLabel()
        title_font(self.title)

        # step 1: what to share
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.year = QComboBox()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setMaximumWidth(120)
        self.amount = FigureEdit(parse_money)
        self.basis_group = QButtonGroup(self)
        self.basis_buttons = [QRadioButton() for _ in BASES]
        basis_box = QWidget()
        basis_row = QVBoxLayout(basis_box)
        basis_row.setContentsMargins(0, 0, 0, 0)
        for index, button in enumerate(self.basis_buttons):
            self.basis_group.addButton(button, index)
            basis_row.addWidget(button)
        self.basis_buttons[0].setChecked(True)
        self.motion = MotionField(db, optional=True)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field, buddy in zip(self.labels, (self.year, self.amount, basis_box, self.motion),
                                       (self.year, self.amount, self.basis_buttons[0], self.motion.edit), strict=True):
            label.setBuddy(buddy)
            form.addRow(label, field)
        self.problem = error_label()
        first = QWidget()
        column = QVBoxLayout(first)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.intro)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addStretch(1)
        self.steps.addWidget(first)

        # step 2: the shares
        self.shares = RowsModel([
            Col(N_("Code"), lambda s: s.member_code),
            Col(N_("Name"), lambda s: s.member_name),
            Col(N_("Hours in the year"), lambda s: hours(s.hours_hundredths, grouping=True), right=True),
            Col(N_("Share"), lambda s: money(s.share_cents), right=True),
        ], self)
        self.table = make_table(self.shares)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.check = QLabel()
        self.check.setWordWrap(True)
        second = QWidget()
        column = QVBoxLayout(second)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(self.check)
        self.steps.addWidget(second)

        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.cancel_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_on)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self.resize(700, 500)
        self.amount.textEdited.connect(self.validate)
        self.motion.changed.connect(self.validate)
        self.retranslate_ui()

    def basis(self) -> SurplusBasis:
        return BASES[max(0, self.basis_group.checkedId())]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Share out a surplus"))
        on_shares = self.steps.currentIndex() == 1
        self.title.setText(_("Each worker's share") if on_shares else _("Share out a year's surplus"))
        self.table.setAccessibleName(_("Each worker's share"))
        self.intro.setText(_("The surplus goes to the workers who had hours in that year (a pay period counts in "
                             "the year it ends), equally or in proportion to their hours. Shares are cut to the cent "
                             "and the cents left over go one each to the largest remainders, so that they add up to "
                             "the amount exactly. Nothing is posted before you have seen every share."))
        for label, text in zip(self.labels, (_("&Year:"), _("&Amount to share:"), _("&Basis:"),
                                             _("Passed &motion no. (optional):")), strict=True):
            label.setText(text)
        for button, basis in zip(self.basis_buttons, BASES, strict=True):
            button.setText(_(BASIS_LABELS[basis]))
        self.amount.setPlaceholderText("0,00")
        self.back_button.setText(_("< &Back"))
        self.next_button.setText(_("&Post the shares") if on_shares else _("&Preview the shares >"))
        self.cancel_button.setText(_("Cancel"))
        self.back_button.setVisible(on_shares)
        self.shares.retranslate()
        self.motion.retranslate_ui()
        self._show_summary()
        self.validate()

    def validate(self) -> bool:
        if self.steps.currentIndex() == 1:
            self.next_button.setEnabled(self.preview is not None)
            return self.preview is not None
        problem = self.amount.problem()
        if self.amount.text().strip():
            show_message(self.problem, problem or "")
        ok = problem is None and self.year.currentData() is not None and self.motion.is_acceptable()
        self.next_button.setEnabled(ok)
        return ok

    # -- the steps

    def go_on(self) -> None:
        if self.steps.currentIndex() == 0:
            self.show_shares()
        else:
            self.post()

    def go_back(self) -> None:
        self.steps.setCurrentIndex(0)
        self.retranslate_ui()

    def show_shares(self) -> bool:
        """Compute every share (nothing is written) and show them."""
        if not self.validate():
            return False
        db, year, cents, basis = self.db, self.year.currentData(), self.amount.value() or 0, self.basis()
        try:
            self.preview = preview_surplus(db, year=year, amount_cents=cents, basis=basis)
        except CoopdeskError as error:
            self.problem.setStyleSheet(status_style("bad"))
            show_message(self.problem, error_text(error))
            return False
        self.shares.set_rows(self.preview.shares)
        fit_columns(self.table)
        self.steps.setCurrentIndex(1)
        self.retranslate_ui()
        return True

    def _show_summary(self) -> None:
        preview = self.preview
        if preview is None:
            self.summary.setText("")
            self.check.setText("")
            return
        count = len(preview.shares)
        self.summary.setText(ngettext(
            "The surplus of %(year)s, %(amount)s, shared %(basis)s among %(count)d worker:",
            "The surplus of %(year)s, %(amount)s, shared %(basis)s among %(count)d workers:", count) % {
            "amount": money(preview.amount_cents), "year": preview.year, "count": count,
            "basis": _(BASIS_LABELS[preview.basis]).lower()})
        exact = preview.total_cents == preview.amount_cents
        self.check.setStyleSheet(status_style("good") if exact else status_style("bad"))
        self.check.setText(_("The shares add up to %(total)s, the amount to share, to the cent.") % {
            "total": money(preview.total_cents)} if exact else
            _("The shares add up to %(total)s, not %(amount)s.") % {
            "total": money(preview.total_cents), "amount": money(preview.amount_cents)})

    def post(self) -> None:
        preview = self.preview
        if preview is None:
            return
        db, motion_id = self.db, self.motion.motion_id()
        self.next_button.setEnabled(False)
        run_op(self, lambda: share_out_surplus(db, year=preview.year, amount_cents=preview.amount_cents,
                                               basis=preview.basis, motion_id=motion_id),
               on_success=self._posted, on_failure=self._failed, progress=_("Posting the shares…"))

    def _posted(self, result: SurplusResult) -> None:
        self.result_ = result
        self.accept()
        if self.on_posted is not None:
            self.on_posted(result)

    def _failed(self, _error: BaseException) -> bool:
        self.next_button.setEnabled(True)
        return False
