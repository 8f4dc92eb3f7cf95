"""The choice of what the unit is — an SPU or a cooperative — each option with a sentence saying what it means;
shown in the first-run dialog and in the council's settings."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import _

ORDER = (UnitKind.SPU, UnitKind.COOPERATIVE)


class UnitKindChoice(QGroupBox):
    def __init__(self, kind: UnitKind = UnitKind.SPU, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[UnitKind, QRadioButton] = {}
        self.explanations: dict[UnitKind, QLabel] = {}
        layout = QVBoxLayout(self)
        for kind_ in ORDER:
            button = QRadioButton()
            explanation = QLabel()
            explanation.setWordWrap(True)
            explanation.setIndent(24)  # under the button's text
            explanation.setBuddy(button)
            self.group.addButton(button)
            self.buttons[kind_], self.explanations[kind_] = button, explanation
            layout.addWidget(button)
            layout.addWidget(explanation)
        self.set_kind(kind)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("What kind of unit is it?"))
        for kind, button in self.buttons.items():
            button.setText(_(kind.label))
            self.explanations[kind].setText(_(kind.explanation))
            button.setAccessibleDescription(_(kind.explanation))

    def kind(self) -> UnitKind:
        return next(kind for kind, button in self.buttons.items() if button.isChecked())

    def set_kind(self, kind: UnitKind) -> None:
        self.buttons[UnitKind(kind)].setChecked(True)
