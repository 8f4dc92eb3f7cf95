"""The roll call, made for speed: type part of a name or a code and press Enter to mark the first match present;
P, E, A and L on a row mark present, excused, absent and left; proxies are checked as they are entered (the
reason shown in red, nothing written); the counters (E, P, quorum, how many more) follow every mark."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import AttendanceLine, MeetingDetail, RollCounters, RollView
from coopdesk.domain.meetings import AttendanceStatus, MeetingState
from coopdesk.domain.members import BODY_PLURAL_LABELS, MemberStatus, fold, name_matches
from coopdesk.i18n import N_, _, format_time, ngettext
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import (
    Col,
    MemberPicker,
    RowsModel,
    error_label,
    error_lines,
    make_table,
    select_row,
    selected_row,
    show_message,
)
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

KEYS = {Qt.Key.Key_P: AttendanceStatus.PRESENT, Qt.Key.Key_Return: AttendanceStatus.PRESENT,
        Qt.Key.Key_Enter: AttendanceStatus.PRESENT, Qt.Key.Key_E: AttendanceStatus.EXCUSED,
        Qt.Key.Key_A: AttendanceStatus.ABSENT}


def attendance_text(line: AttendanceLine) -> str:
    if line.status is AttendanceStatus.PRESENT and line.left_at is not None:
        return _("Left the room")
    return _(line.status.label)


def proxy_text(line: AttendanceLine) -> str:
    if line.proxy is not None:
        return _("represented by %(name)s") % {"name": line.proxy.label}
    if line.represents is not None:
        return _("holds the proxy of %(name)s") % {"name": line.represents.label}
    return ""


def _time(value: datetime | None) -> str:
    return format_time(value) if value is not None else ""


ROLL_COLUMNS = (
    Col(N_("Code"), lambda line: line.member.code),
    Col(N_("Name"), lambda line: line.member.full_name),
    Col(N_("Attendance"), attendance_text),
    Col(N_("Arrived at"), lambda line: _time(line.arrived_at), right=True),
    Col(N_("Left at"), lambda line: _time(line.left_at), right=True),
    Col(N_("Vote"), lambda line: _("Yes") if line.entitled else _("No")),
    Col(N_("Proxy"), proxy_text, tip=proxy_text),
)


def _style(line: AttendanceLine) -> str | None:
    if line.status is AttendanceStatus.PRESENT and line.left_at is not None:
        return "muted"
    if line.status in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED):
        return "ok"
    return "warn" if line.status is AttendanceStatus.EXCUSED else None


def matches(lines: tuple[AttendanceLine, ...], query: str) -> list[AttendanceLine]:
    """Lines whose code or name holds every word typed (the one matcher); an exact code first."""
    wanted = fold(query.strip())
    if not wanted:
        return list(lines)
    exact = [line for line in lines if fold(line.member.code) == wanted]
    rest = [line for line in lines if line not in exact
            and name_matches(query, f"{line.member.code} {line.member.full_name}")]
    return exact + rest


def by_body_html(counters: RollCounters) -> str:
    """The joint body's figures body by body: "Workers: 20 of 34 · Communal council delegates: 3 of 4 …"."""
    short = dict(counters.short_bodies)
    parts = []
    for body, count in counters.by_body:
        part = _("%(body)s: <b>%(present)d</b> of %(entitled)d") % {
            "body": _(BODY_PLURAL_LABELS[body]), "present": count.present_voters, "entitled": count.entitled}
        if body in short:
            part += " " + _("(no quorum in this body: %(count)d more needed)") % {"count": short[body]}
        parts.append(part)
    return " · ".join(parts)


