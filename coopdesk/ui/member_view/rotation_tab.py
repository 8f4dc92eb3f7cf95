""""My rotation": the rotation page's member view locked to the signed-in member, or — while that widget is
not there — a plain list of their next weeks from the same service."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.views import member_schedule

WEEKS = 8


def rotation_widget(db: Database, member_code: str, parent: QWidget | None = None) -> QWidget:
    try:
        from coopdesk.ui.rotation.member_view import MemberRotationView
    except ImportError:
        return ScheduleList(db, member_code, parent)
    view = MemberRotationView(db, parent)
    view.show_member(member_code)
    # The member is fixed: the box for picking someone else is neither shown nor editable.
    # The window's header and tab already say whose rotation this is.
    for name in ("search", "show_button", "title", "name"):
        control = getattr(view, name, None)
        if isinstance(control, QLineEdit):
            control.setReadOnly(True)
        if control is not None:
            control.hide()
    return view


class ScheduleList(QWidget):
    """Week, post, place and companions, one line each (the fallback)."""

    def __init__(self, db: Database, member_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, member_code
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.weeks = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.weeks, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("My rotation"))
        self.weeks.clear()
        try:
            schedule = member_schedule(self.db, member_code=self.member_code, weeks=WEEKS)
        except CoopdeskError as error:
            self.weeks.addItem(error.translated())
            return
        for week in schedule.weeks:
            people = ", ".join(entry.full_name for entry in week.companions) or _("nobody else")
            place = f" · {week.post.place}" if week.post.place else ""
            self.weeks.addItem(_("Week of %(date)s: %(post)s%(place)s — with %(people)s") % {
                "date": format_date(week.week_start), "post": week.post.name, "place": place, "people": people})
        if not schedule.weeks:
            self.weeks.addItem(_("No post in these weeks."))
