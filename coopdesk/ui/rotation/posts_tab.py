"""The posts editor: every post with its category, head counts, skill, trainee places, burden and place; add,
edit, import from and export to CSV (the format of docs/cli.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.rotation import Category
from coopdesk.i18n import N_, _, ngettext
from coopdesk.services.rotation.dto import Post, PostImportSummary
from coopdesk.services.rotation.posts import export_posts, import_posts, list_posts, skill_codes
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import (
    Col,
    RotationTab,
    RowsModel,
    fit_columns,
    make_table,
    selected_row,
    show_message,
)
from coopdesk.ui.rotation.context import RotationContext

CSV_FILTER = N_("CSV files (*.csv *.txt);;All files (*)")


def _yes(value: bool) -> str:
    return _("Yes") if value else _("No")


POST_COLUMNS = [
    Col(N_("Code"), lambda p: p.code),
    Col(N_("Name"), lambda p: p.name, tip=lambda p: p.name),
    Col(N_("Category"), lambda p: _(p.category.label)),
    Col(N_("Min."), lambda p: str(p.min_members), right=True),
    Col(N_("Max."), lambda p: str(p.max_members), right=True),
    Col(N_("Skill"), lambda p: p.skill or "—"),
    Col(N_("Trainees"), lambda p: str(p.trainee_slots), right=True),
    Col(N_("Burden"), lambda p: "●" * p.burden, tip=lambda p: _("Burden %(burden)d of 5") % {"burden": p.burden}),
    Col(N_("Planned"), lambda p: _yes(p.active)),
    Col(N_("Place"), lambda p: p.place or "", tip=lambda p: p.place),
]


class PostsModel(RowsModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(POST_COLUMNS, parent, muted=lambda post: not post.active)

    def post(self, row: int) -> Post | None:
        return self.row_at(row)


class PostsTab(RotationTab):
    def __init__(self, context: RotationContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = PostsModel(self)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda index: self.editable and self.edit_post(self.model.post(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.count = QLabel()
        bar = self.button_bar(self.intro, {self.add_button: lambda: self.edit_post(None),
                                           self.edit_button: self.edit_selected,
                                           self.import_button: self.choose_import_file,
                                           self.export_button: self.choose_export_file})
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self._show_intro()
        self.add_button.setText(_("Add post…"))
        self.edit_button.setText(_("Edit…"))
        self.import_button.setText(_("Import CSV…"))
        self.export_button.setText(_("Export CSV…"))
        self.model.retranslate()
        self._update_count()

    def _show_intro(self) -> None:
        self.intro.setText(_("The posts everyone takes turns at. Double-click a post to change it.") if self.editable
                           else _("The posts everyone takes turns at."))

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            post = self.selected_post()
            select_id = post.id if post else None
        self.model.set_rows(list_posts(self.db) if self.db is not None else [])
        fit_columns(self.table)
        if select_id is not None:
            self.select(select_id)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        posts = self.model.rows
        active = sum(1 for post in posts if post.active)
        per_category = ", ".join(f"{_(category.label)} {sum(1 for p in posts if p.active and p.category is category)}"
                                 for category in Category)
        text = ngettext("%(count)d post planned", "%(count)d posts planned", active) % {"count": active}
        self.count.setText(f"{text} ({per_category})" if active else text)

    def _update_buttons(self) -> None:
        has_db = self.db is not None
        for button in (self.add_button, self.import_button, self.export_button):
            button.setEnabled(has_db)
        self.edit_button.setEnabled(has_db and self.selected_post() is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.add_button, self.edit_button, self.import_button

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._show_intro()  # it says what a double-click does

    def selected_post(self) -> Post | None:
        row = selected_row(self.table)
        return self.model.post(row) if row is not None else None

    def select(self, post_id: int) -> None:
        self.select_id(post_id)

    # -- actions

    def edit_selected(self) -> None:
        post = self.selected_post()
        if post is not None:
            self.edit_post(post)

    def edit_post(self, post: Post | None) -> QWidget | None:
        from coopdesk.ui.rotation.post_dialog import PostDialog

        if self.db is None:
            return None
        return PostDialog.open_for(self, self.db, post, skill_codes(self.db), on_saved=self._saved)

    def _saved(self, post: Post) -> None:
        show_message(self.notice, _("Post %(code)s saved.") % {"code": post.code})
        self.reload(select_id=post.id)
        self.context.notify()

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import posts"), str(Path.home()), _(CSV_FILTER))
        if path:
            self.import_from(path)

    def import_from(self, path: str | Path) -> None:
        db, target = self.db, Path(path)
        if db is None:
            return

        def done(summary: PostImportSummary) -> None:
            show_message(self.notice, _("Posts: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.")
                         % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
            self.reload()
            self.context.notify()

        run_op(self, lambda: import_posts(db, path=target), on_success=done, progress=_("Importing the posts…"))

    def choose_export_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export posts"), str(Path.home() / _("posts.csv")),
                                                    _(CSV_FILTER))
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        db, target = self.db, Path(path)
        if db is None:
            return
        run_op(self, lambda: export_posts(db, path=target),
               on_success=lambda count: show_message(self.notice, ngettext(
                   "%(count)d post written to %(file)s.", "%(count)d posts written to %(file)s.", count)
                   % {"count": count, "file": str(target)}))
