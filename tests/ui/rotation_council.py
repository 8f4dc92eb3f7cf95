"""The sample council every Rotation widget test starts from: tests/data CSVs imported through the services."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from coopdesk.services.member_import import import_members

START = date(2027, 1, 4)  # a Monday; the sample leave lies in January–March 2027


def this_monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


def sample_council(db: Database, data_dir: Path) -> Database:
    """40 members, 11 posts (some needing a skill, with trainee places) and a few periods of leave."""
    import_members(db, path=data_dir / "members.csv")
    rotation.import_posts(db, path=data_dir / "posts.csv")
    rotation.import_leave(db, path=data_dir / "leave.csv")
    return db
