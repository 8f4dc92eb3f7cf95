"""The survey: its waves, the answers brought in from paper, and the anonymous results — a chart of each area's
mean per wave with the share who improved, and the same figures in a table (for screen readers and copying).
Secretaries see these aggregates only: no screen here shows one member's answers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import N_, _, current_language, format_mean, format_share
from coopdesk.services.survey import AnswerImportSummary, SurveySummary, SurveyWave, import_answers, survey_summary
from coopdesk.ui.colors import status_style
from coopdesk.ui.common import Col, LazyTab, RowsModel, message_label, show_message
from coopdesk.ui.learning.survey_chart import SurveyChart
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import fit_columns, make_table
from coopdesk.ui.rotation.posts_tab import CSV_FILTER


@dataclass(frozen=True)
class ResultRow:
    area: str
    wave: str
    n: int
    mean: Decimal | None
    improved: Decimal | None
    compared: int | None  # members who answered this wave and the one before; None for the first wave


def _mean(row: ResultRow) -> str:
    if row.mean is not None:
        return format_mean(row.mean)
    return _("no mean (fewer than 5 answers)") if row.n else "—"


def _improved(row: ResultRow) -> str:
    if row.compared is None:
        return ""
    return format_share(row.improved) if row.improved is not None else _("fewer than 5 to compare")


COLUMNS = [
    Col(N_("Area"), lambda r: r.area),
    Col(N_("Wave"), lambda r: r.wave),
    Col(N_("Answers"), lambda r: str(r.n), right=True),
    Col(N_("Mean (1–5)"), _mean, right=True),
    Col(N_("Improved since the wave before"), _improved, right=True),
]


def result_rows(summary: SurveySummary) -> list[ResultRow]:
    lang = current_language()
    rows = []
    for area in summary.areas:
        for wave in summary.waves:
            result, change = summary.result(wave.id, area.code), summary.improvement(wave.id, area.code)
            rows.append(ResultRow(area.name(lang), wave.name, result.n, result.mean,
                                  None if change is None else change.improved, None if change is None else change.n))
    return rows


class SurveyTab(LazyTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: SurveySummary | None = None
        self.wave_label = QLabel()
        self.wave_box = QComboBox()
        self.wave_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a wave's whole name
        self.open_button = QPushButton()
        self.import_button = QPushButton()
        self.areas_button = QPushButton()
        self.areas_button.clicked.connect(self.edit_areas)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_results)
        self.open_button.clicked.connect(self.open_wave)
        self.import_button.clicked.connect(self.choose_import_file)
        self.notice = message_label(status_style("good"))
        self.explained = QLabel()
        self.explained.setWordWrap(True)
        self.chart = SurveyChart()
        self.model = RowsModel(COLUMNS, self)
        self.table = make_table(self.model, self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        buttons.addWidget(self.wave_label)
        buttons.addWidget(self.wave_box)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.areas_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.explained)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.open_button, self.import_button, self.areas_button)

    def retranslate_ui(self) -> None:
        self.wave_label.setText(_("Wave:"))
        self.wave_box.setAccessibleName(_("Survey wave"))
        self.open_button.setText(_("Open a wave…"))
        self.import_button.setText(_("Import answers…"))
        self.areas_button.setText(_("Areas…"))
        self.print_button.setText(_("Print…"))
        self.explained.setText(_("Members rate themselves from 1 to 5 in each area, on paper or in their own "
                                 "window. Only counts and means are shown, and no mean for fewer than 5 answers."))
        self.chart.setAccessibleName(_("Chart of each area's mean per wave"))
        self.chart.setAccessibleDescription(_("The same figures are in the table below the chart."))
        self.table.setAccessibleName(_("Survey results per area and wave"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.summary is not None:
            self._show(self.summary)

    def reload(self) -> None:
        db = self.db
        if db is None:
            self._show(None)
            return
        run_op(self, lambda: survey_summary(db), on_success=self._show)

    def _show(self, summary: SurveySummary | None) -> None:
        self.summary = summary
        self.chart.set_summary(summary)
        self.model.set_rows(result_rows(summary) if summary else [])
        fit_columns(self.table)
        chosen = self.wave_box.currentData()
        self.wave_box.clear()
        for wave in reversed(summary.waves if summary else ()):
            self.wave_box.addItem(wave.name, wave.id)
        index = self.wave_box.findData(chosen)
        self.wave_box.setCurrentIndex(max(index, 0))
        self.import_button.setEnabled(self.wave_box.count() > 0)
        self.open_button.setEnabled(self.db is not None)
        self.areas_button.setEnabled(self.db is not None)
        self.print_button.setEnabled(bool(summary and summary.waves))

    def print_results(self) -> QWidget | None:
        """The anonymous results as a PDF, previewed, printed or saved."""
        from coopdesk.services.survey import survey_report
        from coopdesk.ui.common import open_report

        db = self.db
        if db is None:
            return None
        return open_report(db, self, title=N_("Learning survey"), render=lambda lang: survey_report(db, lang=lang),
                           file_stem="encuesta")

    def edit_areas(self) -> QWidget | None:
        """The council's list of areas; the results are read again when it closes."""
        from coopdesk.ui.learning.areas_dialog import AreasDialog

        if self.db is None:
            return None
        dialog = AreasDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload())
        dialog.open()
        return dialog

    def open_wave(self) -> QWidget | None:
        from coopdesk.ui.learning.wave_dialog import WaveDialog

        if self.db is None:
            return None
        return WaveDialog.open_for(self, self.db, on_opened=self._opened)

    def _opened(self, wave: SurveyWave) -> None:
        show_message(self.notice, _("Survey wave '%(name)s' is open; import its answers, or members answer in "
                                    "their own window.") % {"name": wave.name})
        self.wave_box.insertItem(0, wave.name, wave.id)
        self.wave_box.setCurrentIndex(0)
        self.reload()

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import survey answers"), str(Path.home()),
                                                    _(CSV_FILTER))
        if path:
            self.import_from(path)

    def import_from(self, path: str | Path) -> None:
        db, target, wave_id = self.db, Path(path), self.wave_box.currentData()
        if db is None or wave_id is None:
            return

        def done(summary: AnswerImportSummary) -> None:
            show_message(self.notice, _("Survey answers: %(created)d added, %(updated)d updated, %(unchanged)d "
                                        "unchanged, from %(members)d members.") % {
                "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged,
                "members": summary.members})
            self.reload()

        run_op(self, lambda: import_answers(db, wave_id=wave_id, path=target), on_success=done,
               progress=_("Importing the survey answers…"))