def counters_html(counters: RollCounters) -> tuple[str, str, str]:
    """(the figures — by body too in the joint body —, the quorum statement, its style)."""
    figures = _("Entitled (E): <b>%(entitled)d</b> · Present voters (P): <b>%(present)d</b> — in person "
                "%(in_person)d, represented %(represented)d, excused %(excused)d, absent %(absent)d, left "
                "%(departed)d") % {
        "entitled": counters.entitled, "present": counters.present_voters, "in_person": counters.in_person,
        "represented": counters.represented, "excused": counters.excused, "absent": counters.absent,
        "departed": counters.departed}
    if len(counters.by_body) > 1:
        figures += "<br>" + by_body_html(counters)
    if counters.short_bodies and not counters.needed_more:
        return figures, _("No quorum yet inside each body (see the figures by body)"), status_style("bad", bold=True)
    if counters.quorum_met:
        if counters.quorum_minimum:
            return figures, _("Quorum met (at least %(minimum)d present voters)") % {
                "minimum": counters.quorum_minimum}, status_style("good", bold=True)
        return figures, _("No quorum is required"), status_style("good", bold=True)
    return figures, _("No quorum yet: %(count)d more present voters needed (at least %(minimum)d)") % {
        "count": counters.needed_more, "minimum": counters.quorum_minimum}, status_style("bad", bold=True)


class RollCallPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.meeting_id: int | None = None
        self.state: MeetingState | None = None
        self.roll: RollView | None = None
        self.marked_since_load = False
        self.stale = True

        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.quorum = QLabel()
        self.quorum.setStyleSheet(status_style("good", bold=True))
        strip = QFrame()
        strip.setFrameShape(QFrame.Shape.StyledPanel)
        strip_layout = QVBoxLayout(strip)
        strip_layout.addWidget(self.figures)
        strip_layout.addWidget(self.quorum)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.mark_first_match)
        self.search.installEventFilter(self)
        self.hint = QLabel()
        self.hint.setStyleSheet(status_style("muted"))
        self.hint.setWordWrap(True)
        self.flash = QLabel()  # what the last mark did
        self.flash.setStyleSheet(status_style("good", bold=True))
        self.flash.setWordWrap(True)
        self.model = RowsModel(ROLL_COLUMNS, self, style=_style)
        self.table = make_table(self.model)
        header = self.table.horizontalHeader()
        for section in range(len(ROLL_COLUMNS) - 1):  # (the proxy column takes the room left)
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.buttons: dict[str, QPushButton] = {}
        for key, status in (("present", AttendanceStatus.PRESENT), ("excused", AttendanceStatus.EXCUSED),
                            ("absent", AttendanceStatus.ABSENT)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(lambda _c=False, status=status: self.mark_selected(status))
        self.buttons["left"] = QPushButton()
        self.buttons["left"].clicked.connect(self.depart_selected)
        self.proxy_label = QLabel()
        self.proxy = MemberPicker()
        self.proxy.lineEdit().returnPressed.connect(self.record_proxy)
        self.proxy.editTextChanged.connect(lambda _text: show_message(self.error, ""))
        self.proxy_label.setBuddy(self.proxy)
        self.buttons["proxy"] = QPushButton()
        self.buttons["proxy"].clicked.connect(self.record_proxy)
        self.error = error_label()

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 2)
        search_row.addWidget(self.flash, 1)
        marks = QHBoxLayout()
        for key in ("present", "excused", "absent", "left"):
            marks.addWidget(self.buttons[key])
        marks.addStretch(1)
        proxy = QHBoxLayout()
        proxy.addWidget(self.proxy_label)
        proxy.addWidget(self.proxy, 1)
        proxy.addWidget(self.buttons["proxy"])
        layout = QVBoxLayout(self)
        layout.addWidget(strip)
        layout.addLayout(search_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addLayout(proxy)
        layout.addWidget(self.error)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        for key, text in (("present", _("&Present (P)")), ("excused", _("E&xcused (E)")),
                          ("absent", _("A&bsent (A)")), ("left", _("&Left the room (L)")),
                          ("proxy", _("Record pro&xy"))):
            self.buttons[key].setText(text)
        self.proxy_label.setText(_("Represented &by:"))
        self.proxy.lineEdit().setPlaceholderText(_("a present member with a vote"))
        self.model.retranslate()
        self._show_roll_state()
        if self.roll is not None:
            self._show_counters(self.roll.counters)

    # -- the data

    def clear(self) -> None:
        self.meeting_id, self.state, self.roll, self.stale = None, None, None, True
        self.model.set_rows([])
        self.search.clear()
        self.flash.clear()
        show_message(self.error, "")

    def set_meeting(self, detail: MeetingDetail) -> None:
        changed = detail.id != self.meeting_id or detail.state is not self.state
        self.meeting_id, self.state = detail.id, detail.state
        if changed:
            self.stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self) -> None:
        db, meeting_id = self.workspace.db, self.meeting_id
        if db is None or meeting_id is None:
            return
        from coopdesk.services.meetings import meeting_roll

        self.stale = False
        run_op(self, lambda: meeting_roll(db, meeting_id=meeting_id), on_success=self.set_roll)

    def set_roll(self, roll: RollView) -> None:
        if roll.meeting_id != self.meeting_id:
            return
        self.roll = roll
        selected = self.selected()
        self._filter()
        if selected is not None:
            select_row(self.table, self.model.row_of(lambda line: line.member.id == selected.member.id))
        # Everyone is offered (those in the room first): a holder who may not carry the proxy is refused with
        # the reason, rather than not found.
        here = [line.member for line in roll.lines if line.status is AttendanceStatus.PRESENT
                and line.left_at is None and line.entitled]
        self.proxy.set_people(here + [line.member for line in roll.lines if line.member not in here])
        self._show_counters(roll.counters)
        self._show_roll_state()
        self._update_buttons()

    def _show_counters(self, counters: RollCounters) -> None:
        figures, quorum, style = counters_html(counters)
        self.figures.setText(figures)
        self.quorum.setText(quorum)
        self.quorum.setStyleSheet(style)

    def _show_roll_state(self) -> None:
        self.search.setPlaceholderText(_("Type part of a name or a code, then Enter to mark present")
                                       if self.workspace.editable else _("Type a name or a code"))
        if self.roll is not None and not self.roll.editable:
            self.hint.setText(_("The meeting is closed: its roll is frozen."))
        elif not self.workspace.editable:
            self.hint.setText("")  # nothing to mark here
        elif self.state is MeetingState.OPEN:
            self.hint.setText(_("Arrivals and departures are timed as they are marked. Keys on a row: P present, "
                                "E excused, A absent, L left the room."))
        else:
            self.hint.setText(_("The session has not opened yet: marks made now (apologies, proxies) carry no "
                                "arrival time. Keys on a row: P present, E excused, A absent."))
        self.hint.setVisible(bool(self.hint.text()))

    def _filter(self) -> None:
        lines = self.roll.lines if self.roll is not None else ()
        self.model.set_rows(matches(lines, self.search.text()))
        if self.search.text().strip() and self.model.rowCount():
            select_row(self.table, 0)

    def selected(self) -> AttendanceLine | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def can_mark(self) -> bool:
        """The roll may change: the meeting is not closed, and the window may write."""
        return self.roll is not None and self.roll.editable and self.workspace.editable

    def _update_buttons(self) -> None:
        line = self.selected()
        editable = self.can_mark()
        for control in (*self.buttons.values(), self.proxy_label, self.proxy):
            control.setVisible(self.workspace.editable)
        for key in ("present", "excused", "absent", "proxy"):
            self.buttons[key].setEnabled(editable and line is not None)
        self.buttons["left"].setEnabled(editable and line is not None and self.state is MeetingState.OPEN
                                        and line.status is AttendanceStatus.PRESENT and line.left_at is None)
        self.proxy.setEnabled(editable and line is not None)
        self.search.setEnabled(self.roll is not None)

    # -- marking

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.table and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if event.key() in KEYS:
                    self.mark_selected(KEYS[Qt.Key(event.key())], by_key=True)
                    return True
                if event.key() == Qt.Key.Key_L:
                    self.depart_selected()
                    return True
            if watched is self.search and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                self.table.setFocus()  # arrows go on in the table; Enter there marks the chosen row
                return False
        return super().eventFilter(watched, event)

    def mark_first_match(self) -> None:
        """Enter in the quick entry: mark the one member the text names; with several, show them to choose
        from; with none, say why. The box is cleared after every entry but a choice still to be made."""
        text = self.search.text().strip()
        if not self.can_mark() or not text:
            return
        candidates = [self.model.row_at(row) for row in range(self.model.rowCount())]
        exact = [line for line in candidates if fold(line.member.code) == fold(text)]
        if len(candidates) > 1 and not exact:
            self._flash(ngettext("%(count)d member matches “%(text)s”: choose with ↑ ↓ and Enter.",
                                 "%(count)d members match “%(text)s”: choose with ↑ ↓ and Enter.",
                                 len(candidates)) % {"count": len(candidates), "text": text}, bad=True)
            select_row(self.table, 0)
            self.table.setFocus()
            return
        self.search.clear()
        if not candidates:
            self._flash(self._why_not_on_roll(text), bad=True)
            return
        line = (exact or candidates)[0]
        if line.status is AttendanceStatus.PRESENT and line.left_at is None:
            self._flash(_("%(name)s is already present.") % {"name": line.member.label})
            return
        self._mark(line, AttendanceStatus.PRESENT)

    def _why_not_on_roll(self, text: str) -> str:
        off_roll = self.roll.off_roll if self.roll is not None else ()
        found = [(person, status) for person, status in off_roll if fold(person.code) == fold(text)] or [
            (person, status) for person, status in off_roll if name_matches(text, f"{person.code} {person.full_name}")]
        if len(found) != 1:
            return _("Nobody on the roll matches “%(text)s”.") % {"text": text}
        person, status = found[0]
        if status is MemberStatus.SUSPENDED:
            return _("%(name)s is suspended: not on this meeting's roll.") % {"name": person.label}
        if status is MemberStatus.LEFT:
            return _("%(name)s is no longer a member (retired): not on this meeting's roll.") % {
                "name": person.label}
        return _("%(name)s is not on this meeting's roll.") % {"name": person.label}

    def mark_selected(self, status: AttendanceStatus, *, by_key: bool = False) -> None:
        """Mark the chosen row. By key, the next row is chosen at once (one key per member); a row chosen among
        the quick entry's candidates clears the entry and goes back to it."""
        line, row = self.selected(), selected_row(self.table)
        if line is None or not self.can_mark():
            return
        self._mark(line, status)
        if not by_key:
            return
        if self.search.text().strip():
            self.search.clear()
            self.search.setFocus()
        elif row is not None and row + 1 < self.model.rowCount():
            select_row(self.table, row + 1)

    def record_proxy(self) -> None:
        line = self.selected()
        if line is None or not self.can_mark():
            return
        ok, holder = self.proxy.resolve()
        if not ok or holder is None:
            show_message(self.error, self.proxy.problem() or _("A member is required."))
            return
        self._mark(line, AttendanceStatus.REPRESENTED, holder)

    def depart_selected(self) -> None:
        line, db = self.selected(), self.workspace.db
        if line is None or db is None or self.meeting_id is None or self.state is not MeetingState.OPEN \
                or not self.can_mark():
            return
        from coopdesk.services.meetings import meeting_roll, record_departure

        meeting_id, member_id = self.meeting_id, line.member.id

        def work() -> RollView:
            record_departure(db, meeting_id=meeting_id, member_id=member_id)
            return meeting_roll(db, meeting_id=meeting_id)

        self._run(work, _("%(name)s left the room.") % {"name": line.member.label})

    def _mark(self, line: AttendanceLine, status: AttendanceStatus, holder: int | None = None) -> None:
        db, meeting_id = self.workspace.db, self.meeting_id
        if db is None or meeting_id is None:
            return
        from coopdesk.services.meetings import mark_attendance, meeting_roll

        member_id = line.member.id

        def work() -> RollView:
            mark_attendance(db, meeting_id=meeting_id, member_id=member_id, status=status, proxy_holder_id=holder)
            return meeting_roll(db, meeting_id=meeting_id)

        done = _("%(name)s: %(status)s") % {"name": line.member.label, "status": _(status.label)}
        self._run(work, done)

    def _run(self, work, done: str) -> None:  # type: ignore[no-untyped-def]
        show_message(self.error, "")

        def succeeded(roll: RollView) -> None:
            self.marked_since_load = True
            self.set_roll(roll)
            self._flash(done)
            if self.proxy.hasFocus():
                self.proxy.set_member_id(None)

        def failed(error: BaseException) -> bool:
            show_message(self.error, error_lines(error))  # e.g. a proxy rule: nothing was written
            return True

        run_op(self, work, on_success=succeeded, on_failure=failed)

    def _flash(self, text: str, *, bad: bool = False) -> None:
        self.flash.setStyleSheet(status_style("bad", bold=True) if bad else status_style("good", bold=True))
        self.flash.setText(text)
