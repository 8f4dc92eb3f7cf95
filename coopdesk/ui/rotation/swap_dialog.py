"""A manual swap: two members exchange their posts for one week (or one hands their post to a member who holds
none that week). The swap is checked against the rotation rules as the members are chosen, and refused with
the rules it would break; on a published plan it asks for the reason, which is recorded. The pieces the release
dialog shares with it (the week's holders in a searchable list, the rule check shown) live here too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError, ProblemsFound
from coopdesk.domain.rotation import Role
from coopdesk.i18n import _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.dto import SWAP_REASON_MAX, PostInfo, RosterWeek, SwapOutcome
from coopdesk.services.rotation.swaps import check_swap, swap_members
from coopdesk.services.rotation.views import rotation_people
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import message_label, show_message, week_span
from coopdesk.ui.widgets import sentence

Done = Callable[[SwapOutcome], None]
Holders = dict[str, tuple[str, str, Role]]  # member code -> (name, post code, role)


def week_holders(week: RosterWeek) -> Holders:
    return {entry.member_code: (entry.full_name, code, entry.role) for code, people in week.cells.items()
            for entry in people}


def member_combo() -> QComboBox:
    """A list of members that finds a name or code as it is typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setMinimumWidth(420)
    return combo


def add_holders(combos: Sequence[QComboBox], holders: Holders, post_names: dict[str, str]) -> None:
    """Each holder of the week as "Name (code) — post", by name."""
    for code, (name, post, role) in sorted(holders.items(), key=lambda item: (item[1][0].casefold(), item[0])):
        where = post_names.get(post, post)
        if role is Role.TRAINEE:
            where = _("%(name)s (trainee)") % {"name": where}
        for combo in combos:
            combo.addItem(f"{name} ({code}) — {where}", code)


def show_rule_check(label: QLabel, problems: Sequence[str], *, broken: str, kept: str) -> None:
    """The rules a change would break, as a list under `broken`; or `kept`, in green."""
    if problems:
        show_message(label, broken + "\n" + "\n".join(f"• {line}" for line in problems), status_style("bad"))
    else:
        show_message(label, kept, status_style("good"))


def swapped_text(outcome: SwapOutcome) -> str:
    """What a swap did, in a sentence or two (the roster and the leave tab both say it)."""
    nothing = _("no post")
    text = _("Week of %(week)s: %(first)s now holds %(first_post)s, %(second)s holds %(second_post)s.") % {
        "week": format_date(outcome.week_start), "first": outcome.first_code,
        "first_post": outcome.first_post or nothing, "second": outcome.second_code,
        "second_post": outcome.second_post or nothing}
    if outcome.recorded:
        text += " " + _("The swap is recorded on published plan %(id)d.") % {"id": outcome.plan_id}
    return text


