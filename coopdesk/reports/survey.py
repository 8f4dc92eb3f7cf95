"""The learning survey's results (`report survey`): per area, each wave's answers and mean, and the share who
improved since the wave before. Anonymous in aggregate: a group of fewer than five answers shows its count and
no mean. The data is a `coopdesk.services.survey.SurveySummary` (described here by the protocols it meets)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from reportlab.platypus import Flowable, Spacer

from coopdesk.domain.settings import Council
from coopdesk.i18n import N_, format_mean, format_share
from coopdesk.reports import SEPARATOR
from coopdesk.reports.base import Report
from coopdesk.reports.tables import data_table, fitted_widths

NO_VALUE = "—"


class AreaData(Protocol):
    code: str
    name_es: str
    name_en: str
    active: bool


class WaveData(Protocol):
    id: int
    name: str
    opened_on: date


class ResultData(Protocol):
    n: int
    mean: Decimal | None


class ImprovementData(Protocol):
    n: int
    improved: Decimal | None


class SummaryData(Protocol):
    waves: Sequence[WaveData]
    areas: Sequence[AreaData]

    def result(self, wave_id: int, area_code: str) -> ResultData: ...

    def improvement(self, wave_id: int, area_code: str) -> ImprovementData | None: ...


class SurveyReport(Report):
    title = N_("Learning survey")
    subject = N_("Each area's mean per wave and the share who improved; no mean under five answers")

    def __init__(self, *, council: Council, lang: str, summary: SummaryData,
                 generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.summary = summary

    def story(self) -> list[Flowable]:
        labels, summary = self.labels, self.summary
        if not summary.waves:
            return [self.para(labels.t(N_("No survey waves yet.")))]
        story: list[Flowable] = [self.para(labels.t(N_(
            "Members rate themselves from 1 to 5 in each area. Only counts and means are shown, and no mean for "
            "fewer than 5 answers.")), self.styles.small), Spacer(0, 6)]
        for wave in summary.waves:
            story.append(self.heading(f"{wave.name} — {labels.date(wave.opened_on)}"))
            story.append(self._wave(wave))
            story.append(Spacer(0, 8))
        return story

    def _name(self, area: AreaData) -> str:
        names = [area.name_en if lang.startswith("en") else area.name_es for lang in self.labels.languages]
        return SEPARATOR.join(dict.fromkeys(names))

    def _wave(self, wave: WaveData) -> Flowable:
        labels = self.labels
        header = [labels.t(N_("Area")), labels.t(N_("Answers")), labels.t(N_("Mean (1–5)")),
                  labels.t(N_("Improved since the wave before"))]
        rows = []
        for area in self.summary.areas:
            result = self.summary.result(wave.id, area.code)
            if result.mean is not None:
                mean = format_mean(result.mean, labels.primary.lang)
            else:
                mean = labels.t(N_("no mean (fewer than 5 answers)")) if result.n else NO_VALUE
            change = self.summary.improvement(wave.id, area.code)
            improved = "" if change is None else (
                format_share(change.improved, labels.primary.lang) if change.improved is not None
                else labels.t(N_("fewer than 5 to compare")))
            rows.append([self._name(area), labels.number(result.n), mean, improved])
        # The figures as wide as their headers' words and values; the area's name takes the rest and wraps.
        numbers = [min(max(width, self.width / 7), self.width / 4)
                   for width in fitted_widths(header, rows, (1, 2, 3))]
        return data_table(header, rows, [self.width - sum(numbers), *numbers], right=(1, 2, 3))
