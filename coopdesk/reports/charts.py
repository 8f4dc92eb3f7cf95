"""Charts for the reports, drawn with reportlab's graphics and legible in black and white: series differ by
grey level and outline (bars) or by dash and marker (lines), never by colour alone, and every chart has its
legend. Texts (already translated) and numbers (already formatted) come from the report."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from coopdesk.reports import Labels
from coopdesk.reports.style import FONT

FILLS = (colors.Color(0.2, 0.2, 0.2), colors.Color(0.62, 0.62, 0.62), colors.white)  # dark, mid, white outlined
DASHES = (None, (4, 2), (1, 2), (6, 2, 1, 2))
MARKERS = ("FilledSquare", "FilledCircle", "FilledTriangle", "FilledDiamond")
SIZE = 7.0
LEGEND_ROW = 12.0
LABEL_ROOM = 16.0  # points along a category axis for each (slanted) label
LEGEND_LEFT = 40.0


def _drawing(width: float, height: float) -> Drawing:
    return Drawing(width, height, initialFontName=FONT)  # the embedded font, never Helvetica


def _legend_rows(names: Sequence[str], width: float) -> list[list[int]]:
    """The series' indexes in rows that fit `width` (a narrow column of "es+en" takes more rows)."""
    rows: list[list[int]] = [[]]
    x = LEGEND_LEFT
    for index, name in enumerate(names):
        step = 22 + stringWidth(name, FONT, SIZE) + 14
        if rows[-1] and x + step > width:
            rows.append([])
            x = LEGEND_LEFT
        rows[-1].append(index)
        x += step
    return rows


def _legend(drawing: Drawing, names: Sequence[str], *, lines: bool) -> None:
    """Swatch and name of each series, in rows at the foot of the chart."""
    rows = _legend_rows(names, drawing.width)
    for row_number, row in enumerate(rows):
        x, y = LEGEND_LEFT, 4.0 + LEGEND_ROW * (len(rows) - 1 - row_number)
        for index in row:
            if lines:
                drawing.add(Line(x, y + 3, x + 18, y + 3, strokeColor=colors.black, strokeWidth=1.1,
                                 strokeDashArray=DASHES[index % len(DASHES)]))
                marker = makeMarker(MARKERS[index % len(MARKERS)], size=3.5)
                marker.x, marker.y = x + 9, y + 3
                drawing.add(marker)
            else:
                drawing.add(Rect(x + 4, y, 10, 7, fillColor=FILLS[index % len(FILLS)], strokeColor=colors.black,
                                 strokeWidth=0.4))
            drawing.add(String(x + 22, y, names[index], fontName=FONT, fontSize=SIZE))
            x += 22 + stringWidth(names[index], FONT, SIZE) + 14


def _legend_height(names: Sequence[str], width: float) -> float:
    return LEGEND_ROW * len(_legend_rows(names, width)) + 4


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
    chart.x, chart.y = left, 24.0 + (_legend_height(names, width) if len(names) > 1 else 0)
    chart.width, chart.height = width - left - 10, height - chart.y - 10
    chart.data = [list(values) for values in series]
    # At most one label every LABEL_ROOM points along the axis: a narrow chart labels every other bar.
    step = 1 if horizontal else max(1, math.ceil(len(categories) * LABEL_ROOM / chart.width))
    chart.categoryAxis.categoryNames = [name if index % step == 0 else "" for index, name in enumerate(categories)]
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
    plot.x, plot.y = 56.0, 24.0 + _legend_height(names, width)
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




def balances_chart(labels: Labels, days: Sequence[date], balances: Sequence[Sequence[int]], names: Sequence[str],
                   width: float) -> Drawing:
    """Each fund's balance (cents) at each day, in Bs., months along the axis: the funds report's and the annual
    report's chart."""
    return line_chart([day.toordinal() for day in days], [[cents / 100 for cents in fund] for fund in balances],
                      names, width, x_format=lambda x: labels.skeleton(date.fromordinal(int(x)), "MMM"),
                      value_format=lambda v: labels.number(int(v)))