def open_swap_dialog(parent: QWidget, db: Database, week: RosterWeek, posts: Sequence[PostInfo], *,
                     first: str, on_swapped: Done) -> SwapDialog:
    """The swap dialog for one member of the week, offering as partners that week's other holders and every
    member without a post that week."""
    others = [(code, name) for code, name in rotation_people(db) if code not in week_holders(week)]
    dialog = SwapDialog(db, week, posts, first=first, others=others, parent=parent, on_swapped=on_swapped)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class WeekChangeDialog(QDialog):
    """A change to one week of the roster (a swap, a release): the week, the rows a subclass adds for its
    members, a reason asked for on a published week (and recorded), the rule check shown as the choice changes
    (`check`, `_show_problems`), and OK once the rules and the reason allow it."""

    def __init__(self, db: Database, week: RosterWeek, parent: QWidget | None, on_done: Callable[[Any], None] | None
                 ) -> None:
        super().__init__(parent)
        self.db = db
        self.week = week
        self.on_done = on_done
        self.outcome: Any = None
        self.problems: list[str] = []
        self.week_label = QLabel()
        self.week_label.setStyleSheet("font-weight: 600;")
        self.reason = QLineEdit()
        self.reason.setMaxLength(SWAP_REASON_MAX)
        self.reason.setMinimumWidth(360)
        self.reason_hint = QLabel()
        self.reason_hint.setWordWrap(True)
        self.reason_hint.setStyleSheet(status_style("muted"))
        self.problems_label = message_label()
        self.labels = {"week": QLabel(), "reason": QLabel()}
        self.form = QFormLayout()
        self.form.addRow(self.labels["week"], self.week_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_member_row(self, name: str, widget: QWidget) -> None:
        self.labels[name] = QLabel()
        self.labels[name].setBuddy(widget)
        self.form.addRow(self.labels[name], widget)

    def finish_layout(self) -> None:
        """The reason's rows (on a published week only), the rule check and the buttons, below the members."""
        self.form.addRow(self.labels["reason"], self.reason)
        self.form.addRow("", self.reason_hint)
        self.labels["reason"].setBuddy(self.reason)
        self.form.setRowVisible(self.reason, self.week.published)
        self.form.setRowVisible(self.reason_hint, self.week.published)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.reason.textChanged.connect(lambda _t: self._update_buttons())

    def retranslate_week(self, *, reason_example: str, reason_hint: str) -> None:
        self.labels["week"].setText(_("Week:"))
        self.labels["reason"].setText(_("&Reason:"))
        self.week_label.setText(week_span(self.week.week_start) + (
            "" if self.week.published else "  · " + _("draft")))
        self.reason.setPlaceholderText(reason_example)
        self.reason_hint.setText(reason_hint)

    def check(self) -> bool:  # pragma: no cover — each dialog overrides it
        raise NotImplementedError

    def _show_problems(self) -> None:  # pragma: no cover — each dialog overrides it
        raise NotImplementedError

    def _update_buttons(self) -> None:
        reason_ok = not self.week.published or bool(self.reason.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.problems and reason_ok)

    def may_save(self) -> bool:
        """The rules asked once more, and the reason given where the week is published."""
        return self.check() and (not self.week.published or bool(self.reason.text().strip()))

    def run_change(self, change: Callable[[str | None], Any]) -> None:
        """`change(reason)` on the worker; the dialog closes when it is made."""
        reason = self.reason.text().strip() or None
        self.buttons.setEnabled(False)
        run_op(self, lambda: change(reason), on_success=self._done, on_failure=self._failed)

    def _done(self, outcome: Any) -> None:
        self.outcome = outcome
        self.buttons.setEnabled(True)
        if self.on_done is not None:
            self.on_done(outcome)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(error, ProblemsFound):  # the week changed since the check: show what the rules say now
            self.problems = [sentence(line) for line in error.lines()]
            self._show_problems()
            self._update_buttons()
            return True
        return False


class SwapDialog(WeekChangeDialog):
    def __init__(self, db: Database, week: RosterWeek, posts: Sequence[PostInfo], *, first: str | None = None,
                 second: str | None = None, others: Sequence[tuple[str, str]] = (), parent: QWidget | None = None,
                 on_swapped: Done | None = None) -> None:
        """`others`: (code, name) of members without a post that week who could take one over."""
        super().__init__(db, week, parent, on_swapped)
        self.held = week_holders(week)
        self.post_names = {post.code: post.name for post in posts}
        self.first = member_combo()
        self.second = member_combo()
        add_holders((self.first, self.second), self.held, self.post_names)
        self.free = {code: name for code, name in sorted(others, key=lambda o: o[1].casefold())
                     if code not in self.held}
        for code in self.free:
            self.second.addItem("", code)  # labelled in retranslate_ui ("… — no post this week")
        self.after = QLabel()
        self.after.setWordWrap(True)
        self.after.setStyleSheet(status_style("muted"))
        self.add_member_row("first", self.first)
        self.add_member_row("second", self.second)
        self.form.addRow("", self.after)
        self.finish_layout()
        if first is not None and self.first.findData(first) >= 0:
            self.first.setCurrentIndex(self.first.findData(first))
        if second is not None and self.second.findData(second) >= 0:
            self.second.setCurrentIndex(self.second.findData(second))
        elif self.second.count() > 1 and self.second.currentData() == self.first.currentData():
            self.second.setCurrentIndex(1)
        self.first.currentIndexChanged.connect(lambda _i: self.check())
        self.second.currentIndexChanged.connect(lambda _i: self.check())
        self.retranslate_ui()  # checks the swap, too

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Swap posts"))
        self.retranslate_week(reason_example=_("e.g. medical appointment"),
                              reason_hint=_("This week is published: the swap is recorded with its reason."))
        self.labels["first"].setText(_("&Member:"))
        self.labels["second"].setText(_("S&wap with:"))
        for index in range(self.second.count()):
            code = self.second.itemData(index)
            if code in self.free:
                self.second.setItemText(index, _("%(name)s (%(code)s) — no post this week")
                                        % {"name": self.free[code], "code": code})
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Swap"))
        self.check()

    # -- checking

    def codes(self) -> tuple[str | None, str | None]:
        return self.first.currentData(), self.second.currentData()

    def check(self) -> bool:
        """Ask the rules now (a read): the problems are shown and the Swap button follows them."""
        first, second = self.codes()
        self.problems = []
        if first is None or second is None:
            self.problems = [_("Choose two members.")]
        elif first == second:
            self.problems = [_("A member cannot swap with themselves.")]
        else:
            try:
                self.problems = [sentence(p.translated()) for p in check_swap(
                    self.db, week_start=self.week.week_start, first_code=first, second_code=second)]
            except CoopdeskError as error:
                self.problems = [sentence(line) for line in error.lines()]
        self._show_after(first, second)
        self._show_problems()
        self._update_buttons()
        return not self.problems

    def _show_problems(self) -> None:
        show_rule_check(self.problems_label, self.problems, broken=_("This swap breaks the rotation rules:"),
                        kept=_("The swap keeps every rotation rule."))

    def _show_after(self, first: str | None, second: str | None) -> None:
        if first is None or second is None or first == second:
            self.after.setText("")
            return
        nothing = _("no post")

        def where(code: str) -> str:
            held = self.held.get(code)
            return self.post_names.get(held[1], held[1]) if held else nothing

        def name(code: str) -> str:
            return self.held[code][0] if code in self.held else self.free.get(code, code)

        self.after.setText(_("After the swap, %(first)s holds %(first_post)s and %(second)s holds %(second_post)s.")
                           % {"first": name(first), "first_post": where(second), "second": name(second),
                              "second_post": where(first)})

    # -- swapping

    def save(self) -> None:
        first, second = self.codes()
        if first is None or second is None or not self.may_save():
            return
        db, monday = self.db, self.week.week_start
        self.run_change(lambda reason: swap_members(db, week_start=monday, first_code=first, second_code=second,
                                                    reason=reason))
