""""My learning": the signed-in member answers the learning survey (1 to 5 in each area) and sees beside each
answer the council's mean — none for a group of fewer than five answers. The member's own answers are shown to
that member only; this is the one place of the member's window that writes, and it writes only them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.learning import SCORE_MAX, SCORE_MIN
from coopdesk.i18n import _, current_language, format_mean, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services import survey
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op, show_error


class SurveyTab(QWidget):
    def __init__(self, db: Database, member_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, member_code
        self.areas: list[survey.SurveyArea] = []
        self.summary: survey.SurveySummary | None = None
        self.wave_label = QLabel()
        self.wave = QComboBox()
        self.wave.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a wave's whole name
        self.wave_label.setBuddy(self.wave)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(status_style("muted"))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        self.grid = QGridLayout()
        self.heads = [QLabel() for _ in range(3)]
        for column, head in enumerate(self.heads):
            head.setStyleSheet("font-weight: 600;")
            self.grid.addWidget(head, 0, column)
        self.names: list[QLabel] = []
        self.scores: list[QComboBox] = []
        self.means: list[QLabel] = []
        body = QWidget()
        body.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        bar = QHBoxLayout()
        bar.addWidget(self.wave_label)
        bar.addWidget(self.wave)
        bar.addStretch(1)
        bar.addWidget(self.saved)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        self.load()
        self.wave.currentIndexChanged.connect(lambda _i: self.show_wave())
        self.retranslate_ui()

    def load(self) -> None:
        try:
            self.areas = survey.list_areas(self.db, active_only=True)
            self.summary = survey.survey_summary(self.db)
        except CoopdeskError as error:
            show_error(self, error)
            return
        self.wave.blockSignals(True)
        self.wave.clear()
        for wave in reversed(self.summary.waves):
            self.wave.addItem(wave.name, wave.id)
        self.wave.blockSignals(False)
        for row, _area in enumerate(self.areas, start=1):
            name, score, mean = QLabel(), QComboBox(), QLabel()
            score.addItem("—", None)
            for value in range(SCORE_MIN, SCORE_MAX + 1):
                score.addItem(str(value), value)
            name.setBuddy(score)
            mean.setStyleSheet(status_style("muted"))
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(score, row, 1)
            self.grid.addWidget(mean, row, 2)
            self.names.append(name)
            self.scores.append(score)
            self.means.append(mean)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(self.areas) + 1, 1)  # the rows stay together at the top
        self.show_wave()

    def retranslate_ui(self) -> None:
        self.wave_label.setText(_("&Wave:"))
        self.save_button.setText(_("&Save my answers"))
        self.intro.setText(_("How much do you know or can you do in each area? 1 is little, 5 is a lot. Only you "
                             "see your answers; the council sees counts and means, and no mean for fewer than 5 "
                             "answers."))
        for head, text in zip(self.heads, (_("Area"), _("My answer"), _("Council's mean")), strict=True):
            head.setText(text)
        lang = current_language()
        for area, name, score in zip(self.areas, self.names, self.scores, strict=True):
            name.setText(area.name(lang))
            score.setAccessibleName(_("My answer: %(area)s") % {"area": area.name(lang)})
        self.show_means()
        if not self.wave.count():
            self.intro.setText(_("There is no survey wave yet; the council opens one."))

    def wave_id(self) -> int | None:
        return self.wave.currentData()

    def show_wave(self) -> None:
        wave_id = self.wave_id()
        mine = {} if wave_id is None else survey.my_answers(self.db, member_code=self.member_code, wave_id=wave_id)
        for area, score in zip(self.areas, self.scores, strict=True):
            score.setCurrentIndex(score.findData(mine.get(area.code)))
            score.setEnabled(wave_id is not None)
        self.save_button.setEnabled(wave_id is not None)
        self.saved.clear()
        self.show_means()

    def show_means(self) -> None:
        wave_id = self.wave_id()
        for area, label in zip(self.areas, self.means, strict=True):
            if wave_id is None or self.summary is None:
                label.clear()
                continue
            result = self.summary.result(wave_id, area.code)
            label.setText(format_mean(result.mean) if result.mean is not None
                          else _("no mean (fewer than 5 answers)") if result.n else "—")

    def answers(self) -> dict[str, int]:
        return {area.code: score.currentData() for area, score in zip(self.areas, self.scores, strict=True)
                if score.currentData() is not None}

    def save(self) -> None:
        db, code, wave_id, scores = self.db, self.member_code, self.wave_id(), self.answers()
        if wave_id is None:
            return
        self.save_button.setEnabled(False)

        def done(count: int) -> None:
            self.save_button.setEnabled(True)
            self.summary = survey.survey_summary(self.db)
            self.show_means()
            self.saved.setText(ngettext("%(count)d answer saved.", "%(count)d answers saved.", count)
                               % {"count": count})

        def failed(_error: BaseException) -> bool:
            self.save_button.setEnabled(True)
            return False  # the usual error dialog

        run_op(self, lambda: survey.save_my_answers(db, member_code=code, wave_id=wave_id, scores=scores),
               on_success=done, on_failure=failed)
