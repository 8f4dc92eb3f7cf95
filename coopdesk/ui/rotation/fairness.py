"""The fairness report of a plan, as `rotation plan` prints it: each figure beside its floor (the least any
plan could reach), the training that would lower a floor the skills force, and per member the weeks in each
category against the fair share, burden, trainee weeks and distinct posts — with the stacked-bar chart."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from coopdesk.domain.planner import MemberFigures, WishesMet
from coopdesk.domain.rotation import CATEGORIES
from coopdesk.i18n import N_, _, format_date, ngettext
from coopdesk.services.rotation.dto import PlanInfo
from coopdesk.services.rotation.figures import figure_lines, member_rows, training_lines
from coopdesk.services.skills import Candidate
from coopdesk.ui.colors import status_fill, status_style
from coopdesk.ui.rotation.chart import Bar, CategoryBars
from coopdesk.ui.rotation.common import (
    SORT_ROLE,
    Col,
    RowsModel,
    fit_columns,
    make_table,
    number,
    title_font,
)

SLACK = 0.005
FIGURES_WIDTH = 440
MEMBERS_MIN_HEIGHT = 220
CHART_MIN_HEIGHT = 280  # figures are stored rounded to 3 decimals


def _column(index: int, header: str, sort: Any, right: bool = True, tip: Any = None) -> Col:
    return Col(header, lambda row: row[1][index], right=right, sort=sort, tip=tip)


def _burden_tip(row: tuple[MemberFigures, list[str]]) -> str:
    member = row[0]
    return _("%(points)d burden points (fair share %(fair)s)") % {"points": member.burden_points,
                                                                    "fair": number(member.burden_fair_share)}


MEMBER_COLUMNS = [
    _column(0, N_("Code"), None, right=False),
    _column(1, N_("Name"), None, right=False, tip=lambda row: row[1][1]),
    _column(2, N_("Weeks"), lambda row: row[0].weeks),
    *(_column(3 + i, category.label, lambda row, c=category: row[0].category_weeks[c])
      for i, category in enumerate(CATEGORIES)),
    _column(3 + len(CATEGORIES), N_("Burden"), lambda row: row[0].average_burden, tip=_burden_tip),
    _column(4 + len(CATEGORIES), N_("Trainee"), lambda row: row[0].trainee_weeks),
    _column(5 + len(CATEGORIES), N_("Posts"), lambda row: row[0].distinct_posts),
]


class MemberFiguresModel(RowsModel):
    """Per member: the same cells as the CLI's table, kept as numbers for sorting; a category far from its
    fair share is tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MEMBER_COLUMNS, parent)
        self.figures: list[MemberFigures] = []
        self.names: Mapping[str, str] = {}

    def set_figures(self, figures: Sequence[MemberFigures], names: Mapping[str, str]) -> None:
        self.figures, self.names = list(figures), names
        self.set_rows(self._rows())

    def _rows(self) -> list[tuple[MemberFigures, list[str]]]:
        return list(zip(self.figures, member_rows(self.figures, self.names), strict=True))

    def retranslate(self) -> None:
        self.rows = self._rows()  # numbers are written in the new language's way
        super().retranslate()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole) and index.isValid() \
                and 3 <= index.column() < 3 + len(CATEGORIES):
            member = self.rows[index.row()][0]
            if abs(member.deviation(CATEGORIES[index.column() - 3])) <= 1:
                return None
            # a category more than a week from the fair share: tinted, and in bold for those who cannot see the tint
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return QBrush(status_fill("amber"))
        return super().data(index, role)


