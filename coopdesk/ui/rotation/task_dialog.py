"""What a post does in one week — targets, deliveries, what to prepare — typed from the roster grid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.learning import TASK_MAX
from coopdesk.domain.roster import PostInfo, RosterWeek
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.tasks import set_task
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import message_label, show_message, week_span


class TaskDialog(QDialog):
    def __init__(self, db: Database, week: RosterWeek, post: PostInfo, *, parent: QWidget | None = None,
                 on_saved: Callable[[str | None], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.week, self.post, self.on_saved = db, week, post, on_saved
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.task = QPlainTextEdit(week.tasks.get(post.code, ""))
        self.task.setMinimumSize(460, 110)
        self.error = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.task, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("The week's task"))
        self.heading.setText(_("What %(post)s does in the week of %(week)s: targets, deliveries, what to "
                               "prepare.") % {"post": self.post.name, "week": week_span(self.week.week_start)})
        self.task.setAccessibleName(_("The week's task"))
        self.task.setPlaceholderText(_("e.g. 200 boxes packed for Thursday's delivery; leave empty for none"))

    def save(self) -> None:
        db, monday, code, text = self.db, self.week.week_start, self.post.code, self.task.toPlainText()
        if len(text.strip()) > TASK_MAX:
            show_message(self.error, _("the task is longer than %(max)d characters") % {"max": TASK_MAX})
            return
        self.buttons.setEnabled(False)
        run_op(self, lambda: set_task(db, week_start=monday, post_code=code, task=text), on_success=self._saved,
               on_failure=self._failed)

    def _saved(self, task: str | None) -> None:
        if self.on_saved is not None:
            self.on_saved(task)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(error, InvalidInput):
            show_message(self.error, error.translated())
            return True
        return False
