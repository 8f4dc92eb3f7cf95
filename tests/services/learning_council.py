"""A small council for the learning tests: the sample members and posts, a passed and a rejected motion."""

from __future__ import annotations

from pathlib import Path

from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from coopdesk.services.meetings.importing import import_meeting
from coopdesk.services.member_import import import_members


def meeting(motions: list[tuple[str, int, int]], *, kind: str = "council", organ: str = "workers_council") -> dict:
    """A meeting of M001–M010 (workers), all present, with these (text, yes, no) open motions."""
    return {"title": "Sesión del Consejo de Trabajadores", "kind": kind, "organ": organ,
            "starts_at": "2026-12-01T09:00", "quorum": "none",
            "attendance": {f"M{i:03d}": "present" for i in range(1, 11)},
            "items": [{"title": "Punto único", "motions": [
                {"text": text, "method": "open", "majority": "simple",
                 "counts": {"yes": yes, "no": no, "abstain": 0}} for text, yes, no in motions]}]}


def build(db: Database, data_dir: Path) -> tuple[int, int]:
    """Members and posts in; returns the ids of a passed and of a rejected motion."""
    import_members(db, path=data_dir / "members.csv")
    rotation.import_posts(db, path=data_dir / "posts.csv")
    import_meeting(db, data=meeting([("Aprobar el plan de rotación y reconocer la formación", 8, 1),
                                     ("Suspender la rotación", 1, 8)]))
    return 1, 2
