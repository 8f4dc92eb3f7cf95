"""The roster grid for a chosen range of weeks — posts down, weeks across, names in the cells — with manual
swaps (a cell's context menu, double-click, or the Swap button), taking a member on leave off a week (the
context menu or the "Take off this week" button), the printed roster (wall sheet or one page per member) and the
CSV export of docs/cli.md."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.planner.planner import MAX_WEEKS
from coopdesk.domain.rotation import Category
from coopdesk.i18n import N_, _, ngettext
from coopdesk.services.rotation.dto import ReleaseOutcome, SwapOutcome
from coopdesk.services.rotation.leave import list_leave
from coopdesk.services.rotation.printing import roster_report
from coopdesk.services.rotation.views import export_rotation, roster_grid
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import (
    LazyTab,
    MondayEdit,
    category_fill,
    message_label,
    monday_of,
    open_report,
    show_message,
)
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.rotation.roster_model import RosterDelegate, RosterModel

DEFAULT_WEEKS = 8
CSV_FILTER = N_("CSV files (*.csv)")
EXCEL_FILTER = N_("CSV for Spanish Excel (*.csv)")
WALL_TITLE = N_("Rotation roster")
MEMBERS_TITLE = N_("Rotation roster, one page per member")


class RosterTab(LazyTab):
    def __init__(self, context: RotationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.start_label = QLabel()
        self.start = MondayEdit(monday_of(date.today()))
        self.weeks_label = QLabel()
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.today_button = QPushButton()
        self.swap_button = QPushButton()
        self.release_button = QPushButton()
        self.task_button = QPushButton()
        self.print_button = QPushButton()
        self.print_menu = QMenu(self)
        self.wall_action = self.print_menu.addAction("", lambda: self.print_roster(per_member=False))
        self.members_action = self.print_menu.addAction("", lambda: self.print_roster(per_member=True))
        self.print_button.setMenu(self.print_menu)
        self.export_button = QPushButton()
        self.start.monday_changed.connect(lambda _day: self.invalidate())
        self.start.snapped.connect(lambda text: show_message(self.notice, text, status_style("muted")))
        self.weeks.valueChanged.connect(lambda _n: self.invalidate())
        self.today_button.clicked.connect(lambda: self.show_range(monday_of(date.today()), self.weeks.value()))
        self.swap_button.clicked.connect(lambda: self.swap_at(self.table.currentIndex().row(),
                                                              self.table.currentIndex().column()))
        self.release_button.clicked.connect(lambda: self.release_at(self.table.currentIndex().row(),
                                                                    self.table.currentIndex().column()))
        self.export_button.clicked.connect(self.choose_export_file)
        self.task_button.clicked.connect(lambda: self.task_at(self.table.currentIndex().row(),
                                                              self.table.currentIndex().column()))

        self.model = RosterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(RosterDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda index: self.editable and self.swap_at(index.row(), index.column()))
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().currentChanged.connect(lambda *_args: self._update_buttons())
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(status_style("muted"))
        self.notice = message_label(status_style("good"))

        bar = QHBoxLayout()
        bar.addWidget(self.start_label)
        bar.addWidget(self.start)
        bar.addWidget(self.weeks_label)
        bar.addWidget(self.weeks)
        bar.addWidget(self.today_button)
        bar.addStretch(1)
        actions = QHBoxLayout()  # a line of their own: at a large system font one line would not fit the screen
        actions.addWidget(self.state, 1)
        actions.addWidget(self.swap_button)
        actions.addWidget(self.release_button)
        actions.addWidget(self.task_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.notice)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.start_label.setText(_("&From the week of:"))
        self.start_label.setBuddy(self.start)
        self.weeks_label.setText(_("&Weeks:"))
        self.weeks_label.setBuddy(self.weeks)
        self.start.localize()
        self.today_button.setText(_("This week"))
        self.swap_button.setText(_("Swap…"))
        self.release_button.setText(_("Take off this week…"))
        self.task_button.setText(_("Week's task…"))
        self.task_button.setToolTip(_("What the chosen post does that week: targets, deliveries, what to prepare"))
        self.release_button.setToolTip(_("Take a member on leave off the chosen week, when their post can do without "
                                         "them"))
        self.print_button.setText(_("Print roster…"))
        self.wall_action.setText(_("Wall sheet (weeks × posts)…"))
        self.members_action.setText(_("One page per member…"))
        self.export_button.setText(_("Export CSV…"))
        self._show_legend()
        self.model.retranslate()
        self._describe()

    def _show_legend(self) -> None:
        """The colours, and what a click on a cell does (nothing, in a read-only window)."""
        swatches = " ".join(f"<span style='background:{category_fill(c).name()}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> "
                            f"{_(c.label)}" for c in Category)
        legend = _("Italics: a draft week, which may still change. Red and struck through: someone on leave that "
                   "week.")
        if self.editable:
            legend += " " + _("Right-click a cell to swap someone or take them off the week; double-click to swap.")
        self.legend.setText(swatches + " &nbsp;·&nbsp; " + legend)

    # -- data

    def show_range(self, start: date, weeks: int) -> None:
        self.weeks.blockSignals(True)
        self.weeks.setValue(min(max(weeks, 1), MAX_WEEKS))
        self.weeks.blockSignals(False)
        self.start.set_monday(start)
        self.invalidate()

    def reload(self) -> None:
        if self.db is None:
            self.model.set_grid(None)
            self._describe()
            return
        start, weeks = self.start.monday(), self.weeks.value()
        last = start + timedelta(weeks=weeks, days=-1)
        current = self.table.currentIndex()
        self.model.set_grid(roster_grid(self.db, start=start, weeks=weeks), list_leave(self.db, first=start, last=last))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(max(header.sectionSize(column), 120), 240))
        self.table.verticalHeader().setMaximumWidth(240)
        self.table.resizeRowsToContents()
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._describe()
        self._update_buttons()

    def _describe(self) -> None:
        weeks = self.model.weeks
        if not weeks:
            self.state.setText("")
            return
        published = sorted({w.plan_id for w in weeks if w.published and w.plan_id is not None})
        drafts = sorted({w.plan_id for w in weeks if not w.published and w.plan_id is not None})
        empty = sum(1 for w in weeks if not w.cells)
        parts = []
        if published:
            parts.append(_("Published plans: %(ids)s") % {"ids": ", ".join(map(str, published))})
        if drafts:
            parts.append(_("Draft plans: %(ids)s") % {"ids": ", ".join(map(str, drafts))})
        if empty:
            parts.append(ngettext("%(count)d week not planned", "%(count)d weeks not planned", empty)
                         % {"count": empty})
        self.state.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        planned = self.model.grid is not None and self.model.grid.planned
        index = self.table.currentIndex()
        filled = index.isValid() and bool(self.model.entries(index.row(), index.column()))
        self.swap_button.setEnabled(filled)
        self.release_button.setEnabled(filled)
        self.task_button.setEnabled(index.isValid() and self.model.week(index.column()) is not None)
        self.print_button.setEnabled(planned)
        self.export_button.setEnabled(planned)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.swap_button, self.release_button, self.task_button

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._show_legend()

    # -- swaps and releases

    def _context_menu(self, point: QPoint) -> QMenu | None:
        index = self.table.indexAt(point)
        entries = self.model.entries(index.row(), index.column()) if index.isValid() else ()
        if not index.isValid() or not self.editable:
            return None
        menu = QMenu(self)
        menu.addAction(_("Week's task…"), lambda: self.task_at(index.row(), index.column()))
        menu.addSeparator()
        for entry in entries:
            menu.addAction(_("Swap %(name)s…") % {"name": entry.full_name},
                           lambda code=entry.member_code: self.swap_at(index.row(), index.column(), code))
        menu.addSeparator()
        for entry in entries:
            menu.addAction(_("Take %(name)s off this week…") % {"name": entry.full_name},
                           lambda code=entry.member_code: self.release_at(index.row(), index.column(), code))
        menu.popup(self.table.viewport().mapToGlobal(point))
        return menu

    def task_at(self, row: int, column: int) -> QWidget | None:
        """The task of the cell's post in the cell's week, to type or change."""
        from coopdesk.ui.rotation.task_dialog import TaskDialog

        week, post = self.model.week(column), self.model.post(row)
        if self.db is None or week is None or post is None or not self.editable:
            return None
        dialog = TaskDialog(self.db, week, post, parent=self, on_saved=lambda _task: self.invalidate())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def swap_at(self, row: int, column: int, member_code: str | None = None) -> QWidget | None:
        from coopdesk.ui.rotation.swap_dialog import open_swap_dialog

        week = self.model.week(column)
        entries = self.model.entries(row, column)
        if self.db is None or week is None or not entries:
            return None
        return open_swap_dialog(self, self.db, week, self.model.posts, first=member_code or entries[0].member_code,
                                on_swapped=self._swapped)

    def release_at(self, row: int, column: int, member_code: str | None = None) -> QWidget | None:
        """The release dialog for a member of that cell: the one named, else the first on leave, else the first."""
        from coopdesk.ui.rotation.release_dialog import ReleaseDialog

        week = self.model.week(column)
        entries = self.model.entries(row, column)
        if self.db is None or week is None or not entries:
            return None
        away = [e.member_code for e in entries if (e.member_code, week.week_start) in self.model.away]
        code = member_code or (away or [entries[0].member_code])[0]
        dialog = ReleaseDialog(self.db, week, self.model.posts, member=code,
                               reason=self.model.leave_reasons.get((code, week.week_start)), parent=self,
                               on_released=self._released, on_swapped=self._swapped)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _released(self, outcome: ReleaseOutcome) -> None:
        from coopdesk.ui.rotation.release_dialog import released_text

        show_message(self.notice, released_text(outcome), status_style("good"))
        self.context.notify()
        self.invalidate()

    def _swapped(self, outcome: SwapOutcome) -> None:
        from coopdesk.ui.rotation.swap_dialog import swapped_text

        show_message(self.notice, swapped_text(outcome), status_style("good"))
        self.context.notify()
        self.invalidate()

    # -- outputs

    def print_roster(self, *, per_member: bool) -> QWidget | None:
        if self.db is None:
            return None
        db, start, weeks = self.db, self.start.monday(), self.weeks.value()

        def render(lang: str) -> bytes:
            return roster_report(db, start=start, weeks=weeks, lang=lang, per_member=per_member)

        roster, members = _("roster"), _("members")
        stem = f"{roster}-{start.isoformat()}" + (f"-{members}" if per_member else "")
        return open_report(db, self, title=MEMBERS_TITLE if per_member else WALL_TITLE, render=render,
                           file_stem=stem)

    def choose_export_file(self) -> None:
        start, stem = self.start.monday(), _("rotation")
        plain, excel = _(CSV_FILTER), _(EXCEL_FILTER)
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export the rotation"), str(Path.home() / f"{stem}-{start.isoformat()}.csv"), f"{plain};;{excel}")
        if path:
            self.export_to(path, excel=chosen == excel)

    def export_to(self, path: str | Path, *, excel: bool = False) -> None:
        db, target, start, weeks = self.db, Path(path), self.start.monday(), self.weeks.value()
        if db is None:
            return
        run_op(self, lambda: export_rotation(db, path=target, start=start, weeks=weeks, excel=excel),
               on_success=lambda count: show_message(self.notice, ngettext(
                   "%(count)d row written to %(file)s.", "%(count)d rows written to %(file)s.", count)
                   % {"count": count, "file": str(target)}, status_style("good")))
