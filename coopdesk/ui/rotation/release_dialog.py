"""Taking a member off a week: for someone on leave whose post can do without them. The release is checked
against the rotation rules as the member is chosen; when it is refused (the post would fall short, or the
member can still work that week) the rules are listed and the swap dialog is one click away. On a published
plan it asks for the reason, which is recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError, ProblemsFound
from coopdesk.i18n import _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.dto import PostInfo, ReleaseOutcome, RosterWeek, SwapOutcome
from coopdesk.services.rotation.swaps import check_release, release_member
from coopdesk.ui.rotation.swap_dialog import (
    WeekChangeDialog,
    add_holders,
    member_combo,
    open_swap_dialog,
    show_rule_check,
    week_holders,
)
from coopdesk.ui.widgets import sentence

Released = Callable[[ReleaseOutcome], None]
Swapped = Callable[[SwapOutcome], None]


def released_text(outcome: ReleaseOutcome) -> str:
    """What a release did, in a sentence or two (the roster and the leave tab both say it)."""
    text = _("Week of %(week)s: %(member)s is taken off post %(post)s.") % {
        "week": format_date(outcome.week_start), "member": outcome.member_code, "post": outcome.post_code}
    if outcome.recorded:
        text += " " + _("The change is recorded on published plan %(id)d.") % {"id": outcome.plan_id}
    return text


class ReleaseDialog(WeekChangeDialog):
    def __init__(self, db: Database, week: RosterWeek, posts: Sequence[PostInfo], *, member: str | None = None,
                 reason: str | None = None, parent: QWidget | None = None, on_released: Released | None = None,
                 on_swapped: Swapped | None = None) -> None:
        """`reason`: a first wording of it (the leave's own reason, say); `on_swapped`: after a swap made instead."""
        super().__init__(db, week, parent, on_released)
        self.posts = posts
        self.on_swapped = on_swapped
        self.refused = False  # the rules refuse it (a swap may do instead), not merely "nothing to release"
        self.member = member_combo()
        add_holders((self.member,), week_holders(week), {post.code: post.name for post in posts})
        if member is not None and self.member.findData(member) >= 0:
            self.member.setCurrentIndex(self.member.findData(member))
        self.reason.setText(reason or "")
        self.add_member_row("member", self.member)
        self.swap_button = QPushButton()
        self.buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.swap_button.clicked.connect(self.swap_instead)
        self.finish_layout()
        self.member.currentIndexChanged.connect(lambda _i: self.check())
        self.retranslate_ui()  # checks the release, too

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Take off this week"))
        self.retranslate_week(reason_example=_("e.g. medical leave"),
                              reason_hint=_("This week is published: the change is recorded with its reason."))
        self.labels["member"].setText(_("&Member:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Take off"))
        self.swap_button.setText(_("S&wap instead…"))
        self.check()

    # -- checking

    def code(self) -> str | None:
        return self.member.currentData()

    def check(self) -> bool:
        """Ask the rules now (a read): the problems are shown and the buttons follow them."""
        code = self.code()
        self.problems, self.refused = [], False
        if code is None:
            self.problems = [_("Choose a member.")]
        else:
            try:
                self.problems = [sentence(p.translated()) for p in check_release(
                    self.db, week_start=self.week.week_start, member_code=code)]
                self.refused = bool(self.problems)
            except CoopdeskError as error:
                self.problems = [sentence(line) for line in error.lines()]
        self._show_problems()
        self._update_buttons()
        return not self.problems

    def _show_problems(self) -> None:
        name = self.member.currentText().split(" — ")[0]
        show_rule_check(self.problems_label, self.problems,
                        broken=_("Taking %(name)s off this week breaks the rotation rules:") % {"name": name},
                        kept=_("Taking %(name)s off this week keeps every rotation rule.") % {"name": name})

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.swap_button.setVisible(self.refused)

    # -- releasing, or swapping instead

    def save(self) -> None:
        code = self.code()
        if code is None or not self.may_save():
            return
        db, monday = self.db, self.week.week_start
        self.run_change(lambda reason: release_member(db, week_start=monday, member_code=code, reason=reason))

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, ProblemsFound):  # refused by the rules now: a swap may do instead
            self.refused = True
        return super()._failed(error)

    def swap_instead(self) -> QDialog | None:
        """Close this and open the swap dialog for the same member and week."""
        code, parent = self.code(), self.parentWidget()
        if code is None or parent is None:
            return None
        self.reject()
        return open_swap_dialog(parent, self.db, self.week, self.posts, first=code,
                                on_swapped=self.on_swapped or (lambda _outcome: None))
