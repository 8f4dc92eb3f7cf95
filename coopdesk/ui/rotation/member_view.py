""""My rotation": a member picks their name or code and reads their next weeks — what, where, with whom — in
large type, and may save them as a calendar file. Nothing here changes any data: the widget stands alone,
so that a member's session can open straight into it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.rotation import Role
from coopdesk.i18n import N_, _, format_date, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.dto import MemberSchedule, MemberWeek
from coopdesk.services.rotation.views import member_schedule, rotation_people, write_member_calendar
from coopdesk.ui.colors import status_style, text_color
from coopdesk.ui.ops import run_op, show_error
from coopdesk.ui.rotation.common import (
    Editable,
    category_color,
    category_fill,
    message_label,
    monday_of,
    person,
    show_message,
    week_span,
)
from coopdesk.ui.widgets import relative_font

SPANS = (4, 8, 13, 26)
CODE_IN_TEXT = re.compile(r"\(([^()]+)\)\s*$")
ICS_FILTER = N_("Calendar files (*.ics)")


def week_card(week: MemberWeek) -> QFrame:
    """One week, readable from a step away: when, the post, its category and role, where, and with whom."""
    card = QFrame()
    card.setObjectName("week")
    fill, edge = category_fill(week.post.category).name(), category_color(week.post.category).name()
    card.setStyleSheet(f"QFrame#week {{ background: {fill}; border-left: 8px solid {edge}; border-radius: 4px; }}"
                       f" QLabel {{ color: {text_color().name()}; background: transparent; }}")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 10, 16, 12)
    layout.setSpacing(3)
    parts = [week_span(week.week_start)]
    if week.week_start == monday_of(date.today()):
        parts.insert(0, _("This week"))
    if not week.published:
        parts.append(_("draft: this week may still change"))
    when = QLabel("  ·  ".join(parts))
    relative_font(when, 1.2)
    post = QLabel(f"{week.post.name}")
    relative_font(post, 1.9, 700)
    post.setWordWrap(True)
    role = _(Role.TRAINEE.label) if week.role is Role.TRAINEE else _(Role.REGULAR.label)
    what = QLabel(f"{_(week.post.category.label)} · {role} · {week.post.code}")
    relative_font(what, 1.2)
    layout.addWidget(when)
    layout.addWidget(post)
    layout.addWidget(what)
    if week.post.place:
        where = QLabel(_("Where: %(place)s") % {"place": week.post.place})
        relative_font(where, 1.3)
        where.setWordWrap(True)
        layout.addWidget(where)
    people = ", ".join(person(entry) for entry in week.companions) or _("nobody else")
    together = QLabel(_("With: %(people)s") % {"people": people})
    relative_font(together, 1.3)
    together.setWordWrap(True)
    layout.addWidget(together)
    if week.task:
        task = QLabel(_("Task: %(task)s") % {"task": week.task})
        task.setObjectName("task")
        relative_font(task, 1.3, 600)
        task.setWordWrap(True)
        layout.addWidget(task)
    return card


class MemberRotationView(Editable, QWidget):
    """Pick a member and read their weeks; with `member_code`, locked to that member (a member's own window):
    the picker is not shown at all. (Editable as a tab of the section: it has nothing to hide.)"""

    def __init__(self, db: Database | None = None, parent: QWidget | None = None, *,
                 member_code: str | None = None) -> None:
        super().__init__(parent)
        self.locked = member_code
        self.db = db
        self.schedule: MemberSchedule | None = None
        self.code: str | None = None
        self.people: list[tuple[str, str]] = []
        self.title = QLabel()
        relative_font(self.title, 1.8, 700)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        relative_font(self.search, 1.3)
        self.search.setStyleSheet("padding: 4px;")
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.show_text)
        self.search.setCompleter(completer)
        self.search.returnPressed.connect(lambda: self.show_text(self.search.text()))
        self.show_button = QPushButton()
        self.show_button.clicked.connect(lambda: self.show_text(self.search.text()))
        self.span_label = QLabel()
        self.span = QComboBox()
        for weeks in SPANS:
            self.span.addItem("", weeks)
        self.span.setCurrentIndex(SPANS.index(8))
        self.span.currentIndexChanged.connect(lambda _i: self.refresh())
        self.calendar_button = QPushButton()
        self.calendar_button.clicked.connect(self.choose_calendar_file)
        self.name = QLabel()
        relative_font(self.name, 1.6, 600)
        self.name.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        relative_font(self.message, 1.3)
        self.message.setStyleSheet("" + status_style("muted"))
        self.notice = message_label(status_style("good"))
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setSpacing(10)
        self.cards_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards)

        pick = QHBoxLayout()
        pick.addWidget(self.search, 2)
        pick.addWidget(self.show_button)
        pick.addSpacing(12)
        pick.addWidget(self.span_label)
        pick.addWidget(self.span)
        pick.addStretch(1)
        pick.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(pick)
        layout.addWidget(self.name)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.notice)
        for control in (self.search, self.show_button):
            control.setVisible(member_code is None)
        self.retranslate_ui()
        self.set_database(db)

    def retranslate_ui(self) -> None:
        self.title.setText(_("My rotation"))
        self.search.setPlaceholderText(_("Type your name or member code"))
        self.search.setAccessibleName(self.search.placeholderText())
        self.show_button.setText(_("Show"))
        self.span_label.setText(_("Weeks:"))
        for index, weeks in enumerate(SPANS):
            self.span.setItemText(index, ngettext("next %(count)d week", "next %(count)d weeks", weeks)
                                  % {"count": weeks})
        self.calendar_button.setText(_("Save calendar (.ics)…"))
        self._show()

    # -- choosing the member

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.schedule, self.code = None, self.locked
        self.people = rotation_people(db) if db is not None and self.locked is None else []
        self.completions.setStringList([f"{name} ({code})" for code, name in self.people])
        if self.code is not None:
            self.refresh()
        else:
            self._show()

    def reload(self) -> None:
        """Read the people and the chosen member's weeks again (after a plan, a swap, a leave…)."""
        self.people = rotation_people(self.db) if self.db is not None and self.locked is None else []
        self.completions.setStringList([f"{name} ({code})" for code, name in self.people])
        if self.code is not None:
            self.refresh()
        else:
            self._show()

    def show_text(self, text: str) -> None:
        """Find the member the text names: a completion "Name (CODE)", a code, or a part of one name."""
        text = text.strip()
        if not text or self.db is None:
            return
        codes = {code.casefold(): code for code, _name in self.people}
        found = CODE_IN_TEXT.search(text)
        code = codes.get(found.group(1).casefold()) if found else codes.get(text.casefold())
        if code is None:
            matches = rotation_people(self.db, search=text)
            if len(matches) != 1:
                self.schedule = None
                self._show(ngettext("%(count)d member matches; choose one from the list.",
                                    "%(count)d members match; choose one from the list.", len(matches))
                           % {"count": len(matches)} if matches else
                           _("Nobody in the rotation matches “%(text)s”.") % {"text": text})
                if matches:
                    self.search.completer().complete()
                return
            code = matches[0][0]
        self.show_member(code)

    def show_member(self, code: str) -> None:
        self.code = self.locked or code
        self.refresh()

    def refresh(self) -> None:
        code = self.code
        if code is None or self.db is None:
            return
        try:
            self.schedule = member_schedule(self.db, member_code=code, weeks=self.span.currentData())
        except CoopdeskError as error:
            show_error(self, error)
            return
        self.search.setText(f"{self.schedule.full_name} ({self.schedule.member_code})")
        show_message(self.notice, "")
        self._show()

    # -- showing the weeks

    def _show(self, message: str = "") -> None:
        while self.cards_layout.count() > 1:  # the stretch at the end stays
            item = self.cards_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        schedule = self.schedule
        self.calendar_button.setEnabled(schedule is not None)
        if schedule is None:
            self.name.setText("")
            self.message.setText(message or (_("Pick your name to see where you work in the coming weeks.")
                                             if self.people else _("Nothing is planned yet.")))
            self.message.show()
            return
        self.name.setText(f"{schedule.full_name} ({schedule.member_code})")
        lines = [_("On leave from %(from)s to %(to)s") % {"from": format_date(leave.starts_on),
                                                          "to": format_date(leave.ends_on)}
                 + (f" ({leave.reason})" if leave.reason else "") for leave in schedule.leaves]
        if not schedule.weeks:
            lines.insert(0, _("No post in these weeks."))
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))
        for index, week in enumerate(schedule.weeks):
            self.cards_layout.insertWidget(index, week_card(week))

    # -- the calendar file

    def choose_calendar_file(self) -> None:
        if self.schedule is None:
            return
        stem = _("rotation")
        suggested = Path.home() / f"{stem}-{self.schedule.member_code}.ics"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save calendar"), str(suggested), _(ICS_FILTER))
        if path:
            self.save_calendar(path)

    def save_calendar(self, path: str | Path) -> None:
        if self.schedule is None or self.db is None:
            return
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        db, code = self.db, self.schedule.member_code
        run_op(self, lambda: write_member_calendar(db, member_code=code, path=target),
               on_success=lambda count: show_message(self.notice, ngettext(
                   "%(count)d week saved to %(file)s.", "%(count)d weeks saved to %(file)s.", count)
                   % {"count": count, "file": str(target)}, status_style("good")))
