"""The Rotation section: the roster grid with swaps, the plans and their fairness, the posts editor, the leave
calendar and "My rotation". The tabs (and the rotation services behind them) are built the first time the
section is shown (SectionPage)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.ui.common import SectionPage

if TYPE_CHECKING:
    from coopdesk.ui.rotation.context import RotationContext

TABS = (N_("Roster"), N_("Plans and fairness"), N_("Posts"), N_("Leave"), N_("My rotation"))


class RotationPage(SectionPage):
    TABS = TABS

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.context: RotationContext | None = None
        self.plan_button = QPushButton()
        self.plan_button.clicked.connect(self.plan_weeks)
        self.header.addWidget(self.plan_button)
        self.retranslate_ui()
        self._update_buttons()

    def build_tabs(self) -> list[QWidget]:
        from coopdesk.ui.rotation.context import RotationContext
        from coopdesk.ui.rotation.leave_tab import LeaveTab
        from coopdesk.ui.rotation.member_view import MemberRotationView
        from coopdesk.ui.rotation.plans_tab import PlansTab
        from coopdesk.ui.rotation.posts_tab import PostsTab
        from coopdesk.ui.rotation.roster_tab import RosterTab

        self.context = RotationContext(self)
        self.context.set_database(self.db)
        self.roster = RosterTab(self.context)
        self.plans = PlansTab(self.context)
        self.posts = PostsTab(self.context)
        self.leave = LeaveTab(self.context)
        self.member_view = MemberRotationView()
        self.context.changed.connect(self._changed)
        self.context.roster_requested.connect(self.show_roster)
        return [self.roster, self.plans, self.posts, self.leave, self.member_view]

    def retranslate_ui(self) -> None:
        self.title.setText(_("Job rotation"))
        self.plan_button.setText(_("Plan weeks…"))
        super().retranslate_ui()

    # -- data

    def _update_buttons(self) -> None:
        self.plan_button.setEnabled(self.db is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.plan_button,)

    def _changed(self) -> None:
        """Something was written: every tab reads again (now if on screen, else when next shown)."""
        for tab in (self.roster, self.plans, self.posts, self.leave):
            tab.invalidate()
        self.member_view.reload()  # the people in the rotation and their weeks may have changed

    # -- actions

    def plan_weeks(self) -> QWidget | None:
        from coopdesk.ui.rotation.plan_wizard import open_plan_wizard

        self.ensure_built()
        if self.db is None or self.context is None:
            return None
        return open_plan_wizard(self, self.db, on_changed=self.context.notify, on_roster=self.show_roster)

    def show_roster(self, start: date, weeks: int) -> None:
        self.ensure_built()
        assert self.tabs is not None
        self.roster.show_range(start, weeks)
        self.tabs.setCurrentWidget(self.roster)
