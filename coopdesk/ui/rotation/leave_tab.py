"""The leave calendar: pick a member (or everyone), see their periods of leave in a list and on a calendar,
add or remove one. Leave on a published week where the member holds a post is a conflict: it is shown, the
member can be taken off that week from here (or swapped, when their post cannot do without them), and the roster
of that week is one click away."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.members import Body, Member
from coopdesk.i18n import LOCALES, N_, _, current_language, format_date, ngettext
from coopdesk.services.members import all_members
from coopdesk.services.rotation.dto import Leave, LeaveConflict, ReleaseOutcome, SwapOutcome
from coopdesk.services.rotation.leave import leave_conflicts, list_leave, remove_leave
from coopdesk.services.rotation.views import roster_grid
from coopdesk.ui.colors import status_color, status_fill, status_style, text_color
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import (
    Col,
    LazyTab,
    RowsModel,
    fit_columns,
    make_table,
    message_label,
    monday_of,
    selected_row,
    show_message,
    week_span,
)
from coopdesk.ui.rotation.context import RotationContext


def leave_fill(clash: bool) -> QColor:
    """A day on leave in the calendar: orange, or red where it clashes with a published week."""
    return status_fill("bad", strength=0.3) if clash else status_fill("amber")


def _days(leave: Leave) -> int:
    return (leave.ends_on - leave.starts_on).days + 1


class LeaveModel(RowsModel):
    """Periods of leave, each with the published weeks it falls on where the member holds a post."""

    def __init__(self, parent: QWidget | None = None) -> None:
        columns = [
            Col(N_("Member"), lambda row: f"{row[0].member_name} ({row[0].member_code})"),
            Col(N_("From"), lambda row: format_date(row[0].starts_on), sort=lambda row: row[0].starts_on),
            Col(N_("To"), lambda row: format_date(row[0].ends_on), sort=lambda row: row[0].ends_on),
            Col(N_("Days"), lambda row: str(_days(row[0])), right=True),
            Col(N_("Reason"), lambda row: row[0].reason or ""),
            Col(N_("Published weeks with a post"), self._conflict_text, tip=self._conflict_text),
        ]
        super().__init__(columns, parent)

    @staticmethod
    def _conflict_text(row: tuple[Leave, list[LeaveConflict]]) -> str:
        return "; ".join(_("%(week)s: %(post)s — take off or swap") % {"week": week_span(c.week_start),
                                                                        "post": c.post_code}
                         for c in row[1])

    def leave(self, row: int) -> Leave | None:
        item = self.row_at(row)
        return item[0] if item else None

    def conflicts(self, row: int) -> list[LeaveConflict]:
        item = self.row_at(row)
        return item[1] if item else []


def _matching(leave: Leave, conflicts: list[LeaveConflict]) -> list[LeaveConflict]:
    first = monday_of(leave.starts_on)
    return [c for c in conflicts if c.member_code == leave.member_code and first <= c.week_start <= leave.ends_on]


class LeaveTab(LazyTab):
    def __init__(self, context: RotationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.members: list[Member] = []
        self.picker_label = QLabel()
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setMinimumWidth(340)
        self.picker.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.picker.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.currentIndexChanged.connect(lambda _i: self.show_leave())
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.release_button = QPushButton()
        self.roster_button = QPushButton()
        self.add_button.clicked.connect(self.add_leave)
        self.remove_button.clicked.connect(self.remove_selected)
        self.release_button.clicked.connect(self.release_selected)
        self.roster_button.clicked.connect(self.show_conflict_week)
        self.model = LeaveModel(self)
        self.table = make_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        weekend = QTextCharFormat()
        weekend.setForeground(status_color("bad"))  # Qt's own pure red is too faint on a dark background
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.conflicts_label = message_label(status_style("warning"))
        self.notice = message_label(status_style("warning"))

        bar = QHBoxLayout()
        bar.addWidget(self.picker_label)
        bar.addWidget(self.picker)
        bar.addStretch(1)
        actions = QHBoxLayout()  # a line of their own: at a large system font one line would not fit the screen
        actions.addStretch(1)
        for button in (self.add_button, self.remove_button, self.release_button, self.roster_button):
            actions.addWidget(button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.calendar)
        side_layout.addWidget(self.legend)
        side_layout.addStretch(1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        self.retranslate_ui()
        self._selection_changed()

    def retranslate_ui(self) -> None:
        self.picker_label.setText(_("&Member:"))
        self.picker_label.setBuddy(self.picker)
        if self.picker.count():
            self.picker.setItemText(0, _("All members"))
        self.picker.lineEdit().setPlaceholderText(_("Type a name or code"))
        self.add_button.setText(_("Add leave…"))
        self.remove_button.setText(_("Remove"))
        self.release_button.setText(_("Take off that week…"))
        self.release_button.setToolTip(_("Take the member off the published week their leave falls on, when their "
                                         "post can do without them; otherwise swap them"))
        self.roster_button.setText(_("Show that week's roster"))
        on_leave, clash = _("on leave"), _("on leave in a published week where they hold a post")
        swatch = "<span style='background:{}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
        self.legend.setText(f"{swatch.format(leave_fill(False).name())} {on_leave} &nbsp; "
                            f"{swatch.format(leave_fill(True).name())} <b>{clash}</b>")
        # The calendar takes the language's month and day names; the week still starts on Monday.
        self.calendar.setLocale(QLocale(LOCALES[current_language()]))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.model.retranslate()
        self._show_conflicts()

    # -- data

    def reload(self) -> None:
        chosen = self.member_id()
        self.members = sorted((m for m in all_members(self.db) if m.body is Body.WORKER),
                              key=lambda m: (m.full_name.casefold(), m.code)) if self.db is not None else []
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(_("All members"), None)
        for member in self.members:
            self.picker.addItem(f"{member.full_name} ({member.code})", member.id)
        index = self.picker.findData(chosen) if chosen is not None else 0
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)
        self.show_leave()

    def member_id(self) -> int | None:
        return self.picker.currentData() if self.picker.count() else None

    def member(self) -> Member | None:
        member_id = self.member_id()
        return next((m for m in self.members if m.id == member_id), None)

    def choose_member(self, code: str) -> None:
        for index in range(1, self.picker.count()):
            if self.members[index - 1].code == code:
                self.picker.setCurrentIndex(index)
                return

    def show_leave(self) -> None:
        if self.db is None:
            self.model.set_rows([])
            return
        member = self.member()
        leaves = list_leave(self.db, member_id=member.id if member else None)
        conflicts = leave_conflicts(self.db, member_code=member.code if member else None)
        self.model.set_rows([(leave, _matching(leave, conflicts)) for leave in reversed(leaves)])  # latest first
        fit_columns(self.table)
        self.table.setColumnHidden(0, member is not None)
        self._paint_calendar()
        self._show_conflicts()
        self._selection_changed()
        if leaves:  # open the calendar on the next leave (or the last one, if all are past)
            today = date.today()
            shown = next((leave for leave in leaves if leave.ends_on >= today), leaves[-1])
            self.calendar.setCurrentPage(shown.starts_on.year, shown.starts_on.month)

    def _show_conflicts(self) -> None:
        weeks = {(c.member_code, c.week_start) for row in self.model.rows for c in row[1]}
        text = ngettext("%(count)d published week has a member on leave who holds a post there: take them off "
                        "that week, or swap them.",
                        "%(count)d published weeks have a member on leave who holds a post there: take them off "
                        "that week, or swap them.", len(weeks)) % {"count": len(weeks)} if weeks else ""
        show_message(self.conflicts_label, text)

    def _paint_calendar(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every day's format
        fills: dict[date, bool] = {}  # a day on leave: whether it clashes with a rostered week
        clashes: dict[date, bool] = defaultdict(bool)
        for leave, conflicts in self.model.rows:
            weeks = {c.week_start for c in conflicts}
            day = leave.starts_on
            while day <= leave.ends_on:
                clashes[day] |= monday_of(day) in weeks
                fills[day] = clashes[day]
                day += timedelta(days=1)
        for day, clash in fills.items():
            style = QTextCharFormat()
            style.setBackground(leave_fill(clash))
            style.setForeground(text_color())
            if clash:  # in bold too, not by the colour alone
                style.setFontWeight(QFont.Weight.Bold)
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), style)

    def _selection_changed(self) -> None:
        row = selected_row(self.table)
        leave = self.model.leave(row) if row is not None else None
        self.add_button.setEnabled(self.db is not None and self.member() is not None)
        self.remove_button.setEnabled(leave is not None)
        conflicted = bool(row is not None and self.model.conflicts(row))
        self.release_button.setEnabled(conflicted)
        self.roster_button.setEnabled(conflicted)
        if leave is not None:
            self.calendar.setSelectedDate(QDate(leave.starts_on.year, leave.starts_on.month, leave.starts_on.day))

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.add_button, self.remove_button, self.release_button

    def selected_leave(self) -> Leave | None:
        row = selected_row(self.table)
        return self.model.leave(row) if row is not None else None

    # -- actions

    def add_leave(self) -> QWidget | None:
        from coopdesk.ui.rotation.leave_dialog import LeaveDialog

        member = self.member()
        if self.db is None or member is None:
            return None
        return LeaveDialog.open_for(self, self.db, member_id=member.id,
                                    member_label=f"{member.full_name} ({member.code})", on_saved=self._added)

    def _added(self, leave: Leave) -> None:
        self.show_leave()
        self.context.notify()
        for row, (item, conflicts) in enumerate(self.model.rows):
            if item.id == leave.id:
                self.table.selectRow(row)
                if conflicts:
                    show_message(self.notice, _(
                        "Warning: %(member)s is on leave in the published week of %(week)s, where they hold post "
                        "%(post)s; that week's roster needs a change.") % {
                        "member": leave.member_code, "week": format_date(conflicts[0].week_start),
                        "post": conflicts[0].post_code}, status_style("warning"))
                    return
        show_message(self.notice, "")

    def remove_selected(self) -> QMessageBox | None:
        leave = self.selected_leave()
        if leave is None or self.db is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "coopdesk",
                          _("Remove the leave of %(name)s from %(from)s to %(to)s?") % {
                              "name": leave.member_name, "from": format_date(leave.starts_on),
                              "to": format_date(leave.ends_on)},
                          QMessageBox.StandardButton.Cancel, self)
        remove = box.addButton(_("Remove"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        db, leave_id = self.db, leave.id
        remove.clicked.connect(lambda: run_op(self, lambda: remove_leave(db, leave_id=leave_id),
                                              on_success=lambda _none: self._removed()))
        box.open()
        return box

    def _removed(self) -> None:
        show_message(self.notice, "")
        self.show_leave()
        self.context.notify()

    def show_conflict_week(self) -> None:
        row = selected_row(self.table)
        conflicts = self.model.conflicts(row) if row is not None else []
        if conflicts:
            self.context.show_roster(conflicts[0].week_start, max(1, len({c.week_start for c in conflicts})))

    def release_selected(self) -> QWidget | None:
        """Offer the release for the selected leave's conflict (a menu of its weeks when it has several)."""
        row = selected_row(self.table)
        leave = self.model.leave(row) if row is not None else None
        conflicts = self.model.conflicts(row) if row is not None else []
        if leave is None or not conflicts:
            return None
        if len(conflicts) == 1:
            return self.release_conflict(conflicts[0], reason=leave.reason)
        menu = QMenu(self)
        for conflict in conflicts:
            menu.addAction(f"{week_span(conflict.week_start)}: {conflict.post_code}",
                           lambda c=conflict: self.release_conflict(c, reason=leave.reason))
        menu.popup(self.release_button.mapToGlobal(self.release_button.rect().bottomLeft()))
        return menu

    def release_conflict(self, conflict: LeaveConflict, *, reason: str | None = None) -> QWidget | None:
        from coopdesk.ui.rotation.release_dialog import ReleaseDialog

        db = self.db
        if db is None:
            return None
        grid = self.read(lambda: roster_grid(db, start=conflict.week_start, weeks=1))
        if grid is None:
            return None
        dialog = ReleaseDialog(db, grid.weeks[0], grid.posts, member=conflict.member_code, reason=reason,
                               parent=self, on_released=self._released, on_swapped=self._swapped)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _released(self, outcome: ReleaseOutcome) -> None:
        from coopdesk.ui.rotation.release_dialog import released_text

        self._changed_roster(released_text(outcome))

    def _swapped(self, outcome: SwapOutcome) -> None:
        from coopdesk.ui.rotation.swap_dialog import swapped_text

        self._changed_roster(swapped_text(outcome))

    def _changed_roster(self, text: str) -> None:
        chosen = self.selected_leave()
        self.show_leave()
        row = self.model.row_of(lambda item: item[0].id == chosen.id) if chosen is not None else None
        if row is not None:  # the same leave stays selected: its other weeks are one click away
            self.table.selectRow(row)
        self.context.notify()
        show_message(self.notice, text, status_style("good"))
