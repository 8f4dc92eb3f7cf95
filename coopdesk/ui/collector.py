"""Python's garbage collector, run on the GUI thread only.

Python collects in whichever thread happens to allocate when a threshold is crossed. On the worker thread
that could destroy Qt objects (a closed dialog and its timers) away from the thread that owns them, and Qt
crashes. So automatic collection stays off while the window lives, and a timer on the GUI thread collects
by the same thresholds (as Anki does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """The generations whose counts passed their thresholds, youngest first (what gc would have done)."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        """Automatic collection again (the window is gone, or a test is over)."""
        self.timer.stop()
        gc.collect()
        gc.enable()
