"""Charts for the reports, drawn with reportlab's graphics and legible in black and white: series differ by
grey level and outline (bars) or by dash and marker (lines), never by colour alone, and every chart has its
legend. Texts (already translated) and numbers (already formatted) come from the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from coopdesk.reports.base import FONT

FILLS = (colors.Color(0.2, 0.2, 0.2), colors.Color(0.62, 0.62, 0.62), colors.white)  # dark, mid, white outlined
DASHES = (None, (4, 2), (1, 2), (6, 2, 1, 2))
MARKERS = ("FilledSquare", "FilledCircle", "FilledTriangle", "FilledDiamond")
SIZE = 7.0
LEGEND_HEIGHT = 16.0


def _drawing(width: float, height: float) -> Drawing:
    return Drawing(width, height, initialFontName=FONT)  # the embedded font, never Helvetica


def _legend(drawing: Drawing, names: Sequence[str], *, lines: bool, y: float = 4.0) -> None:
    """Swatch and name of each series in a row at the foot of the chart."""
    x = 40.0
    for index, name in enumerate(names):
        if lines:
            drawing.add(Line(x, y + 3, x + 18, y + 3, strokeColor=colors.black, strokeWidth=1.1,
                             strokeDashArray=DASHES[index % len(DASHES)]))
            marker = makeMarker(MARKERS[index % len(MARKERS)], size=3.5)
            marker.x, marker.y = x + 9, y + 3
            drawing.add(marker)
        else:
            drawing.add(Rect(x + 4, y, 10, 7, fillColor=FILLS[index % len(FILLS)], strokeColor=colors.black,
                             strokeWidth=0.4))
        drawing.add(String(x + 22, y, name, fontName=FONT, fontSize=SIZE))
        x += 22 + stringWidth(name, FONT, SIZE) + 14


def _axis_labels(chart, formatter: Callable[[float], str] | None) -> None:  # type: ignore[no-untyped-def]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = FONT, SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    if formatter is not None:
        chart.valueAxis.labelTextFormat = formatter


def bar_chart(categories: Sequence[str], series: Sequence[Sequence[float]], names: Sequence[str], width: float,
              height: float = 170.0, *, value_format: Callable[[float], str] | None = None,
              stacked: bool = False, horizontal: bool = False, value_max: float | None = None) -> Drawing:
    """Bars per category, one bar (or one stacked part) per series."""
    drawing = _drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 110.0 if horizontal else 40.0
    chart.x, chart.y = left, 24.0 + (LEGEND_HEIGHT if len(names) > 1 else 0)
    chart.width, chart.height = width - left - 10, height - chart.y - 10
    chart.data = [list(values) for values in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.valueAxis.valueMin = 0
    if value_max is not None:
        chart.valueAxis.valueMax = value_max
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing, chart.groupSpacing = 0.5, 3
    for index in range(len(series)):
        chart.bars[index].fillColor = FILLS[index % len(FILLS)]
        chart.bars[index].strokeColor = colors.black
        chart.bars[index].strokeWidth = 0.4
    _axis_labels(chart, value_format)
    if horizontal:
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
    elif len(categories) > 8:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(chart)
    if len(names) > 1:
        _legend(drawing, names, lines=False)
    return drawing


def line_chart(xs: Sequence[float], series: Sequence[Sequence[float]], names: Sequence[str], width: float,
               height: float = 170.0, *, x_format: Callable[[float], str],
               value_format: Callable[[float], str] | None = None) -> Drawing:
    """One line per series over the same x values (ordinal days, say), each with its own dash and marker."""
    drawing = _drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 56.0, 24.0 + LEGEND_HEIGHT
    plot.width, plot.height = width - 66, height - plot.y - 10
    plot.data = [list(zip(xs, values, strict=True)) for values in series]
    for index in range(len(series)):
        line = plot.lines[index]
        line.strokeColor = colors.black
        line.strokeWidth = 1.1
        line.strokeDashArray = DASHES[index % len(DASHES)]
        line.symbol = makeMarker(MARKERS[index % len(MARKERS)], size=3.5)
    plot.xValueAxis.labelTextFormat = x_format
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(xs), max(xs)
    plot.yValueAxis.valueMin = 0
    for labels in (plot.xValueAxis.labels, plot.yValueAxis.labels):
        labels.fontName, labels.fontSize = FONT, SIZE
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    if value_format is not None:
        plot.yValueAxis.labelTextFormat = value_format
    drawing.add(plot)
    _legend(drawing, names, lines=True)
    return drawing


