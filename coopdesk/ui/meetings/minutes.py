"""The minutes of one agenda item, saved as they are typed: a moment after the last key, when the editor loses
the focus, when another item or tab is chosen and when the window closes — so a crash loses nothing."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail
from coopdesk.i18n import _, format_time
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import error_lines
from coopdesk.ui.widgets import set_read_only

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

SAVE_DELAY_MS = 800  # after the last keystroke


class MinutesEditor(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.item_id: int | None = None
        self.saved_text = ""  # what the database holds, as far as we know
        self.in_flight = 0
        self.loading = False
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.editor.textChanged.connect(self._typed)
        self.editor.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.hint = QLabel()
        self.hint.setStyleSheet(status_style("muted"))
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setStyleSheet(status_style("muted"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        self.saved_at: datetime | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hint.setText(_("Plain text; separate paragraphs with a blank line. Saved as you type."))
        self.editor.setPlaceholderText(_("What was reported, discussed and agreed under this item…"))
        if self.saved_at is not None and self.status.styleSheet() == status_style("muted"):
            self.status.setText(_("Saved at %(time)s") % {"time": format_time(self.saved_at)})

    @property
    def dirty(self) -> bool:
        return self.item_id is not None and self.editor.toPlainText() != self.saved_text

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        if item.id != self.item_id:
            self.flush()
            self.item_id, self.saved_at = item.id, None
            self.status.clear()
            self._load(item.minutes)
        elif not self.dirty and not self.in_flight and item.minutes != self.saved_text:
            self._load(item.minutes)  # changed elsewhere (an import, another window)
        set_read_only(self.editor, detail.locked or not self.workspace.editable)
        self.hint.setVisible(not self.editor.isReadOnly())
        if detail.locked:
            self.status.setStyleSheet(status_style("muted"))
            self.status.setText(_("Approved minutes: read only"))

    def _load(self, text: str) -> None:
        self.loading = True
        self.saved_text = text
        self.editor.setPlainText(text)
        self.loading = False

    def _typed(self) -> None:
        if self.loading or self.item_id is None or self.editor.isReadOnly():
            return
        self.timer.start()
        self.status.setStyleSheet(status_style("muted"))
        self.status.setText(_("Editing…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def flush(self) -> None:
        """Save now what is typed, if it differs from what is stored."""
        self.timer.stop()
        db, item_id = self.workspace.db, self.item_id
        if db is None or item_id is None or not self.dirty or self.editor.isReadOnly():
            return
        from coopdesk.services.meetings import save_minutes
        from coopdesk.ui.ops import run_op

        text = self.editor.toPlainText()
        self.in_flight += 1
        self.status.setStyleSheet(status_style("muted"))
        self.status.setText(_("Saving…"))
        run_op(self, lambda: save_minutes(db, item_id=item_id, text=text),
               on_success=lambda _version: self._saved(item_id, text),
               on_failure=lambda error: self._failed(item_id, error))

    def _saved(self, item_id: int, text: str) -> None:
        self.in_flight -= 1
        if item_id != self.item_id:
            return
        self.saved_text = text
        self.saved_at = datetime.now()
        if not self.dirty:
            self.status.setStyleSheet(status_style("muted"))
            self.status.setText(_("Saved at %(time)s") % {"time": format_time(self.saved_at)})

    def _failed(self, item_id: int, error: BaseException) -> bool:
        self.in_flight -= 1
        if item_id == self.item_id:
            self.status.setStyleSheet(status_style("bad", bold=True))
            self.status.setText(_("Not saved: %(reason)s") % {"reason": error_lines(error)})
        return item_id == self.item_id  # another item's failed save: the dialog says it
