"""Stacked bars per member drawn with QPainter (QtCharts is not a dependency): each member's weeks in each
category, stacked in the categories' colours, with a tick where each category's fair share would end; a
legend, an axis of weeks, and the member's figures as a tip under the mouse."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coopdesk.domain.rotation import CATEGORIES, Category
from coopdesk.i18n import _
from coopdesk.ui.colors import status_color
from coopdesk.ui.rotation.common import category_color, number

MARGIN = 10
MIN_SLOT = 8  # pixels per member below which the chart asks for more room (it sits in a scroll area)
MAX_BAR = 34


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar (a member code)
    title: str  # the tip's first line (the member's name)
    weeks: Sequence[int]  # one per category, in CATEGORIES order
    fair: Sequence[float]  # the fair share of each category

    @property
    def total(self) -> int:
        return sum(self.weeks)


def nice_step(top: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20…) giving about `ticks` gridlines up to `top`."""
    raw = max(1, top // ticks)
    magnitude = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


class CategoryBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._axis_width() + 2 * MARGIN + len(self.bars) * MIN_SLOT, 240)

    def set_bars(self, bars: Sequence[Bar], empty_text: str = "") -> None:
        self.bars, self.empty_text = list(bars), empty_text
        self.updateGeometry()
        self.update()

    @staticmethod
    def color(category: Category) -> QColor:
        return category_color(category)

    # -- geometry

    def _top(self) -> tuple[int, int]:
        high = max([bar.total for bar in self.bars] + [max((sum(b.fair) for b in self.bars), default=0)] + [1])
        step = nice_step(int(high))
        return (-(-int(high + 0.999) // step) * step) or step, step

    def _axis_width(self) -> int:
        top, _step = self._top() if self.bars else (10, 1)
        return self.fontMetrics().horizontalAdvance(str(top)) + 10

    def _label_height(self) -> int:
        metrics = self.fontMetrics()
        if self._rotated():
            return max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0) + 8
        return metrics.height() + 6

    def _slot(self) -> float:
        width = self.width() - 2 * MARGIN - self._axis_width()
        return width / max(1, len(self.bars))

    def _rotated(self) -> bool:
        widest = max((self.fontMetrics().horizontalAdvance(bar.label) for bar in self.bars), default=0)
        return widest + 6 > self._slot()

    def _plot(self) -> QRectF:
        rows = 1 + max(y for _x, y, _label in self._legend_places()) if self.bars else 1
        top = MARGIN + rows * (self.fontMetrics().height() + 4) + 6  # the legend
        left = MARGIN + self._axis_width()
        return QRectF(left, top, self.width() - left - MARGIN, self.height() - top - MARGIN - self._label_height())

    def _bar_rect(self, plot: QRectF, index: int) -> QRectF:
        slot = plot.width() / max(1, len(self.bars))
        width = min(MAX_BAR, max(3.0, slot * 0.7))
        return QRectF(plot.left() + slot * index + (slot - width) / 2, plot.top(), width, plot.height())

    def _y(self, plot: QRectF, weeks: float) -> float:
        top, _step = self._top()
        return plot.bottom() - plot.height() * weeks / top

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        if not self.bars:
            painter.setPen(status_color("muted", palette))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        plot = self._plot()
        self._draw_grid(painter, plot, text)
        # the fair-share marks in the text's colour over a band of the background's, readable on any bar
        halo, marker = QPen(palette.color(QPalette.ColorRole.Base), 4), QPen(text, 2)
        for index, bar in enumerate(self.bars):
            rect = self._bar_rect(plot, index)
            base = 0
            for category, weeks in zip(CATEGORIES, bar.weeks, strict=True):
                if weeks:
                    painter.fillRect(QRectF(rect.left(), self._y(plot, base + weeks), rect.width(),
                                            self._y(plot, base) - self._y(plot, base + weeks)), self.color(category))
                base += weeks
            share = 0.0
            for fair in bar.fair[:-1]:  # where each category would end with fair shares (the last is the top)
                share += fair
                y = self._y(plot, share)
                for pen in (halo, marker):
                    painter.setPen(pen)
                    painter.drawLine(QPointF(rect.left() - 2, y), QPointF(rect.right() + 2, y))
        self._draw_labels(painter, plot, text)
        self._draw_legend(painter, text)

    def _draw_grid(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        top, step = self._top()
        metrics = self.fontMetrics()
        grid = QColor(text)
        grid.setAlpha(40)
        for weeks in range(0, top + 1, step):
            y = self._y(plot, weeks)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = str(weeks)
            painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1),
                             label)

    def _draw_labels(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        metrics = self.fontMetrics()
        painter.setPen(text)
        rotated = self._rotated()
        slot = plot.width() / max(1, len(self.bars))
        every = max(1, math.ceil(metrics.height() / slot)) if rotated else 1  # codes never overlap; tips name all
        for index, bar in enumerate(self.bars):
            if index % every:
                continue
            rect = self._bar_rect(plot, index)
            if rotated:
                painter.save()
                painter.translate(rect.center().x() + metrics.ascent() / 2 - 1, plot.bottom() + 4)
                painter.rotate(-90)
                painter.drawText(QPointF(-metrics.horizontalAdvance(bar.label), 0), bar.label)
                painter.restore()
            else:
                width = metrics.horizontalAdvance(bar.label)
                painter.drawText(QPointF(rect.center().x() - width / 2, plot.bottom() + metrics.height()), bar.label)

    def legend_items(self) -> list[str]:
        return [_(category.label) for category in CATEGORIES] + [_("fair share")]

    def _legend_places(self) -> list[tuple[float, int, str]]:
        """(x, row, label) of each legend item: a narrow chart takes its legend on two rows or more."""
        metrics = self.fontMetrics()
        places, x, row = [], float(MARGIN), 0
        for label in self.legend_items():
            width = 20 + metrics.horizontalAdvance(label)
            if x > MARGIN and x + width > self.width() - MARGIN:
                x, row = float(MARGIN), row + 1
            places.append((x, row, label))
            x += width + 18
        return places

    def _draw_legend(self, painter: QPainter, text: QColor) -> None:
        metrics = self.fontMetrics()
        for index, (x, row, label) in enumerate(self._legend_places()):
            y = MARGIN + metrics.ascent() + row * (metrics.height() + 4)
            if index < len(CATEGORIES):
                painter.fillRect(QRectF(x, y - metrics.ascent() + 2, 14, metrics.ascent() - 2),
                                 self.color(CATEGORIES[index]))
            else:
                painter.setPen(QPen(text, 2))
                middle = y - metrics.ascent() / 2 + 1
                painter.drawLine(QPointF(x, middle), QPointF(x + 14, middle))
            painter.setPen(text)
            painter.drawText(QPointF(x + 20, y), label)

    # -- the figures under the mouse

    def bar_at(self, x: float, y: float) -> int | None:
        if not self.bars:
            return None
        plot = self._plot()
        if not plot.top() <= y <= self.height():
            return None
        slot = plot.width() / len(self.bars)
        index = int((x - plot.left()) // slot) if x >= plot.left() else -1
        return index if 0 <= index < len(self.bars) else None

    def tip(self, index: int) -> str:
        bar = self.bars[index]
        lines = [bar.title]
        for category, weeks, fair in zip(CATEGORIES, bar.weeks, bar.fair, strict=True):
            lines.append(_("%(category)s: %(weeks)d (fair share %(fair)s)") % {
                "category": _(category.label), "weeks": weeks, "fair": number(fair)})
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        where = event.position()
        index = self.bar_at(where.x(), where.y())
        if index is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.tip(index), self)
