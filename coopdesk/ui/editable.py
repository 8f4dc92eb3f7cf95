"""What a part of the window does in a read-only window (another coopdesk window is editing the database)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


class Editable:
    """A part of the window with controls that change data. In a read-only window they are hidden: the main window
    calls set_editable() on each section when the database changes, each section passes it on to its parts, and
    `editable` is what a key, a double-click or a context menu checks before it changes anything."""

    editable = True

    def set_editable(self, editable: bool) -> None:
        if editable != self.editable:
            for control in self.write_controls():
                control.setHidden(not editable)
        self.editable = editable

    def write_controls(self) -> Iterable[QWidget]:
        """The buttons that change data (hidden in a read-only window); what only reads stays."""
        return ()
