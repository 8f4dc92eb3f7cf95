"""The roster grid as a table model: a row per post, a column per week (as on the printed wall sheet), the
names of the week's people in each cell with trainees marked; cells tinted by category; a person on leave in
a week where they hold a post is flagged, since that week needs a change (taking them off, or a swap)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from coopdesk.domain.rotation import Role
from coopdesk.i18n import _
from coopdesk.services.rotation.dto import Leave, PostInfo, RosterEntry, RosterGrid, RosterWeek
from coopdesk.ui.colors import status_color, text_color
from coopdesk.ui.rotation.common import Index, category_fill, person, short_names, week_short, week_span

ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 1
LINES_ROLE = Qt.ItemDataRole.UserRole + 2  # [(a name as shown, on leave that week)]


class RosterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: RosterGrid | None = None
        self.posts: tuple[PostInfo, ...] = ()
        self.weeks: tuple[RosterWeek, ...] = ()
        self.names: dict[str, str] = {}
        self.away: set[tuple[str, date]] = set()  # (member code, Monday) on leave while holding a post
        self.leave_reasons: dict[tuple[str, date], str] = {}  # the reason of such a leave, where one was given

    def set_grid(self, grid: RosterGrid | None, leaves: list[Leave] | None = None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.posts = grid.posts if grid else ()
        self.weeks = grid.weeks if grid else ()
        people = [entry for week in self.weeks for cell in week.cells.values() for entry in cell]
        self.names = short_names(people)
        self.away = set()
        self.leave_reasons = {}
        holders = {(entry.member_code, week.week_start) for week in self.weeks for cell in week.cells.values()
                   for entry in cell}
        for leave in leaves or ():
            for week in self.weeks:
                if leave.starts_on <= week.week_start + timedelta(days=6) and leave.ends_on >= week.week_start \
                        and (leave.member_code, week.week_start) in holders:
                    self.away.add((leave.member_code, week.week_start))
                    if leave.reason:
                        self.leave_reasons[(leave.member_code, week.week_start)] = leave.reason
        self.endResetModel()

    def retranslate(self) -> None:
        if self.weeks:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.weeks) - 1)
        if self.posts and self.weeks:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.posts) - 1, len(self.weeks) - 1))

    # -- what a cell holds

    def entries(self, row: int, column: int) -> tuple[RosterEntry, ...]:
        if not (0 <= row < len(self.posts) and 0 <= column < len(self.weeks)):
            return ()
        return self.weeks[column].people(self.posts[row].code)

    def week(self, column: int) -> RosterWeek | None:
        return self.weeks[column] if 0 <= column < len(self.weeks) else None

    def post(self, row: int) -> PostInfo | None:
        return self.posts[row] if 0 <= row < len(self.posts) else None

    def name(self, entry: RosterEntry) -> str:
        return self.names.get(entry.member_code, entry.full_name)

    def cell_of(self, member_code: str, monday: date) -> tuple[int, int] | None:
        for column, week in enumerate(self.weeks):
            if week.week_start != monday:
                continue
            for row, post in enumerate(self.posts):
                if any(entry.member_code == member_code for entry in week.people(post.code)):
                    return row, column
        return None

    # -- QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self.posts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.weeks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.posts) or not 0 <= index.column() < len(self.weeks):
            return None
        entries = self.entries(index.row(), index.column())
        week = self.weeks[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(person(entry, self.name(entry)) for entry in entries)
        if role == ENTRIES_ROLE:
            return entries
        if role == LINES_ROLE:
            return [(person(entry, self.name(entry)), (entry.member_code, week.week_start) in self.away)
                    for entry in entries]
        if role == Qt.ItemDataRole.ToolTipRole:
            task = week.tasks.get(self.posts[index.row()].code)
            tip = self._tip(entries, week, self.posts[index.row()]) if entries else None
            return "\n".join(filter(None, (tip, _("Task: %(task)s") % {"task": task} if task else None))) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            draft = not week.published and bool(week.cells)
            return QBrush(category_fill(self.posts[index.row()].category, draft=draft))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(text_color())  # the tints are chosen so that the palette's text reads on them
        if role == Qt.ItemDataRole.FontRole and not week.published and week.cells:
            font = QFont()
            font.setItalic(True)  # a draft week may still change
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _tip(self, entries: tuple[RosterEntry, ...], week: RosterWeek, post: PostInfo) -> str:
        lines = [f"{post.name} ({post.code}) — {week_span(week.week_start)}"]
        for entry in entries:
            line = f"{entry.full_name} ({entry.member_code})"
            if entry.role is Role.TRAINEE:
                line += " — " + _(Role.TRAINEE.label)
            if (entry.member_code, week.week_start) in self.away:
                line += " — " + _("on leave this week: take them off or swap them")
            lines.append(line)
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Not super().headerData(): in PySide6 6.12 it releases None once too often and crashes later.
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.weeks):
                return None
            week = self.weeks[section]
            if role == Qt.ItemDataRole.DisplayRole:
                state = "" if not week.cells else _("published") if week.published else _("draft")
                return f"{week_short(week.week_start)}\n{state}" if state else week_short(week.week_start)
            if role == Qt.ItemDataRole.ToolTipRole:
                return week_span(week.week_start)
            return None
        if not 0 <= section < len(self.posts):
            return None
        post = self.posts[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{post.name}\n{post.code} · {_(post.category.label)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return post.place
        if role == Qt.ItemDataRole.ForegroundRole and not post.active:
            return QBrush(status_color("muted"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RosterDelegate(QStyledItemDelegate):
    """Draws a cell's names a line each, so that only the person on leave is shown in red."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
              ) -> None:
        lines = index.data(LINES_ROLE) or []
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # background, selection and focus as usual; the names are drawn below
        style = item.widget.style() if item.widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        normal = item.palette.color(QPalette.ColorRole.HighlightedText) if selected else \
            item.palette.color(QPalette.ColorRole.Text)
        if not selected:
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            normal = brush.color() if isinstance(brush, QBrush) else normal
        on_leave, away_font = normal, item.font
        if any(away for _text, away in lines):  # most cells have nobody on leave: no colour or font to work out
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            on_leave = status_color("bad", on=background.color() if isinstance(background, QBrush) else None)
            away_font = QFont(item.font)
            away_font.setStrikeOut(True)  # said by more than the colour: the name is struck through too
        painter.save()
        metrics = item.fontMetrics
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, item.widget) + 1
        top = item.rect.top() + 1
        for text, away in lines:
            painter.setPen(on_leave if away and not selected else normal)
            painter.setFont(away_font if away else item.font)
            line = QRect(item.rect.left() + margin, top, item.rect.width() - 2 * margin, metrics.height())
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()))
            top += metrics.lineSpacing()
        painter.restore()
