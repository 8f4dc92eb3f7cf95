"""The Learning section: the learning survey (its waves, answers from paper, the anonymous results).

The tabs are built the first time the section is shown (SectionPage)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.ui.common import SectionPage


class _Context(QObject):
    """What the tabs share: only the database, for now."""

    def set_database(self, db: Database | None) -> None:
        self.db = db


class LearningPage(SectionPage):
    TABS = (N_("Learning survey"),)

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.retranslate_ui()

    def build_tabs(self) -> list[Any]:
        from coopdesk.ui.learning.survey_tab import SurveyTab

        self.context = _Context(self)
        self.survey = SurveyTab()
        return [self.survey]

    def retranslate_ui(self) -> None:
        self.title.setText(_("Learning"))
        super().retranslate_ui()
