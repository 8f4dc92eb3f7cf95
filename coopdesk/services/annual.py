"""The annual report (`report annual --year Y`, docs/cli.md): the council's year gathered from the meetings,
the rotation, the ledger, the needs and the learning survey into one `AnnualAccount`, then printed (reportlab
loaded only then)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.annual import (
    AgreementLine,
    AnnualAccount,
    FundLine,
    MeetingLine,
    OwedFundLine,
    PeriodLine,
    RotationLine,
)
from coopdesk.domain.errors import UsageError
from coopdesk.domain.ledger import FundPayer
from coopdesk.domain.meeting_record import agreements_of
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.rotation import CATEGORIES, PlanState
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AssignmentRecord,
    HoursRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MemberRecord,
    PayPeriodRecord,
    PostRecord,
    RotationPlanRecord,
)
from coopdesk.reports import report_languages
from coopdesk.services.council import get_council
from coopdesk.services.ledger.entries import fund_balances
from coopdesk.services.meetings._detail import load_detail
from coopdesk.services.meetings.printing import acta_number
from coopdesk.services.needs.printing import needs_year
from coopdesk.services.survey import SurveySummary, survey_summary

HELD = (MeetingState.CLOSED, MeetingState.APPROVED)


def annual_account(db: Database, *, year: int) -> AnnualAccount:
    """Everything the annual report shows about `year`."""
    if not 1900 <= year <= 9999:
        raise UsageError(N_("'%(year)s' is not a year."), year=year)
    first, end = date(year, 1, 1), date(year + 1, 1, 1)
    with db.read() as session:
        meetings, agreements = _meetings(session, first, end)
        rotation = _rotation(session, first, end)
        periods = _periods(session, year)
    balances = fund_balances(db, year=year)
    funds = tuple(FundLine(fund.name, balances.opening[index], balances.closing[index],
                           tuple((row.ends_on, row.balances[index]) for row in balances.rows))
                  for index, fund in enumerate(balances.funds))
    owed = tuple(OwedFundLine(a.name, a.owed_cents, a.deposited_cents, a.arrears_since)
                 for a in balances.accounts if a.paid_by is FundPayer.MANAGEMENT)
    # a past year's commitments are overdue as of its last day; the current year's as of today
    needs = needs_year(db, year=year, today=min(date.today(), date(year, 12, 31)))
    return AnnualAccount(council=get_council(db), year=year, meetings=meetings, agreements=agreements,
                         categories=tuple(category.label for category in CATEGORIES), rotation=rotation,
                         periods=periods, funds=funds, owed_funds=owed,
                         extra={"needs": needs, "learning": waves_of_year(survey_summary(db), year)})


def waves_of_year(summary: SurveySummary, year: int) -> SurveySummary:
    """The survey's waves opened in `year`, with the wave before the first of them (what they are compared
    with); the share who improved is each wave's against the one before it, as in the survey report."""
    waves = list(summary.waves)
    inside = [index for index, wave in enumerate(waves) if wave.opened_on.year == year]
    if not inside:
        return dataclasses.replace(summary, waves=())
    return dataclasses.replace(summary, waves=tuple(waves[max(0, inside[0] - 1):inside[-1] + 1]))


def annual_report(db: Database, *, year: int, lang: str, generated_at: datetime | None = None) -> bytes:
    report_languages(lang)
    from coopdesk.reports.annual import AnnualReport

    return AnnualReport(account=annual_account(db, year=year), lang=lang, generated_at=generated_at).render()


def _meetings(session: Session, first: date, end: date) -> tuple[tuple[MeetingLine, ...], tuple[AgreementLine, ...]]:
    meetings: list[MeetingLine] = []
    agreements: list[AgreementLine] = []
    records = session.scalars(select(MeetingRecord).where(
        MeetingRecord.state.in_(HELD), MeetingRecord.starts_at >= datetime.combine(first, datetime.min.time()),
        MeetingRecord.starts_at < datetime.combine(end, datetime.min.time()))
        .order_by(MeetingRecord.starts_at, MeetingRecord.id))
    for record in records:
        detail = load_detail(session, record)
        number = acta_number(session, record)
        found = agreements_of(detail) if detail.quorum_met else ()
        c = detail.counters
        meetings.append(MeetingLine(detail.id, number, detail.title, detail.kind, detail.starts_at.date(),
                                    c.entitled, c.present_voters, c.quorum_met, len(found)))
        agreements += [AgreementLine(detail.starts_at.date(), number, agreement.text, tuple(
            (action.description, action.status, action.due_on) for action in agreement.actions))
            for agreement in found]
    return tuple(meetings), tuple(agreements)


def _rotation(session: Session, first: date, end: date) -> tuple[RotationLine, ...]:
    weeks: dict[str, list[int]] = defaultdict(lambda: [0] * len(CATEGORIES))
    names: dict[str, str] = {}
    position = {category: index for index, category in enumerate(CATEGORIES)}
    rows = session.execute(
        select(MemberRecord.code, MemberRecord.full_name, PostRecord.category, func.count())
        .select_from(AssignmentRecord)
        .join(RotationPlanRecord, RotationPlanRecord.id == AssignmentRecord.plan_id)
        .join(PostRecord, PostRecord.id == AssignmentRecord.post_id)
        .join(MemberRecord, MemberRecord.id == AssignmentRecord.member_id)
        .where(RotationPlanRecord.state == PlanState.PUBLISHED, AssignmentRecord.week_start >= first,
               AssignmentRecord.week_start < end)
        .group_by(MemberRecord.code, MemberRecord.full_name, PostRecord.category))
    for code, name, category, count in rows:
        weeks[code][position[category]] += int(count)
        names[code] = name
    return tuple(RotationLine(code, names[code], tuple(weeks[code])) for code in sorted(weeks))


def _periods(session: Session, year: int) -> tuple[PeriodLine, ...]:
    """Pay periods ending in `year`, with what stands posted (a reversed entry and its reversal both left out)."""
    entry = LedgerEntryRecord
    reversed_ids = select(entry.reverses_id).where(entry.reverses_id.is_not(None))
    periods = session.execute(select(PayPeriodRecord.id, PayPeriodRecord.starts_on, PayPeriodRecord.ends_on)
                              .where(PayPeriodRecord.ends_on >= date(year, 1, 1),
                                     PayPeriodRecord.ends_on < date(year + 1, 1, 1))
                              .order_by(PayPeriodRecord.ends_on)).all()
    ids = [row.id for row in periods]
    sums: dict[tuple[int, str], int] = {
        (period_id, kind): int(total) for period_id, kind, total in session.execute(
            select(entry.period_id, entry.kind, func.sum(entry.amount_cents))
            .where(entry.period_id.in_(ids), entry.kind.in_(("gross", "net")), entry.id.not_in(reversed_ids))
            .group_by(entry.period_id, entry.kind))}
    hours = dict(session.execute(select(HoursRecord.period_id, func.sum(HoursRecord.hundredths))
                                 .where(HoursRecord.period_id.in_(ids)).group_by(HoursRecord.period_id)).all())
    return tuple(PeriodLine(row.id, row.starts_on, row.ends_on, int(hours.get(row.id) or 0),
                            sums.get((row.id, "gross"), 0), sums.get((row.id, "net"), 0)) for row in periods)
