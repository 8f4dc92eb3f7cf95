"""Completing a member's name as typed, by the one matcher (`name_matches`): accents, case, word order and parts of
words aside. The pickers of meetings and of the ledger share it."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCompleter

from coopdesk.domain.members import name_matches

# What an item is matched on ("M001 — Maryuri Ana López Torres"); its display text stays as it is shown.
MATCH_ROLE = Qt.ItemDataRole.UserRole + 7


class _MatchingRows(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        if query != self.query:
            self.beginFilterChange()
            self.query = query
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        text = self.sourceModel().index(source_row, 0, source_parent).data(MATCH_ROLE)
        return bool(text) and name_matches(self.query, str(text))


class NameCompleter(QCompleter):
    """A popup of the members whose code or name holds every word typed."""

    def __init__(self, items: QStandardItemModel, parent: QObject | None = None) -> None:
        self.matching = _MatchingRows(parent)
        self.matching.setSourceModel(items)
        super().__init__(self.matching, parent)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def splitPath(self, path: str) -> list[str]:
        # The rows are chosen here by the matcher; Qt's own prefix match is given nothing to narrow.
        self.matching.set_query(path)
        return [""]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")
