"""`report roster`: the wall sheet of a range of weeks, or one page per member, as PDF bytes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coopdesk.domain.errors import InvalidInput, UsageError
from coopdesk.domain.planner.planner import MAX_WEEKS
from coopdesk.i18n import N_, format_date
from coopdesk.persistence.database import Database
from coopdesk.reports import report_languages
from coopdesk.services.council import get_council
from coopdesk.services.rotation._store import require_monday
from coopdesk.services.rotation.leave import list_leave
from coopdesk.services.rotation.views import roster_grid, schedules_from_grid


def roster_report(db: Database, *, start: date, weeks: int, lang: str, per_member: bool = False,
                  generated_at: datetime | None = None) -> bytes:
    """The roster of `weeks` weeks from the Monday `start` in "es", "en" or "es+en"; with `per_member`, one
    page per member who holds a post in those weeks. Nothing planned there is invalid input."""
    report_languages(lang)  # checked before any work is done
    require_monday(start)
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(N_("A plan runs from 1 to %(max)d weeks, not %(weeks)d."), max=MAX_WEEKS, weeks=weeks)
    grid = roster_grid(db, start=start, weeks=weeks)
    if not grid.planned:
        raise InvalidInput(N_("Nothing is planned in the %(weeks)d weeks from %(start)s; plan the rotation first."),
                           weeks=weeks, start=format_date(start))
    council = get_council(db)
    # reportlab is loaded only when a report is really made, so other commands start fast.
    from coopdesk.reports.roster import MemberRosterReport, RosterReport

    if not per_member:
        return RosterReport(council=council, lang=lang, grid=grid, generated_at=generated_at).render()
    last = start + timedelta(weeks=weeks, days=-1)
    schedules = schedules_from_grid(grid, list_leave(db, first=start, last=last))
    return MemberRosterReport(council=council, lang=lang, start=start, weeks=weeks, schedules=schedules,
                              generated_at=generated_at).render()
