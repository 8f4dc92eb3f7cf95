"""Input fields the ledger's forms share: a member picked by code or name, a passed motion cited by its id, and
figures (amounts, hours, percentages) checked as they are typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError, InvalidInput, NotFound
from coopdesk.domain.members import Member, fold, name_matches
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.colors import status_style
from coopdesk.ui.name_search import MATCH_ROLE, NameCompleter
from coopdesk.ui.widgets import sentence

SEPARATOR = " — "
LOOKUP_DELAY_MS = 250


def member_label(member: Member) -> str:
    return f"{member.code}{SEPARATOR}{member.full_name}"


class MemberPicker(QLineEdit):
    """A member by code or name: completes on either; `code()` is the member chosen, or None."""

    member_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members: dict[str, Member] = {}
        self.items = QStandardItemModel(self)
        self.completer_ = NameCompleter(self.items, self)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.completer_.activated[str].connect(self._activated)
        self.editingFinished.connect(self._finished)

    def set_members(self, members: Sequence[Member]) -> None:
        self.members = {member.code: member for member in members}
        self.items.clear()
        for member in members:
            item = QStandardItem(member_label(member))
            item.setData(member_label(member), MATCH_ROLE)  # shown as typed: "M001 — Maryuri Ana López Torres"
            item.setData(member.code, Qt.ItemDataRole.UserRole)
            self.items.appendRow(item)

    def code(self) -> str | None:
        """The member the text names: "CODE — name", a code or a full name, or a part of one member's name."""
        text = self.text().strip()
        if not text:
            return None
        head = text.split(SEPARATOR, 1)[0].strip()
        if head in self.members:
            return head
        folded = fold(text)
        exact = [code for code, member in self.members.items()
                 if fold(code) == folded or fold(member.full_name) == folded]
        if exact:
            return exact[0] if len(exact) == 1 else None
        partial = [code for code, member in self.members.items() if name_matches(text, member_label(member))]
        return partial[0] if len(partial) == 1 else None  # "nunez" names Ángel Núñez when nobody else matches

    def set_code(self, code: str | None) -> None:
        member = self.members.get(code or "")
        self.setText(member_label(member) if member else (code or ""))

    def _activated(self, _text: str) -> None:
        code = self.code()
        if code:
            self.member_chosen.emit(code)

    def _finished(self) -> None:
        code = self.code()
        if code:
            self.set_code(code)  # show the full "code — name" once a member is recognised
            self.member_chosen.emit(code)


class MotionField(QWidget):
    """A motion cited by its id, with what it said and whether it passed shown underneath as it is typed."""

    changed = Signal()

    def __init__(self, db: Database | None, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.optional = optional
        self.edit = QLineEdit()
        self.edit.setValidator(QIntValidator(1, 2_000_000_000, self.edit))
        self.edit.setMaximumWidth(120)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(300)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passed = False
        self.problem: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOOKUP_DELAY_MS)  # one lookup when typing stops
        self.timer.timeout.connect(self.lookup)
        self.edit.textEdited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        self.setFocusProxy(self.edit)
        # named here: the form's label is the dialog's child, where Qt does not look for the edit's label
        self.edit.setAccessibleName(_("Motion"))
        self.lookup()

    def motion_id(self) -> int | None:
        text = self.edit.text().strip()
        return int(text) if text.isdigit() else None

    def set_motion_id(self, motion_id: int | None) -> None:
        self.edit.setText(str(motion_id) if motion_id else "")
        self.lookup()

    def is_acceptable(self) -> bool:
        """A passed motion, or — where the motion is optional — none at all."""
        return self.passed or (self.optional and self.motion_id() is None)

    def _edited(self) -> None:
        self.passed = False
        self.timer.start()
        self.changed.emit()

    def lookup(self) -> None:
        """Read the motion and say what it was and whether it passed (only a passed motion counts)."""
        self.timer.stop()
        motion_id = self.motion_id()
        self.passed, self.problem = False, None
        if motion_id is None:
            if not self.optional:
                self.problem = _("Cite the passed motion by its number (see the meeting's motions).")
            self._show(self.problem or "", error=False)
        elif self.db is not None:
            self._describe(motion_id)
        self.changed.emit()

    def _describe(self, motion_id: int) -> None:
        from coopdesk.domain.meetings import MotionResult
        from coopdesk.services.meetings import motion_detail

        try:
            motion = motion_detail(self.db, motion_id=motion_id)
        except NotFound:
            self.problem = _("There is no motion %(id)s.") % {"id": motion_id}
            self._show(self.problem, error=True)
            return
        except CoopdeskError as error:
            self.problem = "\n".join(error.lines())
            self._show(self.problem, error=True)
            return
        text = motion.text if len(motion.text) <= 160 else motion.text[:157] + "…"
        if motion.result is MotionResult.PASSED:
            self.passed = True
            self._show(_("“%(text)s” — passed") % {"text": text}, error=False, ok=True)
        elif motion.result is None:
            self.problem = _("Motion %(id)s has not been voted on yet; only a passed motion counts.") % {
                "id": motion_id}
            self._show(f"“{text}”\n{self.problem}", error=True)
        else:
            self.problem = _("Motion %(id)s did not pass (%(result)s); only a passed motion counts.") % {
                "id": motion_id, "result": _(motion.result.label)}
            self._show(f"“{text}”\n{self.problem}", error=True)

    def _show(self, text: str, *, error: bool, ok: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(status_style("bad") if error else status_style("good") if ok else "")
        self.status.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.edit.setAccessibleName(_("Motion"))
        self.lookup()


class FigureEdit(QLineEdit):
    """A figure with two decimals at most (an amount, hours, a percentage), parsed as the user types;
    `value()` is in hundredths, or None while the text is not a valid figure."""

    def __init__(self, parse: Callable[[str], int], *, positive: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parse = parse
        self.positive = positive
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(180)

    def problem(self) -> str | None:
        text = self.text().strip()
        if not text:
            return sentence(_("a value is required"))
        try:
            value = self.parse(text)
        except InvalidInput as error:
            return sentence(error.translated())
        if self.positive and value <= 0:
            return _("It must be more than zero.")
        if value < 0:
            return _("It cannot be negative.")
        return None

    def value(self) -> int | None:
        if self.problem() is not None:
            return None
        return self.parse(self.text().strip())
