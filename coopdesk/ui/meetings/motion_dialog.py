"""Add or edit a motion: its text, how it is voted (open, roll call, secret), the majority and the base and, in
the joint body, whether the majority is concurrent — with the rule shown in words as it is chosen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QWidget

from coopdesk.domain.meeting_record import MotionDetail, Person
from coopdesk.domain.meetings import Base, Majority, VoteMethod, default_base, rule_in_words
from coopdesk.domain.organs import concurrent_rule_in_words
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import MemberPicker
from coopdesk.ui.meetings.fields import RecordDialog, enum_combo, label_enum_combo, set_combo_value

METHOD_HELP = {
    VoteMethod.OPEN: N_("Counted by show of hands: enter the yes, no and abstain counts."),
    VoteMethod.ROLL_CALL: N_("Each present voter is called by name: one click (or key) per member."),
    VoteMethod.SECRET: N_("Paper ballots, counted after the vote: only the counts are stored, never who voted "
                          "what."),
}


class MotionDialog(RecordDialog):
    def __init__(self, db: Database, item_id: int, motion: MotionDetail | None, parent: QWidget | None = None,
                 on_saved: Callable[[MotionDetail], None] | None = None, joint: bool = False,
                 people: Sequence[Person] = (), item_proposer: Person | None = None) -> None:
        super().__init__(parent, on_saved)
        self.db, self.item_id, self.motion, self.joint = db, item_id, motion, joint
        self.item_proposer = item_proposer
        self.text = QPlainTextEdit(motion.text if motion else "")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumSize(460, 90)
        self.method = enum_combo(VoteMethod)
        self.majority = enum_combo(Majority)
        self.base = QComboBox()
        self.base.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.base.addItem("", "")  # the majority's usual base (never None: see common.NOBODY)
        for base in Base:
            self.base.addItem("", base.value)
        if motion is not None:
            set_combo_value(self.method, motion.method)
            set_combo_value(self.majority, motion.majority)
            if motion.base is not default_base(motion.majority):
                set_combo_value(self.base, motion.base)
        self.method_help = QLabel()
        self.method_help.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("font-weight: 600;")
        self.concurrent = QCheckBox()  # the joint body only
        self.concurrent.setChecked(bool(motion and motion.concurrent))
        self.concurrent.toggled.connect(self._explain)
        self.proposer = MemberPicker()  # left empty, the acta names the item's proposer
        self.proposer.offer(people, motion.proposer if motion else None)
        for name in ("text", "proposer", "method", "majority", "base", "concurrent"):
            self.form.add(name, getattr(self, name))
        self.form.labels["concurrent"].setVisible(joint)
        self.concurrent.setVisible(joint)
        self.lay_out(self.method_help, self.rule)
        for combo in (self.method, self.majority, self.base):
            combo.currentIndexChanged.connect(self._explain)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit motion") if self.motion else _("New motion"))
        self.form.set_texts({"text": _("&Motion:"), "proposer": _("&Proposed by:"), "method": _("&Voting:"),
                             "majority": _("M&ajority:"), "base": _("&Base:"), "concurrent": ""})
        if self.item_proposer is not None:
            self.proposer.lineEdit().setPlaceholderText(_("Optional: the item's proposer, %(name)s") % {
                "name": self.item_proposer.full_name})
        else:
            self.proposer.lineEdit().setPlaceholderText(_("Optional: type a name or a code"))
        self.concurrent.setText(_("&Concurrent majority (overall and inside each body)"))
        self.concurrent.setToolTip(_("The motion passes only if it also passes among the workers, among the "
                                     "communal delegates and among the state representatives present, each "
                                     "counted on its own."))
        label_enum_combo(self.method, VoteMethod)
        label_enum_combo(self.majority, Majority)
        for i in range(1, self.base.count()):
            self.base.setItemText(i, _(Base(self.base.itemData(i)).label))
        self.text.setPlaceholderText(_("e.g. Approve the minutes of the previous assembly without changes"))
        self._explain()

    def chosen(self) -> tuple[VoteMethod, Majority, Base | None]:
        base = self.base.currentData()
        return VoteMethod(self.method.currentData()), Majority(self.majority.currentData()), \
            Base(base) if base else None

    def _explain(self) -> None:
        method, majority, base = self.chosen()
        self.base.setItemText(0, _("Usual for this majority: %(base)s") % {
            "base": _(default_base(majority).label)})
        self.method_help.setText(_(METHOD_HELP[method]))
        rule = concurrent_rule_in_words(majority, base) if self.concurrent.isChecked() else rule_in_words(majority,
                                                                                                          base)
        self.rule.setText(_("Rule: %(rule)s") % {"rule": rule})
        if self.motion is not None and self.motion.cast and method is not self.motion.method:
            self.form.show_problems({"method": _("Changing the method starts the count afresh.")})
        else:
            self.form.show_problems({})

    def save(self) -> None:
        text = self.text.toPlainText().strip()
        problems = {} if text else {"text": _("The motion's text is required.")}
        if (problem := self.proposer.problem()) is not None:
            problems["proposer"] = problem
        if problems:
            self.form.show_problems(problems)
            return
        proposer = self.proposer.member_id()
        from coopdesk.services.meetings import add_motion, update_motion

        db, (method, majority, base) = self.db, self.chosen()
        concurrent = self.joint and self.concurrent.isChecked()
        if self.motion is None:
            item_id = self.item_id

            def work() -> MotionDetail:
                return add_motion(db, item_id=item_id, text=text, method=method, majority=majority, base=base,
                                  concurrent=concurrent, proposer_id=proposer)
        else:
            motion_id = self.motion.id

            def work() -> MotionDetail:
                return update_motion(db, motion_id=motion_id, text=text, method=method, majority=majority,
                                     base=base, concurrent=concurrent, proposer_id=proposer)
        self.submit(work)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, item_id: int, motion: MotionDetail | None,
            on_saved: Callable[[MotionDetail], None] | None = None, joint: bool = False,
            people: Sequence[Person] = (), item_proposer: Person | None = None) -> MotionDialog:
        return cls.open_new(db, item_id, motion, parent, on_saved, joint, people, item_proposer)
