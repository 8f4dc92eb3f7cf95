"""PDF reports as one user action each: load what the report shows, render it, return the PDF bytes."""

from __future__ import annotations

from datetime import datetime

from coopdesk.persistence.database import Database
from coopdesk.reports import report_languages
from coopdesk.services.council import get_council
from coopdesk.services.members import all_members


def members_report(db: Database, *, lang: str, generated_at: datetime | None = None) -> bytes:
    """The register of members in "es", "en" or "es+en" (anything else is a UsageError)."""
    report_languages(lang)  # checked before any work is done
    # reportlab is loaded only when a report is really made, so other commands start fast.
    from coopdesk.reports.members import MembersReport

    members = all_members(db)
    council = get_council(db)
    return MembersReport(council=council, lang=lang, members=members, generated_at=generated_at).render()
