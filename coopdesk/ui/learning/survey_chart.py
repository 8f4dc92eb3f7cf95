"""The survey's results drawn with QPainter (QtCharts is not a dependency): one row per area, a bar per wave
for its mean on the 1–5 scale (in the palette's colours, in wave order), a dashed empty bar where a group had
fewer than five answers, and at the right the share who improved since the wave before the last. The same
figures stand in the table beside it, for screen readers and for copying."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coopdesk.domain.learning import SCORE_MAX
from coopdesk.i18n import _, current_language, format_mean, format_share, ngettext
from coopdesk.services.survey import SurveySummary
from coopdesk.ui.colors import series_color, status_color

MARGIN = 10
MAX_WAVES = 6  # the latest waves drawn; the table holds them all
ROW_GAP = 6


class SurveyChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: SurveySummary | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(760, 460)

    def set_summary(self, summary: SurveySummary | None) -> None:
        self.summary = summary
        self.update()

    def waves(self):  # type: ignore[no-untyped-def]
        return list(self.summary.waves[-MAX_WAVES:]) if self.summary else []

    def areas(self):  # type: ignore[no-untyped-def]
        return [area for area in self.summary.areas if area.active] if self.summary else []

    def color(self, index: int) -> QColor:
        return series_color(index, self.palette())

    # -- geometry

    def _label_width(self) -> int:
        lang = current_language()
        widest = max((self.fontMetrics().horizontalAdvance(a.name(lang)) for a in self.areas()), default=0)
        return min(widest + 8, self.width() // 3)

    def _improved_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(_("improved")) + 24

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        top = MARGIN + 2 * (metrics.height() + 4)  # legend, then the scale's numbers
        left = MARGIN + self._label_width()
        return QRectF(left, top, self.width() - left - MARGIN - self._improved_width(),
                      self.height() - top - MARGIN)

    def _row(self, plot: QRectF, index: int) -> QRectF:
        height = plot.height() / max(1, len(self.areas()))
        return QRectF(plot.left(), plot.top() + index * height, plot.width(), height)

    def _x(self, plot: QRectF, score: float) -> float:
        return plot.left() + plot.width() * score / SCORE_MAX

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        muted = status_color("muted", palette)
        waves, areas = self.waves(), self.areas()
        if not waves or not areas:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _("No survey waves yet: open one, then import the answers or let members answer."))
            return
        plot = self._plot()
        metrics = self.fontMetrics()
        self._draw_legend(painter, text)
        grid = QColor(text)
        grid.setAlpha(40)
        for score in range(SCORE_MAX + 1):
            x = self._x(plot, score)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawText(QPointF(x - metrics.horizontalAdvance(str(score)) / 2, plot.top() - 4), str(score))
        painter.drawText(QPointF(plot.right() + 16, plot.top() - 4), _("improved"))
        lang = current_language()
        for row_index, area in enumerate(areas):
            row = self._row(plot, row_index)
            label = metrics.elidedText(area.name(lang), Qt.TextElideMode.ElideRight, self._label_width() - 8)
            painter.setPen(text)
            painter.drawText(QRectF(MARGIN, row.top(), self._label_width() - 8, row.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), label)
            bar_height = max(2.0, (row.height() - ROW_GAP) / len(waves))
            for wave_index, wave in enumerate(waves):
                result = self.summary.result(wave.id, area.code)
                bar = QRectF(plot.left(), row.top() + ROW_GAP / 2 + wave_index * bar_height, 0, bar_height - 1)
                if result.mean is not None:
                    bar.setRight(self._x(plot, float(result.mean)))
                    painter.fillRect(bar, self.color(len(self.summary.waves) - len(waves) + wave_index))
                elif result.n:
                    bar.setRight(self._x(plot, 1))
                    painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                    painter.drawRect(bar)
            change = self.summary.improvement(waves[-1].id, area.code)
            if change is not None and change.improved is not None:
                painter.setPen(text)
                painter.drawText(QRectF(plot.right() + 16, row.top(), self._improved_width(), row.height()),
                                 int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                                 format_share(change.improved))

    def _draw_legend(self, painter: QPainter, text: QColor) -> None:
        metrics = self.fontMetrics()
        x, y = float(MARGIN), MARGIN + metrics.ascent()
        first = len(self.summary.waves) - len(self.waves())
        for index, wave in enumerate(self.waves()):
            painter.fillRect(QRectF(x, y - metrics.ascent() + 2, 14, metrics.ascent() - 2), self.color(first + index))
            painter.setPen(text)
            painter.drawText(QPointF(x + 20, y), wave.name)
            x += 20 + metrics.horizontalAdvance(wave.name) + 18
        note = _("dashed: fewer than 5 answers, no mean")
        painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(x, y - metrics.ascent() + 2, 14, metrics.ascent() - 3))
        painter.setPen(text)
        painter.drawText(QPointF(x + 20, y), note)

    # -- the figures under the mouse

    def tip_at(self, x: float, y: float) -> str | None:
        areas = self.areas()
        if not areas or not self.waves():
            return None
        plot = self._plot()
        if not plot.top() <= y < plot.bottom():
            return None
        area = areas[min(len(areas) - 1, int((y - plot.top()) // (plot.height() / len(areas))))]
        lines = [area.name(current_language())]
        for wave in self.waves():
            result = self.summary.result(wave.id, area.code)
            answers = ngettext("%(count)d answer", "%(count)d answers", result.n) % {"count": result.n}
            mean = format_mean(result.mean) if result.mean is not None else _("no mean (fewer than 5 answers)")
            lines.append(f"{wave.name}: {mean} · {answers}")
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        where = event.position()
        tip = self.tip_at(where.x(), where.y())
        if tip is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)
