"""Who is looking at the needs and incidents, from who signed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdesk.domain.needs import Viewer
from coopdesk.persistence.database import Database
from coopdesk.services.overview import has_users

if TYPE_CHECKING:
    from coopdesk.services.users import User


def viewer_of_user(user: User | None) -> Viewer:
    """A signed-in user's view; None is the single-user desk of a council without users (full view)."""
    return Viewer.desk() if user is None else Viewer.of(user.role, user.member_code)


def viewer_of_cli(db: Database, user: User | None = None) -> Viewer:
    """The command line's view: the signed-in user's; nobody signed in on a database that has users sees
    no private name (reading commands stay open on a local file)."""
    if user is not None:
        return viewer_of_user(user)
    return Viewer.anonymous() if has_users(db) else Viewer.desk()
