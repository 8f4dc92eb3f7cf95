"""The home page ("Inicio"), the window's first page: the next assembly and its agenda, pending agreements,
overdue commitments, open needs by kind, the signed-in member's post this week, the last verified backup, and
what management owes each fund it pays. Each line opens its record (`open_record`; a fund's arrears open the
Social funds tab on that fund).

It reads through SQLAlchemy Core (`services/home.py`) as the window opens; the backup line, which looks at the
backups folder, and the arrears, summed from the ledger's entries, are filled in once the page has painted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.ledger import arrears_text
from coopdesk.domain.needs import NeedKind
from coopdesk.i18n import N_, _, format_date, format_datetime, format_moment, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.home import FundArrears, Home, read_home
from coopdesk.ui.widgets import relative_font, sentence

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # (what, id): what the line opens

BLOCKS = (
    ("assembly", N_("Next assembly")), ("agreements", N_("Pending agreements")),
    ("commitments", N_("Overdue commitments")), ("needs", N_("Open needs")),
    ("week", N_("My post this week")), ("backup", N_("Last verified backup")), ("arrears", N_("Fund arrears")),
)


class HomePage(QWidget):
    # what ("meeting", "commitment", "needs", "rotation", "backup", "arrears"), its id (a fund's: its code)
    open_record = Signal(str, object)
    first_painted = Signal()  # the window's start-up ends here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.member_code: str | None = None
        self.home: Home | None = None
        self.backup_text = ""
        self.arrears: tuple[FundArrears, ...] = ()
        self._painted = False
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
        self.boxes: dict[str, QGroupBox] = {}
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for index, (key, _caption) in enumerate(BLOCKS):
            box, items = QGroupBox(), QListWidget()
            items.setFrameShape(QListWidget.Shape.NoFrame)
            items.setWordWrap(True)
            items.itemActivated.connect(self._activated)
            items.itemClicked.connect(self._activated)
            QVBoxLayout(box).addWidget(items)
            self.boxes[key], self.lists[key] = box, items
            grid.addWidget(box, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid, 1)
        self.retranslate_ui()

    # -- data

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.arrears = ()
        self.reload()
        if self._painted:
            QTimer.singleShot(0, self, self._read_backup)

    def set_member(self, member_code: str | None) -> None:
        self.member_code = member_code

    def reload(self) -> None:
        self.home = read_home(self.db, member_code=self.member_code) if self.db is not None else None
        self._fill()
        if self._painted:
            QTimer.singleShot(0, self, self._read_arrears)

    def _read_arrears(self) -> None:
        """After the first paint: the ledger's sums are more than the few small queries of the rest."""
        from coopdesk.services.home import fund_arrears

        self.arrears = fund_arrears(self.db) if self.db is not None else ()
        self._fill_arrears()

    def _read_backup(self) -> None:
        """The backups folder is looked at after the first paint (it is a file-system scan, not a query)."""
        self.backup_text = ""
        if self.db is not None and self.db.is_sqlite and self.db.path is not None:
            from coopdesk.services.backup import latest_verified_backup

            latest = latest_verified_backup(self.db.path)
            self.backup_text = (_("None yet: back up from the File menu.") if latest is None else
                                _("%(when)s — %(file)s") % {"when": format_datetime(latest.taken_at, fmt="medium"),
                                                             "file": latest.path.name})
        self._fill_block("backup", [(self.backup_text, ("backup", 0), False)] if self.backup_text else [])

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            QTimer.singleShot(0, self, self._read_backup)
            QTimer.singleShot(0, self, self._read_arrears)

    # -- the blocks

    def retranslate_ui(self) -> None:
        self.title.setText(_("Home"))
        for key, caption in BLOCKS:
            self.boxes[key].setTitle(_(caption))
            self.lists[key].setAccessibleName(_(caption))
        self._fill()

    def _fill(self) -> None:
        home = self.home
        if home is None:
            for key, _caption in BLOCKS:
                self._fill_block(key, [])
            return
        assembly = home.next_assembly
        lines: list[tuple[str, tuple[str, int] | None, bool]] = []
        if assembly is not None:
            when = format_moment(assembly.starts_at)
            lines.append((f"{assembly.title} — {when}" + (f", {assembly.place}" if assembly.place else ""),
                          ("meeting", assembly.id), True))
            lines += [(f"{n}. {title}", ("meeting", assembly.id), False) for n, title in enumerate(assembly.agenda, 1)]
        self._fill_block("assembly", lines or [(_("No assembly is convened."), None, False)])
        self._fill_block("agreements", [
            (f"{line.text}" + (f" — {format_date(line.day)}" if line.day else ""), ("meeting", line.record_id),
             line.days_late > 0) for line in home.pending_agreements]
            + self._more(home.pending_count, len(home.pending_agreements), ("meetings", 0))
            or [(_("None pending."), None, False)])
        self._fill_block("commitments", [
            (_("%(text)s — due %(date)s, %(days)d days overdue") % {
                "text": line.text, "date": format_date(line.day), "days": line.days_late} if line.day else line.text,
             ("commitment", line.record_id), True) for line in home.overdue_commitments]
            + self._more(home.overdue_count, len(home.overdue_commitments), ("commitments", 0))
            or [(_("None overdue."), None, False)])
        self._fill_block("needs", [
            (f"{_(kind.label)}: {home.open_needs.get(kind.value, 0)}", ("needs", 0), False) for kind in NeedKind])
        week = [(post, ("rotation", 0), False) for post in home.my_week]
        self._fill_block("week", week or [(_("No post this week.") if self.member_code else
                                           _("Not signed in as a member."), None, False)])
        self._fill_block("backup", [(self.backup_text, ("backup", 0), False)] if self.backup_text else [])
        self._fill_arrears()

    def _fill_arrears(self) -> None:
        self._fill_block("arrears", [(sentence(arrears_text(fund.name, fund.arrears_cents, fund.since)) + ".",
                                      ("arrears", fund.code), True) for fund in self.arrears])
        self.boxes["arrears"].setVisible(bool(self.arrears))

    def _more(self, total: int, shown: int, target: tuple[str, int]) -> list[tuple[str, tuple[str, int], bool]]:
        hidden = total - shown
        return [(ngettext("… and %(count)d more", "… and %(count)d more", hidden) % {"count": hidden}, target,
                 False)] if hidden > 0 else []

    def _fill_block(self, key: str, lines: list[tuple[str, tuple[str, int] | None, bool]]) -> None:
        items = self.lists[key]
        items.clear()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for text, target, stands_out in lines:
            item = QListWidgetItem(text, items)
            item.setData(RECORD_ROLE, target)
            item.setToolTip(text)
            if stands_out:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                if key in ("commitments", "agreements", "arrears"):
                    item.setIcon(warning)  # overdue: an icon and bold type, not colour alone
            if target is None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(RECORD_ROLE)
        if target:
            self.open_record.emit(target[0], target[1])

    def line_texts(self, key: str) -> list[str]:
        items = self.lists[key]
        return [items.item(row).text() for row in range(items.count())]
