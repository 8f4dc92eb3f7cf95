"""The main window: a side bar of sections, their pages, the menus and the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from coopdesk import __version__, paths
from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.users import UserRole
from coopdesk.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from coopdesk.persistence.database import Database
from coopdesk.persistence.lock import is_read_only
from coopdesk.services.change_log import set_signed_in_user
from coopdesk.services.overview import council_name, has_users
from coopdesk.services.preferences import update_preferences
from coopdesk.ui.backups.controller import BackupController
from coopdesk.ui.files import ask_existing_database, ask_new_database
from coopdesk.ui.home import HomePage
from coopdesk.ui.language import apply_language
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import app_icon, name_views_by_their_tab

if TYPE_CHECKING:
    from coopdesk.ui.login import Access

DEMO_FILE = "demo.sqlite3"

# (label, icon from the style) in side-bar order.
SECTIONS = (
    (N_("Home"), QStyle.StandardPixmap.SP_DirHomeIcon),
    (N_("Members"), QStyle.StandardPixmap.SP_FileDialogDetailedView),
    (N_("Meetings"), QStyle.StandardPixmap.SP_MessageBoxInformation),
    (N_("Rotation"), QStyle.StandardPixmap.SP_BrowserReload),
    (N_("Ledger"), QStyle.StandardPixmap.SP_FileDialogContentsView),
    (N_("Needs"), QStyle.StandardPixmap.SP_MessageBoxWarning),
    (N_("Learning"), QStyle.StandardPixmap.SP_DialogHelpButton),
    (N_("Reports"), QStyle.StandardPixmap.SP_FileIcon),
)
HOME, MEMBERS, MEETINGS, ROTATION, LEDGER, NEEDS, LEARNING, REPORTS = range(len(SECTIONS))


# Each section is built when first visited (or first asked for), wired to the window: the first screen is Inicio,
# and building a page nobody sees yet would only delay its paint.
def _members_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.members.page import MembersPage

    return MembersPage()


def _meetings_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.meetings.page import MeetingsPage

    return MeetingsPage()


def _rotation_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.rotation.page import RotationPage

    return RotationPage()


def _ledger_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.ledger.page import LedgerPage

    return LedgerPage()


def _needs_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.needs.page import NeedsPage

    page = NeedsPage()
    page.changed.connect(window.home_page.reload)
    return page


def _learning_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.learning.page import LearningPage

    return LearningPage()


def _reports_page(window: MainWindow) -> QWidget:
    from coopdesk.ui.reports_page import ReportsPage

    page = ReportsPage()
    page.members_report_requested.connect(window.show_members_report)
    page.annual_report_requested.connect(window.show_annual_report)
    page.where_made_requested.connect(window.show_where_made)
    return page


LAZY_SECTIONS = {MEMBERS: _members_page, MEETINGS: _meetings_page, ROTATION: _rotation_page, LEDGER: _ledger_page,
                 NEEDS: _needs_page, LEARNING: _learning_page, REPORTS: _reports_page}


def demo_path() -> Path:
    return paths.user_data_dir() / DEMO_FILE


def open_demo(progress=None, read_only: bool = False) -> Database:  # type: ignore[no-untyped-def]
    """Open the demo council, filling it the first time (runs on the worker: it takes a few seconds)."""
    from coopdesk.services.demo import create_demo
    from coopdesk.services.members import count_members

    db = open_database(demo_path(), read_only=read_only)
    if count_members(db) == 0 and not read_only:
        create_demo(db, progress=progress)
    return db


class MainWindow(QMainWindow):
    database_changed = Signal()

    def __init__(self, db: Database | None = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.editable = True  # False in a read-only window: another coopdesk window is editing the database
        self.access: Access | None = None  # who signed in; None or Access(None): nobody (no users yet)
        self.setWindowIcon(app_icon())
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setFixedWidth(170)
        for _label, pixmap in SECTIONS:
            QListWidgetItem(self.style().standardIcon(pixmap), "", self.nav)
        self.home_page = HomePage()
        self.home_page.open_record.connect(self.open_record)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home_page)
        self._built: dict[int, QWidget] = {}
        for _row in LAZY_SECTIONS:  # a placeholder each, until the section is built
            self.pages.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_section)
        self.nav.setCurrentRow(0)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.database_label = QLabel()
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.database_label, 1)
        self.signed_in_label = QLabel()  # who signed in (hidden while the database has no users)
        self.signed_in_label.hide()
        self.statusBar().addPermanentWidget(self.signed_in_label)
        self._build_menus()
        self._add_shortcuts()
        self.backups = BackupController(self)  # File → backups, Tools → verify, the lock, the status bar
        self.backups.tools_menu.addSeparator()
        self.backups.tools_menu.addAction(self._action("users", self.show_users))
        self.backups.tools_menu.aboutToShow.connect(self._update_users_action)  # not at start-up: it queries
        self._update_users_action()
        self._update_actions()
        self.retranslate_ui()
        self.resize(1100, 680)
        self._restore_geometry()
        if db is not None:
            self.set_database(db)

    # -- menus

    def _action(self, menu_key: str, slot, shortcut: QKeySequence.StandardKey | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.actions_by_key[menu_key] = action
        return action

    def _build_menus(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self._action("new", self.new_database, QKeySequence.StandardKey.New))
        self.file_menu.addAction(self._action("open", self.choose_database, QKeySequence.StandardKey.Open))
        self.file_menu.addAction(self._action("demo", self.open_demo))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("council", self.show_council_settings))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("sign_out", self.sign_out))
        self.actions_by_key["sign_out"].setVisible(False)
        self.file_menu.addAction(self._action("quit", self.close, QKeySequence.StandardKey.Quit))
        self.members_menu = bar.addMenu("")
        self.members_menu.addAction(self._action("add", lambda: self.members_page.add_member()))
        self.members_menu.addAction(self._action("import", lambda: self.members_page.import_members()))
        self.reports_menu = bar.addMenu("")
        self.reports_menu.addAction(self._action("register", self.show_members_report))
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self, checkable=True)
            action.setChecked(lang == current_language())
            action.triggered.connect(lambda _checked=False, lang=lang: self.switch_language(lang))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self._action("help", self.show_help, QKeySequence.StandardKey.HelpContents))
        self.help_menu.addAction(self._action("about", self.show_about))

    def _add_shortcuts(self) -> None:
        """Ctrl+1, Ctrl+2 … go to the sections in side-bar order; Ctrl+F to the search of the section shown."""
        for row in range(min(self.nav.count(), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.nav.setCurrentRow(row))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self.focus_search)

    def focus_search(self) -> None:
        search = getattr(self.pages.currentWidget(), "search", None)
        if isinstance(search, QLineEdit) and search.isVisible():
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()

    def retranslate_ui(self) -> None:
        """Every visible text again, in the language now in force."""
        self.file_menu.setTitle(_("&File"))
        self.members_menu.setTitle(_("&Members"))
        self.reports_menu.setTitle(_("&Reports"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        texts = {
            "new": _("&New database…"), "open": _("&Open database…"), "demo": _("Open &demo council"),
            "quit": _("&Quit"), "add": _("&Add member…"), "import": _("&Import members…"),
            "register": _("&Register of members…"), "about": _("&About coopdesk"), "users": _("&Users…"),
            "help": _("coopdesk &Help"),
            "council": _("&Council settings…"),
            "sign_out": _("&Sign out"),
        }
        for key, text in texts.items():
            self.actions_by_key[key].setText(text)
        for row, (label, _pixmap) in enumerate(SECTIONS):
            self.nav.item(row).setText(_(label))
        self.nav.setAccessibleName(_("Sections"))
        for lang, action in self.language_actions.items():
            action.setChecked(lang == current_language())
        for page in (self.home_page, *self._built.values()):
            page.retranslate_ui()  # type: ignore[attr-defined]
        self._update_title()
        self._update_signed_in()
        self.backups.retranslate_ui()
        name_views_by_their_tab(self.pages)

    def _update_actions(self) -> None:
        """The menus' actions for the database there is (or none); those that change data not in a read-only
        window (Tools → Users… follows the signed-in user: _update_users_action)."""
        self.actions_by_key["register"].setEnabled(self.db is not None)
        for key in ("add", "import", "council"):
            self.actions_by_key[key].setEnabled(self.db is not None and self.editable)

    def _update_title(self) -> None:
        if self.db is None:
            self.setWindowTitle("coopdesk")
            self.database_label.setText(_("No database open"))
            return
        self.setWindowTitle(f"{self.council_name} — coopdesk")
        self.database_label.setText(_("Database: %(path)s") % {"path": self.db.describe()})

    def switch_language(self, lang: str) -> None:
        lang = apply_language(lang)
        update_preferences(language=lang)
        self.retranslate_ui()

    # -- the database

    def set_database(self, db: Database) -> None:
        old, self.db = self.db, db
        self.council_name = council_name(db)
        self.home_page.set_database(db)
        for page in self._built.values():
            page.set_database(db)  # type: ignore[attr-defined]
        self._set_editable(not is_read_only(db))
        self._update_title()
        if old is not None and old is not db:
            old.dispose()
        if db.is_sqlite:
            update_preferences(last_database=db.describe())
        self.database_changed.emit()

    def _set_editable(self, editable: bool) -> None:
        """A read-only window shows every record but no control that changes one: each section hides its own
        (the reports only read), and so do the menus."""
        self.editable = editable
        for page in self._built.values():
            page.set_editable(editable)  # type: ignore[attr-defined]
        self._update_actions()  # Tools → Users… is brought up to date as the menu opens

    # -- who signed in, and the users an administrator manages

    def set_access(self, access: Access | None) -> None:
        self.access = access
        self.home_page.set_member(access.user.member_code if access is not None and access.user else None)
        self._update_users_action()
        self._update_signed_in()

    def _update_signed_in(self) -> None:
        user = self.access.user if self.access is not None else None
        self.signed_in_label.setVisible(user is not None)
        self.actions_by_key["sign_out"].setVisible(user is not None)
        if user is not None:
            self.signed_in_label.setText(_("Signed in: %(user)s (%(role)s)") % {"user": user.username,
                                                                               "role": _(user.role.label)})
            self.signed_in_label.setAccessibleName(self.signed_in_label.text())

    def sign_out(self) -> None:
        """File → Sign out: the window hides until the next person signs in (a member gets their own window);
        cancelling the sign-in quits, as at start-up."""
        if self.db is None or self.access is None or self.access.user is None:
            return
        set_signed_in_user(None)
        self.set_access(None)
        self.hide()
        QTimer.singleShot(0, self, self._next_person)  # out of the menu's own slot

    def _next_person(self) -> None:
        from coopdesk.ui.login import sign_in

        app = QApplication.instance()
        app.setQuitOnLastWindowClosed(False)  # nothing is shown while the dialog is asked
        try:
            access = sign_in(self.db, None) if self.db is not None else None
        finally:
            app.setQuitOnLastWindowClosed(True)
        if access is None:
            self.close()
            app.quit()
        elif access.can_edit:
            self.set_access(access)
            self.show()
        else:
            self._member_session(access)

    def _member_session(self, access: Access) -> None:
        """A member signed in: their read-only window while this one stays hidden."""
        from coopdesk.ui.member_view import MemberWindow

        window = MemberWindow(self.db, access.user)  # type: ignore[arg-type]
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._member_leaving = False
        window.signed_out.connect(self._member_signed_out)
        window.destroyed.connect(self._member_destroyed)
        QApplication.instance().setQuitOnLastWindowClosed(False)
        self.member_window = window
        window.show()

    def _member_destroyed(self) -> None:
        # After the member window's own deletion has finished; with this window as the timer's context, so that
        # nothing is called if this window goes first (its deferred calls die with it).
        QTimer.singleShot(0, self, self._member_gone)

    def _member_signed_out(self) -> None:
        self._member_leaving = True

    def _member_gone(self) -> None:
        """The member's window closed: the next person signs in, or — when they quit — the app ends."""
        QApplication.instance().setQuitOnLastWindowClosed(True)
        if self._member_leaving:
            self._next_person()
        else:
            self.close()
            QApplication.instance().quit()

    def _update_users_action(self) -> None:
        """Tools → Users… for an administrator — or for anyone while the database has no users, so that the
        first administrator can be created from the window."""
        user = self.access.user if self.access is not None else None
        visible = False
        if self.db is not None and user is not None:
            visible = user.role is UserRole.ADMINISTRATOR
        elif self.db is not None:
            try:
                visible = not has_users(self.db)
            except CoopdeskError:
                visible = False
        action = self.actions_by_key["users"]
        action.setVisible(visible)
        action.setEnabled(visible and self.db is not None and self.editable)

    def show_users(self):  # type: ignore[no-untyped-def]
        if self.db is None or not self.actions_by_key["users"].isVisible():
            return None
        from coopdesk.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.db, self)
        dialog.setObjectName("usersDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._update_users_action())
        dialog.open()
        return dialog

    # -- sections built on first visit

    def _show_section(self, row: int) -> None:
        if row in LAZY_SECTIONS:
            self._section(row)
        elif row == HOME and self.db is not None and self.pages.currentIndex() != HOME:
            self.home_page.reload()  # what other sections changed meanwhile (a few small queries)
        self.pages.setCurrentIndex(row)
        name_views_by_their_tab(self.pages.currentWidget())  # its tabs are built as it is first shown

    def show_where_made(self, row: int, tab: int) -> None:
        """A report made in another section: that section, on the tab where it is made."""
        self.nav.setCurrentRow(row)
        page = self.pages.widget(row)
        tabs = getattr(page, "tabs", None) or page.findChild(QTabWidget)
        if isinstance(tabs, QTabWidget):
            tabs.setCurrentIndex(tab)

    def _section(self, row: int) -> QWidget:
        page = self._built.get(row)
        if page is None:
            page = self._built[row] = LAZY_SECTIONS[row](self)
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if self.db is not None:
                page.set_database(self.db)  # type: ignore[attr-defined]
            page.set_editable(self.editable)  # type: ignore[attr-defined]
        return page

    @property
    def members_page(self):  # type: ignore[no-untyped-def]
        return self._section(MEMBERS)

    @property
    def reports_page(self):  # type: ignore[no-untyped-def]
        return self._section(REPORTS)

    @property
    def meetings_page(self):  # type: ignore[no-untyped-def]
        return self._section(MEETINGS)

    @property
    def rotation_page(self):  # type: ignore[no-untyped-def]
        return self._section(ROTATION)

    @property
    def ledger_page(self):  # type: ignore[no-untyped-def]
        return self._section(LEDGER)

    @property
    def needs_page(self):  # type: ignore[no-untyped-def]
        return self._section(NEEDS)

    def open_record(self, what: str, record_id: int | str) -> None:
        """A line of the home page: its section, with the record open or selected."""
        if what == "backup":
            self.backups.copy_backup()
            return
        if what in ("meeting", "meetings"):
            self.nav.setCurrentRow(MEETINGS)
            if what == "meeting":
                self.meetings_page.open_meeting(record_id)
        elif what == "rotation":
            self.nav.setCurrentRow(ROTATION)
        elif what in ("needs", "commitment", "commitments"):
            page = self.needs_page
            self.nav.setCurrentRow(NEEDS)
            page.show_tab(0 if what == "needs" else 1, record_id if what == "commitment" else None)
        elif what == "arrears":
            page = self.ledger_page
            self.nav.setCurrentRow(LEDGER)
            page.show_fund(str(record_id))

    @property
    def learning_page(self):  # type: ignore[no-untyped-def]
        return self._section(LEARNING)

    def open_path(self, path: str | Path, *, label: str | None = None) -> None:
        """Open (creating or migrating it if needed) on the worker, then show it."""
        target = str(path)
        read_only = self.backups.claim(target)  # the one-writer lock; None: not opened after all
        if read_only is None:
            return
        run_op(self, lambda: open_database(target, read_only=read_only), on_success=self.set_database,
               on_failure=lambda _error: self.backups.unclaim(target),
               progress=label or _("Opening the database…"))

    def choose_database(self) -> None:
        path = ask_existing_database(self, self.db.path.parent if self.db is not None and self.db.path else None)
        if path:
            self.open_path(path)

    def new_database(self) -> None:
        path = ask_new_database(self)
        if path:
            self.open_path(path, label=_("Creating the database…"))

    def open_demo(self) -> None:
        target = str(demo_path())
        read_only = self.backups.claim(target)
        if read_only is None:
            return
        run_op(self, lambda progress: open_demo(progress, read_only=read_only), on_success=self.set_database,
               on_failure=lambda _error: self.backups.unclaim(target), progress=_("Preparing the demo council…"))

    def show_council_settings(self):  # type: ignore[no-untyped-def]
        """The council's name and the unit's kind; once saved, every section reads the database again."""
        from coopdesk.ui.council_dialog import CouncilDialog

        if self.db is None:
            return None
        dialog = CouncilDialog(self.db, self, on_saved=lambda _council: self.set_database(self.db))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- reports and help

    def show_members_report(self) -> None:
        if self.db is None:
            return
        from coopdesk.ui.report_preview import ReportPreview  # QtPdf loads only when a preview opens

        preview = ReportPreview(self.db, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()

    def show_help(self) -> QMessageBox:
        """F1: the keys that reach every part of the window, and where the rest is documented."""
        sections = ", ".join(f"Ctrl+{row + 1} {self.nav.item(row).text()}" for row in range(min(self.nav.count(), 9)))
        box = QMessageBox(self)
        box.setWindowTitle(_("coopdesk help"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(_("Keyboard"))
        box.setInformativeText("<br>".join((
            _("Go to a section: %(sections)s") % {"sections": sections},
            _("Ctrl+F: search in the section shown"),
            _("Ctrl+P: print the report in its preview"),
            _("F1: this help; Alt and the underlined letter: a menu or a button"),
            _("On the command line, 'coopdesk --help' lists every command."),
        )))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_annual_report(self, year: int) -> QWidget | None:
        if self.db is None:
            return None
        from coopdesk.services.annual import annual_report
        from coopdesk.ui.common import open_report

        db = self.db
        return open_report(db, self, title=N_("Annual report"), file_stem=_("annual-report-%(year)s") % {"year": year},
                           render=lambda lang: annual_report(db, year=year, lang=lang))

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(_("About coopdesk"))
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setText(f"<b>coopdesk {__version__}</b>")
        box.setInformativeText(
            _("Members, meetings, job rotation and the equal-wage ledger of a cooperative's Workers' Council.")
            + "<br><br>" + _("Free software under the GNU General Public License, version 3 or later.")
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- window state (QSettings only for geometry, in our own config folder)

    def _settings(self) -> QSettings:
        return QSettings(str(paths.user_config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        geometry = self._settings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.backups.may_close():  # backing up first: the window closes when that is done
            event.ignore()
            return
        self._settings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
