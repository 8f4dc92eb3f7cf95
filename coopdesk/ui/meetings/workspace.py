"""One meeting: its header (title, state, the steps its state allows, the PDFs) over three tabs — the
convocation and agenda, the roll call, and the proceedings (minutes, votes, elections, decisions).

In a read-only window only the PDFs are offered: the panels read `workspace.editable` as they read
`workspace.db`, when they show a meeting (a new database empties the workspace first)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import MeetingDetail, Person
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _, format_date, format_moment, format_time
from coopdesk.persistence.database import Database
from coopdesk.services import meetings as service
from coopdesk.ui.meetings.common import (
    Editable,
    confirm,
    open_report,
    select_row,
    state_badge,
    title_font,
)
from coopdesk.ui.meetings.convocation import active_people
from coopdesk.ui.meetings.convocation_tab import ConvocationTab
from coopdesk.ui.meetings.lifecycle import ApproveDialog, ErratumDialog, SessionTimeDialog
from coopdesk.ui.meetings.proceedings import ProceedingsPanel
from coopdesk.ui.meetings.roll import RollCallPanel
from coopdesk.ui.ops import run_op

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)
PRINTS = ("convocation", "acta")  # they only read: a read-only window offers them too


def _times(detail: MeetingDetail) -> list[str]:
    """When the meeting was called for and, once opened, when it really began — "17 dic 2026",
    "Convocada 9:00 a. m. · iniciada 10:12 a. m. – 12:30 p. m." — so opening late never hides the convened hour."""
    ends = f" – {format_time(detail.ends_at)}" if detail.ends_at is not None else ""
    opened = detail.opened_at
    if opened is None:
        return [format_moment(detail.starts_at) + ends]
    started = format_time(opened) if opened.date() == detail.starts_at.date() else format_moment(opened)
    return [format_date(detail.starts_at.date()), _("Convened %(convened)s · started %(started)s") % {
        "convened": format_time(detail.starts_at), "started": started + ends}]


class MeetingWorkspace(Editable, QWidget):
    back_requested = Signal()
    meeting_changed = Signal(int)  # its state or convocation changed: the list shows it again
    meeting_deleted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.meeting_id: int | None = None
        self.detail: MeetingDetail | None = None
        self.people: list[Person] = []
        self.generation = 0  # a late read of a meeting no longer shown is dropped

        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.title = QLabel()
        title_font(self.title)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.banner = QLabel()  # approval, verification code
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("convocation", self.print_convocation), ("convene", self.convene),
                          ("open", self.open_session), ("close", self.close_session), ("approve", self.approve),
                          ("erratum", self.add_erratum), ("acta", self.print_acta), ("delete", self.delete)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)

        self.convocation = ConvocationTab(self)
        self.roll = RollCallPanel(self)
        self.roll.model.modelReset.connect(self._first_roll_row)  # the roll is read after the tab shows
        self.proceedings = ProceedingsPanel(self)
        self.tabs = QTabWidget()
        for panel in (self.convocation, self.roll, self.proceedings):
            self.tabs.addTab(panel, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        for index in range(self.tabs.count()):  # the tabs from the keyboard while the meeting is shown
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self).activated.connect(
                lambda index=index: self.show_tab(index))

        top = QHBoxLayout()
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        heading.addWidget(self.banner)
        top.addLayout(heading, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.buttons["convocation"])
        actions.addStretch(1)
        for key in ("convene", "open", "close", "approve", "erratum", "acta", "delete"):
            actions.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.back_button.setText(_("← Meetings"))
        texts = {
            "convocation": _("Pri&nt convocation…"), "convene": _("Con&vene"), "open": _("Op&en session…"),
            "close": _("Ad&journ…"), "approve": _("&Approve minutes…"), "erratum": _("&Erratum…"),
            "acta": _("Print min&utes…"), "delete": _("&Delete"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        tips = {
            "convene": _("Issue the convocation: the meeting needs a place and an agenda"),
            "open": _("The session starts: votes can be taken"),
            "close": _("End the session: every vote must be closed; the minutes become a draft"),
            "approve": _("Approve the minutes by signatures or by a motion of a later meeting; they are then "
                         "locked"),
            "erratum": _("Approved minutes are never edited: record a correction with its date and reason"),
        }
        for key, tip in tips.items():
            self.buttons[key].setToolTip(tip)
        self.tabs.setTabText(0, _("Convocation and agenda"))
        self.tabs.setTabText(1, _("Roll call"))
        self.tabs.setTabText(2, _("Proceedings"))
        for index in range(self.tabs.count()):
            self.tabs.setTabToolTip(index, QKeySequence(f"Alt+{index + 1}").toString(
                QKeySequence.SequenceFormat.NativeText))
        for panel in (self.convocation, self.roll, self.proceedings):
            panel.retranslate_ui()
        if self.detail is not None:
            self._show_header(self.detail)

    # -- loading

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.meeting_id, self.detail = None, None

    def load(self, meeting_id: int) -> None:
        """Show another meeting (whatever was typed in the one shown is saved first)."""
        if self.meeting_id != meeting_id:
            self.flush()
            self.meeting_id, self.detail = meeting_id, None
            self.tabs.setCurrentIndex(0)
            self.convocation.clear()
            self.proceedings.clear()
            self.roll.clear()
        if self.db is not None:
            self.people = active_people(self.db)
            self.convocation.set_people(self.people)
            self.proceedings.set_people(self.people)
        self.refresh()

    def refresh(self) -> None:
        if self.db is None or self.meeting_id is None:
            return
        db, meeting_id = self.db, self.meeting_id
        self.generation += 1
        generation = self.generation
        run_op(self, lambda: service.meeting_detail(db, meeting_id),
               on_success=lambda detail: self._loaded(generation, detail))

    def _loaded(self, generation: int, detail: MeetingDetail) -> None:
        if generation == self.generation and detail.id == self.meeting_id:
            self.set_detail(detail)

    def set_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        self._show_header(detail)
        self.convocation.set_detail(detail)
        self.proceedings.set_detail(detail)
        self.roll.set_meeting(detail)

    def changed(self, *, listed: bool = False) -> None:
        """Something of the meeting changed: read it again (and the list, when its row may differ)."""
        self.refresh()
        if listed and self.meeting_id is not None:
            self.meeting_changed.emit(self.meeting_id)

    def _show_header(self, detail: MeetingDetail) -> None:
        self.title.setText(detail.title)
        parts = [_(detail.organ.label), _(detail.kind.label), *_times(detail)]
        if detail.place:
            parts.append(detail.place)
        self.subtitle.setText(" · ".join(parts) + " · " + state_badge(detail.state))
        self.banner.setText(self._banner(detail))
        self.banner.setVisible(bool(self.banner.text()))
        state = detail.state
        visible = {
            "convocation": True, "convene": state is MeetingState.DRAFT, "open": state in (MeetingState.DRAFT,
                                                                                          MeetingState.CONVENED),
            "close": state is MeetingState.OPEN, "approve": state is MeetingState.CLOSED,
            "erratum": state is MeetingState.APPROVED,
            "acta": state in (MeetingState.CLOSED, MeetingState.APPROVED),
            "delete": state in (MeetingState.DRAFT, MeetingState.CONVENED),
        }
        for key, button in self.buttons.items():
            button.setVisible(visible[key] and (self.editable or key in PRINTS))

    def _banner(self, detail: MeetingDetail) -> str:
        approval = detail.approval
        if approval is None:
            if detail.state is MeetingState.CLOSED:
                return _("The minutes are a draft awaiting approval; they can still be corrected.")
            return ""
        if approval.motion_id is not None and approval.motion_meeting_title:
            how = _("approved by motion %(number)s of “%(meeting)s”") % {
                "number": approval.motion_number, "meeting": approval.motion_meeting_title}
        else:
            how = _("approved by the signatures of the chair and the secretary")
        text = _("Minutes %(how)s; locked. Verification code: %(code)s") % {
            "how": how, "code": (detail.record_hash or "")[:16]}
        if detail.errata:
            from coopdesk.i18n import ngettext

            text += " · " + ngettext("%(count)d erratum", "%(count)d errata", len(detail.errata)) % {
                "count": len(detail.errata)}
        return text

    # -- leaving

    def flush(self) -> None:
        """Save what is being typed now (minutes), before the meeting is left or the window closes."""
        self.proceedings.flush()

    def back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def show_tab(self, index: int) -> None:
        """Show a tab and put the keys into it: the roll call's table (P marks present), else its first field."""
        self.tabs.setCurrentIndex(index)
        panel = self.tabs.currentWidget()
        if panel is self.roll:
            self.roll.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self._first_roll_row()
            return
        widget = panel.nextInFocusChain()
        while widget is not panel and not (panel.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                                             and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget = widget.nextInFocusChain()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _first_roll_row(self) -> None:
        """P, E and A act on the roll's current row: the table has one as soon as the keys go to it."""
        table = self.roll.table
        if table.hasFocus() and not table.currentIndex().isValid() and table.model().rowCount():
            select_row(table, 0)

    def _tab_changed(self, index: int) -> None:
        self.flush()
        if self.tabs.widget(index) is self.roll:
            self.roll.reload()
        elif self.tabs.widget(index) is self.proceedings and self.roll.marked_since_load:
            self.roll.marked_since_load = False
            self.refresh()  # the roll changed: present voters, proxies and tallies with it

    # -- the steps of a meeting's life

    def _run(self, fn, *, listed: bool = True, on_failure=None) -> None:  # type: ignore[no-untyped-def]
        if self.db is None or self.meeting_id is None:
            return
        self.flush()
        run_op(self, fn, on_success=lambda _result: self.changed(listed=listed), on_failure=on_failure)

    def convene(self) -> None:
        db, meeting_id = self.db, self.meeting_id

        def failed(error: BaseException) -> bool:
            self.tabs.setCurrentWidget(self.convocation)
            return self.convocation.form.show_error(error)

        self._run(lambda: service.convene_meeting(db, meeting_id=meeting_id), on_failure=failed)

    def open_session(self) -> None:
        if self.detail is None:
            return
        db, meeting_id = self.db, self.meeting_id
        if self.roll.marked_since_load and db is not None and meeting_id is not None:
            # The guard asks whether anyone is present: it reads the meeting as the roll call has left it.
            self.roll.marked_since_load = False
            run_op(self, lambda: service.meeting_detail(db, meeting_id),
                   on_success=lambda detail: (self.set_detail(detail), self.open_session()))
            return
        SessionTimeDialog.ask(self, self.detail, closing=False, on_chosen=lambda at: self._run(
            lambda: service.open_meeting(db, meeting_id=meeting_id, at=at)))

    def close_session(self) -> None:
        if self.detail is None:
            return
        db, meeting_id = self.db, self.meeting_id
        SessionTimeDialog.ask(self, self.detail, closing=True, on_chosen=lambda at: self._run(
            lambda: service.close_meeting(db, meeting_id=meeting_id, at=at)))

    def approve(self) -> None:
        if self.detail is not None and self.db is not None:
            ApproveDialog.ask(self, self.db, self.detail, on_done=lambda: self.changed(listed=True))

    def add_erratum(self) -> None:
        if self.detail is not None and self.db is not None:
            ErratumDialog.ask(self, self.db, self.detail, on_done=lambda: self.changed())

    def delete(self) -> None:
        if self.detail is None or self.db is None:
            return
        db, meeting_id = self.db, self.detail.id
        confirm(self, _("Delete the meeting “%(title)s”?") % {"title": self.detail.title},
                _("Its agenda and roll are deleted too. Only a meeting that has not been held can be deleted."),
                lambda: run_op(self, lambda: service.delete_meeting(db, meeting_id=meeting_id),
                               on_success=lambda _none: self._deleted()),
                yes_text=_("Delete"))

    def _deleted(self) -> None:
        self.meeting_id, self.detail = None, None
        self.meeting_deleted.emit()

    def _file_stem(self, report: str) -> str:
        """"Acta 2026-12-07 asamblea ordinaria": what, when and which meeting, as a file name reads in a folder."""
        assert self.detail is not None  # (the print buttons act only on a loaded meeting)
        return _("%(report)s %(date)s %(kind)s") % {"report": report, "date": self.detail.starts_at.date().isoformat(),
                                                    "kind": _(self.detail.kind.label).lower()}

    def print_convocation(self) -> None:
        if self.db is None or self.meeting_id is None or self.detail is None:
            return
        self.flush()
        db, meeting_id = self.db, self.meeting_id
        open_report(db, self, title=N_("Convocation"), file_stem=self._file_stem(_("Convocation")),
                    render=lambda lang: service.convocation_report(db, meeting_id=meeting_id, lang=lang))

    def print_acta(self) -> None:
        if self.db is None or self.meeting_id is None or self.detail is None:
            return
        self.flush()
        db, meeting_id = self.db, self.meeting_id
        open_report(db, self, title=N_("Minutes of the meeting"), file_stem=self._file_stem(_("Minutes")),
                    render=lambda lang: service.assembly_report(db, meeting_id=meeting_id, lang=lang))
