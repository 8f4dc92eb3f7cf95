"""What the rotation's tabs share: the database and signals — something was written (tabs read again when
next shown), or one tab asks the page to show another (a plan's roster, a plan's fairness)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from coopdesk.persistence.database import Database


class RotationContext(QObject):
    changed = Signal()  # posts, leave, plans or swaps were written
    roster_requested = Signal(object, int)  # first Monday, weeks
    plan_requested = Signal(int)  # plan id: show its fairness report

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None

    def set_database(self, db: Database | None) -> None:
        self.db = db

    def notify(self) -> None:
        self.changed.emit()

    def show_roster(self, start: date, weeks: int) -> None:
        self.roster_requested.emit(start, weeks)

    def show_plan(self, plan_id: int) -> None:
        self.plan_requested.emit(plan_id)