class FairnessPanel(QWidget):
    member_chosen = Signal(str)  # a member named in the training advice was clicked (their code)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: PlanInfo | None = None
        self.summary: Mapping[str, object] = {}
        self.closest: Mapping[str, Sequence[Candidate]] = {}
        self.wishes_met: WishesMet = WishesMet()
        self.title = QLabel()
        title_font(self.title)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(status_style("muted"))
        self.figures = QWidget()
        self.figures_grid = QGridLayout(self.figures)
        self.figures_grid.setContentsMargins(0, 0, 0, 0)
        self.figures_grid.setHorizontalSpacing(14)
        self.figures_grid.setVerticalSpacing(3)
        self.figures_grid.setColumnStretch(0, 1)
        self.headings = [QLabel() for _column in range(3)]
        for column, label in enumerate(self.headings):
            label.setStyleSheet("font-weight: 600;")
            self.figures_grid.addWidget(label, 0, column, Qt.AlignmentFlag.AlignRight if column else
                                        Qt.AlignmentFlag.AlignLeft)
        self.figure_labels: list[tuple[QLabel, QLabel, QLabel]] = []
        self.training_title = QLabel()
        self.training_title.setStyleSheet("font-weight: 600;")
        self.training = QLabel()
        self.training.setWordWrap(True)
        self.training.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.training.setTextFormat(Qt.TextFormat.RichText)
        self.training.linkActivated.connect(lambda link: self.member_chosen.emit(link.removeprefix("member:")))
        self.members_model = MemberFiguresModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.members_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.members = make_table(self.proxy, stretch=False)
        self.members.setSortingEnabled(True)
        self.members.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.wishes = QLabel()
        self.wishes.setWordWrap(True)
        self.members_note = QLabel()
        self.members_note.setWordWrap(True)
        self.members_note.setStyleSheet(status_style("muted"))
        self.chart = CategoryBars()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.figures)
        left_layout.addSpacing(8)
        left_layout.addWidget(self.training_title)
        left_layout.addWidget(self.training)
        left_layout.addSpacing(8)
        left_layout.addWidget(self.wishes)
        left_layout.addStretch(1)
        left.setMinimumWidth(FIGURES_WIDTH)  # the figures' labels are long: never squeeze them to a column
        # Layouts, not splitters: a box layout gives the wrapped labels the height their width needs.
        top = QHBoxLayout()
        top.addWidget(left, 2)
        top.addWidget(scroll, 3)
        self.members.setMinimumHeight(MEMBERS_MIN_HEIGHT)
        self.chart.setMinimumHeight(CHART_MIN_HEIGHT)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.addWidget(self.subtitle)
        body_layout.addLayout(top, 3)
        body_layout.addWidget(self.members_note)
        body_layout.addWidget(self.members, 2)
        self.body = QScrollArea()  # a small window scrolls the report rather than squeezing it unreadable
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.retranslate_ui()

    def show_figures(self, plan: PlanInfo, summary: Mapping[str, object], per_member: Sequence[MemberFigures],
                     names: Mapping[str, str], *, closest: Mapping[str, Sequence[Candidate]] | None = None,
                     wishes: WishesMet | None = None) -> None:
        """`closest`: for each skill of the training advice, who is closest to it (most trainee weeks); `wishes`:
        the members' wishes the plan meets."""
        self.plan, self.summary, self.closest = plan, summary, closest or {}
        self.wishes_met = wishes or WishesMet()
        self.members_model.set_figures(per_member, names)
        fit_columns(self.members, widest=260)
        self.chart.set_bars([
            Bar(label=m.member_code, title=f"{names.get(m.member_code, '')} ({m.member_code})",
                weeks=[m.category_weeks[c] for c in CATEGORIES], fair=[m.fair_share[c] for c in CATEGORIES])
            for m in per_member])
        self.retranslate_ui()

    def clear(self) -> None:
        self.plan, self.summary, self.closest, self.wishes_met = None, {}, {}, WishesMet()
        self.members_model.set_figures([], {})
        self.chart.set_bars([])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for label, text in zip(self.headings, (_("Figure"), _("This plan"), _("Floor")), strict=True):
            label.setText(text)
        self.headings[2].setToolTip(_("The least any plan could reach with these members, posts and skills"))
        self.training_title.setText(_("Training"))
        self.members_note.setText(_("Per member: weeks in each category (fair share), average burden per week, "
                                    "trainee weeks and distinct posts. Tinted and in bold: more than a week from "
                                    "the fair share."))
        self.members.setAccessibleName(_("Members"))
        self.chart.empty_text = _("No plan chosen.")
        self.members_model.retranslate()
        self._fill_figures()
        self._describe()

    def _describe(self) -> None:
        plan = self.plan
        if plan is None:
            self.title.setText(_("Fairness"))
            self.subtitle.setText("")
            return
        state = _("published") if plan.published else _("draft")
        self.title.setText(_("Fairness of plan %(id)d (%(state)s)") % {"id": plan.id, "state": state})
        parts = [ngettext("%(weeks)d week from %(first)s to %(last)s", "%(weeks)d weeks from %(first)s to %(last)s",
                          plan.weeks) % {"weeks": plan.weeks, "first": format_date(plan.starts_on),
                                         "last": format_date(plan.ends_on)},
                 _("seed %(seed)d") % {"seed": plan.seed}]
        if plan.swaps:
            parts.append(ngettext("%(count)d swap", "%(count)d swaps", plan.swaps) % {"count": plan.swaps})
        history = int(self.summary.get("history_weeks", 0) or 0)  # type: ignore[call-overload]
        text = " · ".join(parts)
        if history:
            text += "\n" + ngettext("The fairness counts continue from %(count)d published week before the plan.",
                                    "The fairness counts continue from %(count)d published weeks before the plan.",
                                    history) % {"count": history}
        self.subtitle.setText(text)

    def _fill_figures(self) -> None:
        lines = figure_lines(self.summary) if self.summary else []
        while len(self.figure_labels) < len(lines):
            row = len(self.figure_labels) + 1
            labels = (QLabel(), QLabel(), QLabel())
            labels[0].setWordWrap(True)
            for column, label in enumerate(labels):
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.figures_grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
                                            if column else Qt.AlignmentFlag.AlignTop)
            self.figure_labels.append(labels)
        at_floor = self._at_floor()
        for index, labels in enumerate(self.figure_labels):
            line = lines[index] if index < len(lines) else None
            for label, text in zip(labels, (line.label, line.value, line.floor or "") if line else ("", "", ""),
                                   strict=True):
                label.setText(text)
                label.setVisible(line is not None)
            tone = None if index not in at_floor else "good" if at_floor[index] else "warning"
            labels[1].setStyleSheet(status_style(tone, bold=True) if tone else "")
        for label in self.headings:
            label.setVisible(bool(lines))
        if not self.summary:
            self.training.setText("")
            self.wishes.hide()
            return
        self.training.setText(self._training_html())
        met = self.wishes_met
        self.wishes.setVisible(bool(met.wishes))
        self.wishes.setText(_("Members' wishes met: %(met)d of %(wishes)d (to learn a post: %(learn_met)d of "
                              "%(learn)d; to avoid one: %(avoid_met)d of %(avoid)d). Wishes count only where the "
                              "fairness figures stay as they are.") % {"met": met.met, "wishes": met.wishes,
                                                                      **met.as_dict()})

    def _training_html(self) -> str:
        """The advice, each with links to the members closest to the skill (most trainee weeks)."""
        advice = training_lines(self.summary)
        if not advice:
            return html.escape(_("No training needed: the skills members hold force no inequality in this plan."))
        skills = [str(item["skill"]) for item in self.summary.get("training") or []]  # type: ignore[union-attr]
        lines = []
        for skill, line in zip(skills, advice, strict=True):
            text = "• " + html.escape(line)
            people = self.closest.get(skill, ())
            if people:
                links = ", ".join(
                    f'<a href="member:{html.escape(p.member_code)}">{html.escape(p.full_name)}</a> '
                    + html.escape(ngettext("(%(weeks)d trainee week)", "(%(weeks)d trainee weeks)",
                                           p.trainee_weeks) % {"weeks": p.trainee_weeks}) for p in people)
                text += "<br>&nbsp;&nbsp;" + html.escape(_("Closest:")) + " " + links
            lines.append(text)
        return "<br>".join(lines)

    def _at_floor(self) -> dict[int, bool]:
        """Line index -> whether the figure has reached its floor (for the lines that have one)."""
        def value(key: str) -> float | None:
            found = self.summary.get(key)
            return float(found) if isinstance(found, int | float) else None

        found: dict[int, bool] = {}
        pairs = (("max_category_deviation", "skill_floor", "deviation_floor"),
                 ("max_burden_deviation", "burden_skill_floor", "burden_floor"))
        for index, (figure, skill, closed) in enumerate(pairs):
            reached, floor = value(figure), value(skill)
            floor = value(closed) if floor is None else floor
            if reached is not None and floor is not None:
                found[index] = reached <= floor + SLACK
        for index, key in ((4, "never_did_a_category"), (5, "quarter_misses")):  # their floor is 0
            count = value(key)
            if count is not None:
                found[index] = count == 0
        return found
