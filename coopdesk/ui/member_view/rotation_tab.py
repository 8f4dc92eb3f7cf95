""""My rotation": the rotation section's member view, locked to the signed-in member."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coopdesk.persistence.database import Database
from coopdesk.ui.rotation.member_view import MemberRotationView


def rotation_widget(db: Database, member_code: str, parent: QWidget | None = None) -> QWidget:
    """The member's next weeks — what, where, with whom — with no picker for anyone else."""
    return MemberRotationView(db, parent, member_code=member_code)
