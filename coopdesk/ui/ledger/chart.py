"""A small line chart drawn with QPainter (QtCharts is not a dependency): one line per series over the same
points in time, a legend, money on the vertical axis, and the value under the mouse as a tip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coopdesk.ui.colors import series_color, status_color
from coopdesk.ui.ledger.common import money


def axis_money(cents: int) -> str:
    """Gridline labels without cents when they are whole (they are round by construction)."""
    if cents % 100:
        return money(cents)
    from coopdesk.i18n import CURRENCY_SYMBOLS, format_figure

    return f"{CURRENCY_SYMBOLS['VES']}\u00a0{format_figure(cents // 100, digits=0)}"


MARGIN = 10


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # cents, one per point


def nice_step(span: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 × 10^n cents) giving about `ticks` gridlines over `span`."""
    raw = max(1, span // ticks)
    magnitude = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


class LineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_data(self, labels: Sequence[str], series: Sequence[Series], empty_text: str = "") -> None:
        self.labels, self.series, self.empty_text = list(labels), list(series), empty_text
        self.update()

    def color(self, index: int) -> QColor:
        return series_color(index, self.palette())

    # -- geometry

    def _range(self) -> tuple[int, int, int]:
        values = [value for series in self.series for value in series.values] or [0]
        low, high = min(0, *values), max(0, *values)
        step = nice_step(high - low or 100)
        low = (low // step) * step
        high = -(-high // step) * step or step
        return low, high, step

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 8 if self.series else 0

    def _plot(self) -> QRectF:
        low, high, step = self._range()
        metrics = self.fontMetrics()
        axis = max(metrics.horizontalAdvance(axis_money(value)) for value in range(low, high + 1, step)) + 8
        top = MARGIN + self._legend_height()
        return QRectF(MARGIN + axis, top, self.width() - 2 * MARGIN - axis,
                      self.height() - top - MARGIN - metrics.height() - 6)

    def _point(self, plot: QRectF, index: int, value: int) -> QPointF:
        low, high, _step = self._range()
        count = max(1, len(self.labels) - 1)
        x = plot.left() + (plot.width() * index / count if len(self.labels) > 1 else plot.width() / 2)
        y = plot.bottom() - plot.height() * (value - low) / ((high - low) or 1)
        return QPointF(x, y)

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_color = palette.color(QPalette.ColorRole.Text)
        if not self.labels or not self.series:
            painter.setPen(status_color("muted", palette))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        plot = self._plot()
        self._draw_grid(painter, plot, text_color)
        self._draw_x_labels(painter, plot, text_color)
        for index, series in enumerate(self.series):
            pen = QPen(self.color(index), 2)
            painter.setPen(pen)
            path = QPainterPath()
            for position, value in enumerate(series.values):
                point = self._point(plot, position, value)
                if position == 0:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
            painter.drawPath(path)
            if len(series.values) <= 40:  # dots while they stay apart
                painter.setBrush(self.color(index))
                for position, value in enumerate(series.values):
                    painter.drawEllipse(self._point(plot, position, value), 2.5, 2.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        self._draw_legend(painter, text_color)

    def _draw_grid(self, painter: QPainter, plot: QRectF, text_color: QColor) -> None:
        low, high, step = self._range()
        metrics = self.fontMetrics()
        grid = QColor(text_color)
        grid.setAlpha(40)
        for value in range(low, high + 1, step):
            y = self._point(plot, 0, value).y()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            label = axis_money(value)
            painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1),
                             label)

    def _draw_x_labels(self, painter: QPainter, plot: QRectF, text_color: QColor) -> None:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(label) for label in self.labels) + 12
        every = max(1, int(len(self.labels) * widest / max(plot.width(), 1)) + 1)
        painter.setPen(text_color)
        y = plot.bottom() + metrics.height() + 2
        for index in range(0, len(self.labels), every):
            x = self._point(plot, index, 0).x()
            width = metrics.horizontalAdvance(self.labels[index])
            left = min(max(x - width / 2, 0), self.width() - width)
            painter.drawText(QPointF(left, y), self.labels[index])

    def _draw_legend(self, painter: QPainter, text_color: QColor) -> None:
        metrics = self.fontMetrics()
        x, y = float(self._plot().left()), MARGIN + metrics.ascent()
        for index, series in enumerate(self.series):
            painter.fillRect(QRectF(x, y - metrics.ascent() + 3, 14, metrics.ascent() - 4), self.color(index))
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 20, y), series.name)
            x += 20 + metrics.horizontalAdvance(series.name) + 18

    # -- the value under the mouse

    def value_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(series, point) nearest the position, if it is within a few pixels."""
        if not self.labels or not self.series:
            return None
        plot = self._plot()
        best, found = 12.0 ** 2, None
        for index, series in enumerate(self.series):
            for position, value in enumerate(series.values):
                point = self._point(plot, position, value)
                distance = (point.x() - x) ** 2 + (point.y() - y) ** 2
                if distance <= best:
                    best, found = distance, (index, position)
        return found

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        where = event.position()
        found = self.value_at(where.x(), where.y())
        if found is None:
            QToolTip.hideText()
            return
        series = self.series[found[0]]
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{series.name}\n{self.labels[found[1]]}: {money(series.values[found[1]])}", self)
